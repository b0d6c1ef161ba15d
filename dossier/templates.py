"""Company templates are data: looked up along a search path and rendered in a sandbox.

Search path: ``--templates DIR`` first, then the built-ins, each with one folder per language
(``zh/``, ``en/``). Rendering uses Jinja2's ``SandboxedEnvironment`` with ``StrictUndefined``:
an unknown variable, or an attempt to reach Python internals, is an error naming the template
and line, never a blank. Every printed value is sealed (see ``literal``), so text from the
product file cannot turn into headings, lists, rules, tables, emphasis, entities or HTML;
``|paragraphs`` marks a field whose blank lines separate paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from dossier.citation import cite_seed_files
from dossier.errors import input_error
from dossier.resources import builtin
from dossier.sandbox import BadTemplateFile, BudgetedSandbox, BudgetExceeded, OutsideRoot, RootedLoader

PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE = "⟦", "⟧"
LINE_BREAK = "⏎"
# A value reaches the Markdown parser as a sealed token: a private-use mark, its UTF-8 bytes in
# hex, a closing mark. Hex digits mean nothing to Markdown, so no value can become a heading, a
# list, a rule, a table, an entity or raw HTML, and markup.parse restores the text verbatim.
VALUE_OPEN, PLACEHOLDER_VALUE_OPEN, VALUE_CLOSE = "\ue000", "\ue002", "\ue001"
VALUE_TOKEN = re.compile("([\ue000\ue002])([0-9a-f]*)\ue001")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t\u3000]*(?:\r\n|\r|\n)\s*")

ZH_NUMERALS = "零一二三四五六七八九十"


class Raw(str):
    """Markdown the template produced itself (a placeholder, a table): not sealed as a value."""


def seal(text: str, opener: str = VALUE_OPEN) -> str:
    """``text`` as a sealed token (see VALUE_OPEN); the empty string stays empty."""
    return f"{opener}{text.encode('utf-8').hex()}{VALUE_CLOSE}" if text else ""


def unseal(token_hex: str) -> str:
    """The text of a sealed token's hex body (invalid hex, from a forged token, gives '')."""
    try:
        return bytes.fromhex(token_hex).decode("utf-8")
    except ValueError:
        return ""


def fill(hint: Any) -> Raw:
    """A visible, highlighted placeholder where the author must write (its text literal)."""
    return Raw(seal(str(hint), PLACEHOLDER_VALUE_OPEN) or f"{PLACEHOLDER_OPEN}{PLACEHOLDER_CLOSE}")


def literal(value: Any) -> str:
    """Finalize hook: every value printed by a template becomes literal text in its paragraph.

    Line breaks inside the value (LF, CR, CRLF) become line breaks within the same paragraph;
    Markdown, HTML and entities in the value are printed as typed.
    """
    if value is None:
        return ""
    if isinstance(value, Raw):
        return str(value)
    text = str(value)
    # Text built from values already sealed (a template joining marked values) keeps their
    # tokens as they are and seals only what lies between them, so nothing is sealed twice.
    pieces, last = [], 0
    for match in VALUE_TOKEN.finditer(text):
        pieces += [seal(text[last : match.start()]), match.group(0)]
        last = match.end()
    return "".join(pieces) + seal(text[last:])


def paragraphs(value: Any) -> Raw:
    """Filter for fields the template treats as multi-paragraph: blank lines start a new paragraph."""
    if value is None:
        return Raw("")
    parts = [p for p in _BLANK_LINE.split(str(value)) if p.strip()]
    return Raw("\n\n".join(seal(p) for p in parts))


def zh_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十 (section numbers as Chinese documents write them)."""
    if n <= 10:
        return ZH_NUMERALS[n]
    tens, units = divmod(n, 10)
    return (ZH_NUMERALS[tens] if tens > 1 else "") + "十" + (ZH_NUMERALS[units] if units else "")


def search_path(company: Path | None, lang: str) -> list[Path]:
    """Folders searched for a template, first match wins: the company's, then the built-ins.

    One template serves both languages (its wording comes from ``labels/<lang>.yaml``). A
    company folder in the older layout, one copy per language, is still searched by language
    first.
    """
    paths = []
    if company is not None:
        if not company.is_dir():
            raise input_error(company, "模板目录不存在。", "Template folder not found.")
        if (company / lang).is_dir():
            paths.append(company / lang)
        paths.append(company)
    paths.append(builtin("templates"))
    return paths


def environment(company: Path | None, lang: str) -> BudgetedSandbox:
    """The sandboxed environment for a template search path (cached: templates compile once)."""
    return _environment(tuple(search_path(company, lang)))


@cache
def _environment(paths: tuple[Path, ...]) -> BudgetedSandbox:
    env = BudgetedSandbox(
        loader=RootedLoader([str(p) for p in paths]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=literal,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(fill=fill, zh_number=zh_number)
    env.filters.update(zh_number=zh_number, raw=Raw, paragraphs=paragraphs)
    return env


def _template_line(exc: BaseException, roots: list[Path]) -> tuple[str | None, int | None]:
    """The template file and line an error was raised at, from the rewritten traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if any(frame.filename.startswith(str(root)) for root in roots):
            found = (frame.filename, frame.lineno)
    return found


def _is_builtin(file: str) -> bool:
    root = builtin("templates").resolve()
    path = Path(file).resolve()
    return path == root or root in path.parents


def render(env: BudgetedSandbox, name: str, context: dict[str, Any]) -> str:
    """Render one template within the sandbox's budgets.

    Raises InputError naming the template file, line and cause for anything the template does
    wrong: bad syntax, an undefined name, a symbolic link out of its folder, reaching Python
    internals or mutating its data, going over a budget, or raising any exception.
    """
    roots = [Path(p) for p in env.loader.searchpath]  # type: ignore[union-attr]
    try:
        text = env.render_budgeted(env.get_template(name), context)
        return cite_seed_files(text, context.get("lang", "zh"))
    except OutsideRoot as exc:
        raise input_error(
            exc.path,
            f"模板是指向模板目录之外的符号链接（{exc.real}），已拒绝。",
            f"The template is a symbolic link out of its template folder (to {exc.real}); refused.",
            hint_zh="把模板文件本身放进模板目录。",
            hint_en="Put the template file itself in the template folder.",
        ) from None
    except BadTemplateFile as exc:
        raise input_error(
            exc.path,
            f"无法读取模板：{exc.reason}",
            f"Cannot read the template: {exc.reason}",
            hint_zh="模板应为 UTF-8 编码的文本文件。",
            hint_en="A template is a UTF-8 text file.",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise input_error(
            exc.filename or name,
            f"模板语法错误：{exc.message}",
            f"Template syntax error: {exc.message}",
            line=exc.lineno,
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise input_error(
            name,
            f"找不到模板“{exc.name}”。",
            f"Template '{exc.name}' not found.",
            hint_zh="搜索路径：" + "；".join(str(r) for r in roots),
            hint_en="Searched: " + "; ".join(str(r) for r in roots),
        ) from None
    except jinja2.UndefinedError as exc:
        file, line = _template_line(exc, roots)
        raise input_error(
            file or name,
            f"模板使用了未定义的变量：{exc.message}",
            f"The template uses an undefined variable: {exc.message}",
            line=line,
            hint_zh="检查变量名；可用变量见 templates/README.md。",
            hint_en="Check the name; the variables are listed in templates/README.md.",
        ) from None
    except SecurityError as exc:
        file, line = _template_line(exc, roots)
        raise input_error(
            file or name,
            f"模板试图访问不允许的内容：{exc}",
            f"The template tried to reach something it may not: {exc}",
            line=line,
        ) from None
    except BudgetExceeded as exc:
        file, line = _template_line(exc, roots)
        raise input_error(
            file or name,
            f"模板超出资源限制：{exc}",
            f"The template went over a resource budget: {exc}",
            line=line,
            hint_zh="模板应只排版数据，不做大量计算。",
            hint_en="A template should lay out data, not compute.",
        ) from None
    except Exception as exc:  # a company template is untrusted: whatever it raises is its error
        file, line = _template_line(exc, roots)
        if file is None or _is_builtin(file):
            raise  # raised by our own templates or code: a bug (exit 70), not the user's input
        cause = f"{type(exc).__name__}: {exc}"[:300]
        raise input_error(
            file or name,
            f"模板运行出错：{cause}",
            f"The template failed: {cause}",
            line=line,
        ) from None


def export(target: Path, force: bool = False) -> list[Path]:
    """Copy the built-in templates (and the house reference document) for a company to edit.

    Written like a package (staging, then swap) with a marker file, so ``--force`` replaces only
    an earlier export. Raises InputError when the target exists (without ``force``) or is not an
    export dossier wrote.
    """
    import json

    from dossier import __version__, docxkit, housestyle, write

    source = builtin("templates")
    files = {
        path.relative_to(source).as_posix(): path.read_bytes()
        for path in sorted(source.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    files["reference.docx"] = docxkit.docx_bytes(housestyle.house_document(), dt.date(2024, 1, 1))
    marker = {"tool": {"name": "dossier", "version": __version__}, "kind": "templates"}
    files[write.TEMPLATES_MARKER] = (json.dumps(marker) + "\n").encode("utf-8")
    real = write.write_folder(files, target, force=force, owned=write.is_templates_export)
    return [real / name for name in files]
