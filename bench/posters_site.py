#!/usr/bin/env python3
"""Poster-stage benchmark: a whole site with posters on, as officers build it.

Generates the corpus of ../shared/bench/gen_corpus.py (layout loa) with
posters enabled in every default format and size (A4 PDF + 300-dpi PNG +
outlined SVG, A3 and A5 PDFs, thumbnails, QR images, link previews, index sheets, stickers, the all-A4 bundle), a
declared unit and a real-looking base_url (so no sample band), then times
with the release binary:

  full build            output removed first
  no-change rebuild     the same site again
  one poster's text     one step of one page reworded (its poster, the
                        bundle; the sheets are reused)
  one poster's title    one page's short title changed (its poster, the
                        bundle, and the sticker and sheet pages that print it)

Prints wall, user and sys time, peak memory (max RSS), posters made and
drawn, and the CPU time of each part of drawing posters from `build -v`
(per poster: each paper's layout and checks, each PDF, the PNGs, the SVG).

Usage: python3 bench/posters_site.py [--n 1000] [--runs 3] [--loa BINARY]
(--loa times another build of loa, e.g. an older one, on the same corpus)
Environment: LOA_BENCH_GEN (path of gen_corpus.py), LOA_BENCH_DIR (work folder).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.environ.get("LOA_BENCH_GEN", os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"))
# tmpfs by default, as bench/build.py (mass deletes slow ext4 down).
WORK = os.environ.get("LOA_BENCH_DIR", "/dev/shm/loa-bench" if os.path.isdir("/dev/shm") else "/tmp/loa-bench")
LOA = os.path.join(REPO, "target", "release", "loa")
loa = LOA

SITE_YAML = """title: "Phường Bến Nghé – Cẩm nang thủ tục"
base_url: "https://benghe.loa-bench.org"
language: vi
unit:
  kind: phường
  name: "Bến Nghé"
  province: "Thành phố Hồ Chí Minh"
  phone: "028 3829 4000"
posters:
  enabled: true
"""


def corpus(n):
    """The generated site with posters on; returns its folder."""
    site = os.path.join(WORK, f"posters-{n}", "loa")
    if not os.path.isdir(site):
        subprocess.run([sys.executable, GEN, "--n", str(n), "--out", os.path.dirname(site), "--layouts", "loa"],
                       check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(site, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(SITE_YAML)
    return site


def run(site, out):
    """One `loa build -v`: wall, user, sys seconds, peak RSS MiB, stderr."""
    cmd = [loa, "build", "--verbose", "--lang", "en", "--root", site, "--output", out]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024, err


def summary(err):
    """(posters made, posters drawn, warnings) from the build's last line."""
    m = re.search(r"and (\d+) posters \((\d+) rendered\).*\((\d+) warning", err)
    if not m:
        return "-", "-", "-"
    return m.group(1), m.group(2), m.group(3)


def cpu_parts(err):
    """`cpu <part> N × X ms = T ms` lines of `build -v`."""
    parts = []
    for line in err.splitlines():
        m = re.match(r"\s+cpu (.+?)\s+(\d+) × +([\d.]+) ms = +(\d+) ms", line)
        if m:
            parts.append((m.group(1), int(m.group(2)), float(m.group(3)), int(m.group(4))))
    return parts


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if old not in text:
        sys.exit(f"{path}: no “{old}” to change")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def first_step(path):
    """The text of a page's first numbered step (what its poster prints)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if re.match(r"1\. ", line):
                return line.rstrip("\n")
    sys.exit(f"{path} has no numbered list")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each case (median)")
    parser.add_argument("--loa", help="the loa binary to time (default: this repository's, built now)")
    args = parser.parse_args()
    global loa
    loa = args.loa or LOA
    if not args.loa:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    os.makedirs(WORK, exist_ok=True)
    site = corpus(args.n)
    out = os.path.join(WORK, f"posters-out-{args.n}")
    pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                   for f in fs if f.endswith(".md") and f != "_index.md")
    page = pages[len(pages) // 2]
    print(f"machine: {os.cpu_count()} cores; {subprocess.run([loa, '--version'], capture_output=True, text=True).stdout.strip()}; "
          f"{len(pages)} pages; edited page {os.path.relpath(page, site)}")

    original = first_step(page)
    rounds = [0]

    def step_change(i):
        rounds[0] += 1
        edit(page, first_step(page), f"{original} (lần {rounds[0]})")

    def title_change(i):
        # A short title is the label on stickers and sheets, and the poster's
        # title when the long one does not fit.
        with open(page, encoding="utf-8") as f:
            text = f.read()
        rounds[0] += 1
        label = f'short_title: "Thủ tục mẫu {rounds[0]}"\n'
        text = re.sub(r'short_title: "[^"]*"\n', "", text)
        with open(page, "w", encoding="utf-8") as f:
            f.write(text.replace("---\n", "---\n" + label, 1))

    cases = [
        ("full build", lambda i: shutil.rmtree(out, ignore_errors=True)),
        ("no-change rebuild", lambda i: None),
        ("one poster's text changed", step_change),
        ("one poster's title changed", title_change),
    ]
    rows, parts_of_full = [], []
    for label, prepare in cases:
        if label != "full build" and not os.path.isdir(out):
            run(site, out)
        results = []
        for i in range(args.runs):
            prepare(i)
            results.append(run(site, out))
        wall = statistics.median(r[0] for r in results)
        best = min(results, key=lambda r: abs(r[0] - wall))
        made, drawn, warnings = summary(best[4])
        rows.append((label, wall, best[1], best[2], max(r[3] for r in results), made, drawn, warnings))
        print(f"{label:<28} {wall:7.2f} s wall {best[1]:7.2f} s user {best[2]:5.2f} s sys "
              f"{max(r[3] for r in results):6.0f} MiB  posters {made} ({drawn} drawn), {warnings} warnings", flush=True)
        if label == "full build":
            parts_of_full = cpu_parts(best[4])
        elif label.startswith("one poster"):
            stages = [l.strip() for l in best[4].splitlines() if re.match(r"\s+(posters|render|write|markdown|load)", l)]
            print("    " + "; ".join(stages))
    manifest = json.load(open(os.path.join(out, "posters", "manifest.json"), encoding="utf-8"))
    made = len([p for p in manifest["posters"] if p.get("files")])
    print()
    print("| case | wall | user | sys | peak memory | posters (drawn) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, wall, user, system, rss, made_, drawn, _ in rows:
        print(f"| {label} | {wall:.2f} s | {user:.1f} s | {system:.1f} s | {rss:.0f} MiB | {made_} ({drawn}) |")
    print()
    print(f"CPU per poster, full build ({made} posters in the manifest), summed over threads:")
    print("| part | runs | CPU per run | total CPU |")
    print("|---|---:|---:|---:|")
    for part, count, each, total in parts_of_full:
        print(f"| {part} | {count} | {each:.2f} ms | {total / 1000:.1f} s |")


if __name__ == "__main__":
    main()
