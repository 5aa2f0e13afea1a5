#!/usr/bin/env python3
"""Runs OrgGraph and the tools people would otherwise script (polars, DuckDB, igraph, networkx,
pandas, plain Python), side by side in one run, on the same generated data: it first checks that
every tool gives OrgGraph's answers (the same chains and common managers, the same diff counts),
then runs the tools of each task in turn, run after run, and prints a table of median wall and
CPU times, peak memory and ratios.

  python3 Benchmarks/compare.py [--people 1000000] [--chart 20000] [--runs 3] [--skip-dot]

Needs a release build of orggraph (the wrapper scripts/compare-baselines.sh builds it and
makes the virtual environment with the pinned packages). Timings are whole processes, measured
with /usr/bin/time (wall seconds, user + system seconds and maximum resident set size)."""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_once(command):
    """Wall seconds, CPU seconds (user + system) and peak memory (MB) of one run."""
    with tempfile.NamedTemporaryFile("r") as report:
        completed = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", report.name] + command,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if completed.returncode != 0:
            sys.exit(f"failed ({completed.returncode}): {' '.join(command)}\n{completed.stderr}")
        wall, user, system, kilobytes = report.read().split()[-4:]
    return float(wall), float(user) + float(system), int(kilobytes) / 1024


def measure_side_by_side(commands, runs):
    """Each command run `runs` times, in turn (A B C A B C ...), so that a machine whose speed
    drifts slows them alike: the median wall and CPU seconds of each, and its largest peak."""
    figures = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            figures[index].append(run_once(command))
    return [(statistics.median(f[0] for f in runs_of), statistics.median(f[1] for f in runs_of), max(f[2] for f in runs_of))
            for runs_of in figures]


def answers_of(command):
    """What a command prints, as JSON."""
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if completed.returncode != 0:
        sys.exit(f"failed ({completed.returncode}): {' '.join(command)}\n{completed.stderr}")
    return json.loads(completed.stdout)


def batch_answers(document):
    """OrgGraph's batch answers as the baselines print them: chains as person ids, a common
    manager as its person id."""
    out = []
    for result in document["results"]:
        if "chain" in result:
            out.append({"query": result["query"], "chain": [step["person"] for step in result["chain"]]})
        else:
            manager = result.get("manager")
            out.append({"query": result["query"], "manager": manager["person"] if manager else None})
    return out


def diff_counts(document):
    """OrgGraph's typed diff counted as the table baselines count their joins: people who joined
    and left, and kept people whose manager, name or title changed."""
    ops = [change["op"] for change in document["changes"]]
    return {"joined": ops.count("add-person"), "left": ops.count("remove-person"), "manager": ops.count("set-reports-to"),
            "name": ops.count("rename-person"), "title": ops.count("retitle-post")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--smaller", type=int, default=100_000, help="the size for the growth ratio")
    parser.add_argument("--chart", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-dot", action="store_true", help="leave out the dot program (1-3 minutes)")
    parser.add_argument("--orggraph", default=os.path.join(ROOT, ".build", "release", "orggraph"))
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    og, py = args.orggraph, args.python
    work = tempfile.mkdtemp(prefix="orggraph-compare-")

    def path(name):
        return os.path.join(work, name)

    print(f"generating data in {work}", file=sys.stderr)
    subprocess.run([og, "generate", "--people", str(args.people), "--seed", "1", "-o", path("a.csv"), "--quiet"], check=True)
    subprocess.run([og, "generate", "--churn-from", path("a.csv"), "--seed", "2", "-o", path("b.csv"), "--quiet"], check=True)
    subprocess.run([og, "generate", "--people", str(args.people), "--seed", "1", "-o", path("a.json"), "--quiet"], check=True)
    subprocess.run([og, "generate", "--people", str(args.smaller), "--seed", "1", "-o", path("small.csv"), "--quiet"], check=True)
    subprocess.run([og, "generate", "--people", str(args.chart), "--seed", "1", "-o", path("chart.csv"), "--quiet"], check=True)
    rng = random.Random(3)

    def questions(name, people):
        ids = [f"e{rng.randint(1, people)}" for _ in range(3000)]
        with open(path(name), "w") as out:
            out.writelines(f"chain {i}\n" for i in ids[:1000])
            out.writelines(f"common {ids[1000 + i]} {ids[2000 + i]}\n" for i in range(1000))
        return path(name)

    big_q, small_q = questions("q.txt", args.people), questions("q-small.txt", args.smaller)
    rows = []

    def group(task, tools, runs=args.runs):
        """Times the tools of one task side by side; returns the first one's wall seconds."""
        print(f"  {task}: {', '.join(tool for tool, _ in tools)} ...", file=sys.stderr)
        figures = measure_side_by_side([command for _, command in tools], runs)
        for (tool, _), (wall, cpu, megabytes) in zip(tools, figures):
            rows.append((task, tool, wall, cpu, megabytes))
        return figures[0][0]

    def row(task, tool, command, runs=args.runs):
        return group(task, [(tool, command)], runs)

    def baseline(name):
        return [py, os.path.join(HERE, "baselines", name)]

    n = f"{args.people:,}"
    query = f"{n} people: load + 1,000 chains + 1,000 common managers"
    og_batch = [og, "batch", path("a.csv"), "--input", big_q, "--quiet"]
    peers = [("polars (read_csv, a dict walk)", baseline("polars_queries.py") + [path("a.csv"), big_q]),
             ("DuckDB (recursive CTE)", baseline("duckdb_queries.py") + [path("a.csv"), big_q]),
             ("igraph", baseline("igraph_queries.py") + [path("a.csv"), big_q])]
    # Every tool must give OrgGraph's answers: the same chains and common managers.
    expected = batch_answers(answers_of(og_batch))
    for tool, command in peers + [("networkx", baseline("networkx_queries.py") + [path("a.csv"), big_q])]:
        if answers_of(command)["results"] != expected:
            sys.exit(f"{tool} gives other answers than orggraph batch")
    print("  every tool gives the same chains and common managers", file=sys.stderr)
    og_query = group(query, [("orggraph batch", og_batch)] + peers)
    row(query, "orggraph batch (the same org as normalised JSON)", [og, "batch", path("a.json"), "--input", big_q, "--quiet"])
    # Warm: the same questions from each tool's own stored form of the org, made once before.
    subprocess.run([og, "index", path("a.csv"), "--quiet"], check=True, stderr=subprocess.DEVNULL)
    subprocess.run(baseline("stored_forms.py") + [path("a.csv"), path("a.parquet"), path("a.duckdb")], check=True)
    warm = f"{n} people, warm (each tool's stored form): the same task"
    warm_tools = [("orggraph batch (index file)", [og, "batch", path("a.csv.orgindex"), "--input", big_q, "--quiet"]),
                  ("polars (read_parquet, a dict walk)", baseline("polars_queries.py") + [path("a.parquet"), big_q]),
                  ("DuckDB (database file, recursive CTE)", baseline("duckdb_queries.py") + [path("a.duckdb"), big_q])]
    if batch_answers(answers_of(warm_tools[0][1])) != expected:
        sys.exit("orggraph batch gives other answers from the index file than from the CSV")
    for tool, command in warm_tools[1:]:
        if answers_of(command)["results"] != expected:
            sys.exit(f"{tool} gives other answers than orggraph batch")
    group(warm, warm_tools)
    row(query, "networkx", baseline("networkx_queries.py") + [path("a.csv"), big_q], runs=1)
    # Each command that reads a whole org, once, as CSV and as normalised JSON.
    for ext, label in (("csv", "CSV"), ("json", "normalised JSON")):
        org = path(f"a.{ext}")
        for name, extra in (("validate", []), ("stats", []), ("find", ["Huang"]), ("heads", []), ("chain", ["e42"]),
                            ("export --to json", None)):
            command = [og, "export", org, "--to", "json", "-o", path("export.json"), "--quiet"] if extra is None \
                else [og, name, org] + extra + ["--quiet"]
            row(f"{n} people ({label}): one command", f"orggraph {name}", command)
    diff = f"diff two {n}-person versions"
    versions = [path("a.csv"), path("b.csv")]
    diff_peers = [("DuckDB (full outer join)", baseline("duckdb_diff.py") + versions),
                  ("polars (full join)", baseline("polars_diff.py") + versions),
                  ("pandas (outer merge)", baseline("pandas_diff.py") + versions),
                  ("plain Python", baseline("python_diff.py") + versions)]
    # The same counts: people who joined and left, and kept people whose manager, name or title changed.
    counts = diff_counts(answers_of([og, "diff"] + versions + ["--format", "json"]))
    for tool, command in diff_peers:
        theirs = {key: value for key, value in answers_of(command)["counts"].items() if key in counts}
        if theirs != counts:
            sys.exit(f"{tool} counts {theirs}, orggraph diff {counts}")
    print(f"  every tool counts the same changes: {counts}", file=sys.stderr)
    group(diff, [("orggraph diff", [og, "diff"] + versions)] + diff_peers)
    row(diff + " (every change as JSON)", "orggraph diff --format json", [og, "diff"] + versions + ["--format", "json"])
    # The same two versions as normalised JSON (each exported from its CSV).
    for name in ("a", "b"):
        subprocess.run([og, "export", path(f"{name}.csv"), "--to", "json", "-o", path(f"{name}-export.json"), "--quiet"],
                       check=True, stderr=subprocess.DEVNULL)
    row(diff + " (normalised JSON)", "orggraph diff", [og, "diff", path("a-export.json"), path("b-export.json")])
    chart = f"render a {args.chart:,}-person chart to SVG"
    row(chart, "orggraph render (tidy)", [og, "render", path("chart.csv"), "--layout", "tidy", "-o", path("chart.svg")])
    row(f"render a {args.chart:,}-person chart as an interactive HTML page", "orggraph render (html)",
        [og, "render", path("chart.csv"), "-o", path("chart.html"), "--quiet"])
    if not args.skip_dot:
        subprocess.run([og, "render", path("chart.csv"), "--layout", "dot", "--format", "dot", "-o", path("chart.dot")],
                       check=True, stderr=subprocess.DEVNULL)
        row(chart, "dot -Tsvg", ["dot", "-Tsvg", path("chart.dot"), "-o", path("chart-dot.svg")], runs=1)
    growth = f"growth {args.smaller:,} → {n} (batch task)"
    small = row(growth, f"orggraph batch, {args.smaller:,}", [og, "batch", path("small.csv"), "--input", small_q, "--quiet"])
    warm_growth = f"growth {args.smaller:,} → {n} (batch task, warm)"
    subprocess.run([og, "index", path("small.csv"), "--quiet"], check=True, stderr=subprocess.DEVNULL)
    small_warm = row(warm_growth, f"orggraph batch on the index file, {args.smaller:,}",
                     [og, "batch", path("small.csv.orgindex"), "--input", small_q, "--quiet"])
    og_warm = next(seconds for task, tool, seconds, _, _ in rows if task == warm and tool.startswith("orggraph"))

    print(f"\n| work | tool | median s | CPU s | peak MB | OrgGraph against it |")
    print("|---|---|---|---|---|---|")
    ours = {}
    for task, tool, seconds, cpu, megabytes in rows:
        if tool.startswith("orggraph"):
            ours.setdefault(task, seconds)
    for task, tool, seconds, cpu, megabytes in rows:
        ratio = ""
        if not tool.startswith("orggraph") and task in ours:
            ratio = f"{seconds / ours[task]:.2f}× (above 1: OrgGraph faster)"
        if task == growth:
            ratio = f"{og_query / small:.1f}× the time for {args.people // args.smaller}× the people"
        if task == warm_growth:
            ratio = f"{og_warm / small_warm:.1f}× the time for {args.people // args.smaller}× the people"
        print(f"| {task} | {tool} | {seconds:.2f} | {cpu:.2f} | {megabytes:.0f} | {ratio} |")


if __name__ == "__main__":
    main()
