"""The diff task in plain Python: read two CSV versions, match people by id, and count joiners,
leavers, new managers, renames, new titles and unit moves.
Usage: python_diff.py OLD.csv NEW.csv"""
import csv
import json
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def main(old_path, new_path):
    old, new = read(old_path), read(new_path)
    counts = {"joined": 0, "left": 0, "manager": 0, "name": 0, "title": 0, "department": 0}
    changes = []
    for key, row in new.items():
        before = old.get(key)
        if before is None:
            counts["joined"] += 1
            changes.append(("add", key))
            continue
        for field, label in (("manager_id", "manager"), ("name", "name"), ("title", "title"), ("department", "department")):
            if before[field] != row[field]:
                counts[label] += 1
                changes.append((label, key, before[field], row[field]))
    for key in old:
        if key not in new:
            counts["left"] += 1
            changes.append(("remove", key))
    json.dump({"counts": counts, "changes": len(changes)}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
