"""Regular expressions from rule packs: compiled at load with RE2, so matching takes linear time.

A rule pack is written by someone else and runs on text from the product file, so a pattern
such as ``(a|aa)+$`` must not hang ``check``. RE2 (google-re2) guarantees time linear in the
text for every pattern and needs no timeout, so findings never depend on how loaded the machine
is. What RE2 does not support (backreferences, lookaround, repetition counts over 1000) is
refused at load with the reason, like any other bad pattern.
"""

from __future__ import annotations

from functools import lru_cache

import re2

MAX_PATTERN = 1000  # characters: stand-in texts are short; longer patterns are a mistake


def _options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # RE2 would otherwise print its own message on stderr
    options.case_sensitive = False
    return options


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str):  # -> re2._Regexp (a private name)
    """The compiled, case-insensitive pattern. Raises ValueError saying why it is refused."""
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"regular expression longer than {MAX_PATTERN} characters")
    try:
        return re2.compile(pattern, _options())
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else reason
        raise ValueError(
            f"invalid regular expression {pattern!r}: {reason}"
            " (RE2 syntax: no backreferences or lookaround, repetition at most {1000})"
        ) from None


def search(pattern: str, text: str) -> bool:
    """Whether ``pattern`` (compiled at load) occurs in ``text``, case-insensitively."""
    return compile_pattern(pattern).search(text) is not None
