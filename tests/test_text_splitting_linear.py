"""Sentence splitting that stays linear: the same sentences as the plain (backtracking, copying) forms
it replaced, on generated text full of stops, quotes, abbreviations and long runs of spaces."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extraction.text import _SENT_END, _last_word, _split_units

# the forms the linear ones replaced, kept here as the reference
BACKTRACKING_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"”(–—•*-]?\s*[A-ZÅÄÖ0-9])")


def reference_last_word(seg: str, cut: int, end: int) -> str:
    before = seg[cut:end].rstrip('.!?"”’) ')
    return before.rsplit(None, 1)[-1].lower() if before.split() else ""


WORDS = ["t.ex", "bl.a", "Ord", "ord", "Å", "3", ".", "!", "?", " ", "  ", "\n", "\t"]
PIECES = st.sampled_from([*WORDS, '"', "”", "’", ")", "(", "–", "•", "-"])
TEXT = st.lists(PIECES, max_size=60).map("".join)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(TEXT)
def test_the_possessive_stop_pattern_finds_what_the_backtracking_one_found(text: str) -> None:
    assert [m.span() for m in _SENT_END.finditer(text)] == [m.span() for m in BACKTRACKING_SENT_END.finditer(text)]


@settings(derandomize=True, max_examples=400, deadline=None)
@given(TEXT, st.integers(0, 60), st.integers(0, 60))
def test_the_last_word_before_a_stop_is_the_word_the_copying_form_found(text: str, a: int, b: int) -> None:
    cut, end = sorted((min(a, len(text)), min(b, len(text))))
    assert _last_word(text, cut, end) == reference_last_word(text, cut, end)


def test_a_long_run_of_spaces_after_a_stop_splits_as_a_short_one() -> None:
    for gap in (" ", " " * 30_000):
        text = f"Vi vill detta.{gap}Och mer. t.ex. Stockholm.{gap}men inte här."
        spans = _split_units(text, 0, len(text))
        assert [text[s:e] for s, e in spans] == ["Vi vill detta.", "Och mer. t.ex. Stockholm." + gap + "men inte här."]


def test_a_paragraph_of_abbreviations_is_one_sentence() -> None:
    text = "Vi vill t.ex. Solna och bl.a. Lund " * 2_000 + "."
    assert len(_split_units(text, 0, len(text))) == 1
