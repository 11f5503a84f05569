#!/usr/bin/env python3
"""Writes the small test PNGs of decode_test.cpp (run from this folder).
Pixel values are chosen so the test can check every decoded sample."""
import struct, zlib

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

def png(width, height, bit_depth, color_type, rows, interlace=0, extra=b"", before_idat=b""):
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace)
    raw = b"".join(b"\x00" + r for r in rows)  # filter 0 on every row
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + before_idat + chunk(b"IDAT", zlib.compress(raw, 9)) + extra + chunk(b"IEND", b"")

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

# 4×2 palette, 2 bits per index: indices 0 1 2 3 / 3 2 1 0.
plte = chunk(b"PLTE", bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]))
idx = [bytes([0b00011011]), bytes([0b11100100])]
write("palette.png", png(4, 2, 2, 3, idx, before_idat=plte))
# The same with tRNS: index 0 transparent, index 1 half.
write("palette-trns.png", png(4, 2, 2, 3, idx, before_idat=plte + chunk(b"tRNS", bytes([0, 128]))))
# Missing PLTE: a palette image without its palette.
write("missing-plte.png", png(4, 2, 2, 3, idx))
# 3×1 gray + alpha, 8 bits: (10,0) (20,128) (30,255).
write("gray-alpha.png", png(3, 1, 8, 4, [bytes([10, 0, 20, 128, 30, 255])]))
# 2×2 RGBA, 8 bits.
write("rgba.png", png(2, 2, 8, 6, [bytes([1, 2, 3, 4, 5, 6, 7, 8]), bytes([9, 10, 11, 12, 13, 14, 15, 255])]))
# RGBA fully opaque: the alpha is dropped.
write("rgba-opaque.png", png(2, 1, 8, 6, [bytes([1, 2, 3, 255, 4, 5, 6, 255])]))
# 2×1 RGB, 16 bits: 0xFFFF 0x0000 0x8080 | 0x1234 0xABCD 0x0101.
write("rgb16.png", png(2, 1, 16, 2, [struct.pack(">6H", 0xFFFF, 0, 0x8080, 0x1234, 0xABCD, 0x0101)]))
# 8×1 gray, 1 bit: 10110010.
write("gray1.png", png(8, 1, 1, 0, [bytes([0b10110010])]))
# 2×1 gray 8 bits with tRNS key 50: (50 transparent, 60 opaque).
write("gray-trns.png", png(2, 1, 8, 0, [bytes([50, 60])], before_idat=chunk(b"tRNS", struct.pack(">H", 50))))

# 5×5 gray, Adam7 interlaced: pixel (x, y) = 10*y + x.
def adam7(width, height, pixel):
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    raw = b""
    for x0, y0, dx, dy in passes:
        xs = list(range(x0, width, dx))
        ys = list(range(y0, height, dy))
        if not xs or not ys:
            continue
        for y in ys:
            raw += b"\x00" + bytes(pixel(x, y) for x in xs)
    return raw
ihdr = struct.pack(">IIBBBBB", 5, 5, 8, 0, 0, 0, 1)
write("interlaced.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
      chunk(b"IDAT", zlib.compress(adam7(5, 5, lambda x, y: 10 * y + x), 9)) + chunk(b"IEND", b""))

# Corrupt: the IDAT's CRC flipped.
good = png(4, 4, 8, 2, [bytes(range(12))] * 4)
i = good.index(b"IDAT")
n = struct.unpack(">I", good[i - 4:i])[0]
crc = i + 4 + n
write("bad-crc.png", good[:crc] + bytes([good[crc] ^ 0xFF]) + good[crc + 1:])
# Truncated inside the IDAT data.
write("truncated-idat.png", good[:i + 4 + n // 2])
# Image data that stops early: a complete IDAT chunk holding half the rows.
write("short-idat.png", png(4, 4, 8, 2, [bytes(range(12))] * 2))  # IHDR says 4 rows
# A PNG bomb: 100000 × 100000 declared, 1 bit, a small IDAT.
write("bomb.png", png(100000, 100000, 1, 0, [bytes(12500)] * 8))

# Palette images read as indices and looked up (decode.cpp), as libpng expands them:
# 5×1, 8 bits, 3 entries, tRNS for 2: indices 0 1 2 5 0 (5 is past the palette: black, opaque).
plte3 = chunk(b"PLTE", bytes([10, 20, 30, 40, 50, 60, 70, 80, 90]))
write("palette8-trns.png", png(5, 1, 8, 3, [bytes([0, 1, 2, 5, 0])], before_idat=plte3 + chunk(b"tRNS", bytes([0, 200]))))
# The same palette with tRNS all opaque: no alpha.
write("palette8-opaque-trns.png", png(5, 1, 8, 3, [bytes([0, 1, 2, 5, 0])], before_idat=plte3 + chunk(b"tRNS", bytes([255, 255, 255]))))
# 3×3, 4 bits per index, Adam7 interlaced: pixel (x, y) = index (x + y) % 3.
def adam7_packed4(width, height, pixel):
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    raw = b""
    for x0, y0, dx, dy in passes:
        xs = list(range(x0, width, dx))
        ys = list(range(y0, height, dy))
        if not xs or not ys:
            continue
        for y in ys:
            nibbles = [pixel(x, y) for x in xs] + [0]
            raw += b"\x00" + bytes((nibbles[i] << 4) | (nibbles[i + 1] if i + 1 < len(xs) else 0) for i in range(0, len(xs), 2))
    return raw
ihdr = struct.pack(">IIBBBBB", 3, 3, 4, 3, 0, 0, 1)
write("palette4-interlaced.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + plte3 +
      chunk(b"IDAT", zlib.compress(adam7_packed4(3, 3, lambda x, y: (x + y) % 3), 9)) + chunk(b"IEND", b""))
