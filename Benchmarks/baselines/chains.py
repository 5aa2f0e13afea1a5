"""What every query baseline does once it holds each person's manager: walk 1,000 reporting
chains and find 1,000 first common managers, and print the answers as networkx_queries.py does.
Shared by the baselines that keep a dict of managers (plain Python, polars, igraph)."""
import json
import sys


def read_questions(path):
    """The chain ids and the common-manager pairs of an `orggraph batch` questions file."""
    chains, pairs = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            words = line.split()
            if words and words[0] == "chain":
                chains.append(words[1])
            elif words and words[0] == "common":
                pairs.append((words[1], words[2]))
    return chains, pairs


def answer(manager, chains, pairs):
    """Prints the answers; `manager` maps an id to its manager's id (absent or empty at the top)."""
    def chain(person):
        out = [person]
        while manager.get(out[-1]):
            out.append(manager[out[-1]])
        return out

    results = [{"query": f"chain {p}", "chain": chain(p)} for p in chains]
    for a, b in pairs:
        above_a = set(chain(a))
        results.append({"query": f"common {a} {b}", "manager": next((p for p in chain(b) if p in above_a), None)})
    json.dump({"results": results}, sys.stdout)
