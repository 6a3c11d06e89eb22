"""One home for the words the tool writes: checker/vocabulary.py. No other module spells out a month,
an ordinal or a parliamentary party's name, and the readers and writers agree on them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from checker.reading.metadata import iter_dates
from checker.vocabulary import MONTHS, ORDINALS, PARTIES, long_date, ordinal, recommendation_label

CHECKER = Path(__file__).resolve().parent.parent / "checker"
OTHER_MODULES = sorted(p for p in CHECKER.rglob("*.py") if p.name != "vocabulary.py")
WORD_LISTS = {
    "months": [m for m in MONTHS["sv"] if len(m) > 4] + ["September", "December"],
    "ordinals": ["tredje", "fjärde", "femte", "sjätte"],
    "parties": [name for name, _ in PARTIES.values()],
}


def _strings(path: Path) -> list[str]:
    """The string constants of a module, without its docstrings (prose may name an example)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
        and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }  # fmt: skip
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


@pytest.mark.parametrize("kind", sorted(WORD_LISTS))
def test_no_module_but_the_vocabulary_spells_out_the_word_list(kind: str) -> None:
    """A word list is two of its words in one string (a regex alternation), or three strings that are words."""
    words = {w.lower() for w in WORD_LISTS[kind]}
    pattern = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    found = []
    for path in OTHER_MODULES:
        strings = _strings(path)
        alternations = [s for s in strings if len({m.lower() for m in pattern.findall(s)}) >= 2]
        entries = [s for s in strings if s.lower() in words]
        if alternations or len(entries) >= 3:
            found.append(f"{path.relative_to(CHECKER)}: {(alternations or entries)[:3]}")
    assert found == []


def test_every_date_the_writer_spells_is_read_back() -> None:
    for lang in ("sv",):
        for month in range(1, 13):
            iso = f"2025-{month:02d}-28"
            written = long_date(iso, lang)
            assert [d.iso for d in iter_dates(f"Solna den {written}")] == [iso]


def test_ordinals_and_labels_per_language() -> None:
    assert ordinal(2, "sv") == "andra" and ordinal(2, "en") == "second" and ordinal(11, "sv") == "11:e"
    assert len(ORDINALS["sv"]) == len(ORDINALS["en"])
    assert recommendation_label("avslå", "sv") == "Avslå"
    assert recommendation_label("avslå", "en", [(1, "bifalla"), (2, "avslå")]) == (
        "Split decision: clause 1 approve, clause 2 reject"
    )
