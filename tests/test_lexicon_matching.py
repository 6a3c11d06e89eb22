"""The cue matcher: one pass over a document for every cue set, with the same hits as each set alone.

The shared pass (checker.extraction.lexicon) indexes every token once for all cue sets of cues.yaml;
these tests check that what each set finds there is exactly what the same cues find when matched on
their own, on motions of the corpus, and that hostile token shapes are matched correctly.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from checker.extraction.lexicon import CueSet, Hit, compile_cue, cueset, load_yaml
from checker.extraction.text import Doc, build_doc
from checker.reading import parse_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.txt"))[:12]


def doc_of(text: str) -> Doc:
    proposal = parse_text(text, path="m.txt", fmt="txt", sha256=hashlib.sha256(text.encode()).hexdigest())
    return build_doc(proposal)


def every_shared_set() -> list[CueSet]:
    """Every section and sub-section of cues.yaml as a shared cue set."""
    out = []
    for section, node in load_yaml("cues.yaml").items():
        out.append(cueset(section))
        if isinstance(node, dict):
            out.extend(cueset(section, key) for key in node)
    return out


def alone(cs: CueSet) -> CueSet:
    """The same cues in a set of their own (not part of the shared pass)."""
    return CueSet(list(cs.cues))


def as_tuples(hits: list[Hit]) -> list[tuple[str, int, int, int]]:
    return [(h.cue.source, h.sentence.index, h.first, h.last) for h in hits]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_the_shared_pass_finds_for_each_set_what_the_set_finds_alone(path: Path) -> None:
    shared = every_shared_set()
    doc, fresh = doc_of(path.read_text(encoding="utf-8")), doc_of(path.read_text(encoding="utf-8"))
    for cs in shared:
        assert as_tuples(cs.find(doc, doc.sentences)) == as_tuples(alone(cs).find(fresh, fresh.sentences)), cs.cues[
            0
        ].label


def test_words_with_a_cue_word_inside_are_matched_by_the_shared_pass_as_by_each_set_alone() -> None:
    # cue words that may stand anywhere in a word ("*konst", "*musik"), at its start, middle and end, in
    # capitals, and inside a word too long for the index of such words by their first letters
    text = (
        "Motion om gatukonst\n\nVi vill ha Gatukonst, ljudkonstverk och musikskolor i parkerna. "
        "Kvartersmusiken och KONSTHALLEN behöver rum, liksom " + "x" * 70 + "konst" + "y" * 70 + ".\n\n"
        "att kommunen stödjer EU-projektet om barnmusik och konst.\n"
    )
    doc, fresh = doc_of(text), doc_of(text)
    for cs in every_shared_set():
        assert as_tuples(cs.find(doc, doc.sentences)) == as_tuples(alone(cs).find(fresh, fresh.sentences)), cs.cues[
            0
        ].label
    culture = [h.text(doc) for h in cueset("themes").find(doc, doc.sentences) if h.cue.label == "culture"]
    assert {"gatukonst", "Gatukonst", "ljudkonstverk", "Kvartersmusiken", "barnmusik"} <= set(culture)
    assert any(w.startswith("xxx") for w in culture)


def test_hits_for_some_sentences_are_the_hits_of_the_whole_document_in_those_sentences() -> None:
    text = (CORPUS[0]).read_text(encoding="utf-8")
    doc = doc_of(text)
    cs = cueset("cooperation_kinds")
    every = cs.find(doc, doc.sentences)
    some = doc.sentences[1::2]
    wanted = {s.index for s in some}
    assert as_tuples(cs.find(doc, some)) == as_tuples([h for h in every if h.sentence.index in wanted])


def test_a_set_made_after_a_document_was_matched_still_finds_its_cues() -> None:
    doc = doc_of("Motion om Tartu\n\nVi vill ha en vänort i Tartu.\n\natt kommunen ingår ett vänortsavtal.\n")
    cueset("cooperation_kinds").find(doc, doc.sentences)
    late = CueSet([compile_cue("x", "vänort*")])
    assert [h.text(doc) for h in late.find(doc, doc.sentences)] == ["vänort", "vänortsavtal"]


def test_a_very_long_token_is_matched_by_its_beginning() -> None:
    long_word = "vänort" + "a" * 50_000
    doc = doc_of(f"Motion om Tartu\n\nVi vill ha en {long_word} och en vänort i Tartu.\n\natt vi utreder.\n")
    prefix = CueSet([compile_cue("x", "vänort*")])
    exact = CueSet([compile_cue("y", "vänort$")])
    assert [len(h.text(doc)) for h in prefix.find(doc, doc.sentences)] == [len(long_word), len("vänort")]
    assert [h.text(doc) for h in exact.find(doc, doc.sentences)] == ["vänort"]


def test_a_gap_cue_matches_across_at_most_its_gap() -> None:
    cs = CueSet([compile_cue("ask", "ge .. uppdrag")])
    near = doc_of("Motion\n\nVi vill ge kommunstyrelsen ett tydligt uppdrag.\n")
    far = doc_of("Motion\n\nVi vill ge kommunstyrelsen och nämnderna ett mycket tydligt uppdrag.\n")
    assert len(cs.find(near, near.sentences)) == 1
    assert cs.find(far, far.sentences) == []


@pytest.mark.parametrize("text", ["", " \n\n ", "...!?\n", "\u00a0\u2028"])
def test_a_document_without_words_has_no_hits_for_any_set(text: str) -> None:
    doc = doc_of(text)
    for cs in every_shared_set():
        assert cs.find(doc, doc.sentences) == []
