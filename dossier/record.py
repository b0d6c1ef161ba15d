"""Read-only records: the one shape of data a template sees.

A template reads ``material.update``. On a plain dict that is the dict's ``update`` method and
always true, so a misspelt or missing key could print a false sentence. A :class:`Record`
has no public methods at all: an attribute is a key or it is undefined, and an undefined
name is an error (``StrictUndefined``). Lists become tuples, so a template cannot change the
data it is given either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class Record:
    """An immutable mapping reached by attribute (``r.name``) or item (``r["name"]``)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", dict(data))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._data[name]

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __bool__(self) -> bool:
        return bool(self._data)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("records are read-only")

    def __repr__(self) -> str:
        return f"Record({self._data!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._data == other._data

    def __hash__(self) -> int:
        return id(self)


def freeze(value: Any) -> Any:
    """Dicts to Records and lists to tuples, all the way down; other values as they are."""
    if isinstance(value, Record):
        return value
    if isinstance(value, Mapping):
        return Record({str(k): freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """The inverse of :func:`freeze`, for tests and JSON dumps."""
    if isinstance(value, Record):
        return {k: thaw(value[k]) for k in value}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value
