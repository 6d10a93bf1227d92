"""The report's chart: seconds against records, log-log, as accessible inline SVG (no styles)."""

from __future__ import annotations

import math

from .measure import Results

SERIES = (  # (measure, label, dash pattern, marker)
    ("check_s", "check", "", "circle"),
    ("generate_s", "generate", "6 3", "square"),
    ("build_s", "make build, three editions (ours)", "", "triangle"),
    ("ref_build_s", "plain MkDocs, three editions", "2 3", "triangle"),
    ("serve_dirty_s", "edit → served (make serve)", "1 2", "diamond"),
    ("ref_serve_s", "edit → served (plain)", "8 3 2 3", "diamond"),
)


def fmt(value: float, digits: int = 2) -> str:
    return "–" if value != value else f"{value:,.{digits}f}"


def chart(all_results: list[Results]) -> str:
    """A log-log line chart of seconds against records, as accessible inline SVG (no styles)."""
    points = [r for r in all_results if r.case.label != "real"]
    width, height, left, bottom, top, right = 720, 420, 70, 50, 20, 200
    x_range = (1.0, 4.0)
    y_values = [r.median(m) for r in points for m, *_ in SERIES if r.median(m) > 0]
    y_range = (_floor_log(min(y_values, default=0.01)), _floor_log(max(y_values, default=100)) + 1)

    def x(records: float) -> float:
        return left + (_log(records) - x_range[0]) / (x_range[1] - x_range[0]) * (width - left - right)

    def y(seconds: float) -> float:
        return height - bottom - (_log(seconds) - y_range[0]) / (y_range[1] - y_range[0]) * (height - bottom - top)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="bench-title bench-desc" class="bench-chart" fill="none" stroke="currentColor">',
             '<title id="bench-title">Time against number of records, log-log</title>',
             f'<desc id="bench-desc">{_chart_description(points)}</desc>']
    parts += _axes(x, y, x_range, y_range, width - right, top)
    for index, (measure, label, dash, marker) in enumerate(SERIES):
        coords = [(x(r.case.records), y(r.median(measure))) for r in points if r.median(measure) > 0]
        if coords:
            parts += _series(coords, label, dash, marker, (width - right + 15, top + 20 + 24 * index))
    return "\n".join([*parts, "</svg>"])


def _log(value: float) -> float:
    return math.log10(value)


def _floor_log(value: float) -> int:
    return math.floor(math.log10(value))


def _axes(x, y, x_range, y_range, x_end: float, top: float) -> list[str]:
    parts = []
    for power in range(int(x_range[0]), int(x_range[1]) + 1):
        px = x(10**power)
        parts.append(f'<line x1="{px:.1f}" y1="{y(10 ** y_range[0]):.1f}" x2="{px:.1f}" y2="{top}" stroke-opacity="0.15"/>')
        parts.append(f'<text x="{px:.1f}" y="{y(10 ** y_range[0]) + 20:.1f}" fill="currentColor" stroke="none" '
                     f'text-anchor="middle" font-size="13">{10**power:,}</text>')
    for power in range(y_range[0], y_range[1] + 1):
        py = y(10**power)
        parts.append(f'<line x1="{x(10 ** x_range[0]):.1f}" y1="{py:.1f}" x2="{x_end:.1f}" y2="{py:.1f}" stroke-opacity="0.15"/>')
        parts.append(f'<text x="{x(10 ** x_range[0]) - 8:.1f}" y="{py + 4:.1f}" fill="currentColor" stroke="none" '
                     f'text-anchor="end" font-size="13">{10.0**power:g} s</text>')
    parts.append(f'<text x="{(x(10) + x_end) / 2:.1f}" y="{y(10 ** y_range[0]) + 42:.1f}" fill="currentColor" '
                 f'stroke="none" text-anchor="middle" font-size="13">records</text>')
    return parts


def _series(coords: list[tuple[float, float]], label: str, dash: str, marker: str, legend: tuple[float, float]) -> list[str]:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
    lx, ly = legend
    parts = [f'<polyline points="{path}" stroke-width="2"{dashed}/>']
    parts += [_marker(marker, px, py) for px, py in [*coords, (lx + 12, ly)]]
    parts.append(f'<line x1="{lx:.1f}" y1="{ly:.1f}" x2="{lx + 24:.1f}" y2="{ly:.1f}" stroke-width="2"{dashed}/>')
    parts.append(f'<text x="{lx + 32:.1f}" y="{ly + 4:.1f}" fill="currentColor" stroke="none" font-size="13">{label}</text>')
    return parts


def _marker(shape: str, px: float, py: float) -> str:
    if shape == "circle":
        return f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="currentColor"/>'
    if shape == "square":
        return f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" fill="currentColor"/>'
    if shape == "triangle":
        return f'<polygon points="{px:.1f},{py - 5:.1f} {px - 5:.1f},{py + 4:.1f} {px + 5:.1f},{py + 4:.1f}"/>'
    return f'<polygon points="{px:.1f},{py - 5:.1f} {px + 5:.1f},{py:.1f} {px:.1f},{py + 5:.1f} {px - 5:.1f},{py:.1f}"/>'


def _chart_description(points: list[Results]) -> str:
    lines = []
    for measure, label, *_ in SERIES:
        values = "; ".join(f"{r.case.records:,} records {fmt(r.median(measure))} s" for r in points
                           if r.median(measure) > 0)
        lines.append(f"{label}: {values}.")
    return " ".join(lines)

