#!/usr/bin/python3
"""Writes assets/fonts/wqy-microhei-bold.ttf, the window's bold face: WenQuanYi Micro Hei cut down to the
characters bold text is drawn in.

Fyne parses a theme font once per text style, every glyph of it, and keeps the result: about 20 MB of heap for
Micro Hei's 49,531 glyphs. Bold text in the window is the program's own (titles, headers, figures), so the bold
face keeps Latin, punctuation and symbols, the 6,763 hanzi of GB 2312 and every character of the translations;
a rarer character in bold text is drawn from the system's own font (Fyne's fallback). Regular text keeps the
whole font.

Run with Debian's python3 and python3-fonttools (`make fonts`), again whenever a translation brings a new
character (app's TestBoldFontCoversTheTranslations says which).
"""
import glob
import json
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
source = os.path.join(root, "assets", "fonts", "wqy-microhei.ttf")
target = os.path.join(root, "assets", "fonts", "wqy-microhei-bold.ttf")


def hangul(cp):
    return 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xA960 <= cp <= 0xA97F or 0xAC00 <= cp <= 0xD7FF


def in_gb2312(cp):
    try:
        chr(cp).encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def main():
    covered = set(TTFont(source).getBestCmap())
    keep = {cp for cp in covered if (cp < 0x3000 and not hangul(cp)) or in_gb2312(cp)}
    for path in sorted(glob.glob(os.path.join(root, "assets", "translations", "*.json"))):
        with open(path, encoding="utf-8") as f:
            for text in json.load(f).values():
                keep.update(ord(ch) for ch in text if ord(ch) in covered)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.hinting = True
    options.glyph_names = False
    font = subset.load_font(source, options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(keep))
    sub.subset(font)
    # The name says what it is, so that a font viewer does not take it for the whole font.
    for rec in font["name"].names:
        if rec.nameID in (4, 6):
            suffix = "-BoldUI" if rec.nameID == 6 else " (bold UI subset)"
            rec.string = rec.toUnicode() + suffix
    subset.save_font(font, target, options)
    print("%s: %d characters, %d glyphs, %d bytes" % (target, len(keep), len(font.getGlyphOrder()), os.path.getsize(target)))


if __name__ == "__main__":
    sys.exit(main())
