#!/usr/bin/env python3
"""The standard-library check: ReviewBot on 299 CPython standard-library modules, as one pull request that adds them.

    eval/stdlib.py REVIEWBOT [LIBDIR]

LIBDIR is an installed CPython's library folder (default: this python3's). Two repositories are built in a temporary
folder, each with one commit adding the same 299 files (the top-level modules, then email, html, http, json, logging,
urllib, xml, concurrent, importlib and asyncio, in path order, first 300 of them less one):

- `full`: the base commit holds the rest of the library and its test suite, as a pull request to CPython sees it;
- `alone`: the 299 files and nothing else, so their callers (the test suite, the interpreter's C code, other
  packages) are outside the repository the review can search.

It prints, for each, ReviewBot's counts by category and every RBPY403 finding (private function never used), with
whether anything else in LIBDIR or the interpreter's binaries names it; then every unused import or variable
(RBPY401, RBPY402) that pyflakes (`pyflakes3` or `python3 -m pyflakes`) does not report for the same file and name.
Nothing from LIBDIR is run; the files are only read.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile

PACKAGES = ["email", "html", "http", "json", "logging", "urllib", "xml", "concurrent", "importlib", "asyncio"]


def git(repo, *args):
    """Runs git in REPO; a failure stops the check."""
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def chosen(lib, count=299):
    """The modules the pull request adds (299): the top-level ones, then the packages' files, in path order."""
    top = sorted(f for f in os.listdir(lib) if f.endswith(".py"))
    nested = []
    for package in PACKAGES:
        for root, _, files in os.walk(os.path.join(lib, package)):
            nested += [os.path.relpath(os.path.join(root, f), lib) for f in files if f.endswith(".py")]
    return (top + sorted(nested))[:count]


def library(lib):
    """Every .py file of LIBDIR but site-packages and caches, relative to it."""
    skip = ("site-packages/", "__pycache__/")
    found = []
    for root, _, files in os.walk(lib):
        for f in files:
            path = os.path.relpath(os.path.join(root, f), lib)
            if f.endswith(".py") and not path.startswith(skip):
                found.append(path)
    return sorted(found)


def build(target, lib, base_files, added_files):
    """A repository at TARGET: a base commit of BASE_FILES, then one commit adding ADDED_FILES."""
    os.makedirs(target)
    git(target, "init", "-q", "-b", "main")
    git(target, "-c", "user.name=eval", "-c", "user.email=eval@localhost", "commit", "-q", "--allow-empty", "-m", "base")
    for files, message in ((base_files, "the rest of the library"), (added_files, "add the chosen modules")):
        for path in files:
            os.makedirs(os.path.join(target, os.path.dirname(path)), exist_ok=True)
            shutil.copyfile(os.path.join(lib, path), os.path.join(target, path))
        git(target, "add", "-A")
        git(target, "-c", "user.name=eval", "-c", "user.email=eval@localhost", "commit", "-q", "--allow-empty", "-m", message)


def review(reviewbot, repo):
    """ReviewBot's JSON report of the last commit of REPO against its parent."""
    result = subprocess.run([reviewbot, "review", "--repo", repo, "--base", "HEAD~1", "--head", "HEAD", "--format", "json"],
                            capture_output=True, text=True)
    return json.loads(result.stdout)


def named_elsewhere(lib, path, name):
    """Files of LIBDIR (site-packages aside) other than PATH that name NAME, and whether the interpreter's binaries do."""
    pattern = re.compile(r"\b" + re.escape(name) + r"\b")
    files = [p for p in library(lib) if p != path and pattern.search(open(os.path.join(lib, p), encoding="utf-8", errors="replace").read())]
    binaries = [sys.executable, *(os.path.join(d, f) for d in (sysconfig.get_config_var("LIBDIR") or "",) if os.path.isdir(d)
                                   for f in os.listdir(d) if f.startswith("libpython") and ".so" in f)]
    dynload = os.path.join(lib, "lib-dynload")
    if os.path.isdir(dynload):
        binaries += [os.path.join(dynload, f) for f in os.listdir(dynload)]
    word = re.compile(rb"(?<![A-Za-z0-9_])" + re.escape(name.encode()) + rb"(?![A-Za-z0-9_])")
    in_c = any(word.search(open(b, "rb").read()) for b in binaries if os.path.isfile(b))
    return files, in_c


def pyflakes(repo, files):
    """The names pyflakes calls unused in each file, and the files it could not parse."""
    command = ["pyflakes3"] if shutil.which("pyflakes3") else [sys.executable, "-m", "pyflakes"]
    output = subprocess.run(command + files, cwd=repo, capture_output=True, text=True)
    names = {}
    for line in (output.stdout + output.stderr).splitlines():
        match = re.match(r"(.+?):\d+:\d+:? (.*)", line)
        if not match or not ("imported but unused" in match.group(2) or "assigned to but never used" in match.group(2)):
            continue
        name = re.search(r"'([^']+)'", match.group(2)).group(1)
        names.setdefault(match.group(1), set()).update({name, name.split(".")[-1], name.split(" as ")[-1]})
    unparsed = sorted({m.group(1) for m in re.finditer(r"^(.+?):\d+:\d+:? .*(?:syntax|expecting|unexpected|unterminated|invalid).*$",
                                                        output.stdout + output.stderr, re.MULTILINE | re.IGNORECASE)})
    return names, unparsed


def main():
    """Builds both repositories, reviews them, and prints the RBPY403 findings and the pyflakes comparison."""
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    reviewbot = sys.argv[1]
    lib = sys.argv[2] if len(sys.argv) > 2 else sysconfig.get_paths()["stdlib"]
    added = chosen(lib)
    rest = [p for p in library(lib) if p not in set(added)]
    work = tempfile.mkdtemp(prefix="reviewbot-stdlib-")
    try:
        build(os.path.join(work, "full"), lib, rest, added)
        build(os.path.join(work, "alone"), lib, [], added)
        for name in ("full", "alone"):
            report = review(reviewbot, os.path.join(work, name))
            print(f"## {name}: {len(added)} files added; counts {report['counts']}")
            for finding in report["findings"]:
                if finding["ruleId"] != "RBPY403":
                    continue
                function = re.search(r"'([^']+)'", finding["message"]).group(1)
                files, in_c = named_elsewhere(lib, finding["path"], function)
                where = ", ".join(files[:3]) + (" ..." if len(files) > 3 else "") if files else "no other file"
                print(f"RBPY403 {finding['path']}:{finding['startLine']} {function}: named in {where}; in the interpreter's binaries: {in_c}")
        names, unparsed = pyflakes(os.path.join(work, "full"), added)
        report = review(reviewbot, os.path.join(work, "full"))
        ours = [f for f in report["findings"] if f["ruleId"] in ("RBPY401", "RBPY402")]
        missing = [f for f in ours if not any(n in names.get(f["path"], set()) or n.split(".")[-1] in names.get(f["path"], set())
                                              for n in re.findall(r"'([^']+)'", f["message"]))]
        print(f"## unused imports and variables: {len(ours)} reported, {len(ours) - len(missing)} also by pyflakes; pyflakes could not parse: {unparsed or 'none'}")
        for finding in missing:
            print(f"not in pyflakes: {finding['path']}:{finding['startLine']} {finding['ruleId']} {finding['message']}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
