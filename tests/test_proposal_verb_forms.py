"""A proposal is recognised whatever form its verb takes: misspelt ("Jag förslår att …", "Vi föreslar
att …", "Jag yrker att …"), or put another way ("Mitt förslag är att …", "Vi vill därför att kommunen
…", "Jag önskar att …", "Kommunfullmäktige uppmanas att …"). A text that proposes nothing (a recipe, a
complaint, a news item, English text) is still never approved.

Every text here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from checker.typos import near_form, typo_spans
from tests.motions import check, fact

REASONS = "Lekplatsen vid Norrängen är nedsliten och gungorna har varit avstängda i ett år."
WHAT = "kommunen rustar upp lekplatsen vid Norrängen och sätter upp nya gungor"


def prose(sentence: str) -> str:
    """A motion without att-satser whose proposal is the sentence ``sentence``."""
    return f"Motion om lekplatsen\n\n{REASONS}\n\n{sentence}\n\nLjungby den 2 februari 2026\nKarin Holm (L)\n"


def listed(intro: str) -> str:
    """A motion whose att-satser follow the introducing line ``intro``."""
    return (
        f"Motion om lekplatsen\n\n{REASONS}\n\n{intro}\n\n"
        "att tekniska nämnden rustar upp lekplatsen vid Norrängen,\n\n"
        "att gungorna byts ut före sommaren.\n\nLjungby den 2 februari 2026\nKarin Holm (L)\n"
    )


MISSPELT = [
    f"Jag förslår att {WHAT}.",
    f"Vi föreslar att {WHAT}.",
    f"Därför foreslår vi att {WHAT}.",
    f"Liberalerna förelsår att {WHAT}.",
    f"Jag yrker att {WHAT}.",
    f"Vi hemstäler att {WHAT}.",
]


@pytest.mark.parametrize("sentence", MISSPELT)
def test_a_misspelt_proposing_verb_still_makes_a_proposal(generic: Checker, sentence: str) -> None:
    v = check(generic, prose(sentence))
    assert fact(v, "is_motion") is True
    assert fact(v, "action_kinds") == ["carry_out"]
    assert v.recommendation == "bifalla"


@pytest.mark.parametrize("intro", ["Jag förslår", "Vi föreslar därför", "Centerpartiet yrker"])
def test_att_satser_after_a_misspelt_introducing_verb_are_read_as_att_satser(generic: Checker, intro: str) -> None:
    v = check(generic, listed(intro))
    assert [a.number for a in v.att_satser] == [1, 2]
    assert v.recommendation == "bifalla"


OTHER_FORMS = [
    f"Mitt förslag är att {WHAT}.",
    f"Vi vill därför att {WHAT}.",
    f"Jag önskar att {WHAT}.",
    f"Vi yrkar pa att {WHAT}.",
    f"Kommunfullmäktige uppmanas att besluta att {WHAT}.",
]


@pytest.mark.parametrize("sentence", OTHER_FORMS)
def test_a_proposal_in_another_form_is_read_as_the_municipalitys_own_work(generic: Checker, sentence: str) -> None:
    v = check(generic, prose(sentence))
    assert fact(v, "is_motion") is True
    assert fact(v, "action_kinds") == ["carry_out"]
    assert v.recommendation == "bifalla"


def test_urging_one_of_the_municipalitys_own_bodies_is_a_commission_not_a_position(generic: Checker) -> None:
    v = check(
        generic,
        listed("Jag föreslår").replace(
            "att tekniska nämnden rustar", "att kommunstyrelsen uppmanar tekniska nämnden att rusta"
        ),
    )
    assert "take_position" not in fact(v, "action_kinds")  # type: ignore[operator]
    assert v.recommendation == "bifalla"


NOT_MOTIONS = [
    "Sockerkaka\n\nVispa ägg och socker pösigt. Rör ner mjöl och bakpulver. Grädda i 175 grader i 40 minuter.\n",
    "Klagomål\n\nJag förstår inte varför bussen alltid är sen. I morse väntade jag i tjugo minuter. Det förslår inte "
    "att be om ursäkt.\n",
    "Nytt cykelgarage i Utrecht\n\nI Utrecht har världens största cykelgarage öppnat. Det rymmer 12 500 cyklar och "
    "ligger under centralstationen. Besökarna var många under invigningen.\n",
    "Motion on benches\n\nThere are too few benches downtown. I propose that the council installs ten new benches.\n",
]


@pytest.mark.parametrize("text", NOT_MOTIONS)
def test_a_text_that_proposes_nothing_is_never_approved(generic: Checker, text: str) -> None:
    v = check(generic, text)
    assert fact(v, "is_motion") is False
    assert v.recommendation == "granska"
    assert "KL-FORSLAG" in v.grounds


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("förslår", "föreslår"),
        ("foreslar", "föreslår"),
        ("föreslåt", "föreslår"),
        ("yrker", "yrkar"),
        ("hemstäler", "hemställer"),
        ("förelsår", "föreslår"),
    ],
)
def test_a_word_one_edit_from_a_proposing_verb_is_read_as_that_verb(word: str, verb: str) -> None:
    assert near_form(word) == verb


@pytest.mark.parametrize(
    "word",
    ["föreslår", "yrkar", "förslag", "föreslog", "frågor", "yrke", "fortsätta", "forslar", "forsla", "yrkes", "yrken"],
)
def test_the_verb_itself_and_ordinary_words_are_no_misspelling(word: str) -> None:
    assert near_form(word) is None


def test_a_misspelling_is_read_only_between_a_subject_and_what_follows_a_proposing_verb() -> None:
    text = "Det förslår inte. Jag förslår inte. Jag förslår att vi bygger. Vi föreslar därför:"
    assert [(text[a:b], verb) for a, b, verb in typo_spans(text)] == [
        ("förslår", "föreslår"),
        ("föreslar", "föreslår"),
    ]


def test_a_newsletter_where_we_carry_things_away_is_no_proposal(generic: Checker) -> None:
    text = (
        "Nytt från fritidsgården\n\nI helgen städade vi gården. Därför forslar vi bort skräpet på måndag, "
        "och vi forslar också bort de gamla möblerna.\n\nHälsningar personalen\n"
    )
    v = check(generic, text)
    assert fact(v, "is_motion") is False
    assert v.recommendation == "granska"


def test_a_proposal_of_a_single_short_sentence_is_read_as_swedish(generic: Checker) -> None:
    text = "Simskola\n\nJag föreslår att alla barn får gratis simskola.\n\nEva Holm\n"
    v = check(generic, text)
    assert fact(v, "is_motion") is True
    assert v.recommendation != "granska" or "KL-FORSLAG" not in v.grounds
