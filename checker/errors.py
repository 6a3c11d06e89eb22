"""User-facing errors: each carries an exit code and renders as one line per problem, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field

EXIT_OK = 0
EXIT_OBJECTION = 1
EXIT_USAGE = 2
EXIT_REVIEW = 3
EXIT_INPUT = 4
EXIT_INTERNAL = 5  # a fault in the checker itself: never 0, 1 or 3, so a crash never reads as a verdict

MAX_LINE = 1000  # an error line is cut here, so a hostile input never fills the screen through it
MAX_EXCERPT = 60  # a value from the input quoted in an error line


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where, what was found, what is allowed."""

    file: str
    field: str
    message: str

    def line(self) -> str:
        where = f"{self.file}: {self.field}: " if self.field else f"{self.file}: "
        return cut(where + self.message, MAX_LINE)


def cut(text: str, limit: int = MAX_EXCERPT) -> str:
    """At most `limit` characters, on one line: the start of the text and "…" when it was longer."""
    text = " ".join(text.split()) if ("\n" in text or "\r" in text) else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(path: object) -> str:
    """A file name as text that can be written anywhere (UTF-8 output, JSON, CSV): the bytes of a name that
    are not UTF-8 (which the operating system's decoding keeps as lone surrogates) shown as \\xNN."""
    text = str(path)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def excerpt(value: object, limit: int = MAX_EXCERPT) -> str:
    """A short quotation of a value from the input for an error line (its repr, cut).

    Large values are not rendered in full first: a list or mapping shows its first items only."""
    if isinstance(value, list | tuple):
        inner = ", ".join(excerpt(v, limit) for v in value[:4]) + (", …" if len(value) > 4 else "")
        return cut(f"[{inner}]", limit)
    if isinstance(value, dict):
        pairs = list(value.items())[:4]
        inner = ", ".join(f"{excerpt(k, limit)}: {excerpt(v, limit)}" for k, v in pairs)
        return cut("{" + inner + (", …" if len(value) > 4 else "") + "}", limit)
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]
        return cut(repr(value)[:-1], limit)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return "ett mycket stort heltal"
    return cut(repr(value), limit)


def internal_line(exc: BaseException, where: str = "") -> str:
    """The one line for a fault in the checker itself (exit code 5)."""
    what = type(exc).__name__
    detail = cut(str(exc), 120) if not isinstance(exc, RecursionError | MemoryError) else ""
    prefix = f"{where}: " if where else ""
    return f"{prefix}internt fel: {what}{': ' + detail if detail else ''}; rapportera med filen"


@dataclass
class CheckerError(Exception):
    """Base for errors shown to the user as lines, with an exit code."""

    problems: list[Problem] = field(default_factory=list)
    exit_code: int = EXIT_INPUT

    def __str__(self) -> str:
        return "\n".join(p.line() for p in self.problems)

    def lines(self) -> list[str]:
        return [p.line() for p in self.problems]


class InputError(CheckerError):
    """A proposal or facts file that cannot be read (exit 4)."""

    def __init__(self, file: str, message: str, field: str = "") -> None:
        super().__init__([Problem(file, field, message)], EXIT_INPUT)


class PolicyError(CheckerError):
    """Invalid policy, rule or profile files (exit 4), all problems at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, EXIT_INPUT)
