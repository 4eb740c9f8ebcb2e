#!/bin/bash
# Draws docs/bench/tls12_handshakes.png (handshakes per CPU-second, client and server side,
# embertls / OpenSSL / Mbed TLS) from tls12_bench's output and rewrites the table between
# <!-- bench-table:start --> and <!-- bench-table:end --> in README.md from the same figures.
# Installs Debian's python3-matplotlib when missing. scripts/bench.sh runs the benchmark and
# then this. Usage: scripts/bench-chart.sh [TLS12_BENCH_OUTPUT [PNG]]
set -euo pipefail
cd "$(dirname "$0")/.."
in=${1:-docs/bench/tls12_bench.txt}
png=${2:-docs/bench/tls12_handshakes.png}
# Debian's python3, which python3-matplotlib installs into (a python3 earlier on PATH, e.g.
# pyenv's, does not see it).
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" -c 'import matplotlib' 2>/dev/null || scripts/install-deps.sh python3-matplotlib python3
"$py" - "$in" "$png" README.md <<'PY'
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

src, png, readme = sys.argv[1:4]
lines = open(src).read().splitlines()
meta = lines[0][2:] if lines and lines[0].startswith("# ") else "unknown machine"
libs = ["embertls", "OpenSSL", "Mbed TLS"]


FIG = r"(\d+|n/a)"
ROW = re.compile(r"^(\S.*?)" + (r"\s+" + FIG) * 6 + r"(\s|$)")


def cells(line):
    """The scenario name and its 6 figures (None for n/a: client, server per library), or None."""
    m = ROW.match(line)
    if not m:
        return None
    return m.group(1).strip(), [None if v == "n/a" else int(v) for v in m.groups()[1:7]]


handshakes, memory, section = [], [], None
for line in lines:
    if line.startswith("scenario "):
        section = "hs"
    elif line.startswith("heap bytes in use"):
        section = "mem"
    elif line.startswith("limit "):
        continue
    else:
        row = cells(line)
        if row and section == "hs":
            handshakes.append(row)
        elif row and section == "mem":
            memory.append(row)
if not handshakes:
    sys.exit(f"bench-chart: no handshake rows in {src} (is it tls12_bench's output?)")

# The chart: one panel per side, one group of bars per scenario.
colors = ["#d9480f", "#1c7ed6", "#5c940d"]
fig, axes = plt.subplots(1, 2, figsize=(12, 0.9 * len(handshakes) + 1.8), sharey=True)
height = 0.26
for side, ax in enumerate(axes):
    for k, lib in enumerate(libs):
        ys = [i + (k - 1) * height for i in range(len(handshakes))]
        xs = [vals[2 * k + side] or 0 for _, vals in handshakes]  # n/a: no bar
        bars = ax.barh(ys, xs, height, label=lib, color=colors[k])
        for bar, (_, vals) in zip(bars, handshakes):
            v = vals[2 * k + side]
            ax.text(bar.get_width(), bar.get_y() + height / 2, f" {v:,}" if v else " n/a",
                    va="center", fontsize=7)
    ax.set_title(["client", "server"][side] + " side: handshakes per CPU-second (log scale)",
                 fontsize=10)
    ax.set_xscale("log")
    top = max(v for _, vals in handshakes for v in vals if v)
    ax.set_xlim(left=50, right=top * 4)
    ax.set_yticks(range(len(handshakes)))
    ax.set_yticklabels([name for name, _ in handshakes], fontsize=8)
    ax.grid(axis="x", alpha=0.3)
axes[0].invert_yaxis()  # once: the panels share the y axis
axes[1].legend(loc="lower right", fontsize=8)
fig.suptitle("embertls vs OpenSSL vs Mbed TLS: in-memory handshakes (more is better), chains "
             "verified with host name\n" + meta,
             fontsize=9)
fig.subplots_adjust(left=0.2, right=0.98, top=0.85, bottom=0.08, wspace=0.06)
fig.savefig(png, dpi=90)


def fmt(v):
    return "n/a" if v is None else f"{v:,}"


table = ["| handshakes per CPU-second (client / server) | embertls | OpenSSL 3 | Mbed TLS 2.28 |",
         "|---|---:|---:|---:|"]
for name, v in handshakes:
    table.append(f"| {name} | " + " | ".join(f"{fmt(v[2*k])} / {fmt(v[2*k+1])}" for k in range(3)) + " |")
if memory:
    table += ["", "| heap bytes per idle connection (client / server) | embertls | OpenSSL 3 | Mbed TLS 2.28 |",
              "|---|---:|---:|---:|"]
    for name, v in memory:
        table.append(f"| {name} | " + " | ".join(f"{fmt(v[2*k])} / {fmt(v[2*k+1])}" for k in range(3)) + " |")
table += ["", f"Measured: {meta} (`{src}`)."]

text = open(readme).read()
start, end = "<!-- bench-table:start -->", "<!-- bench-table:end -->"
if start not in text or end not in text:
    sys.exit(f"bench-chart: {readme} has no {start} ... {end} markers")
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
open(readme, "w").write(head + start + "\n" + "\n".join(table) + "\n" + end + tail)
print(f"bench-chart: {png} and the table in {readme} from {src} ({len(handshakes)} scenarios)")
PY
