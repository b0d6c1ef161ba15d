"""A small declarative condition language over the product file: field, operator, values.

No eval. A condition is either a leaf ``{field, op, value}`` or a combination ``{all: [...]}``,
``{any: [...]}``, ``{not: {...}}``. Fields are dotted paths into the product model
(``product.vector.integrating``); an unknown path is an error when the rule is loaded.
A fact nobody filled in (None) satisfies only ``unset``, never ``eq``/``false``, so a rule can
tell "no" from "unknown".
"""

from __future__ import annotations

import typing
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from dossier.model import Dossier
from dossier.rules.facts import Resolved

Op = Literal[
    "eq",
    "ne",
    "in",
    "not_in",
    "set",
    "unset",
    "true",
    "false",
    "not_true",
    "lt",
    "le",
    "gt",
    "ge",
    "contains",
    "not_contains",
    "len_gt",
    "len_ge",
    "sum_gt",
    "some",
]
_NO_VALUE = {"set", "unset", "true", "false", "not_true"}


class Leaf(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str
    op: Op
    value: Any = None
    of: str | None = Field(None, description="For sum_gt: the item field to add up")
    where: Condition | None = Field(None, description="For some: a condition on each list item")

    @model_validator(mode="after")
    def _check(self) -> Leaf:
        if self.op == "some":
            if self.where is None:
                raise ValueError("operator 'some' needs 'where' (a condition on each item)")
            check_path(self.field)
            item_model = _model_in(field_type(self.field))
            for leaf in _leaves(self.where):
                if not leaf.field.startswith("item."):
                    raise ValueError(f"fields inside 'where' start with 'item.' (got '{leaf.field}')")
                if item_model is not None:
                    check_path(leaf.field.removeprefix("item."), item_model)
            return self
        if self.op not in _NO_VALUE and self.value is None:
            raise ValueError(f"operator '{self.op}' needs a value")
        if self.op in ("in", "not_in") and not isinstance(self.value, list):
            raise ValueError(f"operator '{self.op}' needs a list of values")
        if self.op == "sum_gt" and not self.of:
            raise ValueError("operator 'sum_gt' needs 'of' (the item field to add up)")
        if not self.field.startswith("item."):
            check_path(self.field)
        return self


class All(BaseModel):
    model_config = ConfigDict(extra="forbid")
    all: list[Condition] = Field(min_length=1)


class Any_(BaseModel):
    model_config = ConfigDict(extra="forbid")
    any: list[Condition] = Field(min_length=1)


class Not(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    not_: Condition = Field(alias="not")


def _which(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return key
        return "leaf"
    return type(value).__name__.lower().rstrip("_")


Condition = typing.Annotated[  # noqa: UP007 - recursive alias
    typing.Annotated[All, Tag("all")]
    | typing.Annotated[Any_, Tag("any")]
    | typing.Annotated[Not, Tag("not")]
    | typing.Annotated[Leaf, Tag("leaf")],
    Discriminator(_which),
]
for _model in (All, Any_, Not, Leaf):
    _model.model_rebuild()


def _leaves(condition: Any) -> list[Leaf]:
    if isinstance(condition, All):
        return [leaf for c in condition.all for leaf in _leaves(c)]
    if isinstance(condition, Any_):
        return [leaf for c in condition.any for leaf in _leaves(c)]
    if isinstance(condition, Not):
        return _leaves(condition.not_)
    return [condition]


def _root(path: str, root: type[BaseModel]) -> tuple[type[BaseModel], str]:
    """``resolved.x`` names a fact resolved through the vocabularies (dossier.rules.facts)."""
    if root is Dossier and path.startswith("resolved."):
        return Resolved, path.removeprefix("resolved.")
    return root, path


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """Field name -> annotation, computed fields (e.g. product.gene_therapy_character) included."""
    found = {name: info.annotation for name, info in model.model_fields.items()}
    found.update({name: info.return_type for name, info in model.model_computed_fields.items()})
    return found


def check_path(path: str, root: type[BaseModel] = Dossier) -> None:
    """Raise ValueError unless ``path`` names a field of the product model or a resolved fact."""
    current: Any
    current, rest = _root(path, root)
    for part in rest.split("."):
        model = _model_in(current)
        fields = _fields(model) if model else {}
        if model is None or part not in fields:
            known = ", ".join(sorted(fields))
            raise ValueError(f"unknown field '{path}' (at '{part}'; known here: {known})")
        current = fields[part]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def resolve(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of a model dump, or None where any step is missing."""
    current: Any = data
    for part in path.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _leaf(leaf: Leaf, data: dict[str, Any]) -> bool:
    value = resolve(data, leaf.field)
    op, want = leaf.op, leaf.value
    if op == "set":
        return value not in (None, "", [], {})
    if op == "unset":
        return value in (None, "", [], {})
    if op == "some":
        items = value if isinstance(value, list) else []
        return any(isinstance(i, dict) and holds(leaf.where, {"item": i}) for i in items)
    if op == "true":
        return value is True
    if op == "false":
        return value is False
    if op == "not_true":
        return value is not True
    if value is None:
        return op in ("ne", "not_in", "not_contains")
    if op == "eq":
        return value == want
    if op == "ne":
        return value != want
    if op == "in":
        return value in want
    if op == "not_in":
        return value not in want
    if op in ("contains", "not_contains"):
        found = want in value if isinstance(value, (list, str)) else False
        return found if op == "contains" else not found
    if op in ("len_gt", "len_ge"):
        size = len(value) if isinstance(value, (list, str, dict)) else 0
        return size > want if op == "len_gt" else size >= want
    if op == "sum_gt":
        items = value if isinstance(value, list) else []
        return sum(_number(resolve(i, leaf.of or "")) or 0 for i in items) > want
    number, threshold = _number(value), _number(want)
    if number is None or threshold is None:
        return False
    return {
        "lt": number < threshold,
        "le": number <= threshold,
        "gt": number > threshold,
        "ge": number >= threshold,
    }[op]


def holds(condition: Condition | None, data: dict[str, Any]) -> bool:
    """Whether a condition holds for a product dump (``model_dump(mode="json")``)."""
    if condition is None:
        return True
    if isinstance(condition, All):
        return all(holds(c, data) for c in condition.all)
    if isinstance(condition, Any_):
        return any(holds(c, data) for c in condition.any)
    if isinstance(condition, Not):
        return not holds(condition.not_, data)
    return _leaf(condition, data)


def field_type(path: str, root: type[BaseModel] = Dossier) -> Any:
    """The plain type of a field (bool, str, int, a model, list …), Optional stripped."""
    check_path(path, root)
    current: Any
    current, rest = _root(path, root)
    annotation: Any = None
    for part in rest.split("."):
        model = _model_in(current)
        assert model is not None
        annotation = _fields(model)[part]
        current = annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if (
        typing.get_origin(annotation) in (Union, getattr(__import__("types"), "UnionType", Union))
        and len(args) == 1
    ):
        return args[0]
    return annotation
