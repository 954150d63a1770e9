#!/usr/bin/env python3
"""Writes the licence texts of every crate built into loa for TARGET, as
a binary release must carry them (MIT and Apache-2.0 ask for the notice to
go with copies). Reads `cargo metadata` and each crate's own LICENSE files.

    licenses.py TARGET > THIRD-PARTY-LICENSES.txt
"""
import json
import os
import subprocess
import sys


def main():
    target = sys.argv[1]
    meta = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--filter-platform", target, "--locked"]))
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    # Normal dependencies only: what is linked into the binary.
    seen, todo = set(), [root]
    while todo:
        node = nodes[todo.pop()]
        for dep in node["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]) and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    out = sys.stdout
    out.write("Third-party software in loa (%s): name, version, licence, and the licence\n"
              "texts shipped with each crate.\n\n" % target)
    missing = []
    for package in sorted((packages[i] for i in seen), key=lambda p: (p["name"], p["version"])):
        folder = os.path.dirname(package["manifest_path"])
        texts = sorted(f for f in os.listdir(folder)
                       if f.upper().startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE")))
        out.write("=" * 72 + "\n%s %s — %s\n" % (package["name"], package["version"], package["license"]))
        if package.get("repository"):
            out.write(package["repository"] + "\n")
        out.write("=" * 72 + "\n\n")
        if not texts:
            missing.append(package["name"])
            out.write("(no licence file in the crate; licence: %s)\n\n" % package["license"])
        for name in texts:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path, encoding="utf-8", errors="replace") as f:
                    out.write("--- %s ---\n%s\n\n" % (name, f.read().strip()))
    if missing:
        print("licenses.py: no licence file in %d crate(s): %s (their SPDX licence is listed)"
              % (len(missing), ", ".join(missing)), file=sys.stderr)


if __name__ == "__main__":
    main()
