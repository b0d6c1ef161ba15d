"""Benchmark: build the largest sample's whole package (``make bench``).

Reports the median of several runs for (a) the build in a running process (load the product
file, check it, render every document, write the folder) and (b) the whole ``dossier build``
command from a cold start, imports included.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier.package import BuildOptions, build_package, write_package  # noqa: E402
from dossier.project import open_project  # noqa: E402
from dossier.rules import load_rules  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def largest_sample() -> Path:
    return max((ROOT / "samples").glob("*.yaml"), key=lambda p: p.stat().st_size)


def in_process(sample: Path, out: Path) -> list[float]:
    ruleset = load_rules()
    times = []
    for run in range(RUNS + 1):
        start = time.perf_counter()
        package = build_package(open_project(sample), ruleset, BuildOptions())
        write_package(package, out / f"p{run}", force=True)
        if run:  # the first run compiles the templates: report it separately
            times.append(time.perf_counter() - start)
        else:
            first = time.perf_counter() - start
    print(f"first build in a process (templates compile): {first:.3f} s")
    return times


def cold_cli(sample: Path, out: Path) -> list[float]:
    times = []
    for run in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "dossier", "build", str(sample), "-o", str(out / f"c{run}"), "--force"],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    sample = largest_sample()
    print(f"sample: {sample.name}; {os.cpu_count()} CPU(s); {RUNS} runs each")
    with tempfile.TemporaryDirectory() as tmp:
        warm = in_process(sample, Path(tmp))
        cold = cold_cli(sample, Path(tmp))
    print(f"build in a running process: median {statistics.median(warm):.3f} s (min {min(warm):.3f})")
    print(f"'dossier build' from a cold start: median {statistics.median(cold):.3f} s (min {min(cold):.3f})")


if __name__ == "__main__":
    main()
