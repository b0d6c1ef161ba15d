"""Read YAML into validated models; every failure becomes a located, fixable message.

A YAML file is composed into nodes first so that each key and value keeps its line and column.
Pydantic's error locations are then mapped back onto those marks, so a user reads
``product.yaml:12:10: meeting.stage`` and the allowed values, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dossier import safe_yaml
from dossier.errors import InputError, Problem, input_error
from dossier.safe_io import read_text

M = TypeVar("M", bound=BaseModel)
Path_ = tuple[Any, ...]


@dataclass
class SourceMap:
    """Line and column (1-based) of every key and value in a YAML document.

    ``source`` keeps the text as typed of every plain scalar that YAML would turn into
    something other than text (``1.10``, ``0017``, ``on``, ``2024-01-01``), so a field the
    model declares as text receives exactly what the user wrote.
    """

    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    source: dict[Path_, str] = field(default_factory=dict)

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


_TAG = "tag:yaml.org,2002:"
_SCALARS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_constructor = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode) -> Any:
    """The Python value of a scalar; text when YAML's reading of it fails (``2026-02-29``).

    A value that cannot be what YAML guessed is passed on as typed, so the model reports it
    on its field (an impossible date, a 5,000-digit number) instead of the loader crashing.
    """
    if node.tag == _TAG + "str":
        return node.value
    try:
        return _constructor.yaml_constructors[node.tag](_constructor, node)
    except (ValueError, TypeError, AttributeError, OverflowError, KeyError, yaml.YAMLError):
        return node.value  # e.g. "!!bool maybe" raises KeyError inside PyYAML


def _refuse(
    file: Path, node: yaml.Node, path: Path_, zh: str, en: str, hint_zh: str, hint_en: str
) -> InputError:
    line, column = _mark(node)
    return input_error(
        file, zh, en, line=line, column=column, field=_dotted(path) or None, hint_zh=hint_zh, hint_en=hint_en
    )


_KIND_NAMES = {
    bool: ("真假值", "true/false"),
    int: ("整数", "a whole number"),
    float: ("数字", "a number"),
    type(None): ("空值", "null"),
    dt.date: ("日期", "a date"),
    dt.datetime: ("日期时间", "a date and time"),
}


def _key(key_node: yaml.Node, path: Path_, file: Path) -> str:
    """A mapping key as text. Raises InputError for a key that is not plain text."""
    if not isinstance(key_node, yaml.ScalarNode):
        raise _refuse(
            file,
            key_node,
            path,
            "键不能是列表或映射。",
            "A key cannot be a list or a mapping.",
            "键应为一个名称，例如 name_zh:。",
            "A key is a name, such as name_zh:.",
        )
    if key_node.tag == _TAG + "value":
        key_node.tag = _TAG + "str"
    value = _scalar(key_node) if key_node.tag in _SCALARS else None
    if not isinstance(value, str):
        zh, en = _KIND_NAMES.get(type(value), ("其他类型的值", "another kind of value"))
        raise _refuse(
            file,
            key_node,
            path,
            f"键“{key_node.value}”不是文字（YAML 把它读作{zh}）。",
            f"The key '{key_node.value}' is not text (YAML reads it as {en}).",
            f'给键加上引号："{key_node.value}":。',
            f'Quote the key: "{key_node.value}":.',
        )
    bad = safe_yaml.bad_character(value)
    if bad is not None:
        line, column = _mark(key_node)
        raise safe_yaml.character_error(file, bad, line, column, field=_dotted(path) or None)
    return value


def _walk(node: yaml.Node, path: Path_, marks: SourceMap, file: Path) -> Any:
    """The value of ``node``, recording marks and source text; refuses what no model can hold.

    Aliased nodes are visited once per reference, so the result is a tree; ``safe_yaml``
    has already bounded its size and depth.
    """
    marks.values[path] = _mark(node)
    if node.tag == _TAG + "value":  # a lone '=': YAML 1.1's "default value" key, plain text to us
        node.tag = _TAG + "str"
    allowed = _SCALARS if isinstance(node, yaml.ScalarNode) else {_TAG + node.id[:3]}  # map, seq
    if node.tag not in allowed:
        shown = node.tag.replace(_TAG, "!!")
        raise _refuse(
            file,
            node,
            path,
            f"不支持此处的 YAML 标签“{shown}”。",
            f"The YAML tag '{shown}' is not supported here.",
            "删除以 ! 开头的标签。",
            "Remove the tag that starts with '!'.",
        )
    if isinstance(node, yaml.ScalarNode):
        bad = safe_yaml.bad_character(node.value)
        if bad is not None:
            line, column = _mark(node)
            raise safe_yaml.character_error(file, bad, line, column, field=_dotted(path))
        value = _scalar(node)
        if value is not None and not isinstance(value, str):  # null stays "not given"
            marks.source[path] = node.value
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, path + (index,), marks, file) for index, item in enumerate(node.value)]
    data: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _key(key_node, path, file)
        if key in data:
            line, column = _mark(key_node)
            first = marks.keys[path + (key,)][0]
            raise input_error(
                file,
                f"键“{key}”重复出现（第 {first} 行和第 {line} 行）。",
                f"Key '{key}' appears twice (lines {first} and {line}).",
                line=line,
                column=column,
                field=_dotted(path + (key,)),
                hint_zh="删除或合并其中一处。",
                hint_en="Remove or merge one of them.",
            )
        marks.keys[path + (key,)] = _mark(key_node)
        data[key] = _walk(value_node, path + (key,), marks, file)
    return data


def read_yaml(path: Path | str) -> YamlDoc:
    """Parse a YAML file, keeping marks. Raises InputError for unreadable, malformed or refused files.

    The limits of :mod:`dossier.safe_yaml` apply to every file: size, depth, aliases,
    characters. Nothing is expanded before they are checked.
    """
    path = Path(path)
    text = read_text(path, safe_yaml.MAX_BYTES)
    safe_yaml.check_text(text, path)
    try:
        node = safe_yaml.compose(text, path)
        if node is None:
            raise input_error(path, "文件为空。", "The file is empty.", line=1)
        marks = SourceMap()
        data = _walk(node, (), marks, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        if "nesting depth" in problem:  # libyaml's own limit on [ and { nesting
            raise input_error(
                path,
                f"嵌套层级超过 {safe_yaml.MAX_DEPTH} 层。",
                f"Nesting is deeper than {safe_yaml.MAX_DEPTH} levels.",
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                hint_zh="检查括号 [ ] { } 是否配对。",
                hint_en="Check that the brackets [ ] { } pair up.",
            ) from None
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
    except yaml.YAMLError as exc:
        raise input_error(path, f"YAML 错误：{exc}", f"YAML error: {exc}") from None
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
    "int_parsing_size": ("数值过大", "Number too large"),
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
    "string_too_long": ("过长", "Too long"),
    "too_short": ("至少需要一项", "Needs at least one item"),
    "too_long": ("项数过多", "Has too many items"),
    "greater_than_equal": ("数值过小", "Value too small"),
    "greater_than": ("数值过小", "Value too small"),
    "less_than_equal": ("数值过大", "Value too large"),
}


_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_SHOWN = 60  # characters of a wrong value repeated in a message


def _translate(kind: str, error: dict[str, Any], value: Any) -> tuple[str, str]:
    text = "null" if value is None else str(value)
    if len(text) > _SHOWN:
        text = text[:_SHOWN] + "…"
    shown = "" if isinstance(value, (dict, list)) else f"（当前为“{text}”）"
    shown_en = "" if isinstance(value, (dict, list)) else f" (got '{text}')"
    ctx = error.get("ctx") or {}
    if kind.startswith("date") and isinstance(value, str) and _DATE.match(value.strip()):
        return (
            f"日历上没有这个日期{shown}；格式为 YYYY-MM-DD。",
            f"There is no such date in the calendar{shown_en}; dates are YYYY-MM-DD.",
        )
    if kind == "string_too_long":
        limit, size = ctx.get("max_length"), len(value) if isinstance(value, str) else None
        return (
            f"过长：最多 {limit} 个字符（当前 {size}）。",
            f"Too long: at most {limit} characters (this has {size}).",
        )
    if kind == "text_limit":
        return (
            f"过长：{ctx['why_zh']}，最多 {ctx['limit']} {ctx['unit_zh']}（当前 {ctx['size']}）。",
            f"Too long: {ctx['why_en'][:1].lower()}{ctx['why_en'][1:]}, so it takes at most"
            f" {ctx['limit']} {ctx['unit_en']}"
            f" (this has {ctx['size']}).",
        )
    if kind == "text_chars":
        return (
            f"{ctx['why_zh']}，不能含有 {ctx['chars']}。",
            f"{ctx['why_en']}, so it cannot hold {ctx['chars']}.",
        )
    if kind in _TYPES_ZH:
        zh, en = _TYPES_ZH[kind]
        detail = error.get("ctx") or {}
        shown_limits = ("ge", "gt", "le", "max_length") + (("min_length",) if kind == "too_short" else ())
        extra = {k: v for k, v in detail.items() if k in shown_limits}
        suffix = "" if not extra else " " + ", ".join(f"{k}={v}" for k, v in extra.items())
        return f"{zh}{suffix}{shown}。", f"{en}{suffix}{shown_en}."
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return f"取值不一致：{message}", f"Inconsistent values: {message}"
    return f"取值无效：{error.get('msg')}{shown}", f"Invalid value: {error.get('msg')}{shown_en}"


def _members(annotation: Any) -> list[Any]:
    """The types a value may have under ``annotation``: Annotated and unions taken apart."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin is typing.Union or type(annotation).__name__ == "UnionType":
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def _wants_text(annotation: Any) -> bool:
    """True when every non-null reading of ``annotation`` is text (str, a str enum, a literal)."""
    members = [m for m in _members(annotation) if m is not type(None)]
    if not members:
        return False
    for member in members:
        if member is str or (isinstance(member, type) and issubclass(member, str)):
            continue
        literal = typing.get_origin(member) is typing.Literal
        if literal and all(isinstance(a, str) for a in typing.get_args(member)):
            continue
        return False
    return True


def _field_type(model: type[BaseModel], key: str) -> Any:
    info = model.model_fields.get(key)
    if info is None:
        info = next((f for f in model.model_fields.values() if f.alias == key), None)
    return info.annotation if info is not None else None


def as_typed(value: Any, annotation: Any, path: Path_, source: dict[Path_, str]) -> Any:
    """``value`` with the source text of every scalar that ``annotation`` declares as text.

    YAML 1.1 reads ``1.10`` as the number 1.1, ``0017`` as 15 (octal), ``on`` as true and
    ``2024-01-01`` as a date; a text field must get what the user typed, so the loader kept
    that text (:attr:`SourceMap.source`) and this puts it back wherever the model expects
    text. A field that expects a number, a date or true/false keeps YAML's reading (``on``
    and ``yes`` are true there, as they would be for pydantic too).
    """
    members = [m for m in _members(annotation) if m is not type(None)]
    if isinstance(value, dict):
        models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        fitting = [m for m in models if set(value) <= set(m.model_fields)] or models
        if fitting:
            model = fitting[0]
            return {k: as_typed(v, _field_type(model, k), path + (k,), source) for k, v in value.items()}
        for member in members:
            if typing.get_origin(member) is dict and len(typing.get_args(member)) == 2:
                inner = typing.get_args(member)[1]
                return {k: as_typed(v, inner, path + (k,), source) for k, v in value.items()}
        return value
    if isinstance(value, list):
        for member in members:
            if typing.get_origin(member) in (list, set, frozenset, tuple) and typing.get_args(member):
                inner = typing.get_args(member)[0]
                return [as_typed(v, inner, path + (i,), source) for i, v in enumerate(value)]
        return value
    if path in source and _wants_text(annotation):
        return source[path]
    return value


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
        return model.model_validate(as_typed(doc.data, model, (), doc.marks.source))
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
