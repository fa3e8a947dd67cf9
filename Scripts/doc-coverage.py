#!/usr/bin/env python3
"""Documentation coverage of the public API: every public declaration of the modules in
Modules/Neurona* and Plugins/Neurona* needs a doc comment (`///`), and an initializer that
takes arguments needs a `- Parameters:` (or `- Parameter name:`) entry for each of them.

How: `swift symbolgraph-extract` on the modules of the debug build that `make test` has just
made (the compiler's own list of public symbols; only the extraction runs, two modules at a
time, into .build/doc-coverage), then a scan of the JSON for symbols declared in this repository without a `docComment`. A declaration that
implements a documented protocol requirement or overrides a documented member inherits that
documentation (DocC shows it), and so counts as documented.

Usage:
  Scripts/doc-coverage.py                 # check; exit 1 and list file:line when something lacks docs
  Scripts/doc-coverage.py --summary       # also the per-module table when everything passes
  Scripts/doc-coverage.py --graphs DIR    # read symbol graphs already in DIR (skip the dump)
  Scripts/doc-coverage.py --json          # machine-readable list of what is missing
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SWIFT = os.environ.get("SWIFT", "swift")

# Kinds that are declarations a reader looks up. Extension blocks are not declarations of
# their own (their members are checked one by one).
CHECKED_KINDS = {
    "swift.class", "swift.struct", "swift.enum", "swift.enum.case", "swift.protocol",
    "swift.typealias", "swift.associatedtype", "swift.init", "swift.deinit", "swift.func",
    "swift.func.op", "swift.method", "swift.type.method", "swift.property",
    "swift.type.property", "swift.var", "swift.subscript", "swift.type.subscript", "swift.macro",
    "swift.actor",
}


def documented_modules():
    """Every Swift library target under Modules/ and Plugins/ named Neurona*."""
    names = []
    for parent in ("Modules", "Plugins"):
        for folder in sorted((ROOT / parent).iterdir()):
            if folder.is_dir() and folder.name.startswith("Neurona") and any(folder.glob("*.swift")):
                names.append(folder.name)
    return names


def extract_graphs(modules, build_dir):
    """Runs `swift symbolgraph-extract` on the debug build's modules, two at a time, into a
    folder under the build directory, and returns that folder."""
    modules_dir = build_dir / "debug" / "Modules"
    if not modules_dir.is_dir():
        sys.exit(f"doc-coverage: {modules_dir} is missing: run `swift build` first")
    missing = [m for m in modules if not (modules_dir / f"{m}.swiftmodule").exists()]
    if missing:
        sys.exit("doc-coverage: not built yet: " + ", ".join(missing) + " (run `swift build` first)")
    output = build_dir / "doc-coverage"
    if output.exists():
        for old in output.glob("*.json"):
            old.unlink()
    output.mkdir(parents=True, exist_ok=True)
    # The C modules the Swift modules import: this repository's system libraries and the
    # dependencies' shims.
    includes = ["-I", str(modules_dir)]
    for modulemap in sorted(ROOT.glob("Modules/*/module.modulemap")) + \
            sorted(build_dir.glob("checkouts/*/Sources/*/include/module.modulemap")):
        includes += ["-I", str(modulemap.parent)]
    target = subprocess.run([SWIFT, "-print-target-info"], capture_output=True, text=True)
    triple = json.loads(target.stdout)["target"]["triple"] if target.returncode == 0 else None
    jobs = []
    for module in modules:
        command = [SWIFT, "symbolgraph-extract", "-module-name", module, *includes,
                   "-minimum-access-level", "public", "-skip-synthesized-members",
                   "-output-dir", str(output)]
        if triple:
            command += ["-target", triple]
        jobs.append((module, command))
    running = []
    failures = []
    while jobs or running:
        while jobs and len(running) < 2:
            module, command = jobs.pop(0)
            running.append((module, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
        module, process = running.pop(0)
        text, _ = process.communicate()
        if process.returncode != 0:
            failures.append(f"{module}:\n{text}")
    if failures:
        sys.stderr.write("\n".join(failures))
        sys.exit("doc-coverage: `swift symbolgraph-extract` failed for the modules above")
    return output


def parameter_names(symbol):
    signature = symbol.get("functionSignature") or {}
    names = []
    for parameter in signature.get("parameters", []):
        name = parameter.get("internalName") or parameter.get("name")
        if name and name != "_":
            names.append(name)
    return names


def documented_parameters(lines):
    """Names given in `- Parameter x:` lines and in the items of a `- Parameters:` list."""
    names = set()
    in_list = False
    for line in lines:
        text = line.strip()
        single = re.match(r"-\s+[Pp]arameter\s+([A-Za-z_][A-Za-z0-9_]*)\s*:", text)
        if single:
            names.add(single.group(1))
            continue
        if re.match(r"-\s+[Pp]arameters\s*:", text):
            in_list = True
            continue
        if in_list:
            item = re.match(r"-\s+([A-Za-z_][A-Za-z0-9_]*)\s*:", text)
            if item and item.group(1) not in ("Returns", "Throws", "Note", "Precondition", "Complexity"):
                names.add(item.group(1))
            elif re.match(r"-\s+(Returns|Throws|Note|Precondition|Complexity)\b", text):
                in_list = False
    return names


def own_comment(doc, file, line, sources={}):
    """Whether the comment is written at the declaration (rather than inherited from a
    protocol requirement or an overridden member): its last line is just above the
    declaration, or above the attributes that precede it."""
    ranges = [l["range"] for l in doc.get("lines", []) if "range" in l]
    if not ranges or doc.get("uri", "").replace("file://", "") not in ("", str(file)):
        return False
    if file not in sources:
        sources[file] = file.read_text().split("\n")
    lines = sources[file]
    above = line  # 1-based line of the declaration, then of its first attribute
    while above > 1 and re.match(r"\s*@[A-Za-z_]", lines[above - 2]):
        above -= 1
    return ranges[-1]["end"]["line"] + 1 == above - 1


def scan(graph_dir, modules):
    """Returns {module: [checked, documented]} and the list of problems."""
    counts = {m: [0, 0] for m in modules}
    problems = []
    seen = set()
    for path in sorted(graph_dir.glob("*.symbols.json")):
        module = path.name.split(".symbols.json")[0].split("@")[0]
        if module not in counts:
            continue
        graph = json.loads(path.read_text())
        for symbol in graph.get("symbols", []):
            kind = symbol["kind"]["identifier"]
            if kind not in CHECKED_KINDS:
                continue
            if symbol.get("accessLevel") not in ("public", "open"):
                continue
            location = symbol.get("location")
            if not location:
                continue  # synthesized by the compiler
            uri = location["uri"]
            file = Path(uri[len("file://"):] if uri.startswith("file://") else uri)
            try:
                relative = file.resolve().relative_to(ROOT)
            except ValueError:
                continue  # declared outside this repository
            line = location["position"]["line"] + 1
            key = (str(relative), line, symbol["identifier"]["precise"])
            if key in seen:
                continue
            seen.add(key)
            title = " ".join(symbol["pathComponents"])
            declaration = "".join(f["spelling"] for f in symbol.get("declarationFragments", []))
            counts[module][0] += 1
            doc = symbol.get("docComment")
            lines = [l.get("text", "") for l in doc.get("lines", [])] if doc else []
            if not any(l.strip() for l in lines):
                problems.append((module, str(relative), line, title, declaration, "no doc comment"))
                continue
            # An initializer documents what it is given (unless its comment is inherited from
            # a protocol requirement, such as Decodable's init(from:)).
            if kind == "swift.init" and own_comment(doc, file.resolve(), line):
                missing = [n for n in parameter_names(symbol) if n not in documented_parameters(lines)]
                if missing:
                    problems.append((module, str(relative), line, title, declaration,
                                     "initializer without `- Parameters:` for " + ", ".join(missing)))
                    continue
            counts[module][1] += 1
    return counts, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graphs", type=Path, help="folder with symbol graphs (skips the dump)")
    parser.add_argument("--summary", action="store_true", help="print the per-module table even when passing")
    parser.add_argument("--build-path", type=Path, default=ROOT / ".build", help="the build folder (default .build)")
    parser.add_argument("--json", action="store_true", help="print the problems as JSON")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when something is undocumented")
    arguments = parser.parse_args()

    start = time.monotonic()
    modules = documented_modules()
    graph_dir = arguments.graphs or extract_graphs(modules, arguments.build_path)
    counts, problems = scan(graph_dir, modules)
    elapsed = time.monotonic() - start

    if arguments.json:
        print(json.dumps([dict(module=m, file=f, line=l, symbol=t, declaration=d, problem=p)
                          for (m, f, l, t, d, p) in problems], indent=1))
        return 0 if (not problems or arguments.no_fail) else 1

    for module, file, line, title, declaration, problem in sorted(problems, key=lambda p: (p[1], p[2])):
        print(f"{file}:{line}: {problem}: {declaration.strip() or title}")
    total_checked = sum(c[0] for c in counts.values())
    total_documented = sum(c[1] for c in counts.values())
    if problems or arguments.summary:
        print()
        print(f"{'module':<24} {'documented':>10} {'public':>7}")
        for module in modules:
            checked, documented = counts[module]
            mark = "" if checked == documented else "  <- missing %d" % (checked - documented)
            print(f"{module:<24} {documented:>10} {checked:>7}{mark}")
        print(f"{'total':<24} {total_documented:>10} {total_checked:>7}")
    status = "passed" if not problems else "FAILED"
    print(f"doc-coverage: {status}: {total_documented} of {total_checked} public declarations documented "
          f"in {len(modules)} modules ({elapsed:.1f} s)")
    if problems:
        print("doc-coverage: add a `///` comment above each line listed (initializers: `- Parameters:` "
              "with one `- name:` per argument); see CONTRIBUTING.md, \"Documentation\".")
    return 0 if (not problems or arguments.no_fail) else 1


if __name__ == "__main__":
    sys.exit(main())
