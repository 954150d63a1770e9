#!/usr/bin/env python3
"""Lists Vietnamese string literals in src/ outside the message catalogue
(src/messages.rs) and unit tests (a `#[cfg(test)] mod tests` block or its own
`tests.rs` file); exit 1 if there is any. Sentences a user
reads live in the catalogue (tool messages) or in the theme (site text).

    python3 scripts/vietnamese_literals.py
"""
import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"
# Typography that is not language: arrows, dashes, quotes, ellipsis, ×.
NEUTRAL = set("→…–—“”‘’×·✓○")

found = 0
for path in sorted(SRC.rglob("*.rs")):
    if path.name in ("messages.rs", "tests.rs"):
        continue
    text = path.read_text()
    cut = re.search(r"^#\[cfg\(test\)\]\s*\nmod tests", text, re.M)
    code = text[: cut.start()] if cut else text
    for number, line in enumerate(code.split("\n"), 1):
        if line.strip().startswith("//"):
            continue
        for literal in re.finditer(r'"((?:[^"\\]|\\.)*)"', line):
            if any(ord(c) > 127 and c not in NEUTRAL for c in literal.group(1)):
                print(f"{path.relative_to(SRC.parent)}:{number}: {literal.group(0)[:80]}")
                found += 1
print(f"{found} Vietnamese literal(s) outside the catalogue")
sys.exit(1 if found else 0)
