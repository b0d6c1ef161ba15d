"""Values as a template prints them: in the document's language, marked where untranslated.

A text field of the product file may hold Chinese, English or both (see dossier.bilingual).
These helpers give a template the text in its language and, where the translation is
missing, the other language followed by a highlighted marker; they also join pieces that are
already marked without sealing them twice, and cite a guideline as a reader sees it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dossier.citation import Citation


def cite_text(citation: Citation, lang: str) -> str:
    """A citation as a reader sees it (title, issuer, date, section)."""
    return citation.text(lang)


def pick(lang: str, zh: str | None, en: str | None) -> str | None:
    """The text in the document's language, falling back to the other one."""
    return (en or zh) if lang == "en" else (zh or en)


def paren(lang: str, text: str) -> str:
    return f" ({text})" if lang == "en" else f"（{text}）"


def marked(text: str, lang: str) -> Any:
    """Text shown in the other language, followed by a highlighted 待翻译 / translation pending."""
    from dossier.templates import Raw, fill, literal

    marker = "translation pending" if lang == "en" else "待翻译"
    return Raw(literal(text) + literal(" ") + fill(marker))


def dump(model: Any, lang: str) -> Any:
    """A model as plain data for templates, each text field in ``lang``.

    A field with no text in ``lang`` shows the other language with a visible marker, so
    nobody mistakes it for translated text (see dossier.bilingual).
    """
    from pydantic import BaseModel

    if isinstance(model, list):
        return [dump(item, lang) for item in model]
    if not isinstance(model, BaseModel):
        return model.isoformat() if isinstance(model, dt.date) else getattr(model, "value", model)
    data: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, str) and not hasattr(value, "value"):
            data[name] = text_of(model, name, lang)
        else:
            data[name] = dump(value, lang)
    return data


def join_raw(parts: list[Any]) -> Any:
    """Pieces of text (some already marked) joined into one literal value for a template."""
    from dossier.templates import Raw, literal

    return Raw("".join(literal(p) for p in parts))


def localized(value: Any, lang: str, given: tuple[str | None, bool] | None = None) -> Any:
    """A computed text for an English page: Chinese left in it is marked as untranslated.

    ``given`` is the field's own text in ``lang`` (from ``in_lang``), preferred when it is a
    real translation.
    """
    from dossier.bilingual import has_cjk

    if given is not None and given[0] and not given[1] and (lang != "en" or not has_cjk(given[0])):
        return given[0]
    if lang == "en" and isinstance(value, str) and has_cjk(value):
        return marked(value, lang)
    return value


def text_of(model: Any, field: str, lang: str) -> Any:
    """One text field of a model in ``lang`` (marked where the translation is missing)."""
    text, pending = model.in_lang(field, lang)
    if field in getattr(type(model), "AS_WRITTEN", ()):
        return text  # a person's name is printed as written in both packages
    return marked(text, lang) if pending and text else text
