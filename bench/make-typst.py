#!/usr/bin/env python3
"""Writes a Typst document holding an answer file's text (a heading per answer, its
paragraphs justified in Liberation Sans 10 pt, the signature images copied beside it),
so that bench/compare.sh can time Typst on comparable work when `typst` is installed.
Not the form's layout: a text-and-images peer, as in issue 8's comparison.

Usage: make-typst.py ANSWERS.xml OUT.typ
"""
import os
import shutil
import sys
import xml.etree.ElementTree as ET


def typst_string(s):
    return '#"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def paragraphs(text):
    paras, cur = [], []
    for line in text.strip().split("\n"):
        if line.strip():
            cur.append(line.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return paras


def main():
    src, out = sys.argv[1], sys.argv[2]
    root = ET.parse(src).getroot()
    out_dir = os.path.dirname(os.path.abspath(out))
    lines = ['#set page(paper: "a4", margin: 2cm)',
             '#set text(lang: "fr", font: "Liberation Sans", size: 10pt)',
             '#set par(justify: true)', "",
             "= " + typst_string(root.get("form", "")), ""]
    for a in root.iter("answer"):
        lines += ["== " + typst_string(a.get("field", "")), ""]
        for p in paragraphs(a.text or ""):
            lines += [typst_string(p), ""]
    for sig in root.iter("signature"):
        for attr in ("stamp", "signature"):
            if sig.get(attr):
                name = os.path.basename(sig.get(attr))
                shutil.copy(os.path.join(os.path.dirname(os.path.abspath(src)), sig.get(attr)), os.path.join(out_dir, name))
                lines += [f'#image({typst_string(name)[1:]}, width: 4cm)', ""]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
