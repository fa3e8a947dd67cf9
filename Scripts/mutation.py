#!/usr/bin/env python3
"""Mutation check: do the tests notice when the code is wrong?

For each chosen source file, this script makes small deliberate mistakes ("mutants") one at a
time -- an operator flipped (`+` to `-`, `<` to `<=`, `*` to `/`, `&&` to `||`, `min` to `max`),
an integer constant off by one, two adjacent subscripts swapped -- rebuilds incrementally, runs
the test suites that cover that file, and records whether they fail (the mutant is *killed*) or
pass (it *survived*: the tests cannot tell the mistake from the code). The file is restored after
every mutant, also on Ctrl-C or an error.

Cheap per mutant: one file changes, `swift build --build-tests` recompiles only what depends on
it, and the test binary runs with `--filter` on the relevant suites, under a timeout. A mutant
that does not compile is *invalid* and not counted. Run it in a copy of the worktree (`make
mutation` does: `git worktree add` of HEAD into `.mutation/`) so that an interrupted run can
never leave a mutated file where you edit.

Usage:
    Scripts/mutation.py [--root DIR] [--per-file N] [--seed S] [--timeout SEC] [--report FILE] [FILE ...]

With no FILE, the default set below (NeuronaCore's elementwise, reduction and matmul files and
the Dense and Conv2D layers). The report (Markdown) lists the score per file and every survivor
with its line, so each can be explained or killed by a new test.
"""

import argparse
import os
import random
import re
import signal
import subprocess
import sys
import time
from itertools import zip_longest

# Each file with the test suites that cover it (a regular expression for `--filter`).
DEFAULT_TARGETS = {
    "Modules/NeuronaCore/Tensor+Elementwise.swift": "NeuronaCoreTests|GradientCheckTests",
    "Modules/NeuronaCore/Tensor+Reduction.swift": "NeuronaCoreTests|GradientCheckTests",
    "Modules/NeuronaCore/Tensor+Matmul.swift": "NeuronaCoreTests|GradientCheckTests",
    "Modules/NeuronaCore/SmallGEMM.swift": "NeuronaCoreTests",
    "Modules/NeuronaLayers/Dense.swift": "NeuronaLayersTests",
    "Modules/NeuronaLayers/Conv2D.swift": "NeuronaLayersTests",
}

# (name, pattern, replacement). Patterns match inside one line of code; spaces around binary
# operators keep them apart from unary minus, generics (`<T>`), ranges (`..<`) and arrows (`->`).
OPERATORS = [
    ("+ → -", r"(?<=\s)\+(?=\s)", "-"),
    ("- → +", r"(?<=\s)-(?=\s)", "+"),
    ("* → /", r"(?<=\s)\*(?=\s)", "/"),
    ("/ → *", r"(?<=\s)/(?=\s)", "*"),
    ("+= → -=", r"(?<=\s)\+=(?=\s)", "-="),
    ("-= → +=", r"(?<=\s)-=(?=\s)", "+="),
    ("*= → /=", r"(?<=\s)\*=(?=\s)", "/="),
    ("< → <=", r"(?<=\s)<(?=\s)", "<="),
    ("<= → <", r"(?<=\s)<=(?=\s)", "<"),
    ("> → >=", r"(?<=\s)>(?=\s)", ">="),
    (">= → >", r"(?<=\s)>=(?=\s)", ">"),
    ("== → !=", r"(?<=\s)==(?=\s)", "!="),
    ("!= → ==", r"(?<=\s)!=(?=\s)", "=="),
    ("&& → ||", r"(?<=\s)&&(?=\s)", "||"),
    ("|| → &&", r"(?<=\s)\|\|(?=\s)", "&&"),
    ("..< → ...", r"\.\.<", "..."),
    ("min → max", r"\b(Swift\.)?min\(", r"\1max("),
    ("max → min", r"\b(Swift\.)?max\(", r"\1min("),
    ("constant + 1", r"(?<![\w.$])([0-9]+)(?![\w.])", None),   # handled specially
    ("swap subscripts", r"\[(\w+)\]\[(\w+)\]", r"[\2][\1]"),
    ("swap arguments", r"\((\w+), (\w+)\)", r"(\2, \1)"),
]


def code_part(line):
    """The part of `line` before a `//` comment, with string literals blanked (not mutated)."""
    out, in_string, i = [], False, 0
    while i < len(line):
        ch = line[i]
        if not in_string and line.startswith("//", i):
            break
        if ch == '"':
            in_string = not in_string
            out.append(" ")
        else:
            out.append(" " if in_string else ch)
        i += 1
    return "".join(out)


def candidates(lines):
    """Every (line index, start, end, replacement, operator name) mutation site in the file."""
    sites = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(("//", "import ", "#", "@")) or not stripped:
            continue
        code = code_part(line)
        for name, pattern, replacement in OPERATORS:
            for m in re.finditer(pattern, code):
                if name == "constant + 1":
                    new = str(int(m.group(1)) + 1)
                else:
                    new = m.expand(replacement)
                    if name == "swap arguments" and m.group(1) == m.group(2):
                        continue
                sites.append((index, m.start(), m.end(), new, name))
    return sites


def run(command, cwd, timeout):
    """Runs `command`; returns (exit code or None on timeout, seconds, last lines of output)."""
    start = time.time()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
        return process.returncode, time.time() - start, output[-3000:]
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)   # this process group only: the build or test we started
        process.communicate()
        return None, time.time() - start, "timeout"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="source files (default: the core kernels and layers)")
    parser.add_argument("--root", default=".", help="the package to mutate (a copy of the worktree)")
    parser.add_argument("--per-file", type=int, default=12, help="mutants sampled per file")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sample of mutation sites")
    parser.add_argument("--timeout", type=int, default=180, help="seconds allowed per test run")
    parser.add_argument("--build-timeout", type=int, default=900, help="seconds allowed per rebuild")
    parser.add_argument("--report", default="mutation-report.md", help="Markdown report to write")
    parser.add_argument("--filter", help="test filter for every file (default: per file, see DEFAULT_TARGETS)")
    parser.add_argument("--only", action="append", default=[], metavar="FILE:LINE:OPERATOR",
                        help="rerun exactly these mutants (e.g. survivors, after adding tests); repeatable")
    args = parser.parse_args()

    root = os.path.abspath(args.root)
    files = args.files or ([o.rsplit(":", 2)[0] for o in args.only] if args.only else list(DEFAULT_TARGETS))
    files = list(dict.fromkeys(files))
    tests = os.path.join(root, ".build", "debug", "NeuronaPackageTests.xctest")
    results = {}   # file -> list of (line number, operator, before, after, outcome, seconds)

    def write_report():
        lines = ["# Mutation check", "",
                 f"Seed {args.seed}, {args.per_file} mutants sampled per file. Killed: the filtered suites failed "
                 "(or timed out); survived: they passed; invalid: the mutant did not compile (not counted).", "",
                 "| file | mutants | killed | survived | invalid | score |", "|---|---|---|---|---|---|"]
        total_killed = total_valid = 0
        for path, rows in results.items():
            killed = sum(r[4] == "killed" for r in rows)
            survived = sum(r[4] == "survived" for r in rows)
            invalid = sum(r[4] == "invalid" for r in rows)
            valid = killed + survived
            total_killed += killed
            total_valid += valid
            score = f"{100 * killed / valid:.0f}%" if valid else "-"
            lines.append(f"| {path} | {len(rows)} | {killed} | {survived} | {invalid} | {score} |")
        if total_valid:
            lines.append(f"| **all** | | {total_killed} | {total_valid - total_killed} | | "
                         f"**{100 * total_killed / total_valid:.0f}%** |")
        lines += ["", "## Every mutant", "", "| file:line | operator | before | after | outcome | seconds |", "|---|---|---|---|---|---|"]
        for path, rows in results.items():
            for number, name, before, after, outcome, seconds in rows:
                lines.append(f"| {os.path.basename(path)}:{number} | {name} | `{before.strip()}` | `{after.strip()}` | {outcome} | {seconds:.0f} |")
        with open(args.report, "w") as f:
            f.write("\n".join(lines) + "\n")

    # Sample the sites of every file first, then test round-robin across the files, so that a
    # run cut short still scores every file.
    plan, originals = [], {}
    for path in files:
        with open(os.path.join(root, path)) as f:
            originals[path] = f.read()
        sites = candidates(originals[path].split("\n"))
        rng = random.Random(f"{args.seed}:{path}")
        chosen = sorted(rng.sample(sites, min(args.per_file, len(sites))))
        if args.only:
            wanted = {tuple(o.rsplit(":", 2)) for o in args.only}
            chosen = [site for site in sites if (path, str(site[0] + 1), site[4]) in wanted]
        results[path] = []
        print(f"{path}: {len(sites)} mutation sites, testing {len(chosen)} "
              f"(suites: {args.filter or DEFAULT_TARGETS.get(path, '.')})", flush=True)
        plan.append([(path, site) for site in chosen])
    order = [item for round_ in zip_longest(*plan) for item in round_ if item is not None]

    for path, (index, start, end, new, name) in order:
        full = os.path.join(root, path)
        lines = originals[path].split("\n")
        before = lines[index]
        after = before[:start] + new + before[end:]
        suites = args.filter or DEFAULT_TARGETS.get(path, ".")
        try:
            with open(full, "w") as f:
                f.write("\n".join(lines[:index] + [after] + lines[index + 1:]))
            code, seconds, output = run(["swift", "build", "--build-tests"], root, args.build_timeout)
            if code != 0:
                outcome = "invalid" if code is not None else "build timeout"
            else:
                code, test_seconds, output = run([tests, "--testing-library", "swift-testing", "--filter", suites],
                                                 root, args.timeout)
                seconds += test_seconds
                outcome = "survived" if code == 0 else "killed"
        finally:
            with open(full, "w") as f:
                f.write(originals[path])
        results[path].append((index + 1, name, before, after, outcome, seconds))
        print(f"  {os.path.basename(path)}:{index + 1} {name:16s} {outcome:9s} {seconds:5.0f} s   {after.strip()[:90]}", flush=True)
        write_report()
    # Leave the build matching the restored sources.
    run(["swift", "build", "--build-tests"], root, args.build_timeout)
    write_report()
    print(f"report: {args.report}")


if __name__ == "__main__":
    main()
