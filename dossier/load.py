"""Read YAML into validated models; every failure becomes a located, fixable message.

A YAML file is composed into nodes first so that each key and value keeps its line and column.
Pydantic's error locations are then mapped back onto those marks, so a user reads
``product.yaml:12:10: meeting.stage`` and the allowed values, never a traceback.
"""

from __future__ import annotations

import difflib
import enum
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dossier.errors import InputError, Problem, input_error

M = TypeVar("M", bound=BaseModel)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same marks, faster
Path_ = tuple[Any, ...]


@dataclass
class SourceMap:
    """Line and column (1-based) of every key and value in a YAML document."""

    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_) -> tuple[int | None, int | None]:
        """The mark of ``path``'s key, or of its nearest ancestor present in the file."""
        for end in range(len(path), -1, -1):
            prefix = tuple(path[:end])
            if prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return None, None


@dataclass
class YamlDoc:
    """A parsed YAML file: its data and where each piece stands."""

    path: Path
    data: Any
    marks: SourceMap


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(node: yaml.Node, path: Path_, marks: SourceMap, file: Path) -> None:
    marks.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                line, column = _mark(key_node)
                raise input_error(
                    file,
                    f"键“{key}”重复出现（第一次在第 {seen[key]} 行）。",
                    f"Key '{key}' appears twice (first on line {seen[key]}).",
                    line=line,
                    column=column,
                    field=_dotted(path + (key,)),
                    hint_zh="删除或合并其中一处。",
                    hint_en="Remove or merge one of them.",
                )
            seen[key] = _mark(key_node)[0]
            marks.keys[path + (key,)] = _mark(key_node)
            _walk(value_node, path + (key,), marks, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), marks, file)


def read_yaml(path: Path | str) -> YamlDoc:
    """Parse a YAML file, keeping marks. Raises InputError for unreadable or malformed files."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise input_error(
            path,
            "文件不存在。",
            "File not found.",
            hint_en="Check the path.",
            hint_zh="请检查路径。",
        ) from None
    except IsADirectoryError:
        raise input_error(path, "这是一个目录，不是文件。", "This is a folder, not a file.") from None
    except UnicodeDecodeError as exc:
        raise input_error(
            path,
            f"文件不是 UTF-8 编码（第 {exc.start} 字节）。",
            f"The file is not UTF-8 (byte {exc.start}).",
            hint_zh="请以 UTF-8 编码另存该文件。",
            hint_en="Save the file as UTF-8.",
        ) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise input_error(path, "文件为空。", "The file is empty.", line=1)
        marks = SourceMap()
        _walk(node, (), marks, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise input_error(
            path,
            f"YAML 语法错误：{problem}",
            f"YAML syntax error: {problem}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint_zh="检查缩进（只用空格）、冒号后的空格，以及含冒号或 # 的文字是否加了引号。",
            hint_en="Check indentation (spaces only), a space after each colon, and quote text"
            " that contains ':' or '#'.",
        ) from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, marks)


def _dotted(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _model_at(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc`` (for 'did you mean' hints)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/list/Annotated down to the model class inside, if any."""
    for arg in typing.get_args(annotation) or ():
        inner = _unwrap(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return annotation


def _allowed(model: type[BaseModel], loc: Path_) -> list[str]:
    owner = _model_at(model, loc)
    if owner is None:
        return []
    info = owner.model_fields.get(loc[-1]) if loc else None
    if info is None:
        return []
    values: list[str] = []
    for arg in _flatten(info.annotation):
        if isinstance(arg, type) and issubclass(arg, enum.Enum):
            values += [str(m.value) for m in arg]
        elif isinstance(arg, str):
            values.append(arg)
    return values


def _flatten(annotation: Any) -> list[Any]:
    args = typing.get_args(annotation)
    if not args:
        return [annotation]
    if typing.get_origin(annotation) is typing.Literal:
        return list(args)
    out: list[Any] = []
    for arg in args:
        out += _flatten(arg)
    return out


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The parts of a pydantic location that index the data (union tags dropped)."""
    out: list[Any] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(current, dict) and part in current:
            out.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            out.append(part)
            current = current[part]
        elif last and isinstance(part, (str, int)):
            out.append(part)
    return tuple(out)


def _problem(doc: YamlDoc, model: type[BaseModel], error: dict[str, Any]) -> Problem:
    loc = _data_loc(doc.data, tuple(error["loc"]))
    line, column = doc.marks.locate(loc)
    dotted = _dotted(loc) or None
    kind = error["type"]
    value = error.get("input")
    hint_zh = hint_en = None
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        known = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        zh = f"未知的键“{loc[-1]}”。"
        en = f"Unknown key '{loc[-1]}'."
        if close:
            hint_zh, hint_en = f"是否应为“{close[0]}”？", f"Did you mean '{close[0]}'?"
        elif known:
            hint_zh = "此处允许的键：" + "、".join(known)
            hint_en = "Keys allowed here: " + ", ".join(known)
    elif kind == "missing":
        zh, en = f"缺少必填字段“{loc[-1]}”。", f"Required field '{loc[-1]}' is missing."
        hint_zh, hint_en = "请补充该字段。", "Add this field."
    elif kind in ("enum", "literal_error"):
        allowed = _allowed(model, loc) or [str(error.get("ctx", {}).get("expected", ""))]
        zh = f"取值“{value}”无效。允许的取值：{', '.join(allowed)}"
        en = f"Invalid value '{value}'. Allowed values: {', '.join(allowed)}"
        close = difflib.get_close_matches(str(value).lower(), [a.lower() for a in allowed], n=1)
        if close:
            hint_zh, hint_en = f"是否应为“{close[0]}”？", f"Did you mean '{close[0]}'?"
    else:
        zh, en = _translate(kind, error, value)
    return Problem(str(doc.path), zh, en, line, column, dotted, hint_zh, hint_en)


_TYPES_ZH = {
    "bool_parsing": ("应为 true 或 false", "Should be true or false"),
    "bool_type": ("应为 true 或 false", "Should be true or false"),
    "int_parsing": ("应为整数", "Should be a whole number"),
    "int_type": ("应为整数", "Should be a whole number"),
    "int_from_float": ("应为整数", "Should be a whole number"),
    "float_parsing": ("应为数字", "Should be a number"),
    "float_type": ("应为数字", "Should be a number"),
    "string_type": ("应为文字", "Should be text"),
    "list_type": ("应为列表（每项以“- ”开头）", "Should be a list (items start with '- ')"),
    "dict_type": ("应为映射（键: 值）", "Should be a mapping (key: value)"),
    "model_type": ("应为映射（键: 值）", "Should be a mapping (key: value)"),
    "model_attributes_type": ("应为映射（键: 值）", "Should be a mapping (key: value)"),
    "date_parsing": ("应为日期，格式 YYYY-MM-DD", "Should be a date, YYYY-MM-DD"),
    "date_type": ("应为日期，格式 YYYY-MM-DD", "Should be a date, YYYY-MM-DD"),
    "date_from_datetime_parsing": ("应为日期，格式 YYYY-MM-DD", "Should be a date, YYYY-MM-DD"),
    "date_from_datetime_inexact": ("应为日期，不带时间", "Should be a date without a time"),
    "string_too_short": ("不能为空", "Must not be empty"),
    "too_short": ("至少需要一项", "Needs at least one item"),
    "too_long": ("项数过多", "Has too many items"),
    "greater_than_equal": ("数值过小", "Value too small"),
    "greater_than": ("数值过小", "Value too small"),
    "less_than_equal": ("数值过大", "Value too large"),
}


def _translate(kind: str, error: dict[str, Any], value: Any) -> tuple[str, str]:
    shown = "" if isinstance(value, (dict, list)) else f"（当前为“{value}”）"
    shown_en = "" if isinstance(value, (dict, list)) else f" (got '{value}')"
    if kind in _TYPES_ZH:
        zh, en = _TYPES_ZH[kind]
        detail = error.get("ctx") or {}
        extra = {k: v for k, v in detail.items() if k in ("ge", "gt", "le", "max_length", "min_length")}
        suffix = "" if not extra else " " + ", ".join(f"{k}={v}" for k, v in extra.items())
        return f"{zh}{suffix}{shown}。", f"{en}{suffix}{shown_en}."
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return f"取值不一致：{message}", f"Inconsistent values: {message}"
    return f"取值无效：{error.get('msg')}{shown}", f"Invalid value: {error.get('msg')}{shown_en}"


def validate(doc: YamlDoc, model: type[M]) -> M:
    """Validate parsed YAML against ``model``. Raises InputError listing every problem."""
    if not isinstance(doc.data, dict):
        raise input_error(
            doc.path,
            "文件顶层应为映射（键: 值），而不是列表或单个值。",
            "The top level of the file should be a mapping (key: value), not a list or a value.",
            line=1,
        )
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems = [_problem(doc, model, err) for err in exc.errors()]
        raise InputError(problems) from None


def load(path: Path | str, model: type[M]) -> M:
    """Read and validate one YAML file. Raises InputError."""
    return validate(read_yaml(path), model)


@dataclass
class Loaded(typing.Generic[M]):
    """A validated model together with the file it came from, for located later errors."""

    model: M
    doc: YamlDoc

    def error(self, field: Path_, zh: str, en: str, **hints: str) -> InputError:
        """An InputError pointing at ``field`` (a path of keys and indexes) in the file."""
        return located_error(self.doc, field, zh, en, **hints)


def located_error(doc: YamlDoc, field: Path_, zh: str, en: str, **hints: str) -> InputError:
    """An InputError at ``field`` of a parsed file, with its line and column."""
    line, column = doc.marks.locate(field)
    return input_error(doc.path, zh, en, line=line, column=column, field=_dotted(field), **hints)


def load_located(path: Path | str, model: type[M]) -> Loaded[M]:
    """Like :func:`load`, keeping the source marks for errors found after validation."""
    doc = read_yaml(path)
    return Loaded(validate(doc, model), doc)
