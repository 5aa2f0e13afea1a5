"""The diff task with polars: read both versions (all cores), a full join on id, the columns
compared. Usage: polars_diff.py OLD.csv NEW.csv (prints the counts pandas_diff.py prints)."""
import json
import sys

import polars as pl


def main(old_path, new_path):
    schema = {name: pl.Utf8 for name in ("id", "name", "manager_id", "title", "department")}
    old = pl.read_csv(old_path, schema_overrides=schema).fill_null("")
    new = pl.read_csv(new_path, schema_overrides=schema).fill_null("")
    joined = old.join(new, on="id", how="full", suffix="_new", coalesce=False)
    both = joined.filter(pl.col("id").is_not_null() & pl.col("id_new").is_not_null())
    counts = {
        "joined": joined.filter(pl.col("id").is_null()).height,
        "left": joined.filter(pl.col("id_new").is_null()).height,
    }
    for field, label in (("manager_id", "manager"), ("name", "name"), ("title", "title"), ("department", "department")):
        counts[label] = both.filter(pl.col(field) != pl.col(field + "_new")).height
    json.dump({"counts": counts}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
