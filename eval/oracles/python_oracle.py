#!/usr/bin/env python3
"""The Python oracle: the linters that own each category, run on a commit's full tree, kept to its changed files.

    python_oracle.py CLONE COMMIT PARENT OUT.jsonl

Writes one JSON line of metadata (tools, versions, seconds), then one line per finding:
{"tool", "code", "path", "line", "column", "message", "name"}. Nothing is imported or run from the repository:
the tree is extracted with `git archive` and only read by the linters.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

PYLINT_CODES = "C0103,C0114,C0115,C0116,R0915,R1702,W1201,W1202,W1203"
# Bandit checks with no counterpart in a review's security verdict: asserts (pytest's whole style), the mere
# import or use of subprocess without a shell, and bare except-pass. They would drown the comparison.
BANDIT_SKIPPED = "B101,B110,B112,B404,B603,B607"
FLAKE8_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>\w+) (?P<msg>.*)$")


def run(args, cwd):
    started = time.time()
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    return result, time.time() - started


def version(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()
        return out[0] if out else "unknown"
    except OSError:
        return "missing"


def changed_python_files(clone, parent, commit):
    out = subprocess.run(
        ["git", "-C", clone, "diff", "--name-only", "--diff-filter=AMR", "-M", parent, commit, "--", "*.py"],
        capture_output=True, text=True, check=True).stdout
    return [p for p in out.splitlines() if p]


def flake8_findings(tree, files, tool, options):
    result, seconds = run(["flake8", *options, *files], tree)
    findings = []
    for line in result.stdout.splitlines():
        if m := FLAKE8_LINE.match(line):
            findings.append({"tool": tool, "code": m["code"], "path": m["path"], "line": int(m["line"]),
                             "column": int(m["col"]), "message": m["msg"]})
    return findings, seconds


def pyflakes(tree, files):
    # pyflakes' own checks, run through flake8 so that `# noqa` comments are honoured as every flake8 and ruff user
    # expects (pyflakes alone ignores them).
    return flake8_findings(tree, files, "pyflakes", ["--select=F401,F841"])


def pylint(tree, files):
    result, seconds = run(["pylint", "--disable=all", f"--enable={PYLINT_CODES}", "--output-format=json",
                           "--persistent=n", "--score=n", "--jobs=1", *files], tree)
    findings = []
    for item in json.loads(result.stdout or "[]"):
        findings.append({"tool": "pylint", "code": item["message-id"], "path": item["path"], "line": item["line"],
                         "column": item["column"] + 1, "message": item["message"], "name": item.get("obj") or None})
    return findings, seconds


def flake8(tree, files):
    return flake8_findings(tree, files, "flake8", ["--select=C901", "--max-complexity=10"])


def bandit(tree, files):
    result, seconds = run(["bandit", "-q", "-f", "json", f"--skip={BANDIT_SKIPPED}", *files], tree)
    findings = []
    for item in json.loads(result.stdout or "{}").get("results", []):
        findings.append({"tool": "bandit", "code": item["test_id"], "path": item["filename"], "line": item["line_number"],
                         "column": item.get("col_offset", 0) + 1, "message": item["issue_text"],
                         "severity": item["issue_severity"].lower()})
    return findings, seconds


def main():
    clone, commit, parent, out = sys.argv[1:5]
    files = changed_python_files(clone, parent, commit)
    findings, seconds = [], {}
    with tempfile.TemporaryDirectory(prefix="reviewbot-eval-") as tree:
        archive = subprocess.run(["git", "-C", clone, "archive", commit], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        present = [f for f in files if os.path.isfile(os.path.join(tree, f))]
        if present:
            for tool in (pyflakes, pylint, flake8, bandit):
                found, took = tool(tree, present)
                findings += found
                seconds[tool.__name__] = round(took, 2)
    meta = {"commit": commit, "files": files, "seconds": round(sum(seconds.values()), 2), "per_tool_seconds": seconds,
            "tools": {"pyflakes": version(["pyflakes3", "--version"]) + " (through flake8, honouring noqa)", "pylint": version(["pylint", "--version"]),
                      "flake8": version(["flake8", "--version"]), "bandit": version(["bandit", "--version"]),
                      "pylint_codes": PYLINT_CODES, "bandit_skipped": BANDIT_SKIPPED}}
    findings.sort(key=lambda f: (f["path"], f["line"], f["column"], f["code"]))
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"meta": meta}) + "\n")
        for finding in findings:
            handle.write(json.dumps(finding) + "\n")


if __name__ == "__main__":
    main()
