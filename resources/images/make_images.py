#!/usr/bin/env python3
"""Writes the shipped target images (resources/images/*.png) and the test images
(tests/data/*.png): 8-bit grayscale PNGs, bright = dense, drawn from simple shapes with 4 x 4
supersampling. Pure Python (zlib + struct), so it runs anywhere:

    python3 resources/images/make_images.py
"""
import math
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, "..", "..", "tests", "data")


def write_png(path, rows, color_type=0):
    """rows: list of lists of ints 0..255 (grayscale, 8 bit; color_type 6: RGBA, 4 per pixel)."""
    channels = 4 if color_type == 6 else 1
    height, width = len(rows), len(rows[0]) // channels
    raw = b"".join(b"\x00" + bytes(r) for r in rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def render(width, height, inside, samples=4):
    """inside(u, v) -> bool with u, v in [-1, 1] (v up); coverage in 0..255."""
    rows = []
    for y in range(height):
        row = []
        for x in range(width):
            hits = 0
            for sy in range(samples):
                for sx in range(samples):
                    u = 2.0 * (x + (sx + 0.5) / samples) / width - 1.0
                    v = 1.0 - 2.0 * (y + (sy + 0.5) / samples) / height
                    hits += 1 if inside(u, v) else 0
            row.append(round(255 * hits / samples**2))
        rows.append(row)
    return rows


def smiley(u, v):
    r = math.hypot(u, v)
    if 0.80 <= r <= 0.95:  # the face's rim
        return True
    for ex in (-0.32, 0.32):  # eyes
        if math.hypot(u - ex, v - 0.28) <= 0.13:
            return True
    # the mouth: an arc of radius 0.5 below the centre
    rm = math.hypot(u, v - 0.05)
    return 0.42 <= rm <= 0.55 and v < -0.12


def letters_dl(u, v):
    # D: a vertical bar and a half ring, on the left half; L: two bars on the right half.
    if -0.9 <= u <= -0.72 and -0.6 <= v <= 0.6:
        return True
    du, dv = u + 0.72, v
    r = math.hypot(du / 0.72, dv / 0.6)
    if du >= 0 and 0.75 <= r <= 1.0:
        return True
    if (0.05 <= u <= 0.23 and -0.6 <= v <= 0.6) or (0.05 <= u <= 0.85 and -0.6 <= v <= -0.42):
        return True
    return False


def spiral(u, v):
    r = math.hypot(u, v)
    if r > 0.95 or r < 0.05:
        return False
    a = math.atan2(v, u)
    # Archimedean spiral r = b (theta + 2 pi k) with 3 turns: distance to the nearest arm
    b = 0.9 / (3 * 2 * math.pi)
    t = (r / b - a) / (2 * math.pi)
    k = round(t)
    return abs(r - b * (a + 2 * math.pi * k)) < 0.045


def main():
    write_png(os.path.join(HERE, "smiley.png"), render(128, 128, smiley))
    write_png(os.path.join(HERE, "letters-dl.png"), render(192, 128, letters_dl))
    write_png(os.path.join(HERE, "spiral.png"), render(128, 128, spiral))
    # Test images: a 16 x 16 image with a known histogram (zeros included), all black.
    os.makedirs(TESTS, exist_ok=True)
    test16 = [[((3 * x + 5 * y) % 11) * 25 if (x + y) % 4 else 0 for x in range(16)]
              for y in range(16)]
    write_png(os.path.join(TESTS, "test16.png"), test16)
    write_png(os.path.join(TESTS, "black8.png"), [[0] * 8 for _ in range(8)])
    # RGBA: red, green, blue, white opaque; white half transparent, white fully transparent.
    write_png(os.path.join(TESTS, "rgba3x2.png"),
              [[255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255],
               [255, 255, 255, 255, 255, 255, 255, 128, 255, 255, 255, 0]], color_type=6)


if __name__ == "__main__":
    main()
