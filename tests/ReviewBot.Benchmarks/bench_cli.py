#!/usr/bin/env python3
"""The whole `reviewbot review` process as users time it, against the established tools on the same files (issue 28).

    tests/ReviewBot.Benchmarks/bench-cli.sh [--runs N] [--keep DIR]

In one run, on this machine:

- **Python.** A repository of one commit adding 300 modules of this machine's own CPython standard library (the
  top-level modules, then email, html, http, json, logging, urllib, xml, concurrent, importlib and asyncio, in path
  order, as eval/stdlib.py chooses them) is reviewed by the published `reviewbot review` (ReadyToRun, every category
  on), and the same 300 files are checked by `pyflakes` and by ruff's WebAssembly build (@astral-sh/ruff-wasm-nodejs
  from npm, `lint.select` E4, E7, E9 and F: ruff's defaults).
- **C#.** A real 20-file commit of Polly (App-vNext/Polly 0c9bef1c, "Fix IDE0011 warning", 20 changed test files)
  is reviewed by `reviewbot review --offline`, and the same 20 files are analyzed by Roslyn's own analyzers
  (Microsoft.CodeAnalysis.NetAnalyzers and the IDE rules of Microsoft.CodeAnalysis.CSharp.CodeStyle) bound in the
  same compilations: `ReviewBot.Benchmarks roslyn-analyzers` (see RoslynAnalyzersRun.cs). The clone comes from
  EVAL_CLONES (default /tmp/evalclones, as eval/run.sh), App-vNext+Polly, cloned from GitHub if missing.

Each command runs once to warm the disk cache, then the commands compared run in turn, --runs times over (default 3;
Roslyn's analyzers, which take tens of seconds, once), so that load from elsewhere on a shared machine falls on all of
them alike; the mean and the fastest wall time and the peak resident memory (the largest of the runs, from the
kernel's rusage of the child) are printed as BENCH lines, then the ratios. Nothing under review is built or run: the tools only read it.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "eval"))
from stdlib import chosen  # noqa: E402  (the evaluation's choice of modules, 300 of them here)
POLLY = ("App-vNext+Polly", "https://github.com/App-vNext/Polly", "0c9bef1c5a3448b7e88d570d1b9e1a000f09a749")
RUFF_WASM = "@astral-sh/ruff-wasm-nodejs@0.17.4"
NUGET = os.path.expanduser("~/.nuget/packages")
ANALYZER_PACKAGES = [
    ("microsoft.codeanalysis.netanalyzers", "11.0.100", ["Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"]),
    ("microsoft.codeanalysis.csharp.codestyle", "5.12.0", ["Microsoft.CodeAnalysis.CodeStyle.dll", "Microsoft.CodeAnalysis.CSharp.CodeStyle.dll"]),
]

RUFF_SCRIPT = r"""
const fs = require('fs'); const path = require('path');
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');
function walk(d, out) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { if (e.name !== '.git') walk(p, out); } else if (p.endsWith('.py')) out.push(p);
  }
  return out;
}
const ws = new Workspace({ lint: { select: ['E4', 'E7', 'E9', 'F'] } }, PositionEncoding.UTF16);
let n = 0;
for (const f of walk(process.argv[2], [])) n += ws.check(fs.readFileSync(f, 'utf8')).length;
console.log(n + ' diagnostics');
"""


def run(args, cwd=None, env=None, check=True):
    """Runs a setup step; its output is shown only when it fails."""
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"bench-cli: {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result


def run_once(name, command):
    """One run of a whole process: its wall time and peak RSS (MiB, from the kernel's rusage of the child)."""
    args, cwd, env, ok = command
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        sys.exit(f"bench-cli: {name} exited {code}:\n{stderr.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def compare(commands, runs, warm=True):
    """
    Runs each command once to warm the disk cache (when warm), then the commands in turn, runs times over: on a shared
    machine a burst of load then falls on every tool alike. Prints a BENCH line each; returns the mean wall times.
    """
    if warm:
        for name, command in commands.items():
            run_once(name, command)
    walls = {name: [] for name in commands}
    peaks = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            wall, peak = run_once(name, command)
            walls[name].append(wall)
            peaks[name].append(peak)
    means = {}
    for name in commands:
        means[name] = statistics.mean(walls[name])
        print(f"BENCH cli {name}: mean {means[name]:.2f} s, fastest {min(walls[name]):.2f} s over {runs} runs, "
              f"peak RSS {max(peaks[name]):.0f} MiB", flush=True)
    return means


def python_repository(work):
    """main: an empty commit; feature: adds the 300 modules under lib/."""
    lib = sysconfig.get_paths()["stdlib"]
    repo = os.path.join(work, "stdlib300")
    os.makedirs(repo)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    run(git + ["init", "-q", "-b", "main"], cwd=repo)
    run(git + ["commit", "-q", "--allow-empty", "-m", "base"], cwd=repo)
    run(git + ["checkout", "-q", "-b", "feature"], cwd=repo)
    files = chosen(lib, 300)
    for relative in files:
        target = os.path.join(repo, "lib", relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(lib, relative), target)
    run(git + ["add", "-A"], cwd=repo)
    run(git + ["commit", "-q", "-m", "add 300 standard-library modules"], cwd=repo)
    lines = sum(sum(1 for _ in open(os.path.join(repo, "lib", f), "rb")) for f in files)
    print(f"bench-cli: {len(files)} files, {lines:,} lines of {lib}", flush=True)
    return repo


def pyflakes_command():
    if shutil.which("pyflakes3"):
        return ["pyflakes3"]
    if shutil.which("pyflakes"):
        return ["pyflakes"]
    if run([sys.executable, "-m", "pyflakes", "--version"], check=False).returncode == 0:
        return [sys.executable, "-m", "pyflakes"]
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("bench-cli: installing pyflakes3 from Debian's packages", flush=True)
        run(["apt-get", "install", "-y", "-qq", "pyflakes3"], env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        return ["pyflakes3"]
    sys.exit("bench-cli: pyflakes is missing: install it (apt-get install pyflakes3, or pip install pyflakes)")


def ruff_wasm(work):
    folder = os.path.join(work, "ruff-wasm")
    os.makedirs(folder)
    run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", folder, RUFF_WASM])
    script = os.path.join(folder, "check.js")
    with open(script, "w") as out:
        out.write(RUFF_SCRIPT)
    return script


def polly_clone():
    clones = os.environ.get("EVAL_CLONES", "/tmp/evalclones")
    name, url, commit = POLLY
    clone = os.path.join(clones, name)
    if not os.path.isdir(clone):
        os.makedirs(clones, exist_ok=True)
        print(f"bench-cli: cloning {url} into {clone}", flush=True)
        if run(["git", "clone", "-q", url, clone], check=False).returncode != 0:
            return None, None
    if run(["git", "cat-file", "-e", commit + "^{commit}"], cwd=clone, check=False).returncode != 0:
        return None, None
    return clone, commit


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="build and work in DIR, and keep it")
    options = parser.parse_args()
    work = options.keep or tempfile.mkdtemp(prefix="reviewbot-bench-cli.")
    os.makedirs(work, exist_ok=True)
    env = {**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1"}
    try:
        print("bench-cli: publishing reviewbot (ReadyToRun) and building the Roslyn reference ...", flush=True)
        published = os.path.join(work, "reviewbot")
        run(["dotnet", "publish", os.path.join(ROOT, "src/ReviewBot"), "-c", "Release", "-r", "linux-x64", "-o", published], env=env)
        bench = os.path.join(work, "bench")
        run(["dotnet", "build", HERE, "-c", "Release", "-o", bench], env=env)
        reviewbot = [os.path.join(published, "reviewbot")]

        repo = python_repository(work)
        lib = os.path.join(repo, "lib")
        flakes = pyflakes_command()
        ruff = ruff_wasm(work)
        ok_or_findings = (0, 1)
        python = compare({
            "reviewbot review, 300 Python files":
                (reviewbot + ["review", "--base", "main", "--head", "feature", "--format", "json"], repo, env, ok_or_findings),
            "pyflakes, the same 300 files": (flakes + [lib], None, None, ok_or_findings),
            "ruff-wasm (E4,E7,E9,F), the same 300 files": (["node", ruff, lib], None, None, (0,)),
        }, options.runs)
        ours, pyflakes, wasm = python.values()
        print(f"BENCH cli python: reviewbot is {pyflakes / ours:.1f}x faster than pyflakes and {wasm / ours:.1f}x faster than ruff-wasm", flush=True)

        clone, commit = polly_clone()
        if clone is None:
            print("BENCH cli csharp: not measured: no Polly clone with commit 0c9bef1c (set EVAL_CLONES, see eval/README.md)", flush=True)
            return
        changed = run(["git", "diff", "--name-only", "--diff-filter=AMR", f"{commit}~1", commit, "--", "*.cs"], cwd=clone).stdout.split()
        analyzers = os.path.join(work, "analyzers")
        os.makedirs(analyzers, exist_ok=True)
        for package, version, dlls in ANALYZER_PACKAGES:
            for dll in dlls:
                shutil.copy(os.path.join(NUGET, package, version, "analyzers", "dotnet", "cs", dll), analyzers)
        roslyn = [os.path.join(bench, "ReviewBot.Benchmarks"), "roslyn-analyzers"]
        reference = [clone, commit, analyzers] + changed
        ours = compare({
            f"reviewbot review --offline, Polly {commit[:8]} ({len(changed)} C# files)":
                (reviewbot + ["review", "--base", f"{commit}~1", "--head", commit, "--offline"], clone, env, ok_or_findings),
        }, options.runs)
        ours = next(iter(ours.values()))
        # Each takes tens of seconds, and the review above warmed the disk cache: one run each.
        full, lean, whole = compare({
            "Roslyn's analyzers per file (NetAnalyzers + IDE rules, the oracle's rules raised), the same files":
                (roslyn + reference, None, env, (0,)),
            "Roslyn's analyzers per file, without raising CA1502 (whose per-file cost dominates)":
                (roslyn + ["--without", "CA1502"] + reference, None, env, (0,)),
            "Roslyn's analyzers over the whole project at once, as a build runs them":
                (roslyn + ["--whole-project"] + reference, None, env, (0,)),
        }, 1, warm=False).values()
        print(f"BENCH cli csharp: reviewbot is {full / ours:.1f}x faster than Roslyn's analyzers per file, {lean / ours:.1f}x without CA1502, "
              f"{whole / ours:.1f}x than the whole project", flush=True)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
