#!/usr/bin/env python3
"""Writes a benchmark copy of an answer file: every long-text answer (`texte long`
in `bilan list FORM`, i.e. a <textarea> of the layout) repeated TIMES times, as
paragraphs, and the signature images re-pointed so they still resolve from OUT's
folder (or dropped with --no-images). Everything else is copied byte for byte.
The copy is then checked with `bilan check`: a benchmark input must stay valid.

Usage: make-long-answers.py --bilan BIN [--times N] [--no-images] SAMPLE OUT
"""
import argparse
import os
import shutil
import re
import subprocess
import sys

ANSWER = re.compile(r'(<answer\s+field="([^"]+)"\s*>)(.*?)(</answer>)', re.S)
FORM = re.compile(r'<bilan\b[^>]*\bform="([^"]+)"')
IMAGE_ATTR = re.compile(r'(\s+)(stamp|signature)="([^"]*)"')


def textarea_ids(bilan, form):
    out = subprocess.run([bilan, "list", form], check=True, capture_output=True, text=True).stdout
    return {m.group(1) for m in re.finditer(r"^\s+(\S+)\s+texte long\b", out, re.M)}


# An answer may not exceed 1 MiB (docs/limits.md): a copy stops short of it.
ANSWER_LIMIT = 1_000_000


def repeat(text, times):
    """The answer's text `times` times, one blank line (a new paragraph) between copies,
    or as many times as the answer-length limit allows (the longest sample answer, ×100,
    would pass it). The lines keep their indentation, so the loader's common-indent
    removal still applies."""
    lines = text.split("\n")
    first = next((i for i, l in enumerate(lines) if l.strip()), None)
    if first is None:
        return text  # empty answer: stays empty
    last = max(i for i, l in enumerate(lines) if l.strip())
    body = lines[first:last + 1]
    copies = []
    size = 0
    for i in range(times):
        size += len("\n".join(body).encode("utf-8")) + 2
        if i and size > ANSWER_LIMIT:
            break
        copies += ([""] if i else []) + body
    return "\n".join(lines[:first] + copies + lines[last + 1:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bilan", required=True, help="the bilan binary (for `list` and `check`)")
    ap.add_argument("--times", type=int, default=1)
    ap.add_argument("--no-images", action="store_true", help="drop the stamp and signature images")
    ap.add_argument("sample")
    ap.add_argument("out")
    args = ap.parse_args()
    if args.times < 1:
        ap.error("--times must be at least 1")

    with open(args.sample, encoding="utf-8") as f:
        xml = f.read()
    form = FORM.search(xml)
    if not form:
        sys.exit(f"{args.sample}: no <bilan form=…>")
    ids = textarea_ids(args.bilan, form.group(1))

    repeated = 0

    def on_answer(m):
        nonlocal repeated
        if m.group(2) not in ids or args.times == 1:
            return m.group(0)
        repeated += 1
        return m.group(1) + repeat(m.group(3), args.times) + m.group(4)

    xml = ANSWER.sub(on_answer, xml)

    src_dir = os.path.dirname(os.path.abspath(args.sample))
    out_dir = os.path.dirname(os.path.abspath(args.out))

    def on_image(m):
        if args.no_images:
            return ""
        # Images must sit in the answer file's folder (docs/answers.md): copy them there.
        source = m.group(3)
        if not os.path.isabs(source):
            source = os.path.join(src_dir, source)
        target = os.path.join("images", os.path.basename(source))
        os.makedirs(os.path.join(out_dir, "images"), exist_ok=True)
        shutil.copyfile(source, os.path.join(out_dir, target))
        return f'{m.group(1)}{m.group(2)}="{target}"'

    xml = re.sub(r"<signature\b[^>]*/>", lambda s: IMAGE_ATTR.sub(on_image, s.group(0)), xml, flags=re.S)

    os.makedirs(out_dir, exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(xml)
    check = subprocess.run([args.bilan, "check", tmp], capture_output=True, text=True)
    if check.returncode != 0:
        os.unlink(tmp)
        sys.exit(f"{args.out}: the copy does not pass `bilan check`:\n{check.stderr}")
    os.replace(tmp, args.out)
    print(f"{args.out}: {repeated} long answers ×{args.times}"
          f"{', no images' if args.no_images else ''}, {len(xml.encode('utf-8'))} bytes")


if __name__ == "__main__":
    main()
