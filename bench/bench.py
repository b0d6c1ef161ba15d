"""Benchmark (``make bench``): ratios measured side by side in one run, and the figures as JSON.

The machine is noisy, so each comparison alternates its two sides run by run and reports the
median of the per-pair ratios; absolute times are context only.

- ``--help`` of the installed command vs a bare ``python -c "import typer"``;
- a cold ``dossier build`` of the largest sample vs pandoc writing the same documents from their
  rendered Markdown, one process per document, with the house reference document;
- a warm in-process build (load, check, render, write the folder) vs the zip floor: the same XML
  parts (already parsed) serialised with lxml into the same zip files with zipfile, written to disk;
- ``check`` and ``build`` at 10, 100 and 1,000 questions (per-question cost from the slope);
- the 300-package batch (the samples × 50) with ``--jobs 2``.

Environment: ``BENCH_RUNS`` (pairs per comparison, default 7), ``BENCH_SKIP`` (comma-separated:
help, cold, warm, questions, batch), ``BENCH_COPIES`` (copies of each sample in the batch, 50).
Writes ``bench/results/<date>.json``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from lxml import etree  # noqa: E402

from dossier import documents, docxkit, headings, housestyle, templates  # noqa: E402
from dossier.check import check_project  # noqa: E402
from dossier.package import BuildOptions, build_package, write_package  # noqa: E402
from dossier.project import open_project  # noqa: E402
from dossier.rules import load_rules  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
COPIES = int(os.environ.get("BENCH_COPIES", "50"))
PY = sys.executable
DOSSIER = str(Path(PY).with_name("dossier"))
TARGETS = {
    "help_vs_typer": 1.3,
    "cold_build_vs_pandoc": 1.0,
    "warm_build_vs_zip_floor": 5.0,
    "check_ms_per_question": 1.0,
    "build_ms_per_question": 5.0,
    "batch_300_seconds": 60.0,
}


def largest_sample() -> Path:
    return max((ROOT / "samples").glob("*.yaml"), key=lambda p: p.stat().st_size)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def paired(ours: Callable[[], object], theirs: Callable[[], object], runs: int = RUNS) -> dict:
    """Alternate the two sides (who goes first alternates too); medians and the median ratio."""
    a, b = [], []
    for run in range(runs):
        if run % 2:
            b.append(timed(theirs))
            a.append(timed(ours))
        else:
            a.append(timed(ours))
            b.append(timed(theirs))
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return {
        "ours_median_s": round(statistics.median(a), 4),
        "theirs_median_s": round(statistics.median(b), 4),
        "ratio_median": round(statistics.median(ratios), 3),
        "runs": runs,
    }


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


# --- the comparisons -------------------------------------------------------------------------


def bench_help() -> dict:
    return paired(lambda: run([DOSSIER, "--help"]), lambda: run([PY, "-c", "import typer"]))


def rendered_markdown(sample: Path, folder: Path) -> list[Path]:
    """Each document's Markdown as the build renders it (values unsealed), for pandoc to convert."""
    project = open_project(sample)
    ruleset = load_rules()
    specs = documents.document_specs(project.requirements())
    base = documents.context(project, ruleset, check_project(project, ruleset), "zh", specs, {})
    env = templates.environment(None, "zh")
    files = []
    for index, spec in enumerate(specs):
        ctx = documents.for_document(base, spec, project, "zh")
        text = headings.number_headings(templates.render(env, spec.template, ctx), "zh")
        text = templates.VALUE_TOKEN.sub(lambda m: templates.unseal(m.group(2)), text)
        text = text.replace(templates.PLACEHOLDER_OPEN, "【").replace(templates.PLACEHOLDER_CLOSE, "】")
        path = folder / f"{index:02d}.md"
        path.write_text(text.replace(templates.LINE_BREAK, "\\\n"), encoding="utf-8")
        files.append(path)
    return files


def bench_cold(sample: Path, tmp: Path) -> dict:
    if not shutil.which("pandoc"):
        return {"skipped": "pandoc is not installed"}
    md = tmp / "md"
    md.mkdir()
    inputs = rendered_markdown(sample, md)
    reference = tmp / "reference.docx"
    reference.write_bytes(docxkit.docx_bytes(housestyle.house_document(), dt.date(2024, 1, 1)))
    out = tmp / "pandoc"
    out.mkdir()

    def pandoc() -> None:
        for path in inputs:
            run(["pandoc", "-f", "markdown", "-t", "docx", f"--reference-doc={reference}",
                 "-o", str(out / f"{path.stem}.docx"), str(path)])  # fmt: skip

    def dossier() -> None:
        run([DOSSIER, "build", str(sample), "-o", str(tmp / "cold"), "--force"])

    result = paired(dossier, pandoc)
    result["documents"] = len(inputs)
    return result


def zip_floor(package_files: dict[str, bytes], folder: Path) -> Callable[[], None]:
    """Write the same files: Office files from their parsed XML parts via lxml and zipfile."""
    prepared: list[tuple[str, object]] = []
    for path, data in package_files.items():
        if path.endswith((".docx", ".xlsx")):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts = [
                    (info, etree.fromstring(archive.read(info)) if info.filename.endswith((".xml", ".rels"))
                     else archive.read(info))
                    for info in archive.infolist()
                ]  # fmt: skip
            prepared.append((path, parts))
        else:
            prepared.append((path, data))

    def write() -> None:
        if folder.exists():
            shutil.rmtree(folder)
        for path, content in prepared:
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
                continue
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for info, part in content:
                    blob = part if isinstance(part, bytes) else etree.tostring(
                        part, xml_declaration=True, encoding="UTF-8", standalone=True)  # fmt: skip
                    archive.writestr(info.filename, blob)
            target.write_bytes(buffer.getvalue())

    return write


def bench_warm(sample: Path, tmp: Path) -> dict:
    ruleset = load_rules()
    options = BuildOptions()
    first = timed(lambda: build_package(open_project(sample), ruleset, options))  # compiles templates
    package = build_package(open_project(sample), ruleset, options)

    def build() -> None:
        write_package(build_package(open_project(sample), ruleset, options), tmp / "warm", force=True)

    result = paired(build, zip_floor(package.files, tmp / "floor"))
    result["first_build_in_process_s"] = round(first, 4)
    return result


def _numbered(text, n: int):
    """A question text made unique; a text may be plain or {zh, en}."""
    if isinstance(text, dict):
        return {lang: _numbered(value, n) for lang, value in text.items()}
    return f"关于第{n}项，{text}" if any("\u4e00" <= c <= "\u9fff" for c in text) else f"On item {n}, {text}"


def with_questions(sample: Path, count: int, folder: Path) -> Path:
    """The sample with its questions repeated (each made unique) up to ``count``."""
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    pool = data["questions"]
    data["questions"] = [
        {**pool[i % len(pool)], "text": _numbered(pool[i % len(pool)]["text"], i + 1)} for i in range(count)
    ]
    path = folder / f"q{count}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def bench_questions(sample: Path, tmp: Path) -> dict:
    ruleset = load_rules()
    build_package(open_project(sample), ruleset, BuildOptions())  # compile once
    figures: dict = {}
    for count in (10, 100, 1000):
        path = with_questions(sample, count, tmp)
        runs = 3 if count >= 1000 else 5
        check = [timed(lambda p=path: check_project(open_project(p), ruleset)) for _ in range(runs)]
        build = [
            timed(lambda p=path: build_package(open_project(p), ruleset, BuildOptions())) for _ in range(runs)
        ]
        figures[str(count)] = {
            "check_s": round(statistics.median(check), 4),
            "build_s": round(statistics.median(build), 4),
        }
    low, high = figures["10"], figures["1000"]
    figures["check_ms_per_question"] = round((high["check_s"] - low["check_s"]) / 990 * 1000, 3)
    figures["build_ms_per_question"] = round((high["build_s"] - low["build_s"]) / 990 * 1000, 3)
    return figures


def bench_batch(tmp: Path) -> dict:
    folder = tmp / "portfolio"
    folder.mkdir()
    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        for copy in range(COPIES):
            shutil.copy(sample, folder / f"{sample.stem}-{copy:03d}.yaml")
    count = len(list(folder.glob("*.yaml")))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    seconds = timed(
        lambda: run([DOSSIER, "build", str(folder), "-o", str(tmp / "portfolio-out"), "--jobs", "2"])
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "packages": count,
        "jobs": 2,
        "seconds": round(seconds, 2),
        "packages_per_second": round(count / seconds, 2),
        "largest_child_peak_rss_mb": round(max(peak, before) / 1024, 1),
    }


def verdicts(results: dict) -> dict:
    figures = {
        "help_vs_typer": results.get("help", {}).get("ratio_median"),
        "cold_build_vs_pandoc": results.get("cold", {}).get("ratio_median"),
        "warm_build_vs_zip_floor": results.get("warm", {}).get("ratio_median"),
        "check_ms_per_question": results.get("questions", {}).get("check_ms_per_question"),
        "build_ms_per_question": results.get("questions", {}).get("build_ms_per_question"),
        "batch_300_seconds": results.get("batch", {}).get("seconds"),
    }
    return {
        name: {"value": value, "target": TARGETS[name], "met": value <= TARGETS[name]}
        for name, value in figures.items()
        if value is not None
    }


def main() -> None:
    sample = largest_sample()
    results: dict = {
        "date": dt.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.system()},
        "sample": sample.name,
    }
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        steps = {
            "help": bench_help,
            "cold": lambda: bench_cold(sample, tmp),
            "warm": lambda: bench_warm(sample, tmp),
            "questions": lambda: bench_questions(sample, tmp),
            "batch": lambda: bench_batch(tmp),
        }
        for key, step in steps.items():
            if key in SKIP:
                continue
            results[key] = step()
            print(f"{key}: {json.dumps(results[key], ensure_ascii=False)}", flush=True)
    results["targets"] = verdicts(results)
    for name, verdict in results["targets"].items():
        mark = "met" if verdict["met"] else "NOT met"
        print(f"{name}: {verdict['value']} (target ≤ {verdict['target']}): {mark}")
    out = ROOT / "bench" / "results" / f"{results['date']}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
