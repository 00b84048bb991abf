#!/usr/bin/python3
"""Checks that clang compiles the project's sources: usage  clang-check.py BUILD_DIR

The project builds with GCC; clang builds the libFuzzer targets and the ASan + UBSan test build
(`scripts/dev.sh fuzz`, `scripts/dev.sh sanitize address,undefined`), which are too heavy for CI.
C++20 that GCC accepts is not always accepted by Debian's clang 14 (a lambda naming a structured
binding, for one), so this runs `clang++ -fsyntax-only` on each translation unit of BUILD_DIR's
compile_commands.json but the tests (see main), with its own flags, and on the fuzz targets'
sources: no code is generated, which keeps it to about two minutes. Prints each file that does not
compile with clang's errors, and exits 1 if there is one. Needs the build's generated headers
(build it first).
"""
import concurrent.futures
import glob
import json
import os
import shlex
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


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
    # The project's own sources: not its tests (which only the sanitised build compiles with
    # clang; all of them would double the check's time, and CI has no room for that), the Python
    # module (built with GCC only) or the code protoc generates.
    build = os.path.abspath(sys.argv[1])
    skipped = [os.path.join(ROOT, "tests"), os.path.join(ROOT, "python"), build]
    jobs = [(e["directory"], clang_command(e["command"], e["file"])) for e in entries
            if not any(e["file"].startswith(folder + os.sep) for folder in skipped)]
    # The fuzz targets are not in a GCC build: their sources (with the book's reference matchers,
    # which the book's target compiles too) see the project, its generated schemas and those
    # matchers, and are told where the project is, as tests/fuzz/CMakeLists.txt builds them.
    market_tests = os.path.join(ROOT, "tests", "market")
    includes = [ROOT, os.path.join(build, "proto"), market_tests]
    fuzz_sources = sorted(glob.glob(os.path.join(ROOT, "tests", "fuzz", "*.cpp")))
    fuzz_sources += sorted(glob.glob(os.path.join(market_tests, "reference_*.cpp")))
    for source in fuzz_sources:
        command = ["clang++", "-fsyntax-only", "-w", "-std=c++20", f'-DREESIM_SOURCE_DIR="{ROOT}"']
        jobs.append((build, command + ["-I" + path for path in includes] + [source]))

    def check(job):
        directory, command = job
        done = subprocess.run(command, cwd=directory, capture_output=True, text=True)
        return done.returncode, command[-1], done.stderr

    failed = 0
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        for count, (code, source, errors) in enumerate(pool.map(check, jobs), start=1):
            if code != 0:
                failed += 1
                print(f"{os.path.relpath(source, ROOT)}: clang++ refuses it:\n{errors}", flush=True)
            if count % 25 == 0 or count == len(jobs):
                print(f"clang-check: {count}/{len(jobs)} files", file=sys.stderr, flush=True)
    if failed:
        print(f"clang-check: {failed} of {len(jobs)} files do not compile with clang++",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
