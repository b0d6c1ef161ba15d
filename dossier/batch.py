"""A portfolio at once: build (or check) every product file in a folder, in worker processes.

``dossier build DIR -o OUTDIR`` writes each product's package to ``OUTDIR/<file stem>/`` through
:mod:`dossier.write`, exactly as a single build would (same bytes, same staging and swap). OUTDIR
itself carries a marker file, so ``--force`` may later replace the packages in it and nothing
else. One product's failure never stops the others: each gets an :class:`Outcome`, and the run's
exit code is the most severe one (70 over 2 over 1 over 0).

Workers are forked after the rules are loaded, so each starts warm, and are replaced after a few
packages (``maxtasksperchild``), so memory stays bounded however large the portfolio.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossier import __version__
from dossier.config import CONFIG_NAME
from dossier.errors import InputError, input_error, os_error

BATCH_MARKER = ".dossier-batch.json"
TASKS_PER_WORKER = 20  # packages a worker builds before it is replaced (bounded memory)
_SEVERITY = {0: 0, 1: 1, 2: 2, 70: 3}


@dataclass(frozen=True)
class Settings:
    """What every product of the batch shares (the command's options)."""

    action: str  # "build" or "check"
    outdir: Path | None = None
    lang: str = "zh"
    templates: Path | None = None
    reference_doc: Path | None = None
    matrix: Path | None = None
    force: bool = False
    fmt: str = "table"


@dataclass
class Outcome:
    """One product's result: exit code, the located message of a failure, what it printed."""

    file: Path
    code: int = 0
    message: str = ""
    output: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def product_files(folder: Path) -> list[Path]:
    """The product files of a folder (``*.yaml``, ``*.yml``), sorted; not the project config.

    Raises InputError when there is none.
    """
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml")
        and p.is_file()
        and p.name != CONFIG_NAME
        and not p.name.startswith(".")
    )
    if not files:
        raise input_error(
            folder,
            "文件夹中没有产品文件（*.yaml）。",
            "The folder holds no product file (*.yaml).",
        )
    return files


def most_severe(codes: list[int]) -> int:
    """The exit code of the whole run: 70 over 2 over 1 over 0."""
    return max(codes, key=lambda c: _SEVERITY.get(c, 3), default=0)


def is_batch_output(folder: Path) -> bool:
    """True when ``folder`` is a batch output this tool wrote (its marker names dossier)."""
    from dossier.write import _tool_of

    return folder.is_dir() and _tool_of(folder / BATCH_MARKER) == "dossier"


def prepare_outdir(outdir: Path, *, inputs: list[Path | None], force: bool) -> Path:
    """Apply the output policy to OUTDIR and mark it as ours. Raises InputError (nothing written)."""
    from dossier import write

    real = write.check_target(outdir, inputs=inputs, force=force, folder=True, owned=is_batch_output)
    real.mkdir(parents=True, exist_ok=True)
    marker = {"tool": {"name": "dossier", "version": __version__}, "kind": "batch"}
    write.write_file((json.dumps(marker) + "\n").encode("utf-8"), real / BATCH_MARKER, force=True)
    return real


# --- one product, in a worker ------------------------------------------------------------------

_STATE: dict = {}  # set in the parent before the workers fork: settings and the loaded rules


def _one(file: Path) -> Outcome:
    """Build or check one product file; every failure becomes its outcome, never an exception."""
    settings: Settings = _STATE["settings"]
    outcome = Outcome(file)
    start = time.perf_counter()
    try:
        outcome.code, outcome.output, outcome.warnings = _run_one(file, settings, _STATE["ruleset"])
    except InputError as exc:
        outcome.code, outcome.message = 2, str(exc)
    except OSError as exc:
        outcome.code, outcome.message = 2, str(os_error(exc))
    except Exception as exc:  # a bug: keep the traceback privately, as a single run does
        from dossier import crash

        outcome.code, outcome.message = crash.EXIT_BUG, crash.bug_message(crash.save_traceback(exc))
    outcome.seconds = time.perf_counter() - start
    return outcome


def _run_one(file: Path, settings: Settings, ruleset) -> tuple[int, str, list[str]]:
    from dossier.project import open_project

    project = open_project(file, matrix=settings.matrix)
    warnings = [f"{zh}\n  {en}" for zh, en in project.warnings]
    if settings.action == "check":
        from dossier import views
        from dossier.check import check_project
        from dossier.findings import has_errors

        findings = check_project(project, ruleset)
        return (
            (1 if has_errors(findings) else 0),
            views.findings_out(findings, settings.fmt, settings.lang),
            warnings,
        )
    from dossier.package import BuildOptions, build_package, write_package

    assert settings.outdir is not None
    options = BuildOptions(
        lang=settings.lang, templates=settings.templates, reference_doc=settings.reference_doc
    )
    package = build_package(project, ruleset, options)
    inputs = [file, settings.templates, settings.reference_doc, settings.matrix]
    target = write_package(package, settings.outdir / file.stem, force=settings.force, inputs=inputs)
    return 0, str(target), warnings


# --- the pool ----------------------------------------------------------------------------------


def _outcomes(files: list[Path], jobs: int) -> Iterator[Outcome]:
    """Each file's outcome as it completes: in this process for one job, else in forked workers."""
    if jobs <= 1 or len(files) == 1:
        yield from map(_one, files)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    initializer = None if method == "fork" else _init_worker
    initargs = () if method == "fork" else (_STATE["settings"], _STATE["ruleset"])
    with context.Pool(jobs, initializer, initargs, maxtasksperchild=TASKS_PER_WORKER) as pool:
        yield from pool.imap_unordered(_one, files, chunksize=1)


def _init_worker(settings: Settings, ruleset) -> None:
    _STATE.update(settings=settings, ruleset=ruleset)


def run(
    files: list[Path],
    settings: Settings,
    ruleset,
    *,
    jobs: int | None = None,
    progress: bool | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Every file's outcome, in file order. A progress bar on a terminal (stderr) unless told."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    _STATE.update(settings=settings, ruleset=ruleset)
    if settings.action == "build":
        _warm_up()
    show = sys.stderr.isatty() if progress is None else progress
    results: dict[Path, Outcome] = {}
    with _Progress(len(files), show) as bar:
        for outcome in _outcomes(files, jobs):
            results[outcome.file] = outcome
            bar.advance(failed=outcome.code >= 2)
            if on_outcome is not None:
                on_outcome(outcome)
    return [results[f] for f in files]


def _warm_up() -> None:
    """Import the writer's libraries before forking, so each worker starts with them loaded."""
    import dossier.package  # noqa: F401


class _Progress:
    """Rich progress on stderr (done, failures, time left), or nothing when not on a terminal."""

    def __init__(self, total: int, show: bool) -> None:
        self.total, self.show, self.failed = total, show, 0
        self._bar = None

    def __enter__(self) -> _Progress:
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]} 失败 failed"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("dossier", total=self.total, failed=0)
        return self

    def advance(self, *, failed: bool) -> None:
        self.failed += failed
        if self._bar is not None:
            self._bar.update(self._task, advance=1, failed=self.failed)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def check_report(outcomes: list[Outcome], fmt: str) -> str:
    """The findings of each product checked: one JSON document, or a table per product."""
    if fmt == "json":
        products = [
            {
                "file": str(o.file),
                "exit_code": o.code,
                **(json.loads(o.output) if o.output else {"error": o.message}),
            }
            for o in outcomes
        ]
        return json.dumps({"products": products}, ensure_ascii=False, indent=2)
    return "\n\n".join(f"== {o.file} ==\n{o.output}" for o in outcomes if o.code < 2)


def summary(outcomes: list[Outcome], settings: Settings, seconds: float) -> str:
    """What the run did, then each failure with its located message."""
    failures = [o for o in outcomes if o.code >= 2]
    done = len(outcomes) - len(failures)
    verb_zh, verb_en = ("生成", "built") if settings.action == "build" else ("检查", "checked")
    lines = [
        f"{verb_zh} {done}/{len(outcomes)} 个产品，失败 {len(failures)} 个，用时 {seconds:.1f} 秒"
        f" / {done} of {len(outcomes)} products {verb_en}, {len(failures)} failed, {seconds:.1f} s"
    ]
    if settings.action == "check":
        flagged = [o for o in outcomes if o.code == 1]
        lines.append(f"有错误级发现 / with error findings: {len(flagged)}")
    for outcome in failures:
        lines.append(f"\n失败 / failed: {outcome.file} (exit {outcome.code})\n{outcome.message}")
    return "\n".join(lines)


__all__ = [
    "BATCH_MARKER",
    "check_report",
    "Outcome",
    "Settings",
    "is_batch_output",
    "most_severe",
    "prepare_outdir",
    "product_files",
    "run",
    "summary",
]
