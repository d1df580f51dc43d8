#!/usr/bin/env python3
# tests/lint/docs.py: the documentation against the code, as a suite of
# `make check` (prints "N passed, N failed"; exits 1 on a failure).
#
#   settings  every setting of the table in app/config.c has a row in a
#             settings table of docs/*.md (first column `name`), and its
#             default there is the code's
#   routes    every line of app/routes/table.c is named as METHOD /path
#             in docs/*.md (':' in the pattern is any {name}, a last '*'
#             anything)
#   links     every relative link of README.md and docs/*.md resolves: the
#             file or directory exists, and an #anchor names a heading
#             (GitHub's slugs) or an <a id> of the target
#   layering  every #include of every file in app/ keeps the rules of the
#             table under "## Layering rules" in docs/development.md
#
# -v lists the passes too. Run from anywhere: it finds the checkout from
# its own path.

import glob
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


passed = 0
failed = 0
verbose = "-v" in sys.argv[1:]


def result(ok, what):
    global passed, failed
    if ok:
        passed += 1
        if verbose:
            print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what)


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def rel(path):
    return os.path.relpath(path, ROOT)


def docs():
    return sorted(rel(p) for p in glob.glob(os.path.join(ROOT, "docs", "*.md")))


def prose(text):
    """The lines of a Markdown text outside fenced code blocks."""
    out, fence = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fence = not fence
            out.append("")
            continue
        out.append("" if fence else line)
    return out


def table_rows(lines):
    """Each Markdown table row (a line starting with '|') as its cells,
    with the header cells of its table."""
    header = None
    for i, line in enumerate(lines):
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            continue
        if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
            continue
        yield header, cells


# ---------------------------------------------------------------- settings

def code_settings():
    text = read("app/config.c")
    body = text[text.index("settings[] = {"):]
    body = body[:body.index("};")]
    out = []
    for m in re.finditer(r'\{\s*"(\w+)",\s*\w+,\s*[^,]+,\s*[^,]+,\s*[^,]+,'
                         r'\s*"([^"]*)"', body):
        out.append((m.group(1), m.group(2)))
    for m in re.finditer(r'\bS\((\w+),\s*\w+,\s*[^,]+,\s*[^,]+,\s*"([^"]*)"\)',
                         body):
        out.append((m.group(1), m.group(2)))
    for m in re.finditer(r'\bC\((\w+),\s*\w+,\s*[^,]+,\s*"([^"]*)"\)', body):
        out.append((m.group(1), m.group(2)))
    return out


def check_settings():
    documented = {}
    for path in docs():
        for header, cells in table_rows(prose(read(path))):
            if header[0].lower() != "setting" or len(cells) < 2:
                continue
            for name in re.findall(r"`(\w+)`", cells[0]):
                documented.setdefault(name, (path, cells[1]))
    settings = code_settings()
    result(len(settings) > 40, "settings: %d read from app/config.c" %
           len(settings))
    for name, default in settings:
        if name not in documented:
            result(False, "settings: %s (app/config.c) is in no settings "
                   "table of docs/" % name)
            continue
        path, cell = documented[name]
        default = default.encode("latin-1").decode("unicode_escape") \
            .encode("latin-1").decode("utf-8")
        if default and "`%s`" % default not in cell:
            result(False, "settings: %s: %s gives the default as %s, "
                   "app/config.c as '%s'" % (name, path, cell, default))
            continue
        result(True, "settings: %s in %s" % (name, path))


# ------------------------------------------------------------------ routes

def check_routes():
    text = read("app/routes/table.c")
    lines = re.findall(r'\{\s*"(\w+)",\s*(GET|POST),\s*"([^"]*)"', text)
    result(len(lines) > 20, "routes: %d lines read from "
           "app/routes/table.c" % len(lines))
    corpus = {p: "\n".join(prose(read(p))) for p in docs()}
    for name, method, pattern in lines:
        parts = []
        for seg in pattern.split("/"):
            if seg == ":":
                parts.append(r"\{[^}/\s]+\}")
            elif seg == "*":
                parts.append(r"\S+")
            else:
                parts.append(re.escape(seg))
        rx = re.compile(r"\b%s /%s(?![\w/-])" % (method, "/".join(parts)))
        where = [p for p, t in corpus.items() if rx.search(t)]
        result(bool(where), "routes: %s %s (%s) named in %s" %
               (method, pattern, name, ", ".join(where) or "no docs/*.md"))


# ------------------------------------------------------------------- links

def slug(heading):
    """GitHub's anchor for a heading's text."""
    s = heading.strip().lower()
    s = re.sub(r"<[^>]+>", "", s)
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def anchors(path):
    seen = {}
    out = set()
    for line in prose(read(path)):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            base = slug(m.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            out.add(base if n == 0 else "%s-%d" % (base, n))
        for a in re.findall(r'<a\s+(?:id|name)="([^"]+)"', line):
            out.add(a)
    return out


def check_links():
    cache = {}
    for path in ["README.md"] + docs():
        here = os.path.dirname(path)
        for n, line in enumerate(prose(read(path)), 1):
            line = re.sub(r"`[^`]*`", "", line)
            for target in re.findall(r"\]\(([^)\s]+)\)", line):
                if re.match(r"[a-z][a-z0-9+.-]*:", target):
                    continue
                what = "links: %s:%d: %s" % (path, n, target)
                file, _, anchor = target.partition("#")
                dest = os.path.normpath(os.path.join(here, file)) if file \
                    else path
                if not os.path.exists(os.path.join(ROOT, dest)):
                    result(False, what + ": no such file")
                    continue
                if anchor and dest.endswith(".md"):
                    if dest not in cache:
                        cache[dest] = anchors(dest)
                    if anchor not in cache[dest]:
                        result(False, what + ": no heading or <a id> '%s' "
                               "in %s" % (anchor, dest))
                        continue
                result(True, what)


# ---------------------------------------------------------------- layering

def layering_rules():
    lines = prose(read("docs/development.md"))
    try:
        start = lines.index("## Layering rules")
    except ValueError:
        return None
    end = next((i for i in range(start + 1, len(lines))
                if lines[i].startswith("## ")), len(lines))
    rules = []
    for header, cells in table_rows(lines[start:end]):
        if len(cells) < 3:
            continue
        parts = re.findall(r"`app/([^`]*)`", cells[0])
        allowed = set(re.findall(r"`([^`]+)`", cells[1]))
        if "generated" in cells[1]:
            allowed.add("generated")
        anything = "anything" in cells[1]
        rules.append((parts, allowed, anything,
                      cells[2].strip().lower() == "yes"))
    return rules


def part_of(relpath, rules):
    """The rule (index) a path below app/ belongs to, or None."""
    for i, (parts, _, _, _) in enumerate(rules):
        for p in parts:
            if p.endswith("/") and relpath.startswith(p):
                return i
            if relpath == p:
                return i
    return None


def check_layering():
    rules = layering_rules()
    if not rules:
        result(False, "layering: no table under '## Layering rules' in "
               "docs/development.md")
        return
    result(True, "layering: %d rules read from docs/development.md" %
           len(rules))
    app = os.path.join(ROOT, "app")
    gen = os.path.join(ROOT, "build", "gen")
    files = sorted(rel(p)[len("app/"):] for p in
                   glob.glob(os.path.join(app, "**", "*.[ch]"),
                             recursive=True))
    for f in files:
        i = part_of(f, rules)
        if i is None:
            result(False, "layering: app/%s: its directory has no row in "
                   "docs/development.md's layering rules" % f)
            continue
        _, allowed, anything, kore = rules[i]
        bad = []
        d = os.path.dirname(f)
        for inc in re.findall(r'^\s*#\s*include\s+([<"][^>"]+[>"])',
                              read("app/" + f), re.M):
            name = inc[1:-1]
            if inc[0] == "<":
                if not kore and (name.startswith("kore/") or
                                 name == "libpq-fe.h"):
                    bad.append(name)
                continue
            if anything:
                continue
            if os.path.exists(os.path.join(app, d, name)):
                target = os.path.normpath(os.path.join(d, name))
            elif os.path.exists(os.path.join(app, name)):
                target = os.path.normpath(name)
            elif not os.path.isdir(gen) or \
                    os.path.exists(os.path.join(gen, name)):
                if "generated" not in allowed:
                    bad.append(name + " (generated)")
                continue
            else:
                bad.append(name + " (not found)")
                continue
            if part_of(target, rules) == i:
                continue
            unit = target.split("/")[0] + "/" if "/" in target else target
            if unit not in allowed:
                bad.append(name)
        result(not bad, "layering: app/%s%s" % (
            f, ": includes " + ", ".join(bad) if bad else ""))


def main():
    check_settings()
    check_routes()
    check_links()
    check_layering()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
