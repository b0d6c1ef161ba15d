"""Read a plain list of questions drafted outside the product file: .txt, .md or .docx.

RA writers draft questions in Word or in a text file before the product file exists. A text
file holds one question per paragraph (paragraphs separated by blank lines, or each starting
with a list marker or number such as ``1.``, ``（2）``, ``- ``, ``问题3：``, which is removed;
Markdown headings are skipped). In a .docx every non-empty paragraph is a question.

These files come from outside: each is read under a size limit, undecodable text is reported
with its line and column, and a .docx is checked as a zip (entry count, total and per-entry
expansion) before python-docx opens it. Every failure is an InputError (exit code 2).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from dossier.errors import InputError, input_error

SUFFIXES = (".txt", ".md", ".docx")
MAX_TEXT_BYTES = 1_000_000
MAX_DOCX_BYTES = 20_000_000
MAX_ZIP_ENTRIES = 2_000
MAX_UNZIPPED_BYTES = 200_000_000
MAX_RATIO = 200  # uncompressed / compressed, per entry: more is a zip bomb
MAX_QUESTIONS = 500

_MARKER = re.compile(
    r"^\s*(?:[-*+•·]\s+|\d{1,3}\s*(?:[、)）]|\.(?!\d))\s*|[（(]\s*\d{1,3}\s*[)）]\s*|[一二三四五六七八九十]{1,3}\s*[、.．]\s*"
    r"|问题\s*[0-9一二三四五六七八九十]+\s*[：:.、．]?\s*|Q(?:uestion)?\s*\d+\s*[:.)]\s*)",
    re.IGNORECASE,
)


def is_question_list(path: Path) -> bool:
    """Whether ``path`` is read as a plain list of questions (by its suffix)."""
    return path.suffix.lower() in SUFFIXES


def read_questions(path: Path) -> list[str]:
    """The questions in a .txt, .md or .docx file, in order.

    Raises InputError when the file is missing, too large, not UTF-8 (text), not a sound
    .docx, or holds no question.
    """
    if not path.is_file():
        raise input_error(path, "文件不存在。", "File not found.")
    if path.suffix.lower() == ".docx":
        texts = _docx_paragraphs(path)
    else:
        texts = _text_paragraphs(path)
    questions = [q for q in (strip_marker(t) for t in texts) if q]
    if not questions:
        raise input_error(path, "文件中没有问题。", "The file holds no question.")
    if len(questions) > MAX_QUESTIONS:
        raise input_error(
            path,
            f"问题过多（{len(questions)} 个，上限 {MAX_QUESTIONS}）。",
            f"Too many questions ({len(questions)}; the limit is {MAX_QUESTIONS}).",
        )
    return questions


def strip_marker(paragraph: str) -> str:
    """A paragraph without its list marker or numbering (1. / （2） / - / 问题3：)."""
    return _MARKER.sub("", paragraph.strip(), count=1).strip()


def _text_paragraphs(path: Path) -> list[str]:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise _too_large(path, size, MAX_TEXT_BYTES)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise input_error(
            path,
            f"不是 UTF-8 编码的文本（第 {exc.start} 字节无法解码）。",
            f"Not UTF-8 text (byte {exc.start} cannot be decoded).",
            line=line,
            column=column,
            hint_zh="请以 UTF-8 编码另存该文件。",
            hint_en="Save the file as UTF-8.",
        ) from None
    paragraphs, current = [], []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or re.fullmatch(r"[-=*_]{3,}", stripped):
            if current:
                paragraphs.append(_join(current))
                current = []
            continue
        if current and _MARKER.match(stripped):
            # a list written without blank lines: each marked line starts a new question
            paragraphs.append(_join(current))
            current = []
        current.append(stripped)
    if current:
        paragraphs.append(_join(current))
    return paragraphs


def _join(lines: list[str]) -> str:
    """Lines of one paragraph: Chinese lines join directly, others with a space."""
    out = lines[0]
    for line in lines[1:]:
        glue = "" if re.search(r"[\u3400-\u9fff，。；：？！]$", out) else " "
        out += glue + line
    return out


def _too_large(path: Path, size: int, limit: int) -> InputError:
    return input_error(
        path,
        f"文件过大（{size} 字节，上限 {limit} 字节）。",
        f"File too large ({size} bytes; the limit is {limit}).",
    )


def _docx_paragraphs(path: Path) -> list[str]:
    size = path.stat().st_size
    if size > MAX_DOCX_BYTES:
        raise _too_large(path, size, MAX_DOCX_BYTES)
    check_zip(path)
    import docx  # python-docx: imported here, only a .docx needs it

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise _bad_docx(path, str(exc)) from None
    return [p.text for p in document.paragraphs if p.text.strip()]


def check_zip(path: Path) -> None:
    """Refuse a file that is not a zip, or whose entries are too many or expand too much.

    Raises InputError. (A shared guard, dossier/safe_io.py, is being written elsewhere; this
    minimal one stands until it lands.)
    """
    if not zipfile.is_zipfile(path):
        raise _bad_docx(path, "not a zip archive")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _bad_docx(path, f"{len(entries)} zip entries")
            total = 0
            for entry in entries:
                total += entry.file_size
                ratio = entry.file_size / max(entry.compress_size, 1)
                if ratio > MAX_RATIO and entry.file_size > 1_000_000:
                    raise _bad_docx(path, f"entry {entry.filename} expands {ratio:.0f}-fold")
            if total > MAX_UNZIPPED_BYTES:
                raise _bad_docx(path, f"expands to {total} bytes")
            if "word/document.xml" not in {e.filename for e in entries}:
                raise _bad_docx(path, "no word/document.xml")
    except zipfile.BadZipFile as exc:
        raise _bad_docx(path, str(exc)) from None


def _bad_docx(path: Path, why: str) -> InputError:
    return input_error(
        path,
        f"不是有效的 Word 文档（.docx）：{why}",
        f"Not a valid Word document (.docx): {why}",
        hint_zh="请在 Word 中打开并另存为 .docx 后重试。",
        hint_en="Open it in Word, save it as .docx and try again.",
    )
