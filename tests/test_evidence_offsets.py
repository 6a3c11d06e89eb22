"""Evidence offsets a client can use: input_* index the text as sent (code points), utf16_* its UTF-16 units."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from checker.api import Checker
from checker.offsets import offset_map
from checker.reading.decode import normalize_text

from .conftest import EXAMPLES, run_cli

MOTION = EXAMPLES / "solna-taiwan-2025" / "motion.txt"
AS_OF = dt.date(2025, 8, 14)


def variants() -> dict[str, tuple[str, bytes]]:
    """name → (the text a client holds, the bytes it sends)."""
    base = MOTION.read_text(encoding="utf-8")
    crlf = base.replace("\n", "\r\n")
    emoji = base.replace("Taiwan", "Taiwan 🇹🇼", 2).replace("Solna", "Solna 👍")
    nfd = unicodedata.normalize("NFD", base)  # å as a + combining ring, as macOS may write it
    mixed = unicodedata.normalize("NFD", emoji.replace("\n", "\r\n"))
    return {
        "crlf": (crlf, crlf.encode("utf-8")),
        "bom": (base, b"\xef\xbb\xbf" + base.encode("utf-8")),
        "emoji": (emoji, emoji.encode("utf-8")),
        "combining": (nfd, nfd.encode("utf-8")),
        "all": (mixed, b"\xef\xbb\xbf" + mixed.encode("utf-8")),
    }


@pytest.mark.parametrize("name", list(variants()))
def test_every_evidence_span_lands_on_its_quote_in_the_text_as_sent(solna: Checker, name: str) -> None:
    text, data = variants()[name]
    verdict = solna.check_bytes(data, "motion.txt", as_of=AS_OF)
    units = text.encode("utf-16-le")
    spans = [e for f in verdict.findings for e in f.evidence] + [e for f in verdict.facts for e in f.evidence]
    assert len(spans) > 5
    for e in spans:
        assert e.input_start is not None and e.input_end is not None
        assert e.utf16_start is not None and e.utf16_end is not None
        by_points = text[e.input_start : e.input_end]
        by_units = units[2 * e.utf16_start : 2 * e.utf16_end].decode("utf-16-le")
        assert by_units == by_points
        assert normalize_text(by_points) == normalize_text(e.quote)


def test_plain_nfc_text_has_input_offsets_equal_to_the_normalised_ones(solna: Checker) -> None:
    verdict = solna.check(MOTION, as_of=AS_OF)
    for f in verdict.findings:
        for e in f.evidence:
            assert (e.input_start, e.input_end) == (e.start, e.end) == (e.utf16_start, e.utf16_end)


def test_utf16_offsets_count_two_units_for_an_emoji() -> None:
    omap = offset_map("ab😀cd")
    assert omap.to_input(3) == 3
    assert omap.utf16(3) == 4


def test_the_cli_json_carries_the_input_offsets(tmp_path: Path) -> None:
    text, data = variants()["all"]
    path = tmp_path / "motion.txt"
    path.write_bytes(data)
    proc = run_cli("check", str(path), "--format", "json", "--as-of", "2025-08-14")
    assert proc.returncode == 1, proc.stderr
    verdict = json.loads(proc.stdout)
    spans = [e for f in verdict["findings"] for e in f["evidence"]]
    assert spans
    for e in spans:
        assert normalize_text(text[e["input_start"] : e["input_end"]]) == normalize_text(e["quote"])


def test_the_schema_states_the_unit_of_each_offset() -> None:
    from checker.docgen import verdict_schema

    props = verdict_schema()["$defs"]["Evidence"]["properties"]
    assert "code points" in props["start"]["description"]
    assert "UTF-16" in props["utf16_start"]["description"]
    assert "input" in props["input_start"]["description"]


PIECES = [
    "a",
    "e",
    "o",
    "\u2028",
    "\x0c",
    "\u212b",
    "\u1100",
    "\u1161",
    "\u0301",
    "\u030a",
    "\u0308",
    "\r\n",
    "\r",
    "\n",
    " ",
    " ",
    "\u00ad",
    "\u200b",
    "😀",
    "å",
    "x",
    "\u2029",
    "\ufeff",
]


def test_spans_between_spaces_map_back_to_the_same_text_for_any_mix() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(PIECES), max_size=60))
    def check(parts: list[str]) -> None:
        raw = "".join(parts)
        norm = normalize_text(raw)
        omap = offset_map(raw)
        assert omap.norm_len == len(norm)
        cuts = [0, len(norm)] + [i for i, ch in enumerate(norm) if ch == " "]
        for a in cuts:
            for b in cuts:
                if a <= b:
                    got = raw[omap.to_input(a) : omap.to_input(b)]
                    assert normalize_text(got) == norm[a:b], (raw, a, b)
        positions = [omap.to_input(i) for i in range(len(norm) + 1)]
        assert positions == sorted(positions)

    check()


@pytest.mark.parametrize(
    ("raw", "identity"),
    [("Ett kort förslag om en cykelväg.\n", True), ("Ett kort\r\nförslag 🚲 om en väg.\r\n", False)],
)
def test_spans_in_text_that_normalisation_leaves_alone_map_to_themselves_clamped_to_the_text(
    raw: str, identity: bool
) -> None:
    from checker import offsets
    from checker.models import Evidence

    omap = offset_map(raw)
    assert omap.is_identity() is identity
    size = len(normalize_text(raw))
    for start, end in [(0, 3), (4, 4), (5, 2), (size - 2, size + 9), (-3, 2), (size + 1, size + 4)]:
        ev = Evidence(quote="x", start=start, end=end, cue="c")
        general = offsets._annotate(ev, omap)
        if identity:
            same = offsets._annotate_same(ev, omap)
            assert same == general
            assert (same.input_start, same.input_end) == (same.utf16_start, same.utf16_end)
            assert 0 <= same.input_start <= size and 0 <= same.input_end <= size
