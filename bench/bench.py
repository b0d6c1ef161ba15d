"""Benchmark: build the largest sample's whole package, and check questions (``make bench``).

Reports the median of several runs for (a) the build in a running process (load the product
file, check it, render every document, write the folder), (b) the whole ``dossier build``
command from a cold start, imports included, and (c) the question-wording check per question:
every wording rule over the 255 questions of the evaluation set, each run on a fresh context (no
judgement reused between runs), divided by the number of questions.
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

from dossier.model import Question  # noqa: E402
from dossier.package import BuildOptions, build_package, write_package  # noqa: E402
from dossier.project import open_project  # noqa: E402
from dossier.rules import Context, RuleSet, evaluate, load_rules  # noqa: E402

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


def question_check(runs: int = RUNS) -> tuple[int, list[float]]:
    """Seconds per question for the wording rules, over the evaluation set's questions."""
    import yaml

    from dossier.check import is_wording

    texts = []
    for part in ("dev", "heldout"):
        path = ROOT / "tests" / "questions" / "eval" / f"{part}.yaml"
        texts += [e["text"] for e in yaml.safe_load(path.read_text(encoding="utf-8"))]
    questions = [Question(text=t) for t in texts]
    full = load_rules()
    ruleset = RuleSet(
        full.all_rules, full.packs, full.vocabularies, {r.id for r in full.all_rules if not is_wording(r)}
    )
    evaluate(ruleset, Context.for_questions(questions[:1]))  # compile the vocabularies once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        evaluate(ruleset, Context.for_questions(questions))
        times.append((time.perf_counter() - start) / len(questions))
    return len(questions), times


def main() -> None:
    sample = largest_sample()
    print(f"sample: {sample.name}; {os.cpu_count()} CPU(s); {RUNS} runs each")
    with tempfile.TemporaryDirectory() as tmp:
        warm = in_process(sample, Path(tmp))
        cold = cold_cli(sample, Path(tmp))
    print(f"build in a running process: median {statistics.median(warm):.3f} s (min {min(warm):.3f})")
    print(f"'dossier build' from a cold start: median {statistics.median(cold):.3f} s (min {min(cold):.3f})")
    count, per_question = question_check()
    print(
        f"question wording check ({count} questions, every wording rule): median "
        f"{statistics.median(per_question) * 1000:.2f} ms per question (min {min(per_question) * 1000:.2f})"
    )


if __name__ == "__main__":
    main()
