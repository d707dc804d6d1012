#!/usr/bin/env python3
"""Subset the two fonts the CLI embeds (assets/fonts/) to the characters
gradscape can write in a figure, so the binary carries ~0.5 MB, not 20 MB.

    pip install fonttools && python3 scripts/subset-fonts.py

The characters: printable ASCII, Greek, the sub/superscripts and math signs,
and every character of every string in the text layer (crates/text/src, both
languages: a superset of what the SVG writes) and in the core's number and
formula writers. Latin, Greek and symbols come from DejaVu Sans, CJK and
full-width punctuation from Noto Sans CJK SC. `src/media/font.rs` has the
test that fails when the SVG can write a character these files lack: rerun
this script then.
"""
import glob
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "fonts")
DEJAVU = os.environ.get("DEJAVU", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NOTO = os.environ.get("NOTO_CJK", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NOTO_SC = 2  # index of "Noto Sans CJK SC" in the collection


def sources():
    pats = ["crates/text/src/**/*.rs", "crates/core/src/format.rs",
            "crates/core/src/format/**/*.rs", "crates/core/src/landscape/**/*.rs",
            "crates/core/src/optim/**/*.rs", "crates/core/src/surface/**/*.rs"]
    for p in pats:
        for f in sorted(glob.glob(os.path.join(ROOT, p), recursive=True)):
            with open(f, encoding="utf-8") as fh:
                yield fh.read()


def is_cjk(c):
    o = ord(c)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F
            or 0xFF00 <= o <= 0xFFEF)


def main():
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars |= set(chr(c) for c in range(0x391, 0x3CA))  # Greek
    chars |= set("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻₀₁₂₃₄₅₆₇₈₉₊₋ᵀᵏᵗᵢⁱ−×÷·±≤≥≈∞√∇∂∈⊙‖…—–“”‘’°′")
    for text in sources():
        chars |= set(c for c in text if ord(c) > 0x7F and c.isprintable())
    cjk = sorted(c for c in chars if is_cjk(c))
    latin = sorted(c for c in chars if not is_cjk(c))
    os.makedirs(OUT, exist_ok=True)

    def run(font, text, path):
        opts = subset.Options()
        opts.layout_features = ["kern", "liga", "ccmp", "locl", "mark", "mkmk"]
        opts.name_IDs = ["*"]  # keep the family name and the licence notice
        opts.name_languages = ["*"]
        opts.notdef_outline = True
        opts.hinting = False   # figures are rendered large or as vectors
        opts.desubroutinize = True
        s = subset.Subsetter(opts)
        s.populate(text="".join(text))
        s.subset(font)
        font.recalcTimestamp = False  # the same bytes on every run
        font.save(path)
        print(f"{os.path.relpath(path, ROOT)}: {len(text)} characters, {os.path.getsize(path)} bytes")

    run(TTFont(DEJAVU), latin, os.path.join(OUT, "DejaVuSans-subset.ttf"))
    run(TTCollection(NOTO).fonts[NOTO_SC], cjk, os.path.join(OUT, "NotoSansCJKsc-subset.otf"))


if __name__ == "__main__":
    sys.exit(main())
