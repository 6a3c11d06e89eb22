"""One long sentence costs in proportion to its length: its words are split without keeping a match
object per word, and a place in a long list finds the place before it by bisection, not by scanning
every mention of the sentence. Both give what the plain forms they replaced gave."""

from __future__ import annotations

import re
from typing import cast

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extraction.actions import _COORDINATION, _listed_after
from checker.extraction.places import Mention, Place
from checker.extraction.text import _TOKEN, Doc, build_doc
from checker.models import Proposal


def proposal(text: str) -> Proposal:
    return Proposal(path="m.txt", format="txt", text=text, sha256="0" * 64)


def reference_listed_after(doc: Doc, x: Mention, siblings: list[Mention]) -> Mention | None:
    """The scan over every mention of the sentence that the bisection replaced."""
    found: Mention | None = None
    for z in siblings:
        same = z.sentence.index == x.sentence.index
        if z is not x and z.last < x.first and same and (found is None or z.last > found.last):
            found = z
    if found is None:
        return None
    gap = doc.text[doc.tokens[found.last].end : doc.tokens[x.first].start]
    return found if _COORDINATION.fullmatch(gap) else None


GAPS = st.sampled_from([", ", " och ", " samt i ", ", eller från ", " men ", " "])


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.lists(GAPS, min_size=2, max_size=30),
    st.lists(st.tuples(st.integers(0, 29), st.integers(0, 2)), min_size=1, max_size=20),
)
def test_a_place_in_a_list_finds_the_place_the_scan_found(gaps: list[str], spans: list[tuple[int, int]]) -> None:
    words = [f"Ort{chr(ord('a') + i % 26)}" for i in range(len(gaps) + 1)]
    text = "Vi vill samarbeta med " + "".join(w + g for w, g in zip(words, [*gaps, ""], strict=True)) + "."
    doc = build_doc(proposal(text))
    n = len(doc.tokens)
    place = cast("Place", None)  # the list lookup reads positions only
    sentence = doc.sentences[0]
    siblings = [
        Mention(place=place, index=0, sentence=sentence, first=min(a, n - 1), last=min(a + w, n - 1), form="name")
        for a, w in spans
    ]
    for x in siblings:
        assert _listed_after(doc, x, siblings) is reference_listed_after(doc, x, siblings)


def test_a_long_sentence_keeps_its_words_as_written_and_its_suspended_compounds_read_in_full() -> None:
    listed = "skolan, " * 5_000
    text = f"Vi vill att kultur- och fritidsnämnden, {listed}och idrotts- och hälsoförvaltningen deltar."
    doc = build_doc(proposal(text))
    assert [(t.start, t.end) for t in doc.tokens] == [m.span() for m in _TOKEN.finditer(text)]
    assert [t.text for t in doc.tokens][3:6] == ["kulturnämnden", "och", "fritidsnämnden"]
    assert [t.text for t in doc.tokens][-4:] == ["idrottsförvaltningen", "och", "hälsoförvaltningen", "deltar"]
    plain_text = re.sub("-", "", text)  # nothing suspended: every word as written
    plain = build_doc(proposal(plain_text))
    assert [t.text for t in plain.tokens] == _TOKEN.findall(plain_text)
