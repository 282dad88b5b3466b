#!/usr/bin/python3
"""Writes the bundled brief faces of assets/fonts from Debian's packages, so that anyone can rebuild them:

  FandolFang-Regular.ttf  仿宋, the body       from texlive-lang-chinese's FandolFang-Regular.otf
  FandolSong-Bold.ttf     heavy 宋, the title  from texlive-lang-chinese's FandolSong-Bold.otf
  WenKaiGB-Regular.ttf    楷体, sub-headings   from fonts-lxgw-wenkai's LXGWWenKai-Regular.ttf

The briefs are written with gofpdf, which embeds TrueType outlines only. The Fandol faces ship as OpenType with
CFF (cubic) outlines, so their glyphs are redrawn as quadratic TrueType contours (fontTools' cu2qu, within one
unit of the 1000-unit em: 0.006 mm at the body's 16 pt, far below what a printer shows) in glyf/loca tables.

Each face keeps what a brief can print: every character below U+3000 the face has (Latin, digits, punctuation,
symbols), the CJK punctuation and full-width forms, and the 6,763 hanzi of GB 2312 — the set every Chinese
font covers and that holds all but a handful of the characters of names, places and official prose. A rarer
character (a name's 堃 or 喆, outside GB 2312) is set from Micro Hei, the bundled fallback with about 20,000
hanzi; a character no bundled face has is still reported before printing. What the cut drops from the Fandol
faces is some 2,400 traditional forms a simplified brief never prints; from WenKai, 20,000 rare characters
that would more than triple its size for the few words of the sub-headings.

Tables gofpdf does not read (OpenType layout, vertical metrics, hinting) are left out: a brief is set
horizontally and the project breaks and places every glyph itself.

Licences: the Fandol fonts are GPL-3 with the GPL font exception; the converted faces keep their names and say in
their version string that they were converted (GPL-3 section 5a). LXGW WenKai is under the SIL Open Font
Licence 1.1 with the Reserved Font Names "霞鹜" and "LXGW": a cut-down copy is a Modified Version, which must
not carry them, so it is renamed WenKai GB.

Run with Debian's python3 and python3-fonttools (`make brief-fonts`); the same packages give the same bytes.
"""
import os
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "assets", "fonts")
FANDOL = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

# How far, in font units (1000 to the em), a quadratic curve may stray from the cubic it replaces.
MAX_ERR = 1.0

# Tables a brief never reads: layout (gofpdf does no shaping), vertical metrics, CFF-only data.
DROP = ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "gasp"]


def in_gb2312(cp):
    try:
        chr(cp).encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def wanted(cp):
    """Whether a brief can need the character: see the module's text."""
    if cp < 0x2E80:
        return True
    if 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF:
        return True
    return in_gb2312(cp)


def cff_to_glyf(font):
    """Replaces the CFF outlines of font by TrueType ones, in place."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF draws outer contours counter-clockwise, TrueType clockwise: reverse them.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    font.sfntVersion = "\x00\x01\x00\x00"
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    # Version 1.0 adds the TrueType fields; the point and contour counts are recomputed when the font is saved.
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxPoints", "maxContours", "maxCompositePoints",
                  "maxCompositeContours", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0  # no glyph names: a CID font's are only "cid01234"
    post.extraNames, post.mapping = [], {}


def cut(font):
    """Keeps the glyphs of the characters a brief can need (see wanted) and drops the tables it never reads."""
    keep = sorted(cp for cp in font.getBestCmap() if wanted(cp))
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += DROP
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.hinting = False
    options.glyph_names = False
    options.prune_unicode_ranges = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=keep)
    sub.subset(font)
    return len(keep)


def set_names(font, names):
    """Sets the name records of the given IDs, on every platform and language the font has them."""
    for rec in font["name"].names:
        if rec.nameID in names:
            rec.string = names[rec.nameID]


def fandol(src, dst):
    font = TTFont(os.path.join(FANDOL, src), recalcTimestamp=False)
    n = cut(font)
    cff_to_glyf(font)
    version = font["name"].getDebugName(5).split(";")[0]
    set_names(font, {5: version + "; TrueType, cut to GB 2312, converted from " + src + " by tools/fontbuild"})
    return save(font, dst, n)


def wenkai(dst):
    font = TTFont(WENKAI, recalcTimestamp=False)
    n = cut(font)
    # The Reserved Font Names may not name a modified copy (OFL-1.1, condition 3).
    set_names(font, {1: "WenKai GB", 3: "WenKaiGB-Regular 1.250 tools/fontbuild", 4: "WenKai GB",
                     6: "WenKaiGB-Regular", 16: "WenKai GB", 17: "Regular"})
    font["name"].names = [r for r in font["name"].names
                          if not (r.nameID in (1, 4, 16) and "霞鹜" in r.toUnicode())]
    font["name"].setName("WenKai GB: the characters of GB 2312 of LXGW WenKai 1.250, cut by tools/fontbuild",
                         10, 3, 1, 0x409)
    return save(font, dst, n)


def save(font, dst, n):
    """Writes the font; its head table keeps the source's dates, so that a rebuild gives the same bytes."""
    path = os.path.join(OUT, dst)
    font.save(path)
    print("%s: %d characters, %d glyphs, %d bytes" % (path, n, len(font.getGlyphOrder()), os.path.getsize(path)))
    return path


def main():
    fandol("FandolFang-Regular.otf", "FandolFang-Regular.ttf")
    fandol("FandolSong-Bold.otf", "FandolSong-Bold.ttf")
    wenkai("WenKaiGB-Regular.ttf")


if __name__ == "__main__":
    sys.exit(main())
