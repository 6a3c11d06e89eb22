"""The legal word lists' prefilter (checker/extraction/legal.py, ``Cue``): a sentence is searched only when
it contains a run that every match of the entry contains, and then with the entry's full pattern, so every
search and every finditer gives exactly what the plain pattern gives."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

import pytest

import checker.extraction.legal as legal
from checker.extraction.lexicon import load_yaml
from checker.extraction.text import build_doc
from checker.reading import read_proposal

from .conftest import ROOT

_MOTION_DIRS = sorted(
    p for p in (ROOT / "tests").iterdir() if p.is_dir() and p.name.startswith(("corpus", "heldout", "blind-"))
)


def _entries() -> dict[str, dict[str, object]]:
    return {name: dict(entry) for name, entry in load_yaml(legal.PATTERN_FILE).items()}


def _seen(m: re.Match[str] | None) -> object:
    return None if m is None else (m.span(), m.group(0), m.groupdict())


def _assert_same(texts: Iterable[str]) -> int:
    """Every entry, searched with its prefilter and plainly: the same matches; the number of texts."""
    entries = _entries()
    cues = legal.compile_patterns(entries)
    plain = {name: re.compile(*legal._source(entry)) for name, entry in entries.items()}
    n = 0
    for text in texts:
        n += 1
        for name, cue in cues.items():
            assert _seen(cue.search(text)) == _seen(plain[name].search(text)), (name, text)
            assert [_seen(m) for m in cue.finditer(text)] == [_seen(m) for m in plain[name].finditer(text)], (
                name,
                text,
            )
    return n


def _motion_texts() -> Iterable[str]:
    for folder in _MOTION_DIRS:
        for path in sorted(folder.glob("*.txt")):
            proposal = read_proposal(path)
            doc = build_doc(proposal)
            yield proposal.text
            yield f"{proposal.title or ''}\n{proposal.text[proposal.body_start : proposal.body_start + 400]}"
            yield from proposal.text.splitlines()
            for s in doc.sentences:
                yield s.text


def test_every_legal_word_list_finds_with_its_prefilter_what_its_pattern_finds_in_every_motion_sentence() -> None:
    assert len(_MOTION_DIRS) >= 6  # the corpus, the held-out sets and the blind sets
    assert _assert_same(_motion_texts()) > 10_000


_ODD = ["ı", "İ", "ſ", "\u212a", "\u212b", "Σ", "ς", "ß", "ẞ", "\u0301", "\u00a0", "\u2009", "😀", "ǅ", "ﬁ", "Ⅸ"]
_WORDS = ["kommunen", "att", "och", "för", "i", "nya", "år", "69", "200 000", "kr", "Solna", "AB", "Fru", "4:12"]


def _pieces(entry: dict[str, object]) -> list[str]:
    """The plain words of an entry's alternatives: what its matches are made of."""
    words: list[str] = []
    for alt in entry["any_of"]:  # type: ignore[attr-defined]
        words += [w for w in re.split(r"\\[wWsSdDbB]|[^\wåäöéÅÄÖÉ -]", alt) if w.strip()]
    return words


def _disguised(word: str, rnd: random.Random) -> str:
    kind = rnd.randrange(6)
    if kind == 0:
        return word.upper()
    if kind == 1:
        return word.title()
    if kind == 2 and word:  # one letter swapped for a character the engine may take as equal to it
        i = rnd.randrange(len(word))
        swap = {"i": rnd.choice("ıİ"), "s": "ſ", "k": "\u212a", "å": "\u212b", "K": "\u212a", "Å": "\u212b"}
        return word[:i] + swap.get(word[i], word[i].swapcase()) + word[i + 1 :]
    if kind == 3 and len(word) > 2:  # a letter dropped: almost the word
        i = rnd.randrange(len(word))
        return word[:i] + word[i + 1 :]
    return word


def _adversarial(seed: int, count: int) -> Iterable[str]:
    rnd = random.Random(seed)
    pieces = sorted({w for entry in _entries().values() for w in _pieces(entry)}) + _WORDS
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(1, 8)):
            parts.append(_disguised(rnd.choice(pieces), rnd) if rnd.random() < 0.8 else rnd.choice(_ODD))
            parts.append(rnd.choice(["", " ", " ", "-", ", ", ". ", "\n", rnd.choice(_ODD), "  "]))
        yield "".join(parts)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_legal_word_list_finds_with_its_prefilter_what_its_pattern_finds_in_generated_strings(
    seed: int,
) -> None:
    assert _assert_same(_adversarial(seed, 1500)) == 1500


def test_a_sentence_with_a_letter_whose_lower_case_differs_from_the_engines_is_searched_in_full() -> None:
    # the engine takes "ı", "İ" and "ſ" as "i", "i" and "s"; str.lower() does not
    for odd in ("nyutrustnıngar", "NYUTRUSTNİNGAR", "reſervkraft"):
        assert legal._lowered(odd) is None
        assert legal.patterns()["equipment"].search(odd) is not None
    assert legal._lowered("Nya SÄNGAR – 5 § (€)") == "nya sängar – 5 § (€)"


@pytest.mark.parametrize(
    ("alternative", "folded", "required"),
    [
        ("fritt? (?:inträde|tillträde)", True, "(?:inträde|tillträde)"),
        ("ab+c", True, "ab"),
        ("xa{0,2}bcd", True, "bcd"),
        ("(?:ab|cd)?efg", True, "efg"),
        ("bistånd(?!s?bedömning)\\w*", True, "bistånd"),
        ("\\bLSS-insats\\w*", True, "lss\\-insats"),
        ("\\bLSS-insats\\w*", False, "LSS\\-insats"),
        ("\\b\\d+ år", True, "\\ år"),
        ("\\b\\d+:\\d+", False, ":"),
        ("\\d[\\d\\s]*", True, "\\d"),
        ("\\d?x+", True, "x"),
    ],
)
def test_a_prefilter_requires_a_run_that_every_match_of_the_alternative_contains(
    alternative: str, folded: bool, required: str
) -> None:
    found = legal._requirement(alternative, folded)
    assert found is not None and found[0] == required


@pytest.mark.parametrize(
    "alternative",
    ["(?i)abc", "(?#note)abc", "x{a}bc", "(a)\\1", "\\w+", "a?", "[abc]+", "(?=abc)", "a*|bcd", "\\x41bc"],
)
def test_an_alternative_whose_syntax_the_prefilter_does_not_follow_or_that_requires_nothing_gives_no_run(
    alternative: str,
) -> None:
    assert legal._requirement(alternative, True) is None


def test_an_entry_with_an_alternative_that_gives_no_run_is_always_searched_in_full() -> None:
    entry = {"any_of": ["utrustning", "(?-i:Fordon)"]}
    cue, plain = legal.Cue(entry), re.compile(*legal._source(entry))
    assert cue.may_match("ingenting här")
    for text in ("Ett Fordon", "Ett FORDON", "ny UTRUSTNING"):
        assert _seen(cue.search(text)) == _seen(plain.search(text))


def test_a_sentence_without_any_run_of_an_entry_is_not_searched() -> None:
    cue = legal.Cue({"any_of": ["\\w*utrustning\\w*", "\\w*bilar\\b"]})
    assert not cue.may_match("Kommunen bygger en ny skola.")
    assert cue.may_match("Kommunen köper BILAR.")
    assert cue.search("Kommunen köper elBILAR.") is not None
