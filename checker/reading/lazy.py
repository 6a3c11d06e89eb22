"""Regular expressions compiled when a reading first uses them, not when their module is imported.

Compiling a pattern is pure-Python work in the `re` module (about half a millisecond for the longer ones
here), and many of the reader's patterns are asked only of some motions (a decision formula, an att-sats
wrapped over two lines, a date after a place): compiled at import, they cost every cold check about as
much as all its other reading. A lazy pattern compiles on its first use and then puts the compiled pattern
in its module's globals under its own name, so every later use is the plain `re.Pattern` (no cost per call).
"""

from __future__ import annotations

import re
from typing import Any, cast


class _LazyPattern:
    __slots__ = ("_args", "_compiled", "_name", "_namespace")

    def __init__(self, namespace: dict[str, Any], name: str, pattern: str, flags: int) -> None:
        self._namespace = namespace
        self._name = name
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, attr: str) -> Any:  # only for what is not a slot: the pattern's own attributes
        compiled = self._compiled
        if compiled is None:
            # another thread may compile it too meanwhile: the same pattern (re's own cache), harmless
            compiled = self._compiled = re.compile(*self._args)
            if self._namespace.get(self._name) is self:
                self._namespace[self._name] = compiled
        return getattr(compiled, attr)


def lazy_pattern(namespace: dict[str, Any], name: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` on first use, for the global `name` of the module whose `namespace`
    (its globals()) it is assigned to; it stands in for the compiled pattern until then."""
    return cast("re.Pattern[str]", _LazyPattern(namespace, name, pattern, flags))
