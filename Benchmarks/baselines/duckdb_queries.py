"""The query task in DuckDB's SQL: the CSV read into a table, every chain by a recursive CTE
from the 1,000 people asked about and the 2,000 in the pairs, and each pair's first common
manager as the nearest node of one chain that is in the other. Given a database file that
stored_forms.py made, its table is used instead of reading the CSV.
Usage: duckdb_queries.py ORG.csv|ORG.duckdb QUERIES.txt."""
import json
import sys

import duckdb

from chains import read_questions


def main(org_path, queries_path):
    chains, pairs = read_questions(queries_path)
    if org_path.endswith(".duckdb"):
        db = duckdb.connect(org_path, read_only=True)
    else:
        db = duckdb.connect()
        db.execute("CREATE TABLE people AS SELECT id, manager_id FROM read_csv(?, header = true, all_varchar = true)", [org_path])
    starts = sorted(set(chains) | {p for pair in pairs for p in pair})
    db.execute("CREATE TEMP TABLE starts(start VARCHAR)")
    db.executemany("INSERT INTO starts VALUES (?)", [[s] for s in starts])
    db.execute("""
        CREATE TEMP TABLE chain AS
        WITH RECURSIVE walk(start, node, depth) AS (
            SELECT start, start, 0 FROM starts
            UNION ALL
            SELECT walk.start, people.manager_id, walk.depth + 1
            FROM walk JOIN people ON people.id = walk.node
            WHERE people.manager_id IS NOT NULL AND people.manager_id <> ''
        )
        SELECT * FROM walk""")
    found = dict(db.execute("SELECT start, list(node ORDER BY depth) FROM chain GROUP BY start").fetchall())
    db.execute("CREATE TEMP TABLE pairs(i INTEGER, a VARCHAR, b VARCHAR)")
    db.executemany("INSERT INTO pairs VALUES (?, ?, ?)", [[i, a, b] for i, (a, b) in enumerate(pairs)])
    common = dict(db.execute("""
        SELECT pairs.i, arg_min(cb.node, cb.depth)
        FROM pairs JOIN chain cb ON cb.start = pairs.b JOIN chain ca ON ca.start = pairs.a AND ca.node = cb.node
        GROUP BY pairs.i""").fetchall())
    results = [{"query": f"chain {p}", "chain": found[p]} for p in chains]
    results += [{"query": f"common {a} {b}", "manager": common.get(i)} for i, (a, b) in enumerate(pairs)]
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
