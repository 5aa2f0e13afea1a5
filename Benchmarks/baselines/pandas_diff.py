"""The diff task with pandas: read both versions, outer-merge on id, compare the columns.
Usage: pandas_diff.py OLD.csv NEW.csv"""
import json
import sys

import pandas as pd


def main(old_path, new_path):
    columns = {"id": str, "name": str, "manager_id": str, "title": str, "department": str}
    old = pd.read_csv(old_path, dtype=columns, keep_default_na=False)
    new = pd.read_csv(new_path, dtype=columns, keep_default_na=False)
    merged = old.merge(new, on="id", how="outer", suffixes=("_old", "_new"), indicator=True)
    both = merged[merged["_merge"] == "both"]
    counts = {
        "joined": int((merged["_merge"] == "right_only").sum()),
        "left": int((merged["_merge"] == "left_only").sum()),
    }
    for field, label in (("manager_id", "manager"), ("name", "name"), ("title", "title"), ("department", "department")):
        counts[label] = int((both[field + "_old"] != both[field + "_new"]).sum())
    json.dump({"counts": counts}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
