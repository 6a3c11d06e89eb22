"""Att-satser in the layouts motions really come in: hard wraps, a PDF's line breaks, numbered and
bulleted lists, "yrkar/föreslår/hemställer" forms, and "Att …" sentences of the reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.reading import parse_text, read_proposal

from .test_reading import _pdf


def _att(text: str) -> list[str]:
    return [a.text for a in parse_text(text, path="m.txt", fmt="txt", sha256="0" * 64).att_satser]


HARD_WRAPPED = """Motion om ett vänortsavtal med Tartu

Solna stad har goda erfarenheter av samarbete med städer runt Östersjön. Ett
avtal med Tartu skulle stärka utbytet inom skola och kultur.

Jag föreslår därför kommunfullmäktige besluta

att kommunstyrelsen ges i uppdrag
att utreda ett vänortsavtal med Tartu, samt

att kommunstyrelsen återkommer till fullmäktige med ett förslag senast
den 31 december 2026.

Att detta är angeläget framgår av stadens internationella riktlinje. Ett
avtal bör därför prioriteras.

Solna den 3 mars 2026

Anna Andersson (S)
"""


def test_an_att_sats_wrapped_before_its_infinitive_is_one_att_sats() -> None:
    assert _att(HARD_WRAPPED)[0] == "att kommunstyrelsen ges i uppdrag att utreda ett vänortsavtal med Tartu, samt"


def test_a_wrapped_line_with_a_date_still_belongs_to_its_att_sats() -> None:
    assert _att(HARD_WRAPPED)[1] == (
        "att kommunstyrelsen återkommer till fullmäktige med ett förslag senast den 31 december 2026."
    )


def test_an_att_sentence_of_the_reasons_after_the_att_satser_is_not_an_att_sats() -> None:
    assert len(_att(HARD_WRAPPED)) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Att detta är angeläget framgår av riktlinjen.",
        "Att det finns ett stort intresse visar enkäten.",
        "Att vi redan har en vänort i Finland talar för förslaget.",
    ],
)
def test_reasons_that_start_with_att_after_lower_case_att_satser_are_not_att_satser(sentence: str) -> None:
    text = (
        "Motion om utbyte med Pirkkala\n\nVi yrkar\n\natt staden inleder ett utbyte med Pirkkala.\n\n"
        f"{sentence}\n\nBo Berg (M)\n"
    )
    assert _att(text) == ["att staden inleder ett utbyte med Pirkkala."]


def test_capitalised_att_satser_in_a_bulleted_list_are_all_kept() -> None:
    text = (
        "Motion om vänort i Estland\n\nMiljöpartiet föreslår kommunfullmäktige besluta:\n"
        "• Att kommunstyrelsen får i uppdrag att inleda ett vänortssamarbete med Tartu.\n"
        "• Att samarbetet utvärderas efter tre år.\n\nPer Nilsson (MP)\n"
    )
    assert _att(text) == [
        "Att kommunstyrelsen får i uppdrag att inleda ett vänortssamarbete med Tartu.",
        "Att samarbetet utvärderas efter tre år.",
    ]


def test_a_numbered_list_with_an_indented_wrap_gives_one_att_sats_per_number() -> None:
    text = (
        "Motion till kommunfullmäktige: Klimatsamarbete i Östersjöregionen\n\n"
        "Med anledning av ovanstående yrkar jag\n\n"
        "1. att kommunstyrelsen ges i uppdrag att ansöka om medlemskap i nätverket\n"
        "   Union of the Baltic Cities,\n"
        "2. att staden årligen redovisar arbetet för fullmäktige.\n\nKarin Lind (MP)\n"
    )
    assert _att(text) == [
        "att kommunstyrelsen ges i uppdrag att ansöka om medlemskap i nätverket Union of the Baltic Cities,",
        "att staden årligen redovisar arbetet för fullmäktige.",
    ]


def test_hemstaller_with_wrapped_att_satser_without_punctuation() -> None:
    text = (
        "Motion angående utbyte med Kisumu\n\nVi hemställer att kommunfullmäktige måtte besluta\n"
        "att ge kommunstyrelsen i uppdrag att utreda ett\nvattenprojekt med Kisumu\n"
        "att projektet finansieras med statliga medel\n\nEva Ek (V)\n"
    )
    assert _att(text) == [
        "att ge kommunstyrelsen i uppdrag att utreda ett vattenprojekt med Kisumu",
        "att projektet finansieras med statliga medel",
    ]


def test_an_inline_yrkande_starts_at_the_att_sats_not_at_the_decision_formula() -> None:
    text = (
        "MOTION\n\nÄmne: Ökat samarbete med Pirkkala\n\nVi yrkar att kommunfullmäktige\n"
        "beslutar att ge kultur- och fritidsnämnden i uppdrag att ta fram ett\n"
        "utbytesprogram med Pirkkala, samt att programmet ska finansieras inom\nbefintlig ram.\n\n"
        "Solna den 1 april 2026\nBo Berg (M)\n"
    )
    assert _att(text) == [
        "att ge kultur- och fritidsnämnden i uppdrag att ta fram ett utbytesprogram med Pirkkala",
        "att programmet ska finansieras inom befintlig ram.",
    ]


def test_a_pdf_whose_lines_break_inside_the_att_satser(tmp_path: Path) -> None:
    lines = [
        "Motion om kultursamarbete med Krakow",
        "Kulturlivet i Solna har mycket att vinna på utbyte med andra",
        "europeiska städer. Krakow är en självklar partner.",
        "Jag föreslår att kommunfullmäktige beslutar",
        "att ge kultur- och fritidsnämnden i uppdrag",
        "att utarbeta ett kulturprojekt tillsammans med",
        "Krakow",
        "att projektet redovisas för fullmäktige",
        "Solna den 2 februari 2026",
        "Lena Holm (L)",
    ]
    path = tmp_path / "motion.pdf"
    path.write_bytes(_pdf([lines]))
    att = [a.text for a in read_proposal(path).att_satser]
    assert att == [
        "att ge kultur- och fritidsnämnden i uppdrag att utarbeta ett kulturprojekt tillsammans med Krakow",
        "att projektet redovisas för fullmäktige",
    ]
