"""The Jinja2 sandbox company templates run in: read-only data, a rooted loader, resource budgets.

Company templates are untrusted data. This module gives them:

- **a rooted loader**: a template (or an ``include``/``import``/``extends``) whose real path,
  after following symbolic links, lies outside its search-path folder is refused with its path;
- **read-only data**: the context is passed as read-only views (:func:`read_only`) in
  :class:`ImmutableSandboxedEnvironment`, so ``list.append``, ``dict.update`` and the like
  cannot change what the template was given;
- **budgets**: operators (``*``, ``**``, ``+``, ``%``, ``~``), filters and method calls may not
  build a string or sequence over :data:`MAX_ITEMS` items or an integer over :data:`MAX_INT_BITS`
  bits, a number argument may not exceed :data:`MAX_ITEMS` (``'a'|center(10**9)``), one
  template's output may not exceed :data:`MAX_OUTPUT` characters, and rendering has a wall-clock
  budget of :data:`TIME_BUDGET` seconds: checked at every operator, call, ``range`` step and
  output chunk, and on POSIX (main thread) also by a timer signal that interrupts loops which
  call nothing. Each refusal is a :class:`BudgetExceeded`, reported with the template and line.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from types import MappingProxyType
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.loaders import split_template_path
from jinja2.nodes import Concat
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

MAX_ITEMS = 1_000_000
MAX_INT_BITS = 10_000
MAX_OUTPUT = 5_000_000
TIME_BUDGET = 10.0
MAX_TEMPLATE_BYTES = 1_000_000
# Functions whose number arguments say how big a result to build.
_SIZING = {"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap", "batch", "slice"}
_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?|\{[^{}]*:[^{}]*?(\d+)[^{}]*\}")


class BudgetExceeded(Exception):
    """A template went over a resource budget (size, number, output or time)."""


class OutsideRoot(jinja2.TemplateNotFound):
    """A template whose real path is outside its template folder (a symbolic link out)."""

    def __init__(self, name: str, path: str, real: str) -> None:
        super().__init__(name)
        self.path, self.real = path, real


class BadTemplateFile(Exception):
    """A template file that cannot be read as a template: too large, or not UTF-8 text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path, self.reason = path, reason


class RootedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses a template whose real path leaves its search folder,
    one over :data:`MAX_TEMPLATE_BYTES`, and one that is not UTF-8 text."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable]:
        pieces = split_template_path(template)
        for root in self.searchpath:
            path = os.path.join(root, *pieces)
            if not os.path.lexists(path):
                continue
            real, root_real = os.path.realpath(path), os.path.realpath(root)
            if os.path.commonpath([real, root_real]) != root_real:
                raise OutsideRoot(template, path, real)
            if os.path.isfile(real) and os.path.getsize(real) > MAX_TEMPLATE_BYTES:
                raise BadTemplateFile(path, f"larger than {MAX_TEMPLATE_BYTES:,} bytes")
            try:
                return super().get_source(environment, template)
            except UnicodeDecodeError as exc:
                raise BadTemplateFile(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        return super().get_source(environment, template)


class _CodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a budgeted join (Jinja2 gives no hook for string concatenation)."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.budget_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


_CONTAINERS = (list, tuple, set, frozenset, dict, MappingProxyType)


def _size(value: Any, memo: dict[int, int] | None = None) -> int:
    """Characters and items ``value`` stands for once written out, shared parts counted each time.

    ``[['a' * 999999]] * 999999`` holds little memory but prints 10**12 characters; counting
    every reference catches it. Stops counting past the budget.
    """
    if isinstance(value, (str, bytes)):
        return len(value)
    if not isinstance(value, _CONTAINERS):
        return 0
    memo = {} if memo is None else memo
    key = id(value)
    if key in memo:
        return memo[key]
    memo[key] = MAX_ITEMS + 1  # a container holding itself counts as too big
    mapping = isinstance(value, (dict, MappingProxyType))
    items = (x for pair in value.items() for x in pair) if mapping else value
    total = 0
    for item in items:
        total += 1 + _size(item, memo)
        if total > MAX_ITEMS:
            break
    memo[key] = total
    return total


class _Range:
    """``range`` for templates: Jinja2's cap on length, and a budget check at every step."""

    def __init__(self, env: BudgetedSandbox, *args: int) -> None:
        self.env, self.range = env, safe_range(*args)

    def __len__(self) -> int:
        return len(self.range)

    def __iter__(self) -> Iterator[int]:
        for value in self.range:
            self.env.tick()
            yield value

    def __getitem__(self, index: Any) -> Any:
        return self.range[index]

    def __contains__(self, value: object) -> bool:
        return value in self.range

    def __reversed__(self) -> Iterator[int]:
        for value in reversed(self.range):
            self.env.tick()
            yield value


class BudgetedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with the size, number and time budgets of this module."""

    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.deadline = float("inf")
        self.globals.pop("lipsum", None)  # lipsum(n=10**9) builds any size of text
        self.globals["range"] = lambda *args: _Range(self, *args)
        self.filters = {name: self._budgeted(f) for name, f in self.filters.items()}

    # --- the checks ----------------------------------------------------------------------

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(f"rendering took longer than {TIME_BUDGET:g} s")

    def _check_args(self, name: str, args: tuple, kwargs: dict) -> None:
        if name.removeprefix("do_") not in _SIZING:
            return
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ITEMS:
                raise BudgetExceeded(f"a size argument over {MAX_ITEMS:,} ({_short(value)})")

    def _check_replace(self, text: Any, old: Any, new: Any) -> None:
        text, old, new = str(text), str(old), str(new)
        if (text.count(old) + 1) * max(len(new), 1) > MAX_ITEMS + len(text):
            raise BudgetExceeded(f"a replacement of more than {MAX_ITEMS:,} characters")

    def _check_result(self, value: Any) -> Any:
        if _size(value) > MAX_ITEMS:
            raise BudgetExceeded(f"a value of more than {MAX_ITEMS:,} items or characters")
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            raise BudgetExceeded(f"a number of more than {MAX_INT_BITS:,} bits")
        return value

    def _check_format(self, text: str) -> None:
        """A %-format or {:N} width or precision that would build a huge string."""
        for match in _FORMAT_WIDTH.finditer(text):
            for group in match.groups():
                if group == "*" or (group and group.isdigit() and int(group) > 10_000):
                    raise BudgetExceeded(f"a format width or precision over 10,000 ({match.group(0)[:20]})")

    # --- the hooks -----------------------------------------------------------------------

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        ints = isinstance(left, int) and isinstance(right, int)
        if operator == "**" and ints and right > 0 and right * max(abs(left).bit_length(), 1) > MAX_INT_BITS:
            raise BudgetExceeded(f"{_short(left)} ** {_short(right)} is too large a number")
        if operator == "*":
            if ints and abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
                raise BudgetExceeded("the product is too large a number")
            count = right if isinstance(right, int) else left if isinstance(left, int) else 0
            if not ints and count * max(_size(left), _size(right), 1) > MAX_ITEMS:
                raise BudgetExceeded(f"a repetition of more than {MAX_ITEMS:,} items or characters")
        if operator == "+" and _size(left) + _size(right) > MAX_ITEMS:
            raise BudgetExceeded(f"a value of more than {MAX_ITEMS:,} items or characters")
        if operator == "%" and isinstance(left, str):
            self._check_format(left)
        return self._check_result(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.tick()
        name = getattr(__obj, "__name__", "")
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)  # str.format is wrapped
        __self._check_args(name, args, kwargs)
        if isinstance(owner, str) and name == "replace" and len(args) >= 2:
            __self._check_replace(owner, args[0], args[1])
        if isinstance(owner, str) and name in ("format", "format_map"):
            __self._check_format(owner)
        return __self._check_result(super().call(__context, __obj, *args, **kwargs))

    def budget_join(self, parts: tuple) -> str:
        self.tick()
        texts = [str(part) for part in parts]
        if sum(map(len, texts)) > MAX_ITEMS:
            raise BudgetExceeded(f"a joined text of more than {MAX_ITEMS:,} characters")
        return "".join(texts)

    def _budgeted(self, func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            name = getattr(func, "__name__", "")
            self._check_args(name, args, kwargs)
            if name == "do_replace" and len(args) >= 4:  # (eval_ctx, s, old, new[, count])
                self._check_replace(args[1], args[2], args[3])
            if name == "do_format" and args and isinstance(args[0], str):
                self._check_format(args[0])
            return self._check_result(func(*args, **kwargs))

        return wrapper

    # --- rendering -----------------------------------------------------------------------

    def render_budgeted(self, template: jinja2.Template, context: dict[str, Any]) -> str:
        """Render within the budgets; raises BudgetExceeded or whatever the template raised."""
        chunks: list[str] = []
        size = 0
        self.deadline = time.monotonic() + TIME_BUDGET
        try:
            with _alarm(TIME_BUDGET + 0.5):
                for chunk in template.generate(dict(read_only(context))):
                    size += len(chunk)
                    if size > MAX_OUTPUT:
                        raise BudgetExceeded(f"output of more than {MAX_OUTPUT:,} characters")
                    self.tick()
                    chunks.append(chunk)
        finally:
            self.deadline = float("inf")
        return "".join(chunks)


def read_only(value: Any) -> Any:
    """A deep read-only view of template data: dicts as mapping proxies, lists as tuples.

    With the immutable sandbox this keeps templates from changing what they were given; a
    mapping proxy also has no ``update``/``pop`` methods, so ``material.update`` reads the key.
    """
    if isinstance(value, (dict, MappingProxyType)):
        return MappingProxyType({k: read_only(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(read_only(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(read_only(v) for v in value)
    return value


def _short(value: int) -> str:
    return str(value) if value.bit_length() < 64 else f"a {value.bit_length()}-bit number"


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (POSIX main thread only; elsewhere a no-op)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise BudgetExceeded(f"rendering took longer than {TIME_BUDGET:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
