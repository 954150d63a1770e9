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
            authors = ", ".join(package.get("authors") or []) or "the %s authors" % package["name"]
            out.write("Copyright (c) %s. The crate ships no licence file; the standard\n"
                      "texts of %s are at the end of this file.\n\n" % (authors, package["license"]))
        for name in texts:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path, encoding="utf-8", errors="replace") as f:
                    out.write("--- %s ---\n%s\n\n" % (name, f.read().strip()))
    if missing:
        out.write("=" * 72 + "\nStandard licence texts, for the crates above that ship none\n" + "=" * 72 + "\n\n")
        for spdx, name in (("MIT", "LICENSE-MIT"), ("Apache-2.0", "LICENSE-APACHE")):
            sample = next((os.path.join(os.path.dirname(p["manifest_path"]), name)
                           for p in packages.values()
                           if os.path.isfile(os.path.join(os.path.dirname(p["manifest_path"]), name))), None)
            if sample:
                with open(sample, encoding="utf-8", errors="replace") as f:
                    out.write("--- %s ---\n%s\n\n" % (spdx, f.read().strip()))
        print("licenses.py: no licence file in %d crate(s): %s (standard texts appended)"
              % (len(missing), ", ".join(missing)), file=sys.stderr)


if __name__ == "__main__":
    main()
