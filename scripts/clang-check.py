#!/usr/bin/python3
"""Checks that clang compiles the project's sources: usage  clang-check.py BUILD_DIR

The project builds with GCC; clang builds the libFuzzer targets and the ASan + UBSan test build
(`scripts/dev.sh fuzz`, `scripts/dev.sh sanitize address,undefined`), which are too heavy for CI.
C++20 that GCC accepts is not always accepted by Debian's clang 14 (a lambda naming a structured
binding, for one), so this runs `clang++ -fsyntax-only` on each translation unit of BUILD_DIR's
compile_commands.json, tests included (but the Python module and protoc's output), with its own
flags, and on the fuzz targets' sources. No code is generated, and the headers most units spend
their time on (the standard library's, protoc's, CLI11's, Catch2's) are parsed once per set of
flags into a precompiled header that those units load (see prelude): with the tests, the check
takes as long as the sources alone took without them, about two and a half minutes on two cores.
Prints each file (or precompiled header) that clang refuses with its errors, and exits 1 if there
is one.
Needs the build's generated headers (build it first).
"""
import concurrent.futures
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
CATCH = "<catch2/catch.hpp>"
HEAVY = ("<CLI/CLI.hpp>", CATCH)
STANDARD = tuple(f"<{name}>" for name in (
    "algorithm", "array", "cmath", "cstdint", "functional", "map", "memory", "optional", "span",
    "string", "string_view", "unordered_map", "utility", "variant", "vector"))


def clang_command(command, source):
    """The clang++ syntax check of one compile command (its compiler, output and -O dropped)."""
    args = shlex.split(command)
    while args and not args[0].startswith("-"):  # the launcher and the compiler
        args.pop(0)
    kept = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "-o":
            skip = True
        elif arg != "-c" and arg != source and not arg.startswith("-O"):
            kept.append(arg)
    # -w: GCC's warnings are the project's; here only what clang refuses counts.
    return ["clang++", "-fsyntax-only", "-w"] + kept + [source]


def own_text(source):
    """The text of `source` and of the project's headers it includes ("..." found from the root
    or beside it), one level deep: enough to see which heavy libraries a unit uses."""
    with open(source, encoding="utf-8") as f:
        text = f.read()
    seen = [text]
    for name in re.findall(r'^#include "([^"]+)"', text, re.MULTILINE):
        for path in (os.path.join(ROOT, name), os.path.join(os.path.dirname(source), name)):
            if os.path.isfile(path):
                with open(path, encoding="utf-8") as f:
                    seen.append(f.read())
                break
    return "\n".join(seen)


def prelude(flags, source, proto_headers):
    """The headers `source`, compiled with `flags`, gets from a precompiled header: the standard
    library's most used; protoc's when its include path has them (each guards itself, so a unit
    that includes one later skips it); CLI11's and Catch2's where the unit or a header of its own
    includes them, Catch2 unless the unit configures it (CATCH_CONFIG_MAIN and the like change
    what it declares). A unit so gets headers it might not include: GCC's build, which has no
    precompiled headers, is where a missing #include shows."""
    headers = list(STANDARD)
    if proto_headers and "-I" + os.path.dirname(proto_headers[0]) in flags:
        headers += proto_headers
    text = own_text(source)
    for header in HEAVY:
        if header[1:-1] in text and not (header == CATCH and "CATCH_CONFIG" in text):
            headers.append(header)
    return tuple(headers)


def precompiled_headers(jobs, proto_headers, folder, pool):
    """Gives each job the precompiled header of its prelude and flags (one per distinct pair,
    built in `folder` on `pool`). A header clang cannot compile fails the check like a unit:
    returns the jobs and the failures (headers, errors)."""
    keys = [(directory, tuple(command[3:-1]), prelude(command[3:-1], command[-1], proto_headers))
            for directory, command in jobs]
    preludes = {}
    for key in keys:
        preludes.setdefault(key, os.path.join(folder, f"{len(preludes)}.pch"))

    def build(item):
        (directory, flags, headers), pch = item
        with open(pch[:-4] + ".h", "w", encoding="utf-8") as f:
            f.writelines(f"#include {h}\n" if h.startswith("<") else f'#include "{h}"\n'
                         for h in headers)
        done = subprocess.run(["clang++", "-x", "c++-header", "-w", *flags, pch[:-4] + ".h", "-o",
                               pch], cwd=directory, capture_output=True, text=True)
        return done.returncode == 0, ", ".join(headers), done.stderr

    failures = []
    built = dict(preludes)
    for key, (ok, headers, errors) in zip(preludes, list(pool.map(build, preludes.items()))):
        if not ok:
            failures.append((headers, errors))
            built[key] = None
    result = []
    for key, (directory, command) in zip(keys, jobs):
        pch = built[key]
        result.append((directory, command[:-1] + (["-include-pch", pch] if pch else []) +
                       [command[-1]]))
    return result, failures


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: clang-check.py BUILD_DIR")
    database = os.path.join(sys.argv[1], "compile_commands.json")
    try:
        with open(database, encoding="utf-8") as f:
            entries = json.load(f)
    except (OSError, ValueError) as error:
        print(f"{database}: cannot read the compile commands: {error}", file=sys.stderr)
        sys.exit(2)
    # The project's own sources and tests: not the Python module (built with GCC only) or the code
    # protoc generates.
    build = os.path.abspath(sys.argv[1])
    skipped = [os.path.join(ROOT, "python"), build]
    jobs = [(e["directory"], clang_command(e["command"], e["file"])) for e in entries
            if not any(e["file"].startswith(folder + os.sep) for folder in skipped)]
    # The fuzz targets are not in a GCC build: their sources (with the book's reference matchers,
    # which the book's target compiles too) see the project, its generated schemas and those
    # matchers, and are told where the project is, as tests/fuzz/CMakeLists.txt builds them.
    market_tests = os.path.join(ROOT, "tests", "market")
    proto = os.path.join(build, "proto")
    includes = [ROOT, proto, market_tests]
    fuzz_sources = sorted(glob.glob(os.path.join(ROOT, "tests", "fuzz", "*.cpp")))
    fuzz_sources += sorted(glob.glob(os.path.join(market_tests, "reference_*.cpp")))
    for source in fuzz_sources:
        command = ["clang++", "-fsyntax-only", "-w", "-std=c++20", f'-DREESIM_SOURCE_DIR="{ROOT}"']
        jobs.append((build, command + ["-I" + path for path in includes] + [source]))

    def check(job):
        directory, command = job
        done = subprocess.run(command, cwd=directory, capture_output=True, text=True)
        return done.returncode, command[-1], done.stderr

    proto_headers = sorted(glob.glob(os.path.join(proto, "*.pb.h")))
    with tempfile.TemporaryDirectory(prefix="reesim-clang-check-") as folder, \
            concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        jobs, failures = precompiled_headers(jobs, proto_headers, folder, pool)
        # The same header fails under each set of flags: its errors are printed once.
        shown = set()
        for headers, errors in failures:
            text = re.sub(re.escape(folder) + r"/\d+\.h:\d+", "the prelude", errors)
            if text not in shown:
                shown.add(text)
                print(f"a prelude of {headers}: clang++ refuses it:\n{text}", flush=True)
        failed = 0
        for count, (code, source, errors) in enumerate(pool.map(check, jobs), start=1):
            if code != 0:
                failed += 1
                print(f"{os.path.relpath(source, ROOT)}: clang++ refuses it:\n{errors}", flush=True)
            if count % 25 == 0 or count == len(jobs):
                print(f"clang-check: {count}/{len(jobs)} files", file=sys.stderr, flush=True)
    if failed or failures:
        print(f"clang-check: {failed} of {len(jobs)} files and {len(failures)} precompiled headers "
              "do not compile with clang++", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
