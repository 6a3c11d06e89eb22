"""User-facing errors: each carries an exit code and renders as one line per problem, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field

EXIT_OK = 0
EXIT_OBJECTION = 1
EXIT_USAGE = 2
EXIT_REVIEW = 3
EXIT_INPUT = 4


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where, what was found, what is allowed."""

    file: str
    field: str
    message: str

    def line(self) -> str:
        where = f"{self.file}: {self.field}: " if self.field else f"{self.file}: "
        return where + self.message


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
