"""The query task with polars, as one would script it: read_csv (all cores), or read_parquet of
the stored form (stored_forms.py), the id and manager columns to a dict, then the chains and
common managers in Python.
Usage: polars_queries.py ORG.csv|ORG.parquet QUERIES.txt   (the same questions file as `orggraph batch`)."""
import sys

import polars as pl

from chains import answer, read_questions


def main(org_path, queries_path):
    if org_path.endswith(".parquet"):
        frame = pl.read_parquet(org_path, columns=["id", "manager_id"])
    else:
        frame = pl.read_csv(org_path, columns=["id", "manager_id"], schema_overrides={"id": pl.Utf8, "manager_id": pl.Utf8})
    manager = dict(zip(frame["id"].to_list(), frame["manager_id"].to_list()))
    answer(manager, *read_questions(queries_path))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
