"""The diff task in DuckDB's SQL: both versions read, a full outer join on id, the columns
compared. Usage: duckdb_diff.py OLD.csv NEW.csv (prints the counts pandas_diff.py prints)."""
import json
import sys

import duckdb


def main(old_path, new_path):
    db = duckdb.connect()
    for name, path in (("old", old_path), ("new", new_path)):
        db.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [path])
    row = db.execute("""
        SELECT count(*) FILTER (WHERE old.id IS NULL),
               count(*) FILTER (WHERE new.id IS NULL),
               count(*) FILTER (WHERE old.id IS NOT NULL AND new.id IS NOT NULL
                                AND coalesce(old.manager_id, '') <> coalesce(new.manager_id, '')),
               count(*) FILTER (WHERE old.id IS NOT NULL AND new.id IS NOT NULL AND coalesce(old.name, '') <> coalesce(new.name, '')),
               count(*) FILTER (WHERE old.id IS NOT NULL AND new.id IS NOT NULL AND coalesce(old.title, '') <> coalesce(new.title, '')),
               count(*) FILTER (WHERE old.id IS NOT NULL AND new.id IS NOT NULL
                                AND coalesce(old.department, '') <> coalesce(new.department, ''))
        FROM old FULL OUTER JOIN new ON old.id = new.id""").fetchone()
    json.dump({"counts": dict(zip(("joined", "left", "manager", "name", "title", "department"), row))}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
