"""Each peer's own best stored form of an org, for the warm query task: the id and manager
columns of the CSV as Parquet (polars reads it back) and as a table in a DuckDB database file.
Usage: stored_forms.py ORG.csv OUT.parquet OUT.duckdb"""
import os
import sys

import duckdb
import polars as pl


def main(org_path, parquet_path, duckdb_path):
    frame = pl.read_csv(org_path, columns=["id", "manager_id"], schema_overrides={"id": pl.Utf8, "manager_id": pl.Utf8})
    frame.write_parquet(parquet_path)
    if os.path.exists(duckdb_path):
        os.remove(duckdb_path)
    db = duckdb.connect(duckdb_path)
    db.execute("CREATE TABLE people AS SELECT id, manager_id FROM read_csv(?, header = true, all_varchar = true)", [org_path])
    db.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
