"""A local motion may name places abroad without being international: as background in the reasons,
as a model or comparison ("likt Köpenhamn", "med Helsingfors skolor som förebild", "efter Strøget i
Köpenhamn"), as the destination of a study visit that serves the municipality's own plan, or as the
style of something done at home ("japanska körsbärsträd i stadsparken"). Such a motion gets no partner,
no cooperation kind and no international question at all. A place that is a partner, the target of a
stance, the recipient of aid, or where the municipality would act abroad is still raised.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from checker.models import Verdict
from tests.motions import check, fact, motion, raised

TITLE = "Motion om en bättre kommun"

# The rules that raise an international question: local connection, foreign policy, aid, Solna's guideline.
INTERNATIONAL = {
    "KL-ANKNYTNING",
    "KL-UTRIKES",
    "KL-UTRIKES-MOTIV",
    "KL-SYMPATI",
    "L47-BISTAND-LAND",
    "L47-BISTAND-SIDA",
    "L47-PENGAR",
    "SOL-EUROPA",
    "SOL-VANSKAPSAVTAL",
    "SOL-PRIORITERAT-OMRADE",
    "SOL-ICLD",
    "SOL-FINNS-REDAN",
}


def international_findings(v: Verdict) -> set[str]:
    """International rules that object or ask, for the motion or any att-sats."""
    return {f.rule_id for f in v.findings if f.rule_id in INTERNATIONAL and f.outcome in ("violation", "needs_review")}


# (reasons, att-sats): each names a place abroad only as background, model, style or study visit.
LOCAL = [
    (
        "I Utrecht parkerar tusentals cyklister under stationen. Här står cyklarna i regnet.",
        "tekniska nämnden bygger ett cykelgarage vid resecentrum.",
    ),
    (
        "I Danmark ska varje kommun i landet ha en plan för skolvägar. Vi bör göra likadant.",
        "tekniska nämnden tar fram en plan för säkra skolvägar i kommunen.",
    ),
    (
        "Skolor i Estland har utbyte med näringslivet och vi bör lära av dem.",
        "barn- och utbildningsnämnden inför praktikveckor hos lokala företag för högstadiet.",
    ),
    (
        "Många vill laga sina saker men saknar verktyg.",
        "kultur- och fritidsnämnden utreder ett verktygsbibliotek likt det i Helsingfors.",
    ),
    (
        "Gamla stan ska få en ny detaljplan.",
        "samhällsbyggnadsnämnden gör en studieresa till Lübeck inför den nya detaljplanen för Gamla stan.",
    ),
    (
        "Skolgårdarna är asfalterade och heta på sommaren.",
        "barn- och utbildningsnämnden gör om skolgårdarna med Paris gröna skolgårdar som förebild.",
    ),
    (
        "Förskolorna behöver nya lokaler.",
        "barn- och utbildningsnämnden bygger nya förskolor med Helsingfors förskolor som förebild.",
    ),
    (
        "Ågatan är full av bilar och buller.",
        "Ågatan görs om till gångfartsgata efter Strøget i Köpenhamn.",
    ),
    (
        "Cyklisterna behöver bättre vägar.",
        "tekniska nämnden bygger cykelbanor i kommunen i likhet med Groningen.",
    ),
    (
        "Torget är öde på kvällarna.",
        "tekniska nämnden gestaltar om torget i stil med Barcelona.",
    ),
    (
        "Resultaten i matematik sjunker.",
        "barn- och utbildningsnämnden utreder om Finlands skolmodell kan användas i kommunens skolor.",
    ),
    (
        "Stadsparken behöver förnyas.",
        "tekniska nämnden planterar japanska körsbärsträd i stadsparken.",
    ),
    (
        "Biblioteket vill nå fler unga.",
        "kultur- och fritidsnämnden visar franska filmer på stadsbiblioteket varje månad.",
    ),
    (
        "Skolmaten kan bli roligare.",
        "barn- och utbildningsnämnden inför en grekisk temavecka i skolornas matsalar.",
    ),
    (
        "Vi planerar ett nytt kulturhus.",
        "kultur- och fritidsnämnden gör ett studiebesök på Dokk1 i Århus inför bygget av kulturhuset.",
    ),
    (
        "Invånarna vill sköta sina ärenden på nätet.",
        "kommunstyrelsen inför e-tjänster för bygglov, som i Tallinn.",
    ),
    (
        "Bostadsbristen är stor.",
        "det kommunala bostadsbolaget utreder Wiens modell för hyresbostäder.",
    ),
    (
        "Badhuset är slitet.",
        "fritidsnämnden rustar upp badhuset inspirerad av de öppna baden i Reykjavik.",
    ),
    (
        "Cykelplanen ska revideras nästa år.",
        "tekniska nämnden bjuder in trafikplanerare från Amsterdam till arbetet med den nya cykelplanen.",
    ),
    (
        "Cyklisterna väntar länge vid rödljusen.",
        "tekniska nämnden inför Köpenhamns gröna våg för cyklister på Storgatan.",
    ),
    (
        "Laddbilarna blir fler.",
        "kommunstyrelsen undersöker hur Oslo har byggt ut laddplatser i bostadsområden.",
    ),
    (
        "Barnen cyklar för sällan till skolan.",
        "kommunen, i likhet med flera städer i Tyskland, inför cykelgator kring skolorna.",
    ),
    (
        "Cyklarna står huller om buller vid stationen.",
        "tekniska nämnden bygger cykelställ av holländsk typ vid stationen.",
    ),
    (
        "Fler borde gå och cykla.",
        "kommunen deltar i Europeiska trafikantveckan med aktiviteter på torget.",
    ),
    (
        "Vid ån finns en tom gräsyta.",
        "tekniska nämnden anlägger i samverkan med hembygdsföreningen en japansk trädgård vid ån i Växjö.",
    ),
]


@pytest.mark.parametrize(("reasons", "att"), LOCAL)
@pytest.mark.parametrize("profile", ["generic", "solna"])
def test_a_local_motion_naming_a_place_abroad_raises_no_international_question(
    generic: Checker, solna: Checker, profile: str, reasons: str, att: str
) -> None:
    checker = generic if profile == "generic" else solna
    town = "Växjö" if profile == "generic" else "Solna"
    v = check(checker, motion(TITLE, reasons, att, town=town))
    assert fact(v, "partner_places") == []
    assert fact(v, "cooperation_kinds") == []
    assert international_findings(v) == set()
    assert v.recommendation == "bifalla"


def test_a_study_visit_named_in_one_att_sats_is_the_visit_another_att_sats_reports_on(generic: Checker) -> None:
    v = check(
        generic,
        motion(
            TITLE,
            "Vi ska bygga en ny simhall.",
            "fritidsnämnden gör ett studiebesök i Oslo under planeringen av den nya simhallen,",
            "erfarenheterna från studiebesöket redovisas för nämnden.",
        ),
    )
    assert fact(v, "cooperation_kinds") == []
    assert international_findings(v) == set()
    assert all(a.recommendation == "bifalla" for a in v.att_satser)


def test_a_study_trip_with_no_purpose_stated_is_still_asked_about(generic: Checker) -> None:
    v = check(generic, motion(TITLE, "Politikerna behöver se mer av världen.", "kommunstyrelsen gör en studieresa."))
    assert "KL-ANKNYTNING" in raised(v)


def test_a_sentence_of_the_reasons_that_itself_proposes_cooperation_still_counts(generic: Checker) -> None:
    v = check(
        generic,
        motion(
            TITLE,
            "Vi föreslår att kommunen inleder ett samarbete med Tammerfors om skolutveckling.",
            "kommunstyrelsen utreder frågan.",
        ),
    )
    assert [p["country_code"] for p in fact(v, "partner_places")] == ["FI"]  # type: ignore[union-attr]


# (reasons, att-sats, a rule that must still be raised): a partner, a target, aid, an act abroad.
INTERNATIONAL_MOTIONS = [
    ("Vi har mycket att lära.", "kommunen inleder ett samarbete med Köpenhamn om cykelinfrastruktur.", "KL-ANKNYTNING"),
    ("Kriget har slagit hårt mot barnen.", "kommunen skänker 200 000 kronor till barn i Jemen.", "L47-PENGAR"),
    ("Barnen saknar skolor.", "kommunen bygger en skola i Gambia.", "KL-ANKNYTNING"),
    ("Kriget pågår.", "kommunfullmäktige fördömer Rysslands anfall på Ukraina.", "KL-UTRIKES"),
    (
        "Kommunen vill synas.",
        "kommunstyrelsen skickar en delegation till Shanghai för att främja exporten.",
        "KL-ANKNYTNING",
    ),
    ("Unga behöver erfarenhet.", "gymnasieelever erbjuds praktikplats i Tyskland.", "KL-ANKNYTNING"),
    ("Vi vill visa solidaritet.", "kommunen hissar den ukrainska flaggan på stadshuset.", "KL-SYMPATI"),
    (
        "Eleverna behöver se världen.",
        "barn- och utbildningsnämnden startar tillsammans med skolor i Estland en kurs på gymnasiet.",
        "KL-ANKNYTNING",
    ),
]


@pytest.mark.parametrize(("reasons", "att", "rule"), INTERNATIONAL_MOTIONS)
def test_a_partner_target_aid_recipient_or_act_abroad_is_still_raised(
    generic: Checker, reasons: str, att: str, rule: str
) -> None:
    v = check(generic, motion(TITLE, reasons, att))
    assert rule in raised(v)
    assert v.recommendation != "bifalla"


def test_surplus_equipment_given_to_towns_abroad_is_still_read_as_aid_to_them(generic: Checker) -> None:
    v = check(
        generic,
        motion(TITLE, "Vi har gamla brandbilar.", "kommunen skänker två begagnade brandbilar till ukrainska kommuner."),
    )
    assert "development_aid" in fact(v, "cooperation_kinds")  # type: ignore[operator]
    assert [p["country_code"] for p in fact(v, "partner_places")] == ["UA"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "att",
    [
        "kommunstyrelsen bjuder in estniska politiker till stadshuset.",
        "kommunstyrelsen bjuder in Köpenhamns borgmästare till stadshuset.",
        "kommunstyrelsen bjuder in en delegation från Tallinn till stadshuset.",
    ],
)
def test_people_or_bodies_abroad_named_in_a_local_att_sats_are_still_asked_about(generic: Checker, att: str) -> None:
    v = check(generic, motion(TITLE, "Vi vill lära känna andra.", att))
    assert fact(v, "partner_places") != []
    assert v.recommendation == "granska"
