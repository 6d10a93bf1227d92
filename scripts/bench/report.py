"""The report: docs/about/performance.md from report.md.j2, and the raw numbers as CSV.

Each target of issue 16 is a row: what was measured and MET or NOT MET; a measure that
reached its ceiling reads "did not settle in N s" (NOT MET), and a target whose size was not
benchmarked reads "not measured (SIZES=…)".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import platform
from dataclasses import dataclass
from pathlib import Path

import jinja2
from tests.support.weight import Weight

from scosite.data import yamlstrict

from .chart import chart, fmt
from .measure import Results

TEMPLATE = "report.md.j2"
MET, NOT_MET = "**MET**", "**NOT MET**"
REQUESTS_PER_PAGE = 6
WEIGHT_BUDGET = 1.10
# (data set, seconds): edit → served with `make serve`.
SERVED_WITHIN = (("real", 1.0), ("1000", 1.5))  # at 10,000 records: reported, no target (issue 26)


@dataclass(frozen=True)
class Target:
    target: str
    measured: str
    result: str


def verdict(ok: bool) -> str:
    return MET if ok else NOT_MET


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    loader = yamlstrict.Loader.__name__
    return {"Date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
            "CPU model": cpu, "Python": platform.python_version(),
            "Load average at start (1, 5, 15 min)": load_average(),
            "YAML loader": loader + (" (libyaml, C)" if loader == "CSafeLoader" else " (pure Python)")}


def shown(r: Results, measure: str, unit: str, digits: int = 2, scale: float = 1.0) -> str | None:
    """The median as text, "did not settle in N s" if it reached its ceiling, None if not measured."""
    if measure in r.unsettled:
        return f"did not settle in {r.unsettled[measure]:.0f} s"
    value = r.median(measure)
    return None if value != value else f"{fmt(value * scale, digits)}{unit}"


def at_size(by: dict[str, Results], label: str, sizes: str, target: str, measure: str, unit: str,
            limit: float, digits: int = 2, scale: float = 1.0) -> Target:
    """A target on one measure at one data set: ``median × scale ≤ limit``."""
    r = by.get(label)
    if r is None:
        return Target(target, "–", f"not measured (SIZES={sizes})")
    text = shown(r, measure, unit, digits, scale)
    if text is None:
        return Target(target, "–", "not measured")
    return Target(target, text, verdict(measure not in r.unsettled and r.median(measure) * scale <= limit))


def build_target(by: dict[str, Results], sizes: str) -> Target:
    name = "Full build (`make build`) at 10,000 records ≤ 0.7 × plain MkDocs + Material, three editions, same run"
    r = by.get("10000")
    if r is None:
        return Target(name, "–", f"not measured (SIZES={sizes})")
    ours, plain = shown(r, "build_s", " s", 1), shown(r, "ref_build_s", " s", 1)
    if r.unsettled.keys() & {"build_s", "ref_build_s"}:
        return Target(name, f"ours: {ours or '–'}; plain: {plain or '–'}", NOT_MET)
    if ours is None or plain is None:
        return Target(name, "–", "not measured")
    ratio = r.median("build_s") / r.median("ref_build_s")
    return Target(name, f"{ours} vs plain {plain} (×{ratio:.2f})", verdict(ratio <= 0.7))


def preview_targets(by: dict[str, Results], sizes: str) -> list[Target]:
    rows = [at_size(by, label, sizes, f"Edit → served (`make serve`) ≤ {limit:g} s "
                    f"{'for the real site' if label == 'real' else f'at {int(label):,} records'}",
                    "serve_dirty_s", " s", limit) for label, limit in SERVED_WITHIN]
    if (r := by.get("10000")) is not None and (figure := shown(r, "serve_dirty_s", " s", 2)):
        rows.append(Target("Edit → served (`make serve`) at 10,000 records (no target)", figure, "reported"))
    return rows


def search_targets(by: dict[str, Results], sizes: str) -> list[Target]:
    return [
        at_size(by, "10000", sizes, "Search at 10,000 records: no search-index request before the reader searches",
                "search_before_requests", " requests", 0, 0),
        at_size(by, "10000", sizes, "Search at 10,000 records: a first search downloads ≤ 300 KB (gzip)",
                "search_gzip_bytes", " KB", 300, 0, 1 / 1000),
        at_size(by, "10000", sizes, "Search at 10,000 records: results shown ≤ 300 ms after the index parts arrive",
                "search_shown_ms", " ms", 300, 0),
    ]


def weight_targets(weights: dict[str, tuple[Weight, Weight]]) -> list[Target]:
    rows = []
    for name, (ours, default) in weights.items():
        rows.append(Target(f"Page weight, {name} (real site): bytes ≤ default Material + 10 %",
                           f"{ours.bytes:,} B vs {default.bytes:,} B (×{ours.bytes / default.bytes:.2f})",
                           verdict(ours.bytes <= WEIGHT_BUDGET * default.bytes)))
        rows.append(Target(f"Page weight, {name} (real site): ≤ {REQUESTS_PER_PAGE} requests (same-site)",
                           f"{ours.requests} requests; {len(ours.other_hosts)} to other hosts",
                           verdict(ours.requests <= REQUESTS_PER_PAGE and not ours.other_hosts)))
    return rows


def generator_targets(results: list[Results]) -> list[Target]:
    built = [r for r in results if r.median("build_s") > 0]
    rows = []
    largest = max(built, key=lambda r: r.case.records, default=None)
    if largest is not None:
        rows.append(memory_target(largest))
    noop_ok = all(r.median("noop_written") == 0 and r.median("noop_s") <= 0.1 * r.median("generate_s") for r in results)
    rows.append(Target("No-op generate writes 0 files and costs ≤ 10 % of a full generate",
                       ", ".join(f"{r.case.label}: {r.median('noop_written'):.0f} files, "
                                 f"{r.median('noop_s') / r.median('generate_s'):.0%}" for r in results), verdict(noop_ok)))
    others = sorted({f for r in results for f in r.facts.get("edit_other_files", [])})
    rows.append(Target("Editing one record regenerates only the pages that show it (every edition)",
                       ", ".join(f"{r.case.label}: {r.median('edit_written'):.0f} pages" for r in results)
                       + (f"; other files rewritten: {', '.join(others)}" if others else ""),
                       verdict(all(r.facts.get("edit_exact") for r in results))))
    loader = yamlstrict.Loader.__name__
    rows.append(Target("YAML loading uses libyaml's C loader when present", loader, verdict(loader == "CSafeLoader")))
    return rows


def flat_bytes_target(by: dict[str, Results]) -> list[Target]:
    if not ("1000" in by and "10000" in by and "site" in by["1000"].facts and "site" in by["10000"].facts):
        return []
    large, small = by["10000"].facts["site"], by["1000"].facts["site"]
    ratio = (large.html_bytes / large.pages) / (small.html_bytes / small.pages)
    return [Target("Bytes per page flat from 1,000 to 10,000 records (within 10 %)", f"×{ratio:.2f}",
                   verdict(ratio <= 1.10))]


def targets(results: list[Results], sizes: str) -> list[Target]:
    """Every target of issue 16, in the report's order."""
    by = {r.case.label: r for r in results}
    weights = by["real"].facts.get("weights", {}) if "real" in by else {}
    return [build_target(by, sizes), *preview_targets(by, sizes), *search_targets(by, sizes),
            *weight_targets(weights), *generator_targets(results), *flat_bytes_target(by)]


# --- Tables --------------------------------------------------------------------------------


def cell(r: Results, measure: str, digits: int = 2, scale: float = 1.0) -> str:
    return shown(r, measure, "", digits, scale) or "–"


def site_cells(r: Results) -> list[str]:
    site = r.facts.get("site")
    if site is None:
        return ["–"] * 4
    return [fmt(site.bytes / 2**20, 1), f"{site.html_bytes // site.pages:,}",
            f"{site.largest_bytes / 1024:,.0f} KiB ({site.largest_page})", fmt(site.search_index / 2**20, 1)]


def step_rows(r: Results) -> list[tuple[str, float, float]]:
    """``make build``'s steps as it reported them (median of the runs): what, seconds, MiB."""
    names = [m.split(":", 1)[1] for m in r.samples if m.startswith("step_s:")]
    return [(name, r.median(f"step_s:{name}"), r.median(f"step_mb:{name}")) for name in names]


def memory_target(r: Results) -> Target:
    """Each process of `make build` (the generator, each edition, each search index, each
    edition's output checks: scosite.build.steps) holds at most 1 GiB."""
    what = f"Peak memory of each process of `make build` at {r.case.records:,} records ≤ 1 GiB"
    steps = step_rows(r)
    if not steps:
        peak = r.median("build_peak_mb")
        return Target(what, f"{peak:,.0f} MiB (the largest process; steps not reported)", verdict(peak <= 1024))
    name, _, peak = max(steps, key=lambda step: step[2])
    editions = max((mib for step, _, mib in steps if step.startswith("Edition ")), default=float("nan"))
    return Target(what, f"largest: {name} {peak:,.0f} MiB; editions' builds at most {editions:,.0f} MiB",
                  verdict(peak <= 1024))


def steps_table(results: list[Results]) -> list[list[str]]:
    """The largest data set's build steps: what, seconds, peak MiB."""
    with_steps = [r for r in results if step_rows(r)]
    if not with_steps:
        return []
    largest = max(with_steps, key=lambda r: r.case.records)
    return [[f"{largest.case.records:,}", name, fmt(seconds, 1), f"{mib:,.0f}"] for name, seconds, mib in step_rows(largest)]


def results_rows(results: list[Results]) -> list[list[str]]:
    rows = []
    for r in results:
        site = r.facts.get("site")
        rows.append([f"{r.case.records:,}" + (" (real)" if r.case.label == "real" else ""),
                     f"{site.pages:,}" if site else "–", cell(r, "check_s"), cell(r, "generate_s"),
                     f"{cell(r, 'noop_s')} ({cell(r, 'noop_written', 0)})", f"{cell(r, 'edit_s')} ({cell(r, 'edit_written', 0)})",
                     cell(r, "build_s", 1), cell(r, "build_peak_mb", 0), *site_cells(r)[:4],
                     f"{cell(r, 'serve_dirty_s')} ({cell(r, 'serve_dirty_rebuilds', 0)})",
                     cell(r, "search_gzip_bytes", 0, 1 / 1024), cell(r, "search_shown_ms", 0), fmt(r.facts["load"], 1)])
    return rows


def triple(r: Results, ours: str, plain: str, digits: int) -> str:
    a, b = r.median(ours), r.median(plain)
    text = f"{cell(r, ours, digits)} / {cell(r, plain, digits)}"
    return text + (f" / ×{a / b:.2f}" if a > 0 and b > 0 else "")


def reference_rows(results: list[Results]) -> list[list[str]]:
    rows = []
    for r in results:
        ours, plain = r.facts.get("site"), r.facts.get("ref_site")
        per_page = (f"{ours.html_bytes // ours.pages:,} / {plain.html_bytes // plain.pages:,} / "
                    f"×{(ours.html_bytes / ours.pages) / (plain.html_bytes / plain.pages):.2f}") if ours and plain else "–"
        rows.append([f"{r.case.records:,}", triple(r, "build_s", "ref_build_s", 1),
                     triple(r, "build_peak_mb", "ref_peak_mb", 0), per_page, triple(r, "serve_dirty_s", "ref_serve_s", 2)])
    return rows


# --- The files -----------------------------------------------------------------------------


def busy_note(start: str, end: str) -> str:
    """One sentence on how busy the machine was: the numbers mean less on a loaded machine."""
    cpus = len(os.sched_getaffinity(0))
    peak = max(float(x) for x in (start.split(", ")[0], end.split(", ")[0]))
    if peak <= 0.5 * cpus:
        return "The machine was otherwise quiet (1-minute load average at most half the CPUs)."
    return (f"The machine was busy with other work (1-minute load average up to {peak:.2f} on {cpus} CPUs): "
            "times are longer than on a quiet machine, and comparisons within this run fairer than across runs.")


def render(results: list[Results], info: dict[str, str], runs: str, sizes: str) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent),
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    end = load_average()
    info = info | {"Load average at end (1, 5, 15 min)": end}
    start = info["Load average at start (1, 5, 15 min)"]
    return environment.get_template(TEMPLATE).render(
        machine=info, busy=busy_note(start, end), runs=runs, sizes=sizes, targets=targets(results, sizes),
        results_rows=results_rows(results), reference_rows=reference_rows(results), step_rows=steps_table(results),
        chart=chart([r for r in results if r.case.label != "real"]))


def raw_csv(results: list[Results]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("data_set", "records", "measure", "run", "value"))
    for r in results:
        for measure, values in r.samples.items():
            writer.writerows((r.case.label, r.case.records, measure, i + 1, f"{v:.4f}") for i, v in enumerate(values))
        for measure, ceiling in r.unsettled.items():
            writer.writerow((r.case.label, r.case.records, f"{measure}_unsettled_after_s", 1, f"{ceiling:.0f}"))
        for key in ("site", "ref_site"):
            for name, value in vars(r.facts[key]).items() if key in r.facts else ():
                writer.writerow((r.case.label, r.case.records, f"{key}_{name}", 1, value))
    return out.getvalue()
