"""The query task with igraph: the org as a directed graph (manager -> report) built from the
CSV's edges, each chain by following the one in-edge of each vertex up, common managers by
comparing two chains. Usage: igraph_queries.py ORG.csv QUERIES.txt."""
import csv
import sys

import igraph as ig

from chains import answer, read_questions


def main(org_path, queries_path):
    with open(org_path, newline="", encoding="utf-8") as handle:
        rows = [(row["manager_id"], row["id"]) for row in csv.DictReader(handle)]
    graph = ig.Graph.TupleList((edge for edge in rows if edge[0]), directed=True)
    names = graph.vs["name"]
    # Each vertex's one predecessor, from the graph's own adjacency.
    manager = {names[v]: names[up[0]] for v, up in enumerate(graph.get_adjlist(mode="in")) if up}
    answer(manager, *read_questions(queries_path))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
