#!/usr/bin/env python3
"""Province benchmark: one guide pack, many commune sites, one `loa build --sites`.

Generates a province in a work folder: the pack `goi/quoc-gia` (a copy of the
repository's `packs/quoc-gia`, the sample's national guides) and N commune
sites using it, of the three kinds, each with its own names, addresses and
phone numbers (no sample text, so no "BẢN MẪU" band). Every third site has
its own copy of a pack guide, every fourth its own news, every fifth hides a
pack page. Posters are loa's defaults (A4, A3, A5 for every guide) unless
--a4-only.

Then times, with GNU time:
  full      every site built from nothing (outputs removed)
  no change the same command again
  pack edit one step of one pack guide reworded, then the same command

and prints wall, user, sys, peak memory and the posters drawn per case.

Usage: python3 bench/province.py [--sites 20] [--runs 3] [--a4-only]
Environment: LOA_BENCH_DIR (work folder; tmpfs by default).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.environ.get("LOA_BENCH_DIR", "/dev/shm/loa-province" if os.path.isdir("/dev/shm") else "/tmp/loa-province")
LOA = os.path.join(REPO, "target", "release", "loa")
# A guide no site copies or hides; its poster step is what the edit rewords.
EDITED = "dich-vu-cong/dang-ky-khai-sinh.md"
COPIED = "vneid/kich-hoat.md"
HIDDEN = "dich-vu-cong/con-dau-thu-nho-dau-noi-dau-xi.md"

# Made-up unit names for the benchmark only: nothing here is published.
NAMES = ["An Bình", "Tân Phú", "Hòa Lạc", "Bình Minh", "Phú Thạnh", "Long Hưng", "Thạnh Mỹ",
         "Quang Trung", "Tiến Thành", "Hưng Đạo", "Đông Hòa", "Tây Sơn", "Nam Phước", "Bắc Lý",
         "Vĩnh An", "Phước Lộc", "Mỹ Thuận", "Hải Châu", "Sơn Trà", "Cát Bà", "Lý Sơn", "Côn Đảo"]


def slug(text):
    table = str.maketrans("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
                          "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd")
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def kind_of(i):
    # About the country's mix (2,621 xã, 687 phường, 13 đặc khu), with one
    # đặc khu so that every kind is built.
    return "đặc khu" if i == 0 else ("phường" if i % 4 == 1 else "xã")


def site_yaml(i, a4_only):
    name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i // len(NAMES) + 1}")
    s = slug(name)
    sizes = "\n  sizes: [a4]" if a4_only else ""
    return f"""title: "{kind_of(i).capitalize()} {name} — Hướng dẫn dịch vụ công"
description: "Hướng dẫn VNeID, 25 dịch vụ công thiết yếu và cư trú."
base_url: "https://{s}.loa-thu.net"
packs: ["../goi/quoc-gia"]
unit:
  kind: {kind_of(i)}
  name: "{name}"
  province: "Tỉnh Thử"
  address: "Số {i + 1} đường Chính"
  hours: "Sáng thứ Hai đến thứ Sáu"
  phone: "0255 {i:03d} 000"
  email: "ubnd.{s}@loa-thu.net"
  police_phone: "0255 {i:03d} 113"
links:
  allowed_hosts: [dichvucong.gov.vn, vneid.gov.vn, bocongan.gov.vn, mps.gov.vn, "*.gov.vn"]
posters:
  tracking: "src=poster"{sizes}
"""


def page(title, body, extra=""):
    return f'---\ntitle: "{title}"\ndescription: "{title}."\nreviewed: 2026-12-01\n{extra}---\n\n{body}\n'


def generate(root, n, a4_only):
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(os.path.join(REPO, "packs", "quoc-gia"), os.path.join(root, "goi", "quoc-gia"))
    for i in range(n):
        site = os.path.join(root, f"site-{i:03d}")
        content = os.path.join(site, "content")
        os.makedirs(os.path.join(content, "gioi-thieu"))
        write(os.path.join(site, "site.yaml"), site_yaml(i, a4_only))
        hidden = f'hidden: ["{HIDDEN}"]\n' if i % 5 == 4 else ""
        write(os.path.join(content, "_index.md"), page(
            "Hướng dẫn dịch vụ công {{ unit.full_name }}",
            "Bắt đầu: [VNeID](vneid/_index.md), [25 dịch vụ công](dich-vu-cong/_index.md), "
            "[cư trú](cu-tru/_index.md), [liên hệ](gioi-thieu/lien-he.md).", hidden))
        write(os.path.join(content, "gioi-thieu", "_index.md"),
              page("Giới thiệu", "{{ unit.ubnd }}.", "poster: false\n"))
        write(os.path.join(content, "gioi-thieu", "lien-he.md"), page(
            "Liên hệ", "- Địa chỉ: {{ unit.address }}\n- Điện thoại: {{ unit.phone }}\n"
            "- Công an: {{ unit.police_phone }}", "poster: false\n"))
        if i % 3 == 2:
            with open(os.path.join(root, "goi", "quoc-gia", COPIED), encoding="utf-8") as f:
                copy = f.read() + "\nTại {{ unit.full_name }}, hỏi thêm {{ unit.police }}.\n"
            write(os.path.join(content, COPIED), copy)
        if i % 4 == 3:
            for k in range(2):
                write(os.path.join(content, "tin-tuc", f"lich-tiep-dan-{k + 1}.md"), page(
                    f"Lịch tiếp dân tuần {k + 1}", "{{ unit.ubnd }} tiếp dân sáng thứ Hai.",
                    f"date: 2026-11-{10 + k:02d}\nposter: false\n"))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def edit_pack(root, run):
    """Rewords the last poster step of one pack guide (differently each run)."""
    path = os.path.join(root, "goi", "quoc-gia", EDITED)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    steps = [i for i, line in enumerate(lines) if line.startswith("    - ")]
    lines[steps[-1]] = re.sub(r"( \(lần \d+\))?\"$", f' (lần {run})"', lines[steps[-1]])
    write(path, "\n".join(lines))


def timed(cmd, cwd):
    """Wall, user, sys seconds, peak RSS (MiB), stderr of one run (GNU time)."""
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S %M", *cmd], cwd=cwd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stderr[-3000:]}")
    line = [l for l in out.stderr.splitlines() if l.startswith("TIME ")][-1]
    wall, user, sys_, rss = line.split()[1:]
    return float(wall), float(user), float(sys_), int(rss) / 1024, out.stderr


def drawn(stderr):
    """Posters drawn, summed over the table's rows."""
    total, in_table = 0, False
    for line in stderr.splitlines():
        if line.startswith(("Trang web", "Site ")):
            in_table = True
            continue
        cells = line.split()
        if in_table and len(cells) >= 6 and cells[3].isdigit():
            total += int(cells[3])
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--a4-only", action="store_true", help="sites print A4 posters only")
    args = ap.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time: apt-get install time")
    root = os.path.join(WORK, f"province-{args.sites}")
    generate(root, args.sites, args.a4_only)
    cmd = [LOA, "--lang", "vi", "build", "--sites", "."]
    cases = {"full": [], "no change": [], "pack edit": []}
    for run in range(args.runs):
        for site in os.listdir(root):
            shutil.rmtree(os.path.join(root, site, "output"), ignore_errors=True)
        cases["full"].append(timed(cmd, root))
        cases["no change"].append(timed(cmd, root))
        edit_pack(root, run + 1)
        cases["pack edit"].append(timed(cmd, root))
    print(f"{args.sites} sites, {'A4 only' if args.a4_only else 'A4, A3, A5'}; "
          f"nproc {os.cpu_count()}; medians of {args.runs} runs")
    print(f"{'case':<10} {'wall s':>7} {'user s':>7} {'sys s':>6} {'peak MiB':>9} {'drawn':>6}")
    for name, runs in cases.items():
        med = lambda k: statistics.median(r[k] for r in runs)
        print(f"{name:<10} {med(0):>7.2f} {med(1):>7.2f} {med(2):>6.2f} {med(3):>9.0f} {drawn(runs[-1][4]):>6}")


if __name__ == "__main__":
    main()
