#!/usr/bin/env python3
"""Scores `reviewbot review` against the linters that own each category, over pinned public commits.

    evaluate.py --reviewbot PATH --clones DIR [--rebuild-oracle] [--date YYYY-MM-DD] CORPUS...|all

For each commit of each corpus (eval/corpora/<name>.tsv) it runs ReviewBot on the commit against its parent with the
default filter (findings on added lines) and compares, per category, with the oracle's findings committed in
eval/oracle/<name>/<commit>.jsonl. Writes eval/reports/<date>-<corpora>.md and prints the per-category tables.
See eval/README.md.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

EVAL = os.path.dirname(os.path.abspath(__file__))

# Which oracle code belongs to which of our categories. Codes not listed are kept in the oracle files but not scored.
ORACLE_CATEGORIES = {
    # Python: pyflakes, pylint, flake8 (mccabe), bandit
    "F401": "unused-code", "F841": "unused-code",
    "C0103": "naming",
    "C0114": "documentation", "C0115": "documentation", "C0116": "documentation",
    "C901": "complexity", "R1702": "complexity",
    "R0915": "function-length",  # statements, not lines: kept in the oracle, not scored (see UNSCORED_CATEGORIES)
    "W1201": "logging", "W1202": "logging", "W1203": "logging",
    # C#: the compiler, the SDK's code-style (IDE) and NetAnalyzers (CA) rules, xunit.analyzers
    "CS8019": "unused-code", "IDE0005": "unused-code", "IDE0051": "unused-code", "IDE0052": "unused-code",
    "IDE0059": "unused-code", "IDE0060": "unused-code", "CS0168": "unused-code", "CS0219": "unused-code",
    "IDE1006": "naming",
    "CS1591": "documentation",
    "CA1502": "complexity", "S1541": "complexity", "S3776": "complexity",
    "CA2254": "logging",
    "CA2100": "security", "CA3075": "security", "CA5350": "security", "CA5351": "security", "CA5394": "security",
    "CA5359": "security", "CA5369": "security", "CA2300": "security", "CA2301": "security", "CA2326": "security",
}

# Our rules with no counterpart among the oracles: listed for reading, not scored.
UNSCORED_RULES = {
    "RBPY403": "no linter reports private module functions never used",
    "RBPY404": "a test-style check: no linter counterpart",
    "RBPY503": "assertions per test: no linter counterpart",
    "RBCS503": "assertions per test: no linter counterpart",
    "RBCS205": "the file's own field style: no counterpart without the repository's naming rules",
}
# function-length: no C# analyzer counts lines, and pylint's R0915 counts statements (over 50), not lines (over 60).
# Our rules that mirror particular codes of the oracle, scored against exactly those codes as well.
COUNTERPARTS = {"RBCS401": ("IDE0005", "CS8019")}
# The C# oracle's codes and the rules mirroring them (README: "The repository's own severities"). Where the repository
# turns every mirroring rule off in a file, the oracle's finding there (it raised the code above the repository's global
# configs) is the repository's choice, not a miss: it is counted apart.
CODE_RULES = {
    "IDE0005": ("RBCS401",), "CS8019": ("RBCS401",),
    "IDE0059": ("RBCS402",), "CS0168": ("RBCS402",), "CS0219": ("RBCS402",),
    "IDE0051": ("RBCS403",), "IDE0052": ("RBCS403",), "CS0169": ("RBCS403",),
    "IDE0060": ("RBCS404",),
    "IDE1006": ("RBCS201", "RBCS202", "RBCS203", "RBCS204", "RBCS205", "RBCS206"),
    "CS1591": ("RBCS301",),
    "CA1502": ("RBCS501",),
}
UNSCORED_CATEGORIES = {"assertions", "test-style", "function-length"}
# Findings matched by line alone: the module docstring (named by nobody) and security findings (bandit and the
# analyzers name the call, we name the risk).
UNNAMED = {"C0114", "RBPY301"}
LINE_WINDOW = 3  # a name found within this many lines counts (linters attribute multi-line statements differently)
QUOTED = re.compile(r"""['"`]([^'"`]+)['"`]""")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def oracle_category(record):
    code = record["code"]
    if record["tool"] == "bandit":
        return "security"
    if code.startswith("xUnit1"):
        return "test-style"
    if code.startswith("xUnit2"):
        return "assertions"
    return ORACLE_CATEGORIES.get(code)


def read_corpus(name):
    path = os.path.join(EVAL, "corpora", name + ".tsv")
    meta, rows = {}, []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("# ") and ":" in line and "\t" not in line:
                key, _, value = line[2:].partition(":")
                meta[key.strip()] = value.strip()
            elif line and not line.startswith("#"):
                repo, commit, parent, subject = line.split("\t", 3)
                rows.append({"repo": repo, "commit": commit, "parent": parent, "subject": subject})
    return meta, rows


def find_clone(clones, repo):
    for candidate in (repo.replace("/", "+"), repo.split("/")[1]):
        for sub in ("", "repo"):
            path = os.path.join(clones, candidate, sub)
            if os.path.isdir(path) and subprocess.run(["git", "-C", path, "rev-parse", "--git-dir"],
                                                      capture_output=True).returncode == 0:
                return path
    return None


def file_lines(clone, commit, path, cache):
    key = (commit, path)
    if key not in cache:
        out = subprocess.run(["git", "-C", clone, "show", f"{commit}:{path}"], capture_output=True)
        cache[key] = out.stdout.decode("utf-8", "replace").splitlines() if out.returncode == 0 else []
    return cache[key]


def added_lines(clone, parent, commit):
    """Lines added or changed by the commit, per new path, as the product's `added` filter sees them."""
    out = subprocess.run(["git", "-C", clone, "diff", "-U0", "-M", "--no-color", parent, commit],
                         capture_output=True, text=True, errors="replace").stdout
    lines, path = defaultdict(set), None
    for line in out.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
        elif line.startswith("@@") and path:
            m = re.search(r"\+(\d+)(?:,(\d+))?", line)
            start, count = int(m.group(1)), int(m.group(2) or "1")
            lines[path].update(range(start, start + count))
    return lines


def normalize(name):
    if not name:
        return None
    name = re.sub(r"<.*>|\(.*\)", "", name.strip()).rstrip(";").split(" as ")[0]
    return name.split(".")[-1] or None


def name_of(message, path_lines, line, column, explicit=None):
    """The name a finding is about: quoted in its message, else the one the linter named, else the source token."""
    # IDE1006 quotes the offending prefix or word ("Prefix '_' is not expected"), not the symbol: read the source token.
    naming_rule = (message or "").startswith(("Naming rule violation", "Missing prefix", "Missing suffix"))
    if not naming_rule and (m := QUOTED.search(message or "")):
        return normalize(m.group(1))
    if explicit:
        return normalize(explicit)
    if 0 < line <= len(path_lines):
        text = path_lines[line - 1]
        rest = text[max(column - 1, 0):]
        if rest.lstrip().startswith("using ") or text.lstrip().startswith("using "):
            target = text.split("using", 1)[1].strip().removeprefix("static ").split("=")[-1]
            return normalize(target)
        if m := IDENTIFIER.match(rest):
            return normalize(m.group(0))
    return None


def binding_path(line):
    """The file a `binding: <path>: ...` line is about."""
    m = re.match(r"binding: (.+?\.cs): ", line)
    return m.group(1) if m else ""


def is_test_file(path):
    """A test file as reviews meet them: a folder or project named for tests (`tests/`, `Polly.Core.Tests/`)."""
    return any(re.search(r"tests?$|specs?$", part, re.IGNORECASE) for part in path.split("/")[:-1])


def run_reviewbot(reviewbot, clone, parent, commit, want_binding, filter_mode="added"):
    args = [reviewbot, "review", "--repo", clone, "--base", parent, "--head", commit, "--format", "json",
            "--filter", filter_mode]
    if want_binding:
        args.append("--binding")
    started = time.time()
    result = subprocess.run(args, capture_output=True, text=True)
    seconds = time.time() - started
    if result.returncode not in (0, 1):
        raise RuntimeError(f"reviewbot failed on {commit}: {result.stderr.strip()}")
    binding, per_file = None, []
    for line in result.stderr.splitlines():
        if m := re.match(r"binding: (\d+) of (\d+) C# files", line):
            binding = (int(m.group(1)), int(m.group(2)))
        elif line.startswith("binding: "):
            per_file.append(line)
    return json.loads(result.stdout), seconds, binding, per_file


def unresolved_names(reviewbot, clone, commit, binding_lines):
    """The names `reviewbot explain` reports as unresolved in each changed C# file in error, counted over the files."""
    counts = defaultdict(int)
    for line in binding_lines:
        m = re.match(r"binding: (.+\.cs): \d+ errors?, ", line)
        if not m:
            continue
        result = subprocess.run([reviewbot, "explain", "--repo", clone, "--ref", commit, m.group(1)],
                                capture_output=True, text=True)
        for out in result.stdout.splitlines():
            if out.startswith("unresolved names: ") and out != "unresolved names: none":
                for name in out[len("unresolved names: "):].split(", "):
                    counts[name] += 1
    return counts


def rules_off(reviewbot, clone, commit, path, cache):
    """The rules the repository's own settings turn off in one file, as `reviewbot explain` lists them."""
    key = ("off", commit, path)
    if key not in cache:
        result = subprocess.run([reviewbot, "explain", "--repo", clone, "--ref", commit, path], capture_output=True, text=True)
        off, listing = set(), False
        for out in result.stdout.splitlines():
            if out.startswith("rules the repository's settings change here:"):
                listing = True
            elif listing and (m := re.match(r"  (RBCS\d+) \(.*\) off: ", out)):
                off.add(m.group(1))
            elif listing and not out.startswith("  "):
                listing = False
        cache[key] = off
    return cache[key]


def item(path, line, column, rule, category, message, lines, explicit_name=None):
    """A finding of either side as the matcher sees it: where its statement lies and the name it is about."""
    named = rule not in UNNAMED and category != "security"
    return {"path": path, "line": line, "end": statement_end(lines, line, path), "rule": rule, "category": category,
            "message": message, "name": name_of(message, lines, line, column, explicit_name) if named else None}


def our_item(finding, clone, commit, cache):
    return item(finding["path"], finding["startLine"], finding["startColumn"], finding["ruleId"], finding["category"],
                finding["message"], file_lines(clone, commit, finding["path"], cache))


def scored(finding):
    return finding["ruleId"] not in UNSCORED_RULES and finding["category"] not in UNSCORED_CATEGORIES


def read_oracle(path):
    meta, records = {}, []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "meta" in record:
                meta = record["meta"]
            else:
                records.append(record)
    return meta, records


def statement_end(lines, start, path):
    """The last line of the statement that starts on `start`: brackets are followed to their close, so a linter that
    reports a multi-line import or call on its first line still meets a finding on any of its lines."""
    comment = r"#.*$" if path.endswith(".py") else r"//.*$"
    depth, line = 0, start
    while 0 < line <= len(lines) and line < start + 200:
        text = re.sub(r"'[^']*'|\"[^\"]*\"|" + comment, "", lines[line - 1])
        depth += sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
        if depth <= 0 and not text.rstrip().endswith("\\"):
            return line
        line += 1
    return start


def distance(a, b):
    """Lines between two findings' statements; 0 when they overlap."""
    if a["end"] < b["line"]:
        return b["line"] - a["end"]
    if b["end"] < a["line"]:
        return a["line"] - b["end"]
    return 0


def match(ours, theirs):
    """Pairs our findings with the oracle's: same file and category, then the same name within a few lines of each
    other's statement, or the same line when one side names nothing. Each finding pairs at most once."""
    pairs, used = {}, set()
    for i, our in enumerate(ours):
        best = None
        for j, their in enumerate(theirs):
            if j in used or their["path"] != our["path"] or their["category"] != our["category"]:
                continue
            apart = distance(our, their)
            same_name = our["name"] and their["name"] and our["name"].lower() == their["name"].lower()
            if same_name and apart <= LINE_WINDOW:
                score = apart
            elif their["line"] == our["line"] and not (our["name"] and their["name"]):
                score = LINE_WINDOW + 1
            else:
                continue
            if best is None or score < best[0]:
                best = (score, j)
        if best is not None:
            used.add(best[1])
            pairs[i] = best[1]
    return pairs


def evaluate_corpus(name, args):
    meta, rows = read_corpus(name)
    language = meta.get("language", "")
    oracle_dir = os.path.join(EVAL, "oracle", name)
    counts = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    counts_file = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    rules = {scope: defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0}) for scope in ("added", "file")}
    unresolved = defaultdict(int)
    file_only, missed_by_code, off_by_repository = [], defaultdict(int), defaultdict(int)
    disagreements, unscored, commits = [], [], []
    cache = {}
    for row in rows:
        clone = find_clone(args.clones, row["repo"])
        if clone is None:
            raise SystemExit(f"no clone of {row['repo']} under {args.clones} (see eval/README.md)")
        oracle_path = os.path.join(oracle_dir, row["commit"] + ".jsonl")
        if args.rebuild_oracle or not os.path.exists(oracle_path):
            if language != "python":
                raise SystemExit(f"{oracle_path}: the C# oracle is not rebuilt by this script (see eval/README.md)")
            subprocess.run([sys.executable, os.path.join(EVAL, "oracles", "python_oracle.py"), clone, row["commit"],
                            row["parent"], oracle_path], check=True)
        oracle_meta, oracle_records = read_oracle(oracle_path)
        report, seconds, binding, binding_lines = run_reviewbot(args.reviewbot, clone, row["parent"], row["commit"],
                                                                language == "csharp")
        whole_files, _, _, _ = run_reviewbot(args.reviewbot, clone, row["parent"], row["commit"], False, "file")
        for unresolved_name, n in unresolved_names(args.reviewbot, clone, row["commit"], binding_lines).items():
            unresolved[unresolved_name] += n
        added = added_lines(clone, row["parent"], row["commit"])

        # A file whose project the oracle could not build has no oracle: it is left out of the scores, and listed.
        unbuilt = set(oracle_meta.get("unbuilt_files") or [])
        for finding in report["findings"]:
            if finding["path"] in unbuilt:
                unscored.append({"path": finding["path"], "line": finding["startLine"], "rule": finding["ruleId"],
                                 "message": "(no oracle: its project did not build) " + finding["message"]})
            elif not scored(finding):
                unscored.append(our_item(finding, clone, row["commit"], cache))
        theirs = []
        for record in oracle_records:
            category = oracle_category(record)
            if category is None or category in UNSCORED_CATEGORIES or record["path"] in unbuilt:
                continue
            mirrors = CODE_RULES.get(record["code"])
            if language == "csharp" and mirrors and set(mirrors) <= rules_off(args.reviewbot, clone, row["commit"], record["path"], cache):
                off_by_repository[(category, record["code"])] += 1
                continue
            theirs.append(item(record["path"], record["line"], record["column"], record["code"], category,
                               record["message"], file_lines(clone, row["commit"], record["path"], cache),
                               record.get("name")))

        # On added lines (the product's default, and the scores that count), then on the whole changed files (a
        # larger sample of each rule's agreement, for the rules themselves).
        on_added = [their for their in theirs if their["line"] in added.get(their["path"], ())]
        for scope, findings, missable, tally in (("added", report, on_added, counts),
                                                 ("file", whole_files, theirs, counts_file)):
            ours = [our_item(f, clone, row["commit"], cache) for f in findings["findings"]
                    if f["path"] not in unbuilt and scored(f)]
            pairs = match(ours, theirs)
            matched_theirs = set(pairs.values())
            for i, our in enumerate(ours):
                tally[our["category"]]["tp" if i in pairs else "fp"] += 1
                if i not in pairs:
                    (disagreements if scope == "added" else file_only).append(("ours only", row["commit"], our))
            missable_ids = {id(t) for t in missable}
            matched_by = {j: ours[i]["rule"] for i, j in pairs.items()}
            for rule, codes in COUNTERPARTS.items():
                for i, our in enumerate(ours):
                    if our["rule"] == rule:
                        rules[scope][rule]["tp" if i in pairs and theirs[pairs[i]]["rule"] in codes else "fp"] += 1
                rules[scope][rule]["fn"] += sum(1 for j, their in enumerate(theirs)
                                                if their["rule"] in codes and id(their) in missable_ids and matched_by.get(j) != rule)
            for j, their in enumerate(theirs):
                if j not in matched_theirs and id(their) in missable_ids:
                    tally[their["category"]]["fn"] += 1
                    if scope == "added":
                        disagreements.append(("theirs only", row["commit"], their))
                    else:
                        missed_by_code[(their["category"], their["rule"])] += 1
        commits.append({"commit": row["commit"], "subject": row["subject"], "ours": len(report["findings"]),
                        "version": report.get("version"),
                        "oracle_on_added": len(on_added),
                        "seconds": seconds, "oracle_seconds": oracle_meta.get("seconds"), "binding": binding,
                        "binding_lines": binding_lines, "oracle_failed": oracle_meta.get("failed") or [],
                        "unbuilt": sorted(unbuilt)})
        print(f"  {name} {row['commit'][:10]}: ours {len(report['findings'])}, oracle on added lines "
              f"{commits[-1]['oracle_on_added']}, {seconds:.2f} s" + (f", binding {binding[0]}/{binding[1]}" if binding else ""),
              file=sys.stderr)
    return {"name": name, "meta": meta, "language": language, "counts": counts, "counts_file": counts_file, "rules": rules,
            "unresolved": unresolved,
            "disagreements": disagreements, "file_only": file_only, "missed_by_code": missed_by_code,
            "off_by_repository": off_by_repository,
            "unscored": unscored, "commits": commits}


def ratio(numerator, denominator):
    return f"{numerator / denominator:.2f}" if denominator else "-"


def category_table(counts):
    lines = ["| category | TP | FP | missed | precision | recall |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    total = {"tp": 0, "fp": 0, "fn": 0}
    for category in sorted(counts):
        c = counts[category]
        for key in total:
            total[key] += c[key]
        lines.append(f"| {category} | {c['tp']} | {c['fp']} | {c['fn']} | {ratio(c['tp'], c['tp'] + c['fp'])} | "
                     f"{ratio(c['tp'], c['tp'] + c['fn'])} |")
    lines.append(f"| **all** | {total['tp']} | {total['fp']} | {total['fn']} | "
                 f"{ratio(total['tp'], total['tp'] + total['fp'])} | {ratio(total['tp'], total['tp'] + total['fn'])} |")
    return lines


def rule_table(results):
    """Each rule of COUNTERPARTS against exactly the codes it mirrors, on added lines and on the whole files."""
    totals = {scope: defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0}) for scope in ("added", "file")}
    for result in results:
        for scope, tally in result.get("rules", {}).items():
            for rule, c in tally.items():
                for key in c:
                    totals[scope][rule][key] += c[key]
    rows = sorted(set(totals["added"]) | set(totals["file"]))
    if not rows:
        return []
    lines = ["Rules against the codes they mirror:", "",
             "| rule | against | added: TP | FP | missed | precision | recall | whole files: TP | FP | missed | precision | recall |",
             "| --- | --- |" + " ---: |" * 10]
    for rule in rows:
        cells = []
        for scope in ("added", "file"):
            c = totals[scope][rule]
            cells += [str(c["tp"]), str(c["fp"]), str(c["fn"]), ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"])]
        lines.append(f"| {rule} | {', '.join(COUNTERPARTS[rule])} | " + " | ".join(cells) + " |")
    return lines + [""]


def cell(text):
    return (text or "").replace("|", "\\|").replace("\n", " ")


def render(results, date, reviewbot_version):
    out = [f"# Evaluation {date}", "",
           f"ReviewBot {reviewbot_version}, default filter (findings on added lines). TP: ours matched by the oracle "
           f"(same file and category, the same name within {LINE_WINDOW} lines, or the same line when one side names "
           "nothing); FP: ours unmatched; missed: the oracle's findings on added lines that none of ours matched.", ""]
    by_language = {scope: defaultdict(lambda: defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})) for scope in ("counts", "counts_file")}
    for result in results:
        for scope, tally in by_language.items():
            for category, c in result[scope].items():
                for key in c:
                    tally[result["language"]][category][key] += c[key]
    for language in sorted(by_language["counts"]):
        out += [f"## {language}: all corpora", "", "On added lines (the product's default filter):", ""]
        out += category_table(by_language["counts"][language]) + [""]
        out += ["On the whole changed files (`--filter file` against every oracle finding in those files; a larger "
                "sample of each rule's agreement):", ""]
        out += category_table(by_language["counts_file"][language]) + [""]
        out += rule_table([r for r in results if r["language"] == language])
        bound = [c["binding"] for r in results if r["language"] == language for c in r["commits"] if c["binding"]]
        if bound:
            ok, total = sum(b[0] for b in bound), sum(b[1] for b in bound)
            out += [f"Changed C# files that bind without a compiler error in our semantic model: **{ok} of {total}** "
                    f"({ratio(ok, total)}).", ""]
            lines = [line for r in results if r["language"] == language for c in r["commits"] for line in c["binding_lines"]]
            tests = [line for line in lines if is_test_file(binding_path(line))]
            if tests:
                bound_tests = sum(1 for line in tests if "binds without errors" in line)
                out += [f"Of them, test files (a path segment naming tests): **{bound_tests} of {len(tests)}** "
                        f"({ratio(bound_tests, len(tests))}).", ""]
    for result in results:
        meta = result["meta"]
        out += [f"## {result['name']} ({meta.get('repository', '')}, {result['language']})", ""]
        out += ["On added lines:", ""] + category_table(result["counts"]) + [""]
        out += ["On the whole changed files:", ""] + category_table(result["counts_file"]) + [""]
        out += ["| commit | subject | ours | oracle on added lines | our wall time (s) | oracle's (s) |"
                + (" binds | oracle build failed |" if result["language"] == "csharp" else ""),
                "| --- | --- | ---: | ---: | ---: | ---: |" + (" ---: | --- |" if result["language"] == "csharp" else "")]
        for c in result["commits"]:
            row = (f"| {c['commit'][:10]} | {cell(c['subject'])[:70]} | {c['ours']} | {c['oracle_on_added']} | "
                   f"{c['seconds']:.2f} | {c['oracle_seconds']} |")
            if result["language"] == "csharp":
                b = c["binding"]
                failed = ", ".join(c["oracle_failed"])
                if c["unbuilt"]:
                    failed += f" ({len(c['unbuilt'])} changed file{'s' if len(c['unbuilt']) > 1 else ''} not scored)"
                row += f" {f'{b[0]}/{b[1]}' if b else '-'} | {cell(failed) or '-'} |"
            out.append(row)
        out.append("")
        sections = (
            ("Disagreements", ["side", "commit", "file:line", "category", "rule", "name", "message"],
             [[side, commit[:10], f"{item['path']}:{item['line']}", item["category"], item["rule"], item["name"],
               item["message"][:160]]
              for side, commit, item in sorted(result["disagreements"], key=lambda d: (d[2]["category"], d[0], d[2]["path"], d[2]["line"]))]),
            ("Ours unmatched in the whole changed files (outside the added lines too)",
             ["commit", "file:line", "category", "rule", "name", "message"],
             [[commit[:10], f"{item['path']}:{item['line']}", item["category"], item["rule"], item["name"], item["message"][:160]]
              for _, commit, item in sorted(result["file_only"], key=lambda d: (d[2]["category"], d[2]["rule"], d[2]["path"], d[2]["line"]))]),
            ("The oracle's findings in the whole changed files that none of ours matched, by code",
             ["category", "code", "missed:"],  # a trailing colon right-aligns the column
             [[category, code, str(n)] for (category, code), n in sorted(result["missed_by_code"].items(), key=lambda kv: (kv[0][0], -kv[1]))]),
            ("The oracle's findings in the whole changed files whose code the repository itself turns off there "
             "(every rule mirroring it is off, as `reviewbot explain` shows; left out of the scores), by code",
             ["category", "code", "findings:"],
             [[category, code, str(n)] for (category, code), n in sorted(result["off_by_repository"].items(), key=lambda kv: (kv[0][0], -kv[1]))]),
            ("Ours with no counterpart (read, not scored)", ["file:line", "rule", "message"],
             [[f"{item['path']}:{item['line']}", item["rule"], item["message"][:160]] for item in result["unscored"]]),
        )
        for title, headers, rows in sections:
            if rows:
                out += [f"### {title}", "", "| " + " | ".join(h.rstrip(":") for h in headers) + " |",
                        "|" + "".join(" ---: |" if h.endswith(":") else " --- |" for h in headers)]
                out += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows] + [""]
        unbound = [line for c in result["commits"] for line in c["binding_lines"] if "binds without errors" not in line]
        if unbound:
            out += ["### Changed C# files in error in our semantic model", ""]
            out += [f"- {cell(line[9:])[:220]}" for line in unbound] + [""]
        if result.get("unresolved"):
            top = sorted(result["unresolved"].items(), key=lambda kv: (-kv[1], kv[0]))[:25]
            out += ["### Names that do not resolve in those files (`reviewbot explain`), by how many files", "",
                    ", ".join(f"`{name}` {n}" for name, n in top), ""]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--reviewbot", required=True)
    parser.add_argument("--clones", required=True)
    parser.add_argument("--rebuild-oracle", action="store_true")
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    args = parser.parse_args()
    available = sorted(f[:-4] for f in os.listdir(os.path.join(EVAL, "corpora")) if f.endswith(".tsv"))
    names = available if args.corpora == ["all"] else args.corpora
    for name in names:
        if name not in available:
            raise SystemExit(f"no corpus '{name}'; the corpora are: {', '.join(available)}")
    results = [evaluate_corpus(name, args) for name in names]
    version = next((c["version"] for r in results for c in r["commits"]), "(unknown version)")
    report = render(results, args.date, version)
    os.makedirs(os.path.join(EVAL, "reports"), exist_ok=True)
    label = "all" if args.corpora == ["all"] else "-".join(names)
    path = os.path.join(EVAL, "reports", f"{args.date}-{label}.md")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(report + "\n")
    # The tables go to the terminal; the disagreements are read in the report.
    printing = True
    for line in report.splitlines():
        if line.startswith("#"):
            printing = not line.startswith("### ")
        if printing:
            print(line)
    print(f"\nReport: {os.path.relpath(path, os.getcwd())}")


if __name__ == "__main__":
    main()
