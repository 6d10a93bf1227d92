"""`make bench`: measure every data set in turn and rewrite the report after each."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from . import __doc__ as DESCRIPTION
from .measure import Results, measure_case
from .project import ROOT, make_case
from .report import machine, raw_csv, render

REPORT = ROOT / "docs" / "about" / "performance.md"
RAW = ROOT / "docs" / "about" / "performance.csv"


def runs_for(label: str, args: argparse.Namespace) -> int:
    return args.large_runs if label.isdigit() and int(label) >= 10_000 else args.runs


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000,10000", help="synthetic sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure (median taken)")
    parser.add_argument("--large-runs", type=int, default=1,
                        help="runs at 10,000 records or more, where one build takes minutes")
    parser.add_argument("--report", type=Path, default=REPORT, help="where the report goes (the CSV beside it)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    sizes = ",".join(s.strip() for s in args.sizes.split(",") if s.strip())
    info = machine()
    print("Benchmark on " + "; ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    runs = f"{args.runs} runs" + (f" ({args.large_runs} at 10,000 records or more)" if args.large_runs != args.runs else "")
    raw = args.report.with_suffix(".csv")
    with tempfile.TemporaryDirectory(prefix="scosite-bench-") as workdir:
        results: list[Results] = []
        for label in ["real", *sizes.split(",")]:  # rewritten after each size: a long run keeps what it has
            results.append(measure_case(make_case(label, Path(workdir)), runs_for(label, args)))
            args.report.write_text(render(results, info, runs, sizes), encoding="utf-8")
            raw.write_text(raw_csv(results), encoding="utf-8")
            print(f"Report: {args.report}; raw numbers: {raw}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
