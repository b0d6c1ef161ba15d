"""Placeholders in a product file: ``<<TODO: what to write>>`` accepted for any field, recorded.

``dossier init`` writes a starting file whose values are placeholders. The loader runs
:func:`neutralise` on the parsed YAML before validation: a placeholder in a field with a default
(or an optional field) is removed, so the model's default stands; in a required text field it is
kept as text (it is printed as typed and stays visible); in any other required field it becomes
a neutral value of the field's type; in a list of plain values it is dropped. Every placeholder's
dotted path is recorded, and rule INI-001 reports each as an error finding, so a file with
placeholders is an unfinished file (exit 1), never invalid input (exit 2).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Union

from annotated_types import Ge, Gt
from pydantic import BaseModel
from pydantic.fields import FieldInfo

MARK = "<<TODO"
_HINT = re.compile(r"<<TODO:?\s*(.*?)\s*>>", re.S)
_EXAMPLE_TEXTS = ("todo@example.invalid", "TODO", "todo", "0")


@dataclass(frozen=True)
class Placeholder:
    """One value still to write: its dotted path in the file and the hint the placeholder gives."""

    path: str
    hint: str


def make(hint: str) -> str:
    """The placeholder text for ``hint``: ``<<TODO: hint>>``."""
    return f"{MARK}: {hint}>>"


def is_placeholder(value: Any) -> bool:
    """Whether a value is, or contains, a placeholder still to be replaced."""
    return isinstance(value, str) and MARK in value


def hint_of(value: str) -> str:
    match = _HINT.search(value)
    return match.group(1) if match else ""


def dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def neutralise(data: Any, model: type[BaseModel]) -> list[Placeholder]:
    """Make ``data`` (parsed YAML for ``model``) valid where it holds placeholders, in place.

    Returns the placeholders found, in file order. Values that are not placeholders are left
    for the model to judge.
    """
    found: list[Placeholder] = []
    if isinstance(data, dict):
        _mapping(data, model, (), found)
    return found


def _mapping(data: dict[str, Any], model: type[BaseModel], path: tuple[Any, ...], found: list) -> None:
    for key in list(data):
        info = model.model_fields.get(key) if isinstance(key, str) else None
        if info is None:
            continue  # an unknown key: the model reports it
        value = data[key]
        here = path + (key,)
        if isinstance(value, dict) and not info.is_required() and _all_todo(value):
            # a section nobody has filled in yet is absent, so its own checks do not misfire
            found.extend(Placeholder(dotted(here + p), hint_of(v)) for p, v in _leaves(value))
            del data[key]
        elif is_placeholder(value):
            found.append(Placeholder(dotted(here), hint_of(value)))
            replacement = _neutral(info, value)
            if replacement is _DROP:
                del data[key]
            else:
                data[key] = replacement
        else:
            _value(value, info.annotation, here, found)


def _value(value: Any, annotation: Any, path: tuple[Any, ...], found: list) -> None:
    plain = _plain(annotation)
    if isinstance(value, dict):
        inner = _model(plain)
        if inner is not None:
            _mapping(value, inner, path, found)
        else:  # e.g. a text in two languages, {zh: …, en: …}: recorded, left to the model
            found.extend(
                Placeholder(dotted(path + p), hint_of(v)) for p, v in _leaves(value) if is_placeholder(v)
            )
    elif isinstance(value, list):
        item_type = _item_type(plain)
        kept = []
        for index, item in enumerate(value):
            if is_placeholder(item) and _model(item_type) is None and not _is_text(item_type):
                found.append(Placeholder(dotted(path + (index,)), hint_of(item)))
                continue  # a placeholder among plain values (dates, enumerations) is dropped
            if is_placeholder(item):
                found.append(Placeholder(dotted(path + (index,)), hint_of(item)))
            _value(item, item_type, path + (index,), found)
            kept.append(item)
        value[:] = kept


def _all_todo(value: Any) -> bool:
    """Whether every value inside a mapping or list is a placeholder (and there is one)."""
    if isinstance(value, dict):
        return bool(value) and all(_all_todo(v) for v in value.values())
    if isinstance(value, list):
        return bool(value) and all(_all_todo(v) for v in value)
    return is_placeholder(value)


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, path + (k,))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, path + (i,))]
    return [(path, value)]


class _Drop:
    pass


_DROP = _Drop()


def _neutral(info: FieldInfo, value: str) -> Any:
    """What stands in for a placeholder in a field: its default (dropped), text, or a neutral value."""
    if not info.is_required():
        return _DROP
    plain = _plain(info.annotation)
    if _is_text(plain):
        pattern = _pattern(info)
        if pattern is None or re.search(pattern, value):
            return value
        return next((t for t in _EXAMPLE_TEXTS if re.search(pattern, t)), value)
    for candidate in _choices(plain):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return next(iter(candidate)).value
        if typing.get_origin(candidate) is typing.Literal:
            return typing.get_args(candidate)[0]
        if candidate is bool:
            return False
        if candidate in (int, float):
            low = next((m.ge for m in info.metadata if isinstance(m, Ge)), None)
            low = low if low is not None else next((m.gt + 1 for m in info.metadata if isinstance(m, Gt)), 1)
            return candidate(low)
        if candidate is dt.date:
            return "2000-01-01"
        if _model(candidate) is not None:
            return {}
        if typing.get_origin(candidate) is list:
            return []
    return value


def _pattern(info: FieldInfo) -> str | None:
    for meta in info.metadata:
        pattern = getattr(meta, "pattern", None)
        if isinstance(pattern, str):
            return pattern
    return None


def _plain(annotation: Any) -> Any:
    """Strip Annotated and Optional."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _plain(args[0])
        return Union[tuple(_plain(a) for a in args)]  # noqa: UP007
    return annotation


def _choices(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return [_plain(a) for a in typing.get_args(annotation)]
    return [annotation]


def _is_text(annotation: Any) -> bool:
    return any(c is str for c in _choices(_plain(annotation)))


def _model(annotation: Any) -> type[BaseModel] | None:
    for candidate in _choices(_plain(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _item_type(annotation: Any) -> Any:
    for candidate in _choices(annotation):
        if typing.get_origin(candidate) is list:
            return _plain(typing.get_args(candidate)[0])
    return Any


def allow_in_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema that also accepts a placeholder for every field, so editors do not flag them.

    Each property (and each list item) becomes ``anyOf: [its schema, Placeholder]``; its title
    and description stay outside, where editors show them. Returns a new schema (parts of the
    input may be shared, so nothing is changed in place).
    """
    keep = ("title", "description", "default")

    def wrap(node: Any) -> Any:
        node = walk(node)
        if not isinstance(node, dict):
            return node
        outer = {k: node[k] for k in keep if k in node}
        inner = {k: v for k, v in node.items() if k not in keep}
        return {**outer, "anyOf": [inner, {"$ref": "#/$defs/Placeholder"}]}

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(child) for child in node]
        if not isinstance(node, dict):
            return node
        out = {k: walk(v) for k, v in node.items() if k not in ("properties", "items")}
        if isinstance(node.get("properties"), dict):
            out["properties"] = {name: wrap(sub) for name, sub in node["properties"].items()}
        if "items" in node:
            out["items"] = wrap(node["items"]) if isinstance(node["items"], dict) else walk(node["items"])
        return out

    result = walk(schema)
    result.setdefault("$defs", {})["Placeholder"] = {
        "type": "string",
        "pattern": "<<TODO",
        "description": "A value still to write (dossier init); dossier check reports it as INI-001.",
    }
    return result
