"""Helpers for tests that write short motions of their own and read the verdict: the motion text,
the check, the rules that carry the recommendation and a fact's value."""

from __future__ import annotations

import datetime as dt

from checker.api import Checker
from checker.models import Verdict

AS_OF = dt.date(2026, 6, 1)


def motion(title: str, reasons: str, *atts: str, town: str = "Växjö") -> str:
    body = "\n".join(f"att {a}" for a in atts)
    return f"{title}\n\n{reasons}\n\nJag föreslår\n\n{body}\n\n{town} den 3 mars 2026\nAnna Berg (C)\n"


def check(checker: Checker, text: str) -> Verdict:
    return checker.check_text(text, as_of=AS_OF)


def raised(v: Verdict) -> set[str]:
    """Rules that carry the recommendation, for the motion and for each att-sats."""
    return set(v.grounds) | {g for a in v.att_satser for g in a.grounds}


def fact(v: Verdict, name: str) -> object:
    f = next(f for f in v.facts if f.name == name)
    return f.value if f.known else "unknown"
