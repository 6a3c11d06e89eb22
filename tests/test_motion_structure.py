"""Motion structure from plain text: where the motion stands, title, att-satser, signatories, dates,
diary numbers and municipality — on the founding document and on motions in many real-world styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.models import Proposal
from checker.reading import parse_text, read_proposal
from checker.reading.lines import clean_markup
from checker.reading.signatories import party_abbreviation, party_of_line

FOUNDING = Path(__file__).resolve().parent / "fixtures" / "founding-document.txt"


def parse(text: str) -> Proposal:
    return parse_text(text, path="motion.txt", fmt="txt", sha256="0" * 64)


def att_texts(proposal: Proposal) -> list[str]:
    return [a.text for a in proposal.att_satser]


def signers(proposal: Proposal) -> list[tuple[str, str | None]]:
    return [(s.name, s.party) for s in proposal.signatories]


def assert_offsets_hold(proposal: Proposal) -> None:
    """Every att-sats's offsets point at its own words in Proposal.text."""
    for number, att in enumerate(proposal.att_satser, 1):
        assert att.number == number
        span = proposal.text[att.start : att.end]
        assert " ".join(span.replace("**", "").split()) == att.text
        assert att.text[:3].lower() == "att" or span[:1].isupper()


# --------------------------------------------------------------------------- the founding document


@pytest.fixture(scope="module")
def founding() -> Proposal:
    return read_proposal(FOUNDING)


def test_founding_document_fixture_is_the_whole_meeting_document() -> None:
    text = FOUNDING.read_text(encoding="utf-8")
    assert text.lstrip().startswith("**Kommunstyrelsen**") and "## MOTION" in text and "Tjänsteskrivelse" in text


def test_motion_is_found_inside_the_founding_meeting_document(founding: Proposal) -> None:
    assert founding.body_start > 0
    assert founding.text[founding.body_start :].startswith("## MOTION\n\nÄmne: Stöd demokratin i Taiwan")
    assert founding.body_end == len(founding.text.rstrip())
    assert any(note.startswith("motionen hittades i ett större dokument") for note in founding.notes)


def test_founding_motion_title_is_its_subject_line(founding: Proposal) -> None:
    assert founding.title == "Stöd demokratin i Taiwan"


def test_founding_motion_has_exactly_its_two_att_satser(founding: Proposal) -> None:
    first, second = founding.att_satser
    assert first.text.startswith("att Kommunstyrelsen får i uppdrag att utreda möjligheten att fördjupa")
    assert first.text.endswith("inom området hantering av desinformation.")
    assert second.text.startswith("att Kommunstyrelsen")  # "Kommunstyrelsens" as the motion spells it
    assert second.text.endswith("lämplig att inleda ett kommunalt partnerskapsprojekt med.")
    end = founding.body_end
    assert end is not None
    assert all(founding.body_start <= a.start < a.end <= end for a in founding.att_satser)
    assert_offsets_hold(founding)


def test_protocol_and_tjansteskrivelse_proposals_are_not_taken_as_att_satser(founding: Proposal) -> None:
    assert not any("avslå" in a.text for a in founding.att_satser)


def test_founding_motion_signatories_are_the_two_liberals(founding: Proposal) -> None:
    assert signers(founding) == [("Gunnar Ihrén", "L"), ("Anders Ekegren", "L")]


def test_founding_document_diary_and_motion_numbers_are_found(founding: Proposal) -> None:
    assert "KS/2025:193" in founding.diary_numbers
    assert "M:9/2025" in founding.diary_numbers


def test_founding_document_dates_municipality_and_undated_motion(founding: Proposal) -> None:
    assert founding.dates == ("2014-03-17", "2025-08-14")
    assert founding.municipality == "Solna"
    assert founding.submitted is None  # the motion itself carries no date; 2025-08-14 is the tjänsteskrivelse's


# --------------------------------------------------------------------------- motions in other styles

VAXJO = """Motion till kommunfullmäktige i Växjö kommun

Om ett erkännande av Palestina inom hela EU

Sverige erkände staten Palestina år 2014. Flera av EU:s medlemsstater har inte gjort detsamma.

Vänsterpartiet yrkar att kommunfullmäktige beslutar
att Växjö kommun uttalar sitt stöd för ett erkännande av staten Palestina i hela EU,
att beslutet skickas till statsministern.
Växjö den 3 mars 2025
Sofia Eriksson
Vänsterpartiet
Ahmed Haddad
Vänsterpartiet
"""


def test_motion_addressed_to_a_council_takes_its_title_from_the_next_line() -> None:
    proposal = parse(VAXJO)
    assert proposal.title == "Om ett erkännande av Palestina inom hela EU"
    assert proposal.municipality == "Växjö"
    assert proposal.body_start == 0 and proposal.body_end == len(VAXJO) and proposal.notes == ()


def test_att_lines_after_yrkar_without_blank_lines_are_att_satser() -> None:
    proposal = parse(VAXJO)
    assert att_texts(proposal) == [
        "att Växjö kommun uttalar sitt stöd för ett erkännande av staten Palestina i hela EU,",
        "att beslutet skickas till statsministern.",
    ]
    assert_offsets_hold(proposal)


def test_name_lines_followed_by_party_lines_are_paired() -> None:
    proposal = parse(VAXJO)
    assert signers(proposal) == [("Sofia Eriksson", "V"), ("Ahmed Haddad", "V")]
    assert proposal.submitted == "2025-03-03"


UMEA_NUMBERED = """Umeå kommunfullmäktige
Dnr KS 2024/0123

Motion om fritidsbanker i alla stadsdelar

En fritidsbank lånar ut sport- och fritidsutrustning gratis. I dag finns en enda i Umeå,
och den ligger långt från Ersboda och Holmsund.

Vi föreslår kommunfullmäktige besluta:

1. Fritids- och kulturnämnden får i uppdrag att öppna fritidsbanker i Ersboda och Holmsund
   under 2026.
2. Kostnaden ryms inom nämndens ram.

För Vänsterpartiet
Jonas Lindgren
Elin Marklund

Umeå 2025-04-28
"""


def test_numbered_list_after_a_proposing_sentence_gives_att_satser_without_att() -> None:
    proposal = parse(UMEA_NUMBERED)
    assert att_texts(proposal) == [
        "Fritids- och kulturnämnden får i uppdrag att öppna fritidsbanker i Ersboda och Holmsund under 2026.",
        "Kostnaden ryms inom nämndens ram.",
    ]
    assert_offsets_hold(proposal)


def test_for_party_line_gives_the_party_to_the_names_below() -> None:
    proposal = parse(UMEA_NUMBERED)
    assert signers(proposal) == [("Jonas Lindgren", "V"), ("Elin Marklund", "V")]


def test_letterhead_council_name_diary_number_and_place_date_line() -> None:
    proposal = parse(UMEA_NUMBERED)
    assert proposal.municipality == "Umeå"
    assert proposal.diary_numbers == ("KS 2024/0123",)
    assert proposal.submitted == "2025-04-28"
    assert proposal.title == "Motion om fritidsbanker i alla stadsdelar"


INLINE = """Motion angående belysning längs cykelvägen Hässleholmen–centrum

Cykelvägen mellan Hässleholmen och centrum är mörk. Många som cyklar till jobbet känner sig otrygga
under vinterhalvåret, och olyckorna har ökat.

Jag yrkar att tekniska nämnden får i uppdrag att installera belysning längs hela cykelvägen, samt att
arbetet är klart före vintern 2026.

Borås den 22 april 2024

Anna Svensson, S
"""


def test_inline_yrkar_att_with_samt_att_gives_two_att_satser() -> None:
    proposal = parse(INLINE)
    assert att_texts(proposal) == [
        "att tekniska nämnden får i uppdrag att installera belysning längs hela cykelvägen",
        "att arbetet är klart före vintern 2026.",
    ]
    assert_offsets_hold(proposal)


def test_signature_with_comma_and_party_abbreviation() -> None:
    proposal = parse(INLINE)
    assert signers(proposal) == [("Anna Svensson", "S")]
    assert proposal.title == "Motion angående belysning längs cykelvägen Hässleholmen–centrum"
    assert proposal.municipality == "Borås"
    assert proposal.submitted == "2024-04-22"


REGION = """Motion till regionfullmäktige i Region Skåne

Stoppa Region Skånes affärer med den iranska regimen

Region Skåne köper läkemedel och utrustning för stora belopp. Sverigedemokraterna menar att inte en
enda skattekrona ska hamna i regimens händer.

Vi föreslår regionfullmäktige besluta

– att Region Skåne inte ska ingå avtal med leverantörer som har säte i Iran,
– att regionfullmäktige fördömer regimens förtryck av det egna folket.

Malmö den 11 juni 2025

Sverigedemokraterna i Region Skåne
Patrik Lundqvist
Gunilla Åberg
"""


def test_dash_att_satser_and_a_party_line_above_the_names() -> None:
    proposal = parse(REGION)
    assert att_texts(proposal) == [
        "att Region Skåne inte ska ingå avtal med leverantörer som har säte i Iran,",
        "att regionfullmäktige fördömer regimens förtryck av det egna folket.",
    ]
    assert signers(proposal) == [("Patrik Lundqvist", "SD"), ("Gunilla Åberg", "SD")]


def test_region_is_the_municipality_of_a_regional_motion_signed_elsewhere() -> None:
    proposal = parse(REGION)
    assert proposal.municipality == "Region Skåne"
    assert proposal.title == "Stoppa Region Skånes affärer med den iranska regimen"
    assert proposal.submitted == "2025-06-11"


WRAPPED = """MOTION

Ämne: Kommunal beredskap mot desinformation

Datum: 2025-04-28
Diarienummer: KS-2025-0042

Påverkanskampanjer riktas i dag även mot kommuner. Vi behöver kunna känna igen dem, och vi
behöver öva tillsammans med andra myndigheter.

Liberalerna föreslår därför:

• att kommunstyrelsen får i uppdrag att ta fram en plan för att upptäcka och
  bemöta desinformation riktad mot kommunens verksamheter,
• att planen övas minst en gång per år.

Gunnar Ihrén och Anders Ekegren (L)
"""


def test_bullet_att_satser_continue_over_wrapped_lines() -> None:
    proposal = parse(WRAPPED)
    assert att_texts(proposal) == [
        "att kommunstyrelsen får i uppdrag att ta fram en plan för att upptäcka och bemöta desinformation "
        "riktad mot kommunens verksamheter,",
        "att planen övas minst en gång per år.",
    ]
    assert_offsets_hold(proposal)


def test_two_names_sharing_one_party_on_one_line() -> None:
    assert signers(parse(WRAPPED)) == [("Gunnar Ihrén", "L"), ("Anders Ekegren", "L")]


def test_datum_line_subject_line_and_labelled_diary_number() -> None:
    proposal = parse(WRAPPED)
    assert proposal.title == "Kommunal beredskap mot desinformation"
    assert proposal.submitted == "2025-04-28"
    assert proposal.diary_numbers == ("KS-2025-0042",)
    assert proposal.municipality is None  # the text names no municipality


MARKDOWN = """# Motion om gröna skolgårdar

**Till kommunfullmäktige i Göteborgs stad**

Skolgårdarna i Göteborg är ofta asfalt från vägg till vägg. Gröna skolgårdar sänker temperaturen
på sommaren och ger barnen bättre lek.

## Yrkanden

* att lokalnämnden får i uppdrag att ta fram en plan för gröna skolgårdar,
* att planen omfattar alla grundskolor senast 2030.

Göteborg den 2 september 2025

Maria Berg
*Sjukvårdspartiet*

Erik Holm (KD)
"""


def test_markdown_heading_bold_addressee_and_star_bullets() -> None:
    proposal = parse(MARKDOWN)
    assert proposal.title == "Motion om gröna skolgårdar"
    assert att_texts(proposal) == [
        "att lokalnämnden får i uppdrag att ta fram en plan för gröna skolgårdar,",
        "att planen omfattar alla grundskolor senast 2030.",
    ]
    assert_offsets_hold(proposal)


def test_genitive_city_name_is_made_nominative() -> None:
    assert parse(MARKDOWN).municipality == "Göteborg"


def test_local_party_is_kept_by_its_written_name() -> None:
    assert signers(parse(MARKDOWN)) == [("Maria Berg", "Sjukvårdspartiet"), ("Erik Holm", "KD")]


GOALS_THEN_ASKS = """Motion om ett klimatanpassningsprojekt med Esbo

Vi ser goda förutsättningar för ett projekt mellan Solna och Esbo, med följande mål:

– att ta fram en blågrön faktor för Solnas detaljplaner,
– att genomföra minst en gemensam pilotåtgärd.

Med anledning av ovanstående föreslår Moderaterna och Centerpartiet kommunfullmäktige besluta

att samhällsbyggnadsnämnden får i uppdrag att ta fram projektet tillsammans med Esbo stad,

att projektet redovisas till kommunstyrelsen efter avslut 2028.

Solna den 28 april 2025

Anders Wallin (M)
Olle Nyman (C)
"""


def test_a_list_of_goals_after_a_plain_colon_is_not_taken_for_att_satser() -> None:
    proposal = parse(GOALS_THEN_ASKS)
    assert att_texts(proposal) == [
        "att samhällsbyggnadsnämnden får i uppdrag att ta fram projektet tillsammans med Esbo stad,",
        "att projektet redovisas till kommunstyrelsen efter avslut 2028.",
    ]
    assert signers(proposal) == [("Anders Wallin", "M"), ("Olle Nyman", "C")]


def test_place_of_signing_outranks_a_partner_city_named_in_the_text() -> None:
    assert parse(GOALS_THEN_ASKS).municipality == "Solna"


MOTION_THEN_TJANSTESKRIVELSE = """Motion om fler bänkar i Gävles parker

Äldre behöver kunna vila på vägen. Därför behövs fler bänkar.

Vi yrkar

att fler parkbänkar ställs ut i stadens parker under 2026.

Gävle den 5 maj 2025

Lars-Göran Nilsson (V)

## Tjänsteskrivelse

Datum: 2025-09-01
Dnr KS 2025/311

### Förslag till beslut

Kommunstyrelsen föreslår kommunfullmäktige besluta att anse motionen besvarad.
"""


def test_motion_followed_by_its_tjansteskrivelse_ends_before_it() -> None:
    proposal = parse(MOTION_THEN_TJANSTESKRIVELSE)
    assert proposal.body_start == 0
    assert proposal.text[: proposal.body_end].endswith("Lars-Göran Nilsson (V)")
    assert proposal.notes and proposal.notes[0].startswith("motionen hittades i ett större dokument")
    assert att_texts(proposal) == ["att fler parkbänkar ställs ut i stadens parker under 2026."]
    assert signers(proposal) == [("Lars-Göran Nilsson", "V")]
    assert proposal.submitted == "2025-05-05"
    assert proposal.dates == ("2025-05-05", "2025-09-01")
    assert proposal.diary_numbers == ("KS 2025/311",)
    assert proposal.municipality == "Gävle"


MEETING_WITHOUT_MOTION_HEADING = """Kommunstyrelsen § 45

Svar på motion om trygghetsvandringar, KS 2025/12

Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå motionen.

Sammanfattning

Motionären vill att kommunen anordnar trygghetsvandringar.

Bilagor

**Trygghetsvandringar i alla stadsdelar**

Kristdemokraterna vill att kommunen tar tryggheten på allvar.

Vi yrkar

att kommunen anordnar trygghetsvandringar i alla stadsdelar varje höst.

Kalle Ström (KD)
"""


def test_meeting_document_without_a_motion_heading_uses_the_last_att_block_with_signatures() -> None:
    proposal = parse(MEETING_WITHOUT_MOTION_HEADING)
    assert proposal.text[proposal.body_start :].startswith("**Trygghetsvandringar i alla stadsdelar**")
    assert proposal.title == "Trygghetsvandringar i alla stadsdelar"
    assert att_texts(proposal) == ["att kommunen anordnar trygghetsvandringar i alla stadsdelar varje höst."]
    assert signers(proposal) == [("Kalle Ström", "KD")]
    assert proposal.notes


COLUMNS = (
    "Motion om solpaneler\n\nJag yrkar att solpaneler sätts upp på alla skolor.\n\n"
    "Karin Lund\tOmar Said\nMiljöpartiet\tVänsterpartiet\n"
)


def test_side_by_side_signatures_pair_names_and_parties_by_column() -> None:
    assert signers(parse(COLUMNS)) == [("Karin Lund", "MP"), ("Omar Said", "V")]


def test_signatories_are_taken_from_the_heading_when_no_signature_block_exists() -> None:
    text = "Motion av Gunnar Ihrén och Anders Ekegren (L) om samarbete med Taiwan\n\nVi yrkar att saken utreds noga.\n"
    assert signers(parse(text)) == [("Gunnar Ihrén", "L"), ("Anders Ekegren", "L")]


def test_motion_without_att_satser_gives_none_and_no_error() -> None:
    proposal = parse("Motion om parker\n\nParkerna behöver skötas bättre.\n\nEva Lind (C)\n")
    assert proposal.att_satser == ()
    assert signers(proposal) == [("Eva Lind", "C")]


def test_prose_that_merely_starts_a_line_with_att_is_not_an_att_sats() -> None:
    text = (
        "Motion om lekplatser\n\nDet är viktigt för barnfamiljer\natt lekplatserna är trygga och rena.\n\n"
        "Jag yrkar att lekplatserna inspekteras varje månad.\n"
    )
    assert att_texts(parse(text)) == ["att lekplatserna inspekteras varje månad."]


# --------------------------------------------------------------------------- dates, numbers, parties


def test_dates_in_all_common_forms_are_found_as_iso_in_order() -> None:
    text = "Inkom 2025-04-28. Beslut den 3 maj 2025, sedan 14 okt. 2025 och 28/4 2026. Ogiltigt: 2025-02-30.\n"
    assert parse(text).dates == ("2025-04-28", "2025-05-03", "2025-10-14", "2026-04-28")


def test_diary_number_forms_are_found_and_law_numbers_are_not() -> None:
    text = (
        "Ärendet KS/2025:193 och KS 2025/193, motion M:9/2025, KF 2024/45, Dnr KS 2024/0123. "
        "Enligt lagen (SFS 2009:47) och förordning (EU) 2016/679.\n"
    )
    assert parse(text).diary_numbers == ("KS/2025:193", "KS 2025/193", "M:9/2025", "KF 2024/45", "KS 2024/0123")


@pytest.mark.parametrize(
    ("written", "abbreviation"),
    [
        ("Socialdemokraterna", "S"),
        ("Moderaterna", "M"),
        ("Sverigedemokraterna", "SD"),
        ("Centerpartiet", "C"),
        ("Vänsterpartiet", "V"),
        ("Kristdemokraterna", "KD"),
        ("Liberalerna", "L"),
        ("Miljöpartiet de gröna", "MP"),
        ("Folkpartiet liberalerna", "L"),
        ("mp", "MP"),
        ("(KD)", "KD"),
    ],
)
def test_party_names_map_to_their_abbreviations(written: str, abbreviation: str) -> None:
    assert party_abbreviation(written) == abbreviation


@pytest.mark.parametrize(
    ("line", "party"),
    [
        ("*Liberalerna*", "L"),
        ("Vänsterpartiet i Umeå", "V"),
        ("Kirunapartiet", "Kirunapartiet"),
        ("Norrtäljes Framtid (NF)", "NF"),
        ("Liberalerna föreslår därför:", None),
        ("Gruppledare", None),
    ],
)
def test_party_lines_are_recognised_and_sentences_are_not(line: str, party: str | None) -> None:
    assert party_of_line(line) == party


NUMBERED_SECTIONS = """Motion om läxhjälp på biblioteken

1. Inledning

Vi föreslår i denna motion att läxhjälpen byggs ut, eftersom många elever saknar stöd hemma.

2. Bakgrund

Biblioteken har lokaler och öppettider som passar.

Vi yrkar

att läxhjälp erbjuds på alla stadsdelsbibliotek från hösten 2026.

Sara Nord (S)
"""


def test_numbered_section_headings_are_not_taken_for_att_satser() -> None:
    assert att_texts(parse(NUMBERED_SECTIONS)) == ["att läxhjälp erbjuds på alla stadsdelsbibliotek från hösten 2026."]


MOTION_THEN_DOCUMENT_LIST = """MOTION

Ämne: Läxhjälp på biblioteken

Vi föreslår därför:

- att läxhjälp erbjuds på alla stadsdelsbibliotek.

Sara Nord (S)

## Tjänsteskrivelse

Handlingar

Motion av Sara Nord (S) om läxhjälp på biblioteken

Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå motionen.
"""


def test_a_motion_named_in_a_later_list_of_documents_does_not_move_the_motion() -> None:
    proposal = parse(MOTION_THEN_DOCUMENT_LIST)
    assert proposal.body_start == 0
    assert proposal.title == "Läxhjälp på biblioteken"
    assert att_texts(proposal) == ["att läxhjälp erbjuds på alla stadsdelsbibliotek."]
    assert proposal.text[: proposal.body_end].endswith("Sara Nord (S)")


_FRAGMENTS = [
    "MOTION",
    "Motion om parker",
    "Ämne: Bänkar",
    "Till kommunfullmäktige i Solna",
    "Vi föreslår därför:",
    "Jag yrkar att bänkar ställs ut, samt att de målas.",
    "- att kommunen gör X,",
    "1. Kommunstyrelsen får i uppdrag",
    "att något sker",
    "Solna den 28 april 2025",
    "Datum: 2025-02-30",
    "Gunnar Ihrén (L)",
    "Anna Svensson, S",
    "*Liberalerna*",
    "För Vänsterpartiet / Eva Lind",
    "Karin Lund\tOmar Said",
    "KS/2025:193 och M:9/2025",
    "## Tjänsteskrivelse",
    "**Förslag till beslut**",
    "Region Skåne",
    "",
    "   ",
    "* * *",
    "(",
    "att",
]


def test_parse_text_never_fails_and_offsets_stay_inside_the_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    lines = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=40)), max_size=25)

    @settings(max_examples=300, deadline=None)
    @given(lines)
    def check(parts: list[str]) -> None:
        proposal = parse("\n".join(parts))
        end = proposal.body_end
        assert end is not None and 0 <= proposal.body_start <= end <= len(proposal.text)
        for att in proposal.att_satser:
            assert 0 <= att.start <= att.end <= len(proposal.text)
            assert att.text == clean_markup(proposal.text[att.start : att.end])

    check()


def test_for_party_slash_name_and_parenthesised_numbers() -> None:
    text = (
        "Motion om bättre skolmat\n\nVi yrkar därför att kommunfullmäktige beslutar\n\n"
        "1) att skolmaten lagas på plats,\n2) att ekologiska råvaror prioriteras.\n\n"
        "För Vänsterpartiet / Eva Lind\n"
    )
    proposal = parse(text)
    assert att_texts(proposal) == ["att skolmaten lagas på plats,", "att ekologiska råvaror prioriteras."]
    assert signers(proposal) == [("Eva Lind", "V")]


NUMBERED_GOALS_THEN_ASKS = """Motion om ett klimatanpassningsprojekt med Tartu

Vi socialdemokrater föreslår ett avgränsat projekt. Projektet föreslås ha följande inriktning:

1. Gemensam kartläggning av riskområden.
2. Ömsesidiga studiebesök för medarbetare.

Socialdemokraterna i Solna föreslår att kommunfullmäktige beslutar
att uppdra åt kommunstyrelsen att initiera projektet med Tartu under 2026–2028,
att projektet redovisas för kommunfullmäktige senast i december 2028.
Solna 2025-09-08
Fredrik Nyberg (S)          Amira Haddad (S)
"""


def test_the_list_that_asks_the_council_to_decide_outranks_a_proposed_list_of_goals() -> None:
    proposal = parse(NUMBERED_GOALS_THEN_ASKS)
    assert att_texts(proposal) == [
        "att uppdra åt kommunstyrelsen att initiera projektet med Tartu under 2026–2028,",
        "att projektet redovisas för kommunfullmäktige senast i december 2028.",
    ]
    assert signers(proposal) == [("Fredrik Nyberg", "S"), ("Amira Haddad", "S")]
    assert proposal.municipality == "Solna"
    assert proposal.submitted == "2025-09-08"


def test_title_above_a_generic_motion_heading_and_party_line_with_genom() -> None:
    text = (
        "Erkänn Västsahara!\nMotion till kommunfullmäktige i Östersunds kommun\n\nVästsahara är en koloni.\n\n"
        "Vi yrkar därför\n\natt kommunfullmäktige uttalar sitt stöd för självbestämmande.\n\n"
        "Östersund, mars 2025\nVänsterpartiet Östersund genom\nLars-Erik Mattsson\nHanna Persson\n"
    )
    proposal = parse(text)
    assert proposal.title == "Erkänn Västsahara!"
    assert proposal.municipality == "Östersund"
    assert proposal.submitted is None  # a month without a day is not a date
    assert signers(proposal) == [("Lars-Erik Mattsson", "V"), ("Hanna Persson", "V")]


def test_local_party_branch_names_the_municipality_before_a_locality_of_signing() -> None:
    text = (
        "Motion om en ny lekplats i Storvreten\n\nSocialdemokraterna i Botkyrka föreslår att kommunfullmäktige"
        " beslutar\n\n– att en ny lekplats anläggs i Storvreten under 2026.\n\nTumba, 2025-05-27\n\nLeila Yousef (S)\n"
    )
    proposal = parse(text)
    assert proposal.municipality == "Botkyrka"
    assert proposal.submitted == "2025-05-27"
