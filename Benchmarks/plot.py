#!/usr/bin/env python3
"""Draws a log-log plot (SVG, no dependencies) of seconds against people from lines of
'series people seconds' on standard input.
  python3 Benchmarks/plot.py < growth.txt > Benchmarks/growth.svg"""
import math
import sys
from xml.sax.saxutils import escape

series = {}
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 3:
        series.setdefault(parts[0], []).append((float(parts[1]), float(parts[2])))

width, height, margin = 640, 400, 60
xs = [x for points in series.values() for x, _ in points]
ys = [y for points in series.values() for _, y in points]
x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))


def px(x):
    return margin + (math.log10(x) - x0) / (x1 - x0) * (width - 2 * margin)


def py(y):
    return height - margin - (math.log10(y) - y0) / (y1 - y0) * (height - 2 * margin)


colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e"]
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
       f'<rect width="{width}" height="{height}" fill="white"/>']
for e in range(x0, x1 + 1):
    out.append(f'<line x1="{px(10**e):.1f}" y1="{margin}" x2="{px(10**e):.1f}" y2="{height - margin}" stroke="#ddd"/>')
    out.append(f'<text x="{px(10**e):.1f}" y="{height - margin + 18}" text-anchor="middle">{10**e:,}</text>')
for e in range(y0, y1 + 1):
    out.append(f'<line x1="{margin}" y1="{py(10**e):.1f}" x2="{width - margin}" y2="{py(10**e):.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{margin - 6}" y="{py(10**e) + 4:.1f}" text-anchor="end">{10**e:g} s</text>')
out.append(f'<text x="{width / 2}" y="{height - 15}" text-anchor="middle">people (log scale)</text>')
for i, (name, points) in enumerate(sorted(series.items())):
    color = colors[i % len(colors)]
    points.sort()
    path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
    out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
    for x, y in points:
        out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{color}"/>')
    out.append(f'<text x="{margin + 10}" y="{margin + 16 * (i + 1)}" fill="{color}">{escape(name.replace("_", " "))}</text>')
out.append("</svg>")
print("\n".join(out))
