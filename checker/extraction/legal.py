"""Facts used only by the legal rules: the form of international aid (lag 2009:47 5 kap.), a basis in
a special power (2 kap. 3, 5, 7 §§, 3 kap. 6 §), whether the proposal has a cost (KL 11 kap. 15 §), and
what kind of proposal it is and who decides it (KL 5 kap. 23 §).

Each reading is a small set of Swedish patterns over the sentences in scope (the att-satser, else the
body). A fact is false or empty only when the reading was made and found nothing; where the text
points at the subject but not at the answer (money "to Ukraine" without saying for what) the value
says so (``money_other``), and where nothing can be read the fact is unknown with a note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from checker.models import Evidence, Fact

if TYPE_CHECKING:
    from checker.extraction.extractors import Motion
    from checker.extraction.text import Sentence

_I = re.IGNORECASE

# "bistånd" also names a social-services decision ("utan biståndsbedömning", "ansöka om bistånd"): aid
# abroad is read only where the sentence names a place abroad or says "internationellt".
AID_WORDS = re.compile(
    r"\b(bistånd(?!s?bedömning|sbeslut|shandläggning)\w*|skänk\w*|donera\w*|hjälpsändning\w*|katastrofhjälp\w*"
    r"|nödhjälp\w*)",
    _I,
)
INTERNATIONAL = re.compile(r"\binternationell\w*|\butomlands\b|\butlandet\b", _I)
SURPLUS = re.compile(
    r"(överbliv\w*|överskott\w*|utrangera\w*|kassera\w*|begagna\w*|inte längre behöver|inte längre används"
    r"|avvecklad\w*|uttjänt\w*|tas ur drift|tagits ur drift|tas ur bruk|ersätts av nya|som ska bytas ut)",
    _I,
)
EQUIPMENT = re.compile(
    r"\b(\w*utrustning\w*|\w*material\w*|möbler\w*|\w*sängar\w*|datorer|\w*fordon\w*|\w*bilar\b|\w*bil\b"
    r"|ambulans\w*|generator\w*|reservkraft\w*|elverk\w*|\w*pumpar\w*)",
    _I,
)
CONSTRUCTION = re.compile(
    r"(återuppbygg\w*|\bbygg\w*|uppför\w*|renover\w*|reparer\w*|\bdrift(?:s)?bidrag\w*|löner)", _I
)
TRAINING = re.compile(r"\b(utbildning\w*|rådgivning\w*|kompetensstöd\w*|expertstöd\w*|handledning\w*)", _I)
MONEY = re.compile(
    r"(\b\d[\d\s]*(?:[.,]\d+)?\s*(?:kr\b|kronor|miljoner|mnkr|tkr|msek|euro)|\bbidrag\w*|\bekonomiskt stöd"
    r"|\bpengar\b|\bmedel\b|\bfinansiera\w*|\banslag\w*|\bdonation\w*)",
    _I,
)
TRANSPORT = re.compile(r"\b(transport\w*|frakt\w*)", _I)
RELIEF = re.compile(
    r"(hjälporganisation\w*|röda korset|unicef|unhcr|läkare utan gränser|rädda barnen|world food programme"
    r"|\bmsf\b)",
    _I,
)

ELDERLY_69 = re.compile(r"(fyllt|över|från|äldre än)\s+69\s*år|\b69\s*år\s+och\s+äldre|\b69\+", _I)
SERVICE = re.compile(r"(servicetjänst\w*|fixartjänst\w*|fixar-?\w*)", _I)
YOUTH_ORG = re.compile(r"\b(ungdomsorganisation\w*|ungdomsförbund\w*)", _I)
# Premises provided for businesses (3 kap. 6 §), not a discount on a business's rent (that is support).
PREMISES = re.compile(
    r"(behov av lokaler|lokaler (?:för|åt|till) (?:små |nya |unga )?företag\w*|företagshotell\w*|inkubator\w*)", _I
)
DISCOUNT = re.compile(r"(sänk\w*|rabatt\w*|nedsatt\w*|gratis|hyresfri\w*|kostnadsfri\w*|subvention\w*)", _I)
EU_COFIN = re.compile(r"medfinansier\w*", _I)
EU_PROGRAMME = re.compile(r"(\beu\b|eu-\w+|strukturfond\w*|interreg\w*|erasmus\w*|europeiska socialfonden|\besf\b)", _I)

COST = re.compile(
    r"(\b\d[\d\s]*(?:[.,]\d+)?\s*(?:kr\b|kronor|miljoner|mnkr|tkr|msek)|\bbidrag\w*|\banslag\w*|\bekonomiskt stöd"
    r"|\bfinansier\w*|\binvester\w*|\bkostnad\w*|\bavgiftsfri\w*|\bgratis\b|\bkostnadsfri\w*|\banställ\w*"
    r"|\binrätta\w*|\bbygga\b|\banlägga\b|\butöka\w*|\bfler tjänster\b|\bsubvention\w*|\bnedsatt hyra\b)",
    _I,
)

# A favouring whose criterion plainly lacks an objective basis: membership of one named association, how
# long someone has lived in the municipality, or origin.
ARBITRARY = re.compile(
    r"(medlemmar i (?:föreningen |klubben )?[A-ZÅÄÖ][\wåäö-]*(?: [A-ZÅÄÖ][\wåäö-]*)*|medlemskort"
    r"|(?:minst|mer än|över) \d+ år(?: i sträck)?(?: i kommunen)?|folkbokförd\w* i [\wåäö ]+ i (?:minst|mer än) \d+ år"
    r"|\binfödd\w*|\bfödd[ae]? i [\wåäö ]*?(?:kommun\w*|sverige)|svensk härkomst|\betnisk\w*)",
    re.UNICODE,
)
FAVOUR = re.compile(r"\b(rabatt\w*|fri entré|gratis|avgiftsfri\w*|kostnadsfri\w*|förtur|nedsatt\w*|företräde)", _I)

MEDBORGARFORSLAG = re.compile(r"\bmedborgarförslag\w*", _I)
DELEGATED = re.compile(
    r"(överlåtit|överlämnat|delegerat)\s+(?:till|åt)\s+(?P<body>(?:[a-zåäöé-]+\s)?[a-zåäöé-]*nämnden|"
    r"kommunstyrelsen|regionstyrelsen|styrelsen)\s+att\s+besluta",
    _I,
)


def _fact(name: str, value: object, evidence: Iterable[Evidence] = (), note: str | None = None) -> Fact:
    return Fact.model_construct(
        name=name, known=True, value=value, source="extracted", evidence=tuple(evidence), note=note
    )


def _unknown(name: str, note: str) -> Fact:
    return Fact.model_construct(name=name, known=False, value=None, source="extracted", evidence=(), note=note)


def _scope(m: Motion) -> list[Sentence]:
    return m.primary or m.body


def _aid_forms_of(text: str) -> list[str]:
    """The forms of aid one sentence names. Money for equipment the municipality provides is equipment;
    money to build, rebuild or run something abroad is money for other than training and advice."""
    forms: list[str] = []
    equipment = bool(EQUIPMENT.search(text))
    training = bool(TRAINING.search(text))
    if equipment and SURPLUS.search(text):
        forms.append("surplus_equipment")
    elif equipment:
        forms.append("other_equipment")
    if training:
        forms.append("advice_training")
    if MONEY.search(text):
        if CONSTRUCTION.search(text) or not (equipment or training):
            forms.append("money_other")
        elif training:
            forms.append("money_training_advice")
    if TRANSPORT.search(text) and equipment:
        forms.append("transport")
    if RELIEF.search(text):
        forms.append("relief_organisation")
    return forms


def extract_aid_forms(m: Motion) -> list[Fact]:
    """The form of the aid an att-sats asks for; [] when no aid is asked; unknown when the form is unclear."""
    sentences = _scope(m)
    # sentences that name a foreign place: money or equipment given there is aid, whatever it is called
    abroad = {x.sentence.index for x in (*m.places.partners, *m.places.mentioned) if x.foreign}
    aid = [
        s
        for s in sentences
        if (
            (s.index in abroad or INTERNATIONAL.search(s.text))
            and (AID_WORDS.search(s.text) or MONEY.search(s.text) or EQUIPMENT.search(s.text))
        )
        or (AID_WORDS.search(s.text) and EQUIPMENT.search(s.text) and SURPLUS.search(s.text))
    ]
    if not aid:
        return [_fact("aid_forms", [], note="förslaget begär inget bistånd")]
    forms: list[str] = []
    evidence: list[Evidence] = []
    for s in aid:
        found = _aid_forms_of(s.text)
        if found:
            evidence.append(m.doc.evidence(s, found[0]))
        forms.extend(f for f in found if f not in forms)
    if not forms:
        return [_unknown("aid_forms", "biståndets form framgår inte av förslaget")]
    return [_fact("aid_forms", sorted(forms), evidence[:3])]


_BASES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("elderly_services_69", lambda t: bool(ELDERLY_69.search(t)) or (bool(SERVICE.search(t)) and "äldre" in t.lower())),
    ("youth_organisations", lambda t: bool(YOUTH_ORG.search(t))),
    ("business_premises", lambda t: bool(PREMISES.search(t)) and not DISCOUNT.search(t)),
    ("eu_cofinancing", lambda t: bool(EU_COFIN.search(t)) and bool(EU_PROGRAMME.search(t))),
)


def extract_special_law_basis(m: Motion) -> list[Fact]:
    """Special powers in lag (2009:47) that the proposal's own words point at."""
    bases: list[str] = []
    evidence: list[Evidence] = []
    for s in _scope(m):
        text = s.text
        for name, test in _BASES:
            if name not in bases and test(text):
                bases.append(name)
                evidence.append(m.doc.evidence(s, name))
    return [_fact("special_law_basis", sorted(bases), evidence[:3])]


def extract_cost(m: Motion) -> list[Fact]:
    """Whether what the proposal asks for costs money: an amount, a grant, a new service or building."""
    for s in _scope(m):
        hit = COST.search(s.text)
        if hit:
            return [_fact("has_cost", True, [m.doc.evidence(s, hit.group(0))])]
    return [_fact("has_cost", False, note="inget belopp, bidrag eller ny verksamhet nämns i det som begärs")]


def extract_arbitrary_ground(m: Motion) -> list[Fact]:
    """Whether a benefit is given by a criterion that plainly lacks an objective basis (KL 2 kap. 3 §)."""
    for s in _scope(m):
        favour = FAVOUR.search(s.text)
        hit = ARBITRARY.search(s.text) if favour else None
        if hit:
            return [_fact("arbitrary_ground", True, [m.doc.evidence(s, hit.group(0))])]
    return [_fact("arbitrary_ground", False, note="ingen förmån efter förening, bosättningstid eller ursprung")]


def extract_proposal_kind(m: Motion) -> list[Fact]:
    """Motion or medborgarförslag (from the title and opening), and whether the council has delegated it."""
    proposal = m.proposal
    head = f"{proposal.title or ''}\n{proposal.text[proposal.body_start : proposal.body_start + 400]}"
    if MEDBORGARFORSLAG.search(head):
        hit = DELEGATED.search(proposal.text)
        if hit:
            body = hit.group("body")
            return [
                _fact("proposal_kind", "medborgarforslag"),
                _fact("delegated", True, note="texten anger att fullmäktige har överlåtit beslutet"),
                _fact("delegated_to", body[0].upper() + body[1:]),
            ]
        return [
            _fact("proposal_kind", "medborgarforslag"),
            _unknown("delegated", "det framgår inte om fullmäktige har överlåtit beslutet till en nämnd"),
            _unknown("delegated_to", "det framgår inte om fullmäktige har överlåtit beslutet till en nämnd"),
        ]
    return [
        _fact("proposal_kind", "motion"),
        _fact("delegated", False, note="en motion beslutas av fullmäktige (kommunallagen 5 kap. 23 § första stycket)"),
        _unknown("delegated_to", "en motion beslutas av fullmäktige"),
    ]


EXTRACTORS: dict[str, Callable[[Motion], list[Fact]]] = {
    "extract_aid_forms": extract_aid_forms,
    "extract_special_law_basis": extract_special_law_basis,
    "extract_cost": extract_cost,
    "extract_arbitrary_ground": extract_arbitrary_ground,
    "extract_proposal_kind": extract_proposal_kind,
}
