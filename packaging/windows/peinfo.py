#!/usr/bin/env python3
"""Print what Windows reads from scitech.exe: the subsystem, the manifest (RT_MANIFEST 1) and the version
strings (RT_VERSION 1), so `make windows-test` can check them without a Windows machine.

usage: peinfo.py FILE.exe   ->  lines "subsystem<TAB>2", "manifest<TAB><xml on one line>",
                                "version:<lang>:<key><TAB><value>", "icon<TAB><count>"
"""
import struct
import sys

RT_ICON, RT_VERSION, RT_MANIFEST = 3, 16, 24


def sections(pe, opt_off, opt_size, nsect):
    off = opt_off + opt_size
    for i in range(nsect):
        va_size, va, raw_size, raw = struct.unpack_from("<IIII", pe, off + 40 * i + 8)
        yield va, max(va_size, raw_size), raw


def rva_to_off(secs, rva):
    for va, size, raw in secs:
        if va <= rva < va + size:
            return rva - va + raw
    raise ValueError("RVA %#x outside every section" % rva)


def resources(pe, secs, base_rva):
    """Yield (type, id, bytes) for every resource leaf."""
    base = rva_to_off(secs, base_rva)

    def walk(off, path):
        named, ids = struct.unpack_from("<HH", pe, base + off + 12)
        for i in range(named + ids):
            name, target = struct.unpack_from("<II", pe, base + off + 16 + 8 * i)
            key = name if not name & 0x80000000 else "name"
            if target & 0x80000000:
                yield from walk(target & 0x7FFFFFFF, path + [key])
            else:
                rva, size = struct.unpack_from("<II", pe, base + target)
                start = rva_to_off(secs, rva)
                yield path[0], path[1], pe[start:start + size]

    yield from walk(0, [])


def version_strings(blob):
    """The StringFileInfo entries of a VS_VERSIONINFO block, as (lang, key, value)."""
    out = []

    def block(off, end, path):
        while off + 6 <= end:
            length, vlen, vtype = struct.unpack_from("<HHH", blob, off)
            if length == 0:
                break
            k = off + 6
            kend = k
            while blob[kend:kend + 2] != b"\0\0":
                kend += 2
            key = blob[k:kend].decode("utf-16-le")
            voff = (kend + 2 + 3) & ~3
            vbytes = vlen * 2 if vtype == 1 else vlen
            if len(path) == 2 and path[0] == "StringFileInfo":
                value = blob[voff:voff + vbytes].decode("utf-16-le").rstrip("\0")
                out.append((path[1], key, value))
            child = (voff + vbytes + 3) & ~3
            block(child, off + length, path + [key] if path or key != "VS_VERSION_INFO" else [])
            off = (off + length + 3) & ~3

    block(0, len(blob), [])
    return out


def main(path):
    pe = open(path, "rb").read()
    peoff = struct.unpack_from("<I", pe, 0x3C)[0]
    if pe[peoff:peoff + 4] != b"PE\0\0":
        sys.exit("%s: not a PE file" % path)
    nsect, opt_size = struct.unpack_from("<H", pe, peoff + 6)[0], struct.unpack_from("<H", pe, peoff + 20)[0]
    opt = peoff + 24
    magic = struct.unpack_from("<H", pe, opt)[0]
    print("subsystem\t%d" % struct.unpack_from("<H", pe, opt + 68)[0])
    dirs = opt + (112 if magic == 0x20B else 96)
    res_rva = struct.unpack_from("<I", pe, dirs + 2 * 8)[0]
    secs = list(sections(pe, opt, opt_size, nsect))
    icons = 0
    for rtype, rid, blob in resources(pe, secs, res_rva):
        if rtype == RT_MANIFEST and rid == 1:
            print("manifest\t" + " ".join(blob.decode("utf-8").split()))
        elif rtype == RT_VERSION:
            for lang, key, value in version_strings(blob):
                print("version:%s:%s\t%s" % (lang, key, value))
        elif rtype == RT_ICON:
            icons += 1
    print("icon\t%d" % icons)


if __name__ == "__main__":
    main(sys.argv[1])
