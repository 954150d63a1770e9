#!/usr/bin/env python3
"""`loa report` throughput and memory, against GoAccess on the same log.

Generates access logs for the sample site (its pages and short addresses
from output/posters/manifest.json, so build the sample first): a realistic
mix of page views (direct, from posters, per placement, from the screen),
assets, robots, errors and a few broken lines, from a fixed pool of
visitors. Then times, on one core each:

  loa report   plain combined log, SIZE MB, and half of it (memory must
               not grow with the log), the same log gzipped, and a Caddy
               JSON log
  goaccess     the same combined log (--log-format=COMBINED, HTML report)

Prints MB of log per second of wall time, CPU seconds and peak memory (max
RSS of the process).

Usage: python3 bench/report.py [--mb 500] [--runs 3]
Needs: target/release/loa (cargo build --release), GNU time and goaccess
(apt-get install time goaccess), output/ of the sample (cargo run --release -- build).
"""

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOA = os.path.join(REPO, "target", "release", "loa")
WORK = os.environ.get("LOA_BENCH_DIR", "/dev/shm/loa-report-bench" if os.path.isdir("/dev/shm") else "/tmp/loa-report-bench")

PEOPLE = [
    "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Zalo iOS/471",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 coc_coc_browser/117.0",
]
ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
]
ASSETS = ["style.css", "search.js", "favicon.svg", "fonts/be-vietnam-pro.woff2"]
MONTHS = [("Sep", 2026, 30), ("Oct", 2026, 31), ("Nov", 2026, 30)]


def pages():
    manifest = json.load(open(os.path.join(REPO, "output", "posters", "manifest.json")))
    out = []
    for entry in manifest["posters"]:
        full = "/" + entry["url"].split("/", 3)[3]
        short = "/" + entry["qr"].split("/", 3)[3].split("?")[0]
        out.append((full, short))
    return out


def lines(rng, guides, visitors):
    """Yields (ip, time, target, status, agent) for one request at a time."""
    while True:
        month, year, days = rng.choice(MONTHS)
        when = f"{rng.randint(1, days):02d}/{month}/{year}:{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        ip, agent = rng.choice(visitors)
        full, short = rng.choice(guides)
        roll = rng.random()
        if roll < 0.08:
            target, status = f"{short}?src=poster", 200
        elif roll < 0.12:
            target, status = f"{short}?src=poster&noi={rng.choice(['mot-cua', 'nha-van-hoa'])}", 200
        elif roll < 0.13:
            target, status = f"{short}?src=man-hinh", 200
        elif roll < 0.22:
            target, status = full, rng.choice([200, 200, 200, 304])
        elif roll < 0.80:
            target, status = f"/phuong-mau/{rng.choice(ASSETS)}", 200
        elif roll < 0.92:
            target, status, agent = full, 200, rng.choice(ROBOTS)
        else:
            target, status = f"/phuong-mau/khong-co-{rng.randint(1, 99)}/", 404
        yield ip, when, target, status, agent


def write_logs(mb):
    rng = random.Random(42)
    guides = pages()
    visitors = [(f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", rng.choice(PEOPLE)) for _ in range(20_000)]
    os.makedirs(WORK, exist_ok=True)
    combined = os.path.join(WORK, "access.log")
    caddy = os.path.join(WORK, "caddy.log")
    target = mb * 1_000_000
    with open(combined, "w") as c, open(caddy, "w") as j:
        written = 0
        for n, (ip, when, path, status, agent) in enumerate(lines(rng, guides, visitors)):
            line = f'{ip} - - [{when} +0700] "GET {path} HTTP/2.0" {status} {rng.randint(300, 90000)} "-" "{agent}"\n'
            if n % 5000 == 4999:
                line = "\x16\x03\x01 not a request\n"
            c.write(line)
            written += len(line)
            if written <= target // 2:
                d, mon, rest = when.split("/")
                iso = f"{rest[:4]}-{['Sep', 'Oct', 'Nov'].index(mon) + 9:02d}-{d}T{rest[5:]}+07:00"
                j.write(json.dumps({"level": "info", "ts": iso, "logger": "http.log.access", "msg": "handled request",
                                    "request": {"remote_ip": ip, "client_ip": ip, "proto": "HTTP/2.0", "method": "GET",
                                                "host": "example.org", "uri": path,
                                                "headers": {"User-Agent": [agent], "Accept-Encoding": ["gzip"]}},
                                    "bytes_read": 0, "duration": 0.0012, "size": 5120, "status": status}) + "\n")
            if written >= target:
                break
    half = os.path.join(WORK, "half.log")
    with open(combined, "rb") as src, open(half, "wb") as dst:
        dst.write(src.read(target // 2).rsplit(b"\n", 1)[0] + b"\n")
    with open(combined, "rb") as src, gzip.open(combined + ".gz", "wb", compresslevel=6) as dst:
        shutil.copyfileobj(src, dst)
    return combined, half, caddy


def run(cmd):
    """Wall seconds, CPU seconds, peak RSS (MiB) of one run of `cmd`, by
    GNU time: this process's own rusage would count the memory of the
    forked Python before it became `cmd`."""
    report = os.path.join(WORK, "time.txt")
    subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", report] + cmd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, user, system, rss_kb = open(report).read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss_kb) / 1024


def measure(name, cmd, log, runs, size_mb=None):
    """One table row; `size_mb` is the log's uncompressed size, for gzip."""
    size = size_mb or os.path.getsize(log) / 1e6
    results = [run(cmd) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    rss = max(r[2] for r in results)
    print(f"| {name} | {size:,.0f} MB | {wall:.2f} s | {cpu:.2f} s | {size / wall:,.0f} MB/s | {rss:,.0f} MiB |", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for needed in [LOA, os.path.join(REPO, "output", "posters", "manifest.json")]:
        if not os.path.exists(needed):
            sys.exit(f"missing {needed}: run `cargo build --release` and `cargo run --release -- build` first")
    combined, half, caddy = write_logs(args.mb)
    out = os.path.join(WORK, "out")
    os.makedirs(out, exist_ok=True)
    loa = lambda log: ["taskset", "-c", "0", LOA, "report", log, "--root", REPO, "--output", out, "--quiet"]
    print("| tool, log | size | wall (median) | CPU | throughput | peak memory |")
    print("|---|---:|---:|---:|---:|---:|")
    empty = os.path.join(WORK, "empty.log")
    open(empty, "w").close()
    measure("loa report, empty log (reading the site)", loa(empty), empty, args.runs)
    measure("loa report, combined, half", loa(half), half, args.runs)
    measure("loa report, Caddy JSON", loa(caddy), caddy, args.runs)
    measure("loa report, combined", loa(combined), combined, args.runs)
    # The same visitors again, from a second file (loa reads a file named
    # twice once): memory holds counts and visitor-days, not lines.
    copy = os.path.join(WORK, "access-copy.log")
    shutil.copyfile(combined, copy)
    twice = loa(combined)[:5] + [copy] + loa(combined)[5:]
    measure("loa report, the combined log twice", twice, combined, args.runs, 2 * os.path.getsize(combined) / 1e6)
    plain_mb = os.path.getsize(combined) / 1e6
    measure("loa report, combined .gz", loa(combined + ".gz"), combined + ".gz", args.runs, plain_mb)
    if shutil.which("goaccess"):
        goaccess = ["taskset", "-c", "0", "goaccess", combined, "--log-format=COMBINED", "-o", os.path.join(out, "goaccess.html"), "--no-progress"]
        measure("goaccess 1.7, combined", goaccess, combined, args.runs)
    print("(sizes and throughput count uncompressed MB; the .gz file is "
          f"{os.path.getsize(combined + '.gz') / 1e6:,.0f} MB)")


if __name__ == "__main__":
    main()
