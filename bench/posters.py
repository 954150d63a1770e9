#!/usr/bin/env python3
"""Poster benchmark: loa's QR + poster rendering against qrencode and segno.

Runs, on one machine in one run:
  loa        `cargo bench --bench posters` (bench/posters.rs): QR codes/s for
             the encoder alone and for encode + SVG; ms per A4 layout SVG,
             PDF and 300-dpi PNG, single-threaded (CPU time per poster).
  qrencode   Debian's `qrencode` CLI writing SVG, one process per code in a
             loop (how a script would use it), and libqrencode called in one
             process through ctypes (encoder alone).
  segno      PyPI `segno`, encode + SVG in one Python process (ECC M, no
             error boost).

All encode the same kind of URL (75–80 bytes, ECC M).

Setup: apt-get install qrencode libqrencode4; pip install segno
Usage: python3 bench/posters.py [--codes 2000]
"""

import argparse
import ctypes
import ctypes.util
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
URL = "https://example.org/chanh-lo/cu-tru/thong-bao-luu-tru/?src=poster"


def rate(n, seconds):
    return n / seconds, seconds * 1000 / n


def qrencode_cli(n):
    if not shutil.which("qrencode"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "q.svg")
        start = time.perf_counter()
        for i in range(n):
            subprocess.run(["qrencode", "-l", "M", "-t", "SVG", "-o", out, f"{URL}&p={i}"], check=True)
        return rate(n, time.perf_counter() - start)


def libqrencode(n):
    name = ctypes.util.find_library("qrencode")
    if not name:
        return None
    lib = ctypes.CDLL(name)
    lib.QRcode_encodeString.restype = ctypes.c_void_p
    lib.QRcode_encodeString.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.QRcode_free.argtypes = [ctypes.c_void_p]
    urls = [f"{URL}&p={i}".encode() for i in range(n)]
    start = time.perf_counter()
    for u in urls:
        code = lib.QRcode_encodeString(u, 0, 1, 2, 1)  # version auto, ECC M, 8-bit mode, case-sensitive
        lib.QRcode_free(code)
    return rate(n, time.perf_counter() - start)


def segno_svg(n):
    try:
        import segno
    except ImportError:
        return None
    start = time.perf_counter()
    for i in range(n):
        buf = io.BytesIO()
        segno.make(f"{URL}&p={i}", error="m", boost_error=False, micro=False).save(buf, kind="svg")
    return rate(n, time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--codes", type=int, default=2000)
    args = parser.parse_args()
    print("loa (cargo bench --bench posters):", flush=True)
    run = subprocess.run(["cargo", "bench", "--quiet", "--bench", "posters", "--", "200"],
                         cwd=REPO, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(run.stderr)
    print(run.stdout)
    loa_svg = next(line for line in run.stdout.splitlines() if line.startswith("qr encode + svg"))
    loa_rate = float(loa_svg.split()[-2])
    rows = [("loa encode + svg (in process)", loa_rate)]
    for label, fn, n in [
        ("qrencode CLI → SVG, process per code", qrencode_cli, min(args.codes, 500)),
        ("libqrencode encode only (ctypes)", libqrencode, args.codes * 10),
        ("segno encode + svg (in process)", segno_svg, args.codes),
    ]:
        result = fn(n)
        if result is None:
            print(f"{label:40} not installed")
            continue
        per_s, ms = result
        rows.append((label, per_s))
        print(f"{label:40} {ms:9.4f} ms/code {per_s:10.0f} codes/s", flush=True)
    print()
    print("| QR encoder | codes/s | loa is … × faster |")
    print("|---|---:|---:|")
    for label, per_s in rows:
        print(f"| {label} | {per_s:.0f} | {loa_rate / per_s:.1f} |")


if __name__ == "__main__":
    main()
