"""The command line: parse arguments, call one plain function, turn failures into exit codes.

Exit codes: 0 done (no error findings), 1 error findings, 2 bad input, company file or
environment (a located message), 70 an internal bug (one line; the traceback goes to a private
file, and on screen only with ``--debug``). No command prints a Python traceback otherwise.
Like other tools, 130 after Ctrl-C and 141, silently, when the reader of a pipe went away.

Heavy libraries (python-docx, openpyxl, jinja2, markdown) are imported inside the commands that
need them, so ``dossier --help`` starts fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import typer

from dossier import __version__
from dossier.errors import EXIT_INPUT, InputError, os_error

EXIT_CODES_HELP = (
    "退出码 / exit codes: 0 完成、无错误级发现 done, no error findings;"
    " 1 有错误级发现 error findings;"
    " 2 输入、公司文件或环境有误 bad input, company file or environment (located message);"
    " 70 内部缺陷 internal bug (traceback saved to a private file; --debug shows it)."
)

app = typer.Typer(
    name="dossier",
    help="为细胞和基因治疗产品准备药审中心（CDE）沟通交流会议资料。"
    " Prepare CDE communication-meeting packages for cell and gene therapy products.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class TableOrJson(str, Enum):
    table = "table"
    json = "json"


class MatrixFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


LangOption = typer.Option(Lang.zh, "--lang", help="Output language: zh (default) or en.")
MatrixOption = typer.Option(
    None, "--matrix", help="A company's corrected copy of the annex matrix (YAML).", dir_okay=False
)
RulesOption = typer.Option(None, "--rules", help="A company rule pack folder (repeatable).", file_okay=False)
FileForceOption = typer.Option(
    False, "--force", help="Replace an existing file (only once the new one is completely written)."
)
ConfigOption = typer.Option(
    None,
    "--config",
    help="Project config (default: dossier.config.yaml beside the file).",
    dir_okay=False,
)


_STATE = {"debug": False}  # set by the root callback from --debug


def report_bug(exc: BaseException) -> int:
    """Save the traceback privately, print one line (the traceback too with --debug); exit 70."""
    from dossier import crash

    path = crash.save_traceback(exc)
    if _STATE["debug"]:
        import traceback

        typer.echo("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)), err=True)
    typer.echo(crash.bug_message(path), err=True)
    return crash.EXIT_BUG


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as other tools end when the reader of a pipe has gone


def quiet_broken_pipe() -> int:
    """The reader of our output went away (``dossier check … | head``): stop without a message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail again
    except (OSError, ValueError, AttributeError):
        pass
    return EXIT_BROKEN_PIPE


def user_errors(func: F) -> F:
    """Turn every failure of a command into its exit code and a message; never a traceback.

    InputError and OSError (the environment's fault) print a located message and exit 2;
    click's own exits pass through; anything else is a bug: exit 70 via :func:`report_bug`.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            typer.echo("错误 / error:\n" + str(exc), err=True)
            raise typer.Exit(EXIT_INPUT) from None
        except BrokenPipeError:
            raise typer.Exit(quiet_broken_pipe()) from None
        except KeyboardInterrupt:
            typer.echo("已中断 / interrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OSError as exc:
            typer.echo("错误 / error:\n" + str(os_error(exc)), err=True)
            raise typer.Exit(EXIT_INPUT) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:
            raise typer.Exit(report_bug(exc)) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool | None = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="On an internal error, also print the traceback on screen."
    ),
) -> None:
    """dossier: CDE meeting packages for cell and gene therapy products."""
    _STATE["debug"] = debug


@app.command("matrix")
@user_errors
def matrix_cmd(
    stage: str | None = typer.Option(None, "--stage", help="pre-ind, pre-pivotal or pre-nda."),
    fmt: MatrixFormat = typer.Option(MatrixFormat.table, "--format"),
    matrix: Path | None = MatrixOption,
    lang: Lang = LangOption,
) -> None:
    """打印附件资料矩阵。Print the annex matrix of materials per meeting (002 六、附件)."""
    from dossier import views
    from dossier.matrix import load_matrix

    table = load_matrix(matrix)
    stages = views.pick_stages(stage)
    if fmt is MatrixFormat.json:
        typer.echo(views.matrix_json(table, stages))
    elif fmt is MatrixFormat.markdown:
        typer.echo(views.matrix_markdown(table, stages, lang.value))
    else:
        typer.echo(views.matrix_table(table, stages, lang.value))


@app.command("requirements")
@user_errors
def requirements_cmd(
    file: Path = typer.Argument(..., help="Product file (YAML).", dir_okay=False),
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format"),
    matrix: Path | None = MatrixOption,
    lang: Lang = LangOption,
) -> None:
    """列出本次会议需提交的资料。List the materials this product's meeting needs."""
    from dossier import views

    project = _open(file, matrix)
    if fmt is TableOrJson.json:
        typer.echo(views.requirements_json(project))
    else:
        typer.echo(views.requirements_table(project, lang.value))


def _open(file: Path, matrix: Path | None = None):
    """Open a product file, printing any warning from reading it (e.g. an older format)."""
    from dossier.project import open_project

    project = open_project(file, matrix=matrix)
    for zh, en in project.warnings:
        typer.echo(f"警告 / warning: {file}\n  {zh}\n  {en}", err=True)
    return project


def _ruleset(rules: list[Path] | None, config: Path | None, file: Path):
    from dossier.config import load_config
    from dossier.rules import load_rules

    return load_rules(list(rules or []), load_config(config, beside=file))


JobsOption = typer.Option(
    None, "--jobs", "-j", min=1, help="With a folder: worker processes (default: the number of cores)."
)


def _batch(folder: Path, settings, ruleset, jobs: int | None) -> int:
    """Run a folder of product files through :mod:`dossier.batch`; the most severe exit code."""
    import time

    from dossier import batch

    files = batch.product_files(folder)
    start = time.perf_counter()
    outcomes = batch.run(files, settings, ruleset, jobs=jobs)
    for outcome in outcomes:
        for warning in outcome.warnings:
            typer.echo(f"警告 / warning: {outcome.file}\n  {warning}", err=True)
    if settings.action == "check":
        typer.echo(batch.check_report(outcomes, settings.fmt))
    typer.echo(batch.summary(outcomes, settings, time.perf_counter() - start), err=settings.fmt == "json")
    return batch.most_severe([o.code for o in outcomes])


def _office(soffice: Path | None) -> Path:
    from dossier.office import find_soffice

    return find_soffice(soffice)


def _no_batch_option(
    *,
    as_zip: bool,
    checklist: Path | None,
    pdf: bool = False,
    zh: str = "为文件夹批量生成时不能使用此选项。",
    en: str = "This option does not apply when building a folder.",
) -> None:
    from dossier.errors import input_error

    if as_zip or checklist is not None or pdf:
        raise input_error(
            "--zip" if as_zip else "--checklist" if checklist is not None else "--pdf",
            zh,
            en,
            hint_zh="逐个产品生成，或去掉该选项。",
            hint_en="Build the product on its own, or drop the option.",
        )


@app.command("check")
@user_errors
def check_cmd(
    file: Path = typer.Argument(..., help="Product file (YAML), or a folder of them."),
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format"),
    matrix: Path | None = MatrixOption,
    rules: list[Path] | None = RulesOption,
    config: Path | None = ConfigOption,
    lang: Lang = LangOption,
    jobs: int | None = JobsOption,
) -> None:
    """检查资料与问题，报告发现。Check the product file; exit 1 on any error finding."""
    from dossier import views
    from dossier.check import check_project
    from dossier.findings import has_errors

    if file.is_dir():
        from dossier.batch import Settings

        settings = Settings("check", lang=lang.value, matrix=matrix, fmt=fmt.value)
        raise typer.Exit(_batch(file, settings, _ruleset(rules, config, file / "_"), jobs))
    project = _open(file, matrix)
    findings = check_project(project, _ruleset(rules, config, file), lang.value)
    typer.echo(views.findings_out(findings, fmt.value, lang.value))
    if has_errors(findings):
        raise typer.Exit(1)


@app.command("questions")
@user_errors
def questions_cmd(
    file: Path = typer.Argument(
        ...,
        help="Product file, standalone questions file (YAML), or a plain list of questions"
        " (.txt/.md: one per paragraph; .docx: one per paragraph).",
        dir_okay=False,
    ),
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format"),
    matrix: Path | None = MatrixOption,
    rules: list[Path] | None = RulesOption,
    config: Path | None = ConfigOption,
    lang: Lang = LangOption,
) -> None:
    """检查问题的表述。Check how the meeting questions are formulated; exit 1 on any error."""
    from dossier import views
    from dossier.check import check_question_list, check_questions_file
    from dossier.findings import has_errors
    from dossier.questions.sources import is_question_list

    ruleset = _ruleset(rules, config, file)
    if is_question_list(file):
        findings = check_question_list(file, ruleset)
        typer.echo(views.findings_out(findings, fmt.value, lang.value, wording_only=True))
    else:
        findings = check_questions_file(file, ruleset, matrix)
        typer.echo(views.findings_out(findings, fmt.value, lang.value))
    if has_errors(findings):
        raise typer.Exit(1)


@app.command("build")
@user_errors
def build_cmd(
    file: Path = typer.Argument(
        ..., help="Product file (YAML), or a folder of them: each package goes to OUTPUT/<file stem>/."
    ),
    output: Path = typer.Option(..., "-o", "--output", help="Package folder (or .zip with --zip)."),
    lang: Lang = LangOption,
    templates: Path | None = typer.Option(
        None, "--templates", help="Company template folder (searched first)."
    ),
    reference_doc: Path | None = typer.Option(
        None,
        "--reference-doc",
        help="Company reference .docx whose styles the documents use.",
        dir_okay=False,
    ),
    checklist: Path | None = typer.Option(
        None,
        "--checklist",
        help="A filled-in checklist (.xlsx) whose statuses the briefing shows.",
        dir_okay=False,
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace an existing output, only if dossier wrote it."
    ),
    as_zip: bool = typer.Option(
        False,
        "--zip",
        help="Write the submission archive (-o NAME -> NAME.zip): only the documents for CDE,"
        " without internal/ and the manifest.",
    ),
    matrix: Path | None = MatrixOption,
    rules: list[Path] | None = RulesOption,
    config: Path | None = ConfigOption,
    jobs: int | None = JobsOption,
    pdf: bool = typer.Option(
        False, "--pdf", help="Also write PDFs of the submitted documents into pdf/ (LibreOffice)."
    ),
    soffice: Path | None = typer.Option(
        None,
        "--soffice",
        help="The LibreOffice program for --pdf (default: soffice on PATH).",
        dir_okay=False,
    ),
) -> None:
    """生成会议资料包。Build the Word meeting package (and checklist, manifest)."""
    from dossier.package import BuildOptions, build_package, check_output, write_package

    inputs = [file, templates, reference_doc, checklist, matrix, config, *(rules or [])]
    if file.is_dir():
        from dossier.batch import Settings, prepare_outdir

        _no_batch_option(as_zip=as_zip, checklist=checklist, pdf=pdf)
        ruleset = _ruleset(rules, config, file / "_")
        outdir = prepare_outdir(output, inputs=inputs, force=force)
        settings = Settings("build", outdir, lang.value, templates, reference_doc, matrix, force=force)
        raise typer.Exit(_batch(file, settings, ruleset, jobs))
    check_output(output, force=force, as_zip=as_zip, inputs=inputs)
    if pdf and as_zip:
        _no_batch_option(
            as_zip=False, checklist=None, pdf=True, zh="不能与 --zip 同时使用。", en="Not with --zip."
        )
    office = _office(soffice) if pdf else None
    project = _open(file, matrix)
    options = BuildOptions(
        lang=lang.value, templates=templates, reference_doc=reference_doc, checklist=checklist
    )
    package = build_package(project, _ruleset(rules, config, file), options)
    target = write_package(package, output, force=force, as_zip=as_zip, inputs=inputs)
    count = len(package.submit) if as_zip else len(package.files)
    typer.echo(f"{target}  ({count} files)")
    if office is not None:
        from dossier.office import package_pdfs

        submitted = [name for name in package.files if name in package.submit]
        pdfs, updated = package_pdfs(target, submitted, office)
        typer.echo(f"{target / 'pdf'}  ({len(pdfs)} PDF)")
        if not updated:
            typer.echo(
                "警告 / warning: 未找到 python3-uno，PDF 目录无页码。"
                " python3-uno not found: the tables of contents in the PDFs have no page numbers.",
                err=True,
            )


@app.command("checklist")
@user_errors
def checklist_cmd(
    file: Path = typer.Argument(..., help="Product file (YAML).", dir_okay=False),
    output: Path = typer.Option(..., "-o", "--output", help="Checklist to write (.xlsx).", dir_okay=False),
    lang: Lang = LangOption,
    force: bool = FileForceOption,
    matrix: Path | None = MatrixOption,
    rules: list[Path] | None = RulesOption,
    config: Path | None = ConfigOption,
) -> None:
    """导出 Excel 资料清单。Write the Excel checklist the team tracks the package with."""
    from dossier.check import check_project
    from dossier.checklist import checklist_bytes
    from dossier.write import check_target, write_file

    inputs = [file, matrix, config, *(rules or [])]
    check_target(output, inputs=inputs, force=force, folder=False)
    project = _open(file, matrix)
    ruleset = _ruleset(rules, config, file)
    data = checklist_bytes(project, ruleset, check_project(project, ruleset, lang.value), lang.value)
    typer.echo(write_file(data, output, force=force, inputs=inputs))


@app.command("status")
@user_errors
def status_cmd(
    checklist: Path = typer.Argument(..., help="A filled-in checklist (.xlsx).", dir_okay=False),
    product: Path | None = typer.Option(
        None, "--product", help="Product file: check the checklist belongs to it.", dir_okay=False
    ),
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format"),
    today: str | None = typer.Option(None, "--today", help="Date to judge overdue items by (YYYY-MM-DD)."),
    lang: Lang = LangOption,
) -> None:
    """读取已填写的清单并报告完成情况。Report what a filled-in checklist says is still to do.

    Exit 0 when complete, 1 when anything is outstanding, 2 for a foreign or broken checklist.
    """
    import datetime as dt

    from dossier import views
    from dossier.checklist import read_status, status_report
    from dossier.errors import input_error

    try:
        day = dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError:
        raise input_error(
            "--today",
            f"日期“{today}”无效。",
            f"Invalid date '{today}'.",
            hint_en="Use YYYY-MM-DD.",
            hint_zh="格式为 YYYY-MM-DD。",
        ) from None
    project = _open(product) if product else None
    report = status_report(read_status(checklist, project), day)
    typer.echo(views.status_out(report, fmt.value, lang.value))
    if not report["complete"]:
        raise typer.Exit(1)


templates_app = typer.Typer(help="文档模板。Document templates.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command("export")
@user_errors
def templates_export_cmd(
    target: Path = typer.Argument(..., help="Folder to copy the built-in templates into.", file_okay=False),
    force: bool = typer.Option(False, "--force", help="Replace an earlier export dossier wrote."),
) -> None:
    """导出内置模板供公司修改。Copy the built-in templates and reference.docx to edit."""
    from dossier import templates

    files = templates.export(target, force=force)
    typer.echo(f"{target}  ({len(files)} files)")


rules_app = typer.Typer(help="规则注册表。The rule registry: list, explain, document.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
@user_errors
def rules_list_cmd(
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format"),
    rules: list[Path] | None = RulesOption,
    config: Path | None = ConfigOption,
    lang: Lang = LangOption,
) -> None:
    """列出所有规则。List every rule with its severity, topic and source."""
    from dossier import ruledocs

    ruleset = _ruleset(rules, config, Path.cwd() / "_")
    typer.echo(ruledocs.listing(ruleset, fmt.value, lang.value))


@rules_app.command("explain")
@user_errors
def rules_explain_cmd(
    rule_id: str = typer.Argument(..., help="Rule id, e.g. QUE-001."),
    rules: list[Path] | None = RulesOption,
    lang: Lang = LangOption,
) -> None:
    """解释一条规则。Explain one rule: what it checks, when it applies, its source."""
    from dossier import ruledocs
    from dossier.errors import input_error

    ruleset = _ruleset(rules, None, Path.cwd() / "_")
    rule = ruleset.get(rule_id)
    if rule is None:
        raise input_error(
            rule_id,
            f"没有编号为“{rule_id}”的规则。",
            f"No rule has the id '{rule_id}'.",
            hint_zh="用 `dossier rules list` 查看所有规则。",
            hint_en="Run `dossier rules list`.",
        )
    typer.echo(ruledocs.explain(rule, lang.value))


@rules_app.command("docs")
@user_errors
def rules_docs_cmd(
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file."),
    force: bool = FileForceOption,
) -> None:
    """生成规则文档。Generate docs/rules.md from the registry."""
    from dossier import ruledocs
    from dossier.rules import load_rules
    from dossier.write import write_file

    text = ruledocs.markdown(load_rules())
    if output:
        write_file(text.encode("utf-8"), output, force=force)
    else:
        typer.echo(text, nl=False)


@rules_app.command("coverage")
@user_errors
def rules_coverage_cmd(
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file."),
    force: bool = FileForceOption,
) -> None:
    """生成指导原则覆盖情况。Generate docs/coverage.md from the requirements inventory."""
    from dossier import coverage
    from dossier.write import write_file

    text = coverage.markdown(coverage.load_inventory())
    if output:
        write_file(text.encode("utf-8"), output, force=force)
    else:
        typer.echo(text, nl=False)


@app.command("schema")
@user_errors
def schema_cmd(
    questions: bool = typer.Option(False, "--questions", help="Schema of a standalone questions file."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file.", dir_okay=False),
    force: bool = FileForceOption,
) -> None:
    """打印输入文件的 JSON Schema。Print the JSON Schema of the product file."""
    from dossier import views

    if output:
        from dossier.write import write_file

        typer.echo(write_file((views.schema_json(questions) + "\n").encode("utf-8"), output, force=force))
    else:
        typer.echo(views.schema_json(questions))


# --- authoring: init and verify --------------------------------------------------------------
# The model's Stage, Modality and Source as Typer choices, spelt out here so that `--help`
# does not import pydantic; tests/test_cli.py keeps them equal to the model's.


class StageChoice(str, Enum):
    pre_ind = "pre-ind"
    pre_pivotal = "pre-pivotal"
    pre_nda = "pre-nda"


class ModalityChoice(str, Enum):
    stem_cell = "stem-cell"
    immune_cell = "immune-cell"
    gene_therapy = "gene-therapy"


class SourceChoice(str, Enum):
    autologous = "autologous"
    allogeneic = "allogeneic"
    none = "none"


def _ask(value: Enum | None, choices: type[Enum], label: str) -> str:
    """The option's value, or, in a terminal, the user's pick from the choices (exit 2 otherwise)."""
    if value is not None:
        return str(value.value)
    if not sys.stdin.isatty():
        from dossier.errors import input_error

        raise input_error(
            f"--{label}",
            f"缺少 --{label}。",
            f"--{label} is missing.",
            hint_zh="可选：" + ", ".join(c.value for c in choices),
            hint_en="One of: " + ", ".join(c.value for c in choices),
        )
    return str(typer.prompt(label, type=choices).value)  # typer shows the choices and asks again


@app.command("init")
@user_errors
def init_cmd(
    output: Path = typer.Option(..., "-o", "--output", help="Product file to write (YAML).", dir_okay=False),
    stage: StageChoice | None = typer.Option(None, "--stage", help="pre-ind, pre-pivotal or pre-nda."),
    modality: ModalityChoice | None = typer.Option(
        None, "--modality", help="stem-cell, immune-cell or gene-therapy."
    ),
    source: SourceChoice | None = typer.Option(
        None, "--source", help="autologous, allogeneic (or none: gene therapy without cells)."
    ),
    schema: str = typer.Option("dossier.schema.json", "--schema", help="Schema path the file points to."),
    lang: Lang = LangOption,
    force: bool = FileForceOption,
    rules: list[Path] | None = RulesOption,
) -> None:
    """写出起始产品文件。Write a starting product file for a stage and modality."""
    from dossier import scaffold
    from dossier.model import Modality, Source, Stage

    choice = scaffold.Choice(
        Stage(_ask(stage, StageChoice, "stage")),
        Modality(_ask(modality, ModalityChoice, "modality")),
        Source(source.value) if source else None,
        lang.value,
    )
    if choice.source is Source.NONE and choice.modality is not Modality.GENE_THERAPY:
        from dossier.errors import input_error

        raise input_error(
            "--source",
            "--source none 只适用于不含细胞的基因治疗产品。",
            "--source none is only for gene therapy products that carry no cells.",
        )
    from dossier.write import check_target

    check_target(output, force=force, folder=False)
    text = scaffold.scaffold(_ruleset(rules, None, output), choice, schema)
    typer.echo(scaffold.write_scaffold(text, output, force=force))


@app.command("verify")
@user_errors
def verify_cmd(
    package: Path = typer.Argument(..., help="A drafted package: its folder or its .zip."),
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format"),
    manifest: Path | None = typer.Option(
        None,
        "--manifest",
        help="The package folder's manifest.json (for a .zip, which has none).",
        dir_okay=False,
    ),
    max_pages: int | None = typer.Option(
        None, "--max-pages", min=1, help="Warn above this many pages in all."
    ),
    brief_pages: int | None = typer.Option(
        None, "--brief-pages", min=1, help="Pages a brief (△) material may have."
    ),
    lang: Lang = LangOption,
) -> None:
    """检查编写完成的资料包。Verify a drafted package before it is sent; exit 1 on any error."""
    from dossier.verify import load_limits, verify_package

    limits = load_limits(package_max_pages=max_pages, brief_max_pages=brief_pages)
    report = verify_package(package, limits, manifest)
    typer.echo(report.to_json() if fmt is TableOrJson.json else report.table(lang.value))
    if any(f.severity.value == "error" for f in report.findings):
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point: the last net, for failures outside a command (exit 70)."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(quiet_broken_pipe())
    except OSError as exc:
        typer.echo("错误 / error:\n" + str(os_error(exc)), err=True)
        sys.exit(EXIT_INPUT)
    except Exception as exc:
        sys.exit(report_bug(exc))


# --- lifecycle: plan and diff (issue 16) ---------------------------------------------------


class PlanFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("plan")
@user_errors
def plan_cmd(
    file: Path = typer.Argument(..., help="Product file (YAML).", dir_okay=False),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Write the calendar (.ics).", dir_okay=False
    ),
    fmt: PlanFormat = typer.Option(PlanFormat.table, "--format"),
    procedure: Path | None = typer.Option(
        None, "--procedure", help="A company copy of the procedure (day counts) YAML.", dir_okay=False
    ),
    review_days: int | None = typer.Option(
        None, "--review-days", min=0, help="Working days the internal review needs (overrides the file)."
    ),
    today: str | None = typer.Option(None, "--today", help="Count from this date (default: document_date)."),
    force: bool = FileForceOption,
    lang: Lang = LangOption,
) -> None:
    """会议时间表与日历。The meeting timeline as a table and an .ics calendar; exit 0 when it ran."""
    import json

    from dossier import plan as plan_mod
    from dossier.ics import calendar_bytes
    from dossier.write import check_target, write_file

    inputs = [file, procedure]
    if output is not None:
        check_target(output, inputs=inputs, force=force, folder=False)
    day = _date_option("--today", today)
    project = _open(file)
    proc, calendar = plan_mod.load_procedure(procedure)
    p = plan_mod.make_plan(project.dossier, proc, calendar, today=day, review_days=review_days, source=file)
    if fmt is PlanFormat.json:
        typer.echo(json.dumps(plan_mod.to_json(p), ensure_ascii=False, indent=2))
    else:
        typer.echo(plan_mod.table(p, lang.value))
    if output is not None:
        d = project.dossier
        from dossier.formatting import label

        name = d.product.code or (d.product.name_en if lang is Lang.en else d.product.name_zh)
        title = f"{name} {label('stage', d.meeting.stage, lang.value)}"
        stamp = d.document_date or d.meeting.application_date or p.today
        data = calendar_bytes(p, lang.value, stamp, title)
        typer.echo(write_file(data, output, inputs=inputs, force=force))


def _date_option(name: str, value: str | None):
    import datetime as dt

    from dossier.errors import input_error

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise input_error(
            name,
            f"日期“{value}”无效。",
            f"Invalid date '{value}'.",
            hint_zh="格式为 YYYY-MM-DD。",
            hint_en="Use YYYY-MM-DD.",
        ) from None


class DiffFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"


@app.command("diff")
@user_errors
def diff_cmd(
    old: Path = typer.Argument(
        ..., help="Earlier version: a product file (.yaml) or a material (.docx).", dir_okay=False
    ),
    new: Path = typer.Argument(..., help="Later version, of the same kind.", dir_okay=False),
    fmt: DiffFormat = typer.Option(DiffFormat.table, "--format"),
    version: str | None = typer.Option(None, "--version", help="The later version's number (e.g. 3.0)."),
    date: str | None = typer.Option(None, "--date", help="The later version's date (YYYY-MM-DD)."),
    write_to: Path | None = typer.Option(
        None,
        "--write-to",
        help="Add the rows to this product file's revision records (with --material).",
        dir_okay=False,
    ),
    material: str | None = typer.Option(
        None, "--material", help="The material the rows revise, e.g. clinical-trial-protocol."
    ),
    of_version: str | None = typer.Option(
        None, "--of-version", help="The earlier submission the rows revise (default: its latest)."
    ),
    only: list[str] | None = typer.Option(
        None, "--only", help="Product files: only fields under this dotted path (repeatable)."
    ),
    lang: Lang = LangOption,
) -> None:
    """两版之间的修订历史。What changed between two versions: revision-history rows; exit 0 when it ran."""
    import json

    from dossier import diff as diff_mod
    from dossier.errors import input_error

    day = _date_option("--date", date)
    kind = diff_mod.kind_of(old, new)
    if kind == "product":
        a, b = _open(old).dossier, _open(new).dossier
        when = day or b.document_date
        rows = diff_mod.diff_products(
            a.model_dump(mode="json"),
            b.model_dump(mode="json"),
            version or "",
            when.isoformat() if when else "",
            lang.value,
            only=list(only or []),
        )
    else:
        rows = diff_mod.diff_documents(old, new, version or "", day.isoformat() if day else "", lang.value)
    if fmt is DiffFormat.json:
        typer.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
    elif fmt is DiffFormat.markdown:
        typer.echo(diff_mod.markdown(rows, lang.value))
    else:
        typer.echo(diff_mod.table(rows, lang.value))
    if write_to is None:
        return
    if not material:
        raise input_error(
            "--material",
            "--write-to 需要 --material（修订的资料）。",
            "--write-to needs --material (the material revised).",
        )
    if not rows:
        typer.echo("没有差异，未写入。 / No differences; nothing written.", err=True)
        return
    from dossier.matrix import load_matrix
    from dossier.references import material_id
    from dossier.revisions import Refused, write_revisions

    table = load_matrix()
    found = material_id(table.materials, material)
    known = table.material(found) if found else None
    if known is None:
        raise input_error(
            "--material",
            f"未知的资料：{material}",
            f"Unknown material: {material}",
            hint_zh="用 `dossier matrix` 查看资料编号。",
            hint_en="See `dossier matrix` for material ids.",
        )
    try:
        target = write_revisions(write_to, known.id, of_version, rows)
    except Refused as exc:
        typer.echo(
            f"未修改 {write_to}：{exc.why_zh}。请将以下内容粘贴到对应的 previous_submissions 记录下：\n"
            f"{write_to} was not changed: {exc.why_en}. Paste this under the previous_submissions entry:\n\n"
            f"{exc.snippet}",
            err=True,
        )
        return
    typer.echo(f"{target}  (+{len(rows)} revisions → {known.id})")
