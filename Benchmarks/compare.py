#!/usr/bin/env python3
"""Runs OrgGraph and the tools people would otherwise script, side by side in one run, on the
same generated data, and prints a table of median wall times, peak memory and ratios.

  python3 Benchmarks/compare.py [--people 1000000] [--chart 20000] [--runs 3] [--skip-dot]

Needs a release build of orggraph (the wrapper scripts/compare-baselines.sh builds it and
makes the virtual environment with the pinned packages). Timings are whole processes, measured
with /usr/bin/time (wall seconds and maximum resident set size)."""
import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measure(command, runs):
    """Median wall seconds and the largest peak memory (MB) over `runs` runs."""
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as report:
            completed = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", report.name] + command,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if completed.returncode != 0:
                sys.exit(f"failed ({completed.returncode}): {' '.join(command)}\n{completed.stderr}")
            seconds, kilobytes = report.read().split()[-2:]
            times.append(float(seconds))
            peaks.append(int(kilobytes) / 1024)
    return statistics.median(times), max(peaks)


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

    def row(task, tool, command, runs=args.runs):
        print(f"  {task}: {tool} ...", file=sys.stderr)
        seconds, megabytes = measure(command, runs)
        rows.append((task, tool, seconds, megabytes))
        return seconds

    n = f"{args.people:,}"
    query = f"{n} people: load + 1,000 chains + 1,000 common managers"
    og_query = row(query, "orggraph batch", [og, "batch", path("a.csv"), "--input", big_q, "--quiet"])
    row(query, "orggraph batch (the same org as normalised JSON)", [og, "batch", path("a.json"), "--input", big_q, "--quiet"])
    row(query, "networkx", [py, os.path.join(HERE, "baselines", "networkx_queries.py"), path("a.csv"), big_q], runs=1)
    # Each command that reads a whole org, once, as CSV and as normalised JSON.
    for ext, label in (("csv", "CSV"), ("json", "normalised JSON")):
        org = path(f"a.{ext}")
        for name, extra in (("validate", []), ("stats", []), ("find", ["Huang"]), ("heads", []), ("chain", ["e42"]),
                            ("export --to json", None)):
            command = [og, "export", org, "--to", "json", "-o", path("export.json"), "--quiet"] if extra is None \
                else [og, name, org] + extra + ["--quiet"]
            row(f"{n} people ({label}): one command", f"orggraph {name}", command)
    diff = f"diff two {n}-person versions"
    row(diff, "orggraph diff", [og, "diff", path("a.csv"), path("b.csv")])
    row(diff + " (every change as JSON)", "orggraph diff --format json", [og, "diff", path("a.csv"), path("b.csv"), "--format", "json"])
    row(diff, "plain Python", [py, os.path.join(HERE, "baselines", "python_diff.py"), path("a.csv"), path("b.csv")])
    row(diff, "pandas", [py, os.path.join(HERE, "baselines", "pandas_diff.py"), path("a.csv"), path("b.csv")])
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

    print(f"\n| work | tool | median s | peak MB | ratio |")
    print("|---|---|---|---|---|")
    baseline = {}
    for task, tool, seconds, megabytes in rows:
        if not tool.startswith("orggraph"):
            baseline.setdefault(task, []).append(seconds)
    for task, tool, seconds, megabytes in rows:
        ratio = ""
        if tool.startswith("orggraph") and task in baseline:
            ratio = ", ".join(f"{b / seconds:.1f}× faster" for b in baseline[task])
        if task == growth:
            ratio = f"{og_query / small:.1f}× the time for {args.people // args.smaller}× the people"
        print(f"| {task} | {tool} | {seconds:.2f} | {megabytes:.0f} | {ratio} |")


if __name__ == "__main__":
    main()
