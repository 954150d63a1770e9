#!/usr/bin/env python3
"""Edit-to-visible benchmark for `loa serve`.

For each corpus size N (../shared/bench/gen_corpus.py, layout loa), starts
`loa serve` on a free port, then repeatedly saves a page the way editors do
(write a temporary file, rename it over the page) with a new marker in its
body, and polls that page over HTTP until the marker is served. Prints the
median and worst time from the file write to the new text being served.

Usage: python3 bench/serve.py [--n 1000 10000] [--edits 20]
Environment: LOA_BENCH_GEN, LOA_BENCH_DIR (as bench/build.py).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build import LOA, REPO, WORK, corpus  # noqa: E402  (bench/build.py)


def first_page(site):
    content = os.path.join(site, "content")
    for section in sorted(os.listdir(content)):
        folder = os.path.join(content, section)
        if os.path.isdir(folder):
            pages = sorted(p for p in os.listdir(folder) if p.endswith(".md") and p != "_index.md")
            if pages:
                return section, pages[0]
    sys.exit("no page in the corpus")


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as reply:
        return reply.read().decode("utf-8", "replace")


def edited(original, marker, kind):
    if kind == "body":
        return original + f"\n\n{marker}\n"
    # A title edit changes the front matter: lists and links show it too.
    return original.replace('title: "', f'title: "{marker} ', 1)


def measure(n, edits, kind):
    root = corpus(n)
    site = os.path.join(root, "loa")
    server = subprocess.Popen([LOA, "serve", "--root", site, "--port", "0", "--lang", "en"],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        start = time.perf_counter()
        base = None
        for line in server.stderr:
            found = re.search(r"http://127\.0\.0\.1:\d+/\S*", line)
            if found:
                base = found.group(0)
                break
        if base is None:
            sys.exit("loa serve did not start")
        startup = time.perf_counter() - start
        section, name = first_page(site)
        path = os.path.join(site, "content", section, name)
        url = f"{base}{section}/{name[:-3]}/"
        original = open(path, encoding="utf-8").read()
        times = []
        try:
            for i in range(edits):
                marker = f"Dấu kiểm tra {n}-{i}-{time.time_ns()}"
                temp = path + ".tmp~"
                with open(temp, "w", encoding="utf-8") as out:
                    out.write(edited(original, marker, kind))
                t0 = time.perf_counter()
                os.replace(temp, path)
                while marker not in fetch(url):
                    if time.perf_counter() - t0 > 30:
                        sys.exit(f"edit {i} never showed up")
                    time.sleep(0.002)
                times.append((time.perf_counter() - t0) * 1000)
                time.sleep(0.1)
        finally:
            with open(path, "w", encoding="utf-8") as out:
                out.write(original)
        return startup, times
    finally:
        server.kill()
        server.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    os.makedirs(WORK, exist_ok=True)
    print("| pages | edit | first build (serve start) | edit-to-visible median | worst |")
    print("|---:|---|---:|---:|---:|")
    for n in args.n:
        for kind in ("body", "title"):
            startup, times = measure(n, args.edits, kind)
            print(f"| {n} | {kind} | {startup:.2f} s | {statistics.median(times):.0f} ms | {max(times):.0f} ms |",
                  flush=True)


if __name__ == "__main__":
    main()
