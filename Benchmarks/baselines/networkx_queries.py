"""The query task with networkx, as one would script it: load the CSV into a DiGraph
(manager -> report), then walk 1,000 reporting chains and find 1,000 lowest common ancestors.
Usage: networkx_queries.py ORG.csv QUERIES.txt   (the same questions file as `orggraph batch`)."""
import csv
import json
import sys

import networkx as nx


def main(org_path, queries_path):
    graph = nx.DiGraph()
    with open(org_path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            graph.add_node(row["id"], name=row["name"], title=row["title"], unit=row["department"])
            if row["manager_id"]:
                graph.add_edge(row["manager_id"], row["id"])
    results, pairs = [], []
    with open(queries_path, encoding="utf-8") as handle:
        for line in handle:
            words = line.split()
            if not words:
                continue
            if words[0] == "chain":
                node, chain = words[1], [words[1]]
                while True:
                    parents = list(graph.predecessors(node))
                    if not parents:
                        break
                    node = parents[0]
                    chain.append(node)
                results.append({"query": line.strip(), "chain": chain})
            elif words[0] == "common":
                pairs.append((words[1], words[2]))
    # networkx's fast way for many pairs on a tree: Tarjan's offline algorithm, in one pass.
    # (nx.lowest_common_ancestor per pair walks the whole graph each time: hours at a million.)
    root = next(node for node, degree in graph.in_degree() if degree == 0)
    managers = dict(nx.tree_all_pairs_lowest_common_ancestor(graph, root=root, pairs=pairs))
    results += [{"query": f"common {a} {b}", "manager": managers.get((a, b))} for a, b in pairs]
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
