"""Text fields in two languages: plain text or ``{zh: …, en: …}`` in any text field.

RA teams write the product file in Chinese and add English where the English package needs
it. Any text field of the product file may be written either way. The model keeps one value
per field (the Chinese text where there is one), so every check reads the text as before, and
records the two languages beside it. A document asks for a field in its language and learns
whether a translation is still missing, so it can print the other language with a visible
marker instead of silently mixing languages.

Plain text with no Chinese characters (a name, a code, an English sentence) counts as
written for both languages; plain text with Chinese characters counts as Chinese.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from dossier.text import clean_text

LANGS = ("zh", "en")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def is_bilingual(value: Any) -> bool:
    """A mapping with only ``zh`` and/or ``en`` keys, each text or empty."""
    return (
        isinstance(value, dict)
        and bool(value)
        and set(value) <= set(LANGS)
        and all(v is None or isinstance(v, str) for v in value.values())
    )


def _takes_text(annotation: Any) -> bool:
    """Whether a field's type is text (str, Optional[str], Annotated[str, …])."""
    if annotation is str:
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _takes_text(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return any(_takes_text(a) for a in typing.get_args(annotation) if a is not type(None))
    return False


def split(model: type[BaseModel], data: Any) -> tuple[Any, dict[str, tuple[str | None, str | None]]]:
    """``data`` with each bilingual text value replaced by its primary text, and the pairs.

    The primary text is the Chinese one where given, else the English one; the pairs map the
    field name to (zh, en), stripped and cleaned as any text is.
    """
    if not isinstance(data, dict):
        return data, {}
    out, pairs = dict(data), {}
    for key, value in data.items():
        field = model.model_fields.get(key) if isinstance(key, str) else None
        if field is None or not is_bilingual(value) or not _takes_text(field.annotation):
            continue
        zh, en = (clean_text(value.get(lang) or "").strip() or None for lang in LANGS)
        pairs[key] = (zh, en)
        out[key] = zh if zh is not None else (en if en is not None else "")
    return out, pairs


@functools.cache
def _adapter(model: type[BaseModel], key: str) -> TypeAdapter:
    """A validator for one text field's type and constraints, to check each language's text."""
    field = model.model_fields[key]
    annotation = typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
    config = {k: v for k, v in model.model_config.items() if k.startswith("str_")}
    return TypeAdapter(annotation, config=ConfigDict(**config))


def details(err: Any, prefix: tuple[Any, ...] = ()) -> dict[str, Any]:
    """A reported validation error as details that can be raised again (located under prefix)."""
    return {
        "type": PydanticCustomError(
            err["type"], err["msg"].replace("{", "(").replace("}", ")"), err.get("ctx")
        ),
        "loc": (*prefix, *err.get("loc", ())),
        "input": err.get("input"),
    }


def pair_errors(
    model: type[BaseModel], pairs: dict[str, tuple[str | None, str | None]]
) -> list[dict[str, Any]]:
    """Each language's text validated as the field itself would be; errors at (field, lang)."""
    errors: list[dict[str, Any]] = []
    for key, pair in pairs.items():
        for lang, text in zip(LANGS, pair, strict=True):
            if text is None:
                continue
            try:
                _adapter(model, key).validate_python(text)
            except ValidationError as exc:
                errors += [details(err, (key, lang)) for err in exc.errors()]
    return errors


def text_in(
    value: str | None, pair: tuple[str | None, str | None] | None, lang: str
) -> tuple[str | None, bool]:
    """The text of a field in ``lang`` and whether its translation is still missing.

    Returns (text, pending): where the field has no text in ``lang``, the text in the other
    language and ``pending`` true; language-neutral plain text is never pending.
    """
    if value is None:
        return None, False
    if pair is None:
        if not has_cjk(value):
            return value, False
        pair = (value, None)
    zh, en = pair
    wanted, other = (en, zh) if lang == "en" else (zh, en)
    if wanted:
        return wanted, False
    return other, bool(other)


def _as_written(model: BaseModel) -> frozenset[str]:
    """Fields printed as written in both languages (people's names): never 'untranslated'."""
    return getattr(type(model), "AS_WRITTEN", frozenset())


def untranslated(model: BaseModel, path: str = "") -> list[str]:
    """Dotted paths of the text fields with Chinese text and no English, in field order."""
    out: list[str] = []
    pairs = getattr(model, "_translations", {}) or {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        where = f"{path}{name}"
        if isinstance(value, BaseModel):
            out += untranslated(value, where + ".")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    out += untranslated(item, f"{where}[{index}].")
        elif isinstance(value, str) and not hasattr(value, "value") and name not in _as_written(model):
            _, pending = text_in(value, pairs.get(name), "en")
            if pending:
                out.append(where)
    return out


_PAIR_SCHEMA = {
    "type": "object",
    "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
    "additionalProperties": False,
    "minProperties": 1,
    "description": "The text in Chinese and English",
}


def widen_schema(schema: Any) -> Any:
    """A JSON Schema in which every text property also accepts ``{zh: …, en: …}``.

    Applied to the properties of objects only (not to list items, enum values or keys), as
    the model accepts it, so editors validate the bilingual form too.
    """
    if isinstance(schema, list):
        return [widen_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: widen_schema(value) for key, value in schema.items() if key != "properties"}
    if isinstance(schema.get("properties"), dict):
        out["properties"] = {name: _widen_property(prop) for name, prop in schema["properties"].items()}
    return out


def _widen_property(prop: Any) -> Any:
    prop = widen_schema(prop)
    if not isinstance(prop, dict):
        return prop
    if prop.get("type") == "string" and not {"enum", "pattern", "format"} & set(prop):
        meta = {k: v for k, v in prop.items() if k in ("title", "description", "default")}
        rest = {k: v for k, v in prop.items() if k not in meta}
        return {**meta, "anyOf": [rest, _PAIR_SCHEMA]}
    if "anyOf" in prop and any(
        isinstance(a, dict) and a.get("type") == "string" and not {"enum", "pattern", "format"} & set(a)
        for a in prop["anyOf"]
    ):
        return {**prop, "anyOf": [*prop["anyOf"], _PAIR_SCHEMA]}
    return prop
