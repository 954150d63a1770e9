#!/usr/bin/env python3
"""Lists import cycles between loa's modules (exit 1 if there is one).

Every file under src/ is a module (src/a/b.rs and src/a/b/mod.rs are
`a::b`). A module depends on another when it names it through `crate::…`
or `super::…`. Two levels are checked: between top-level modules (`site`,
`poster`, …) and between the modules inside each folder. A parent and its
own children (`poster` and `poster::text`) are not a cycle.

    python3 scripts/import_cycles.py
"""
import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"


def module_of(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def code_without_tests(text):
    # Unit tests may use anything; cut at the test module.
    cut = re.search(r"^#\[cfg\(test\)\]\s*\nmod tests", text, re.M)
    text = text[: cut.start()] if cut else text
    text = re.sub(r"//[^\n]*", "", text)
    return text


def reexports(module, text):
    """Names a module re-exports from its children: `pub use vars::{Vars};`."""
    names = {}
    for match in re.finditer(r"^pub use (\w+)::(?:\{([^}]*)\}|(\w+));", text, re.M):
        child, listed, single = match.groups()
        for name in (listed or single).split(","):
            name = name.strip().split(" as ")[-1].strip()
            if name:
                names[name] = module + (child,)
    return names


def references(module, text, modules, exported):
    found = set()
    for match in re.finditer(r"\b(crate|super)((?:::\w+)+)", text):
        head, tail = match.group(1), match.group(2).split("::")[1:]
        base = () if head == "crate" else module[:-1] if module else ()
        # `super::super::x` climbs further.
        while tail and tail[0] == "super":
            base, tail = base[:-1], tail[1:]
        # `use crate::x::{a, b}` names x; braces are cut by the regex.
        path = base + tuple(tail)
        full = path
        while path and path not in modules:
            path = path[:-1]
        # A name the module re-exports from a child is that child's.
        rest = full[len(path):]
        if rest and rest[0] in exported.get(path, {}):
            path = exported[path][rest[0]]
        if path and path != module:
            found.add(path)
    return found


def cycles(graph):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def main():
    files = [p for p in SRC.rglob("*.rs")]
    modules = {module_of(p) for p in files}
    exported = {module_of(p): reexports(module_of(p), p.read_text()) for p in files}
    deps = {}
    for p in files:
        m = module_of(p)
        deps[m] = references(m, code_without_tests(p.read_text()), modules, exported)
    problems = []
    # Between top-level modules.
    top = {}
    for m, ds in deps.items():
        if not m:
            continue
        for d in ds:
            if d[0] != m[0]:
                top.setdefault(m[0], set()).add(d[0])
    problems += [" → ".join(c) for c in cycles(top)]
    # Inside each folder, between its direct children.
    for parent in {m[:-1] for m in modules if len(m) > 1}:
        inner = {}
        for m, ds in deps.items():
            if len(m) <= len(parent) or m[: len(parent)] != parent:
                continue
            child = m[: len(parent) + 1]
            for d in ds:
                if len(d) > len(parent) and d[: len(parent)] == parent and d[: len(parent) + 1] != child:
                    inner.setdefault(child, set()).add(d[: len(parent) + 1])
        problems += [" → ".join("::".join(x) for x in c) for c in cycles(inner)]
    for p in problems:
        print("cycle:", p)
    print(f"{len(modules)} modules, {len(problems)} cycle(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
