"""The words the tool writes and reads, per language: one home.

Month names, ordinals, party names, recommendation and severity labels, section headings and the
fixed phrases of the tjänsteskrivelse. The verdict, every renderer, the batch report and the readers'
date parsing take their words from here, so a word is changed in one place and means the same
everywhere. Imports nothing from the rest of the package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

LANGS = ("sv", "en")

MONTHS: dict[str, tuple[str, ...]] = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}  # fmt: skip
# Abbreviations Swedish texts use in dates ("28 apr. 2025"), month number by abbreviation.
MONTH_ABBREVIATIONS_SV: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS_SV: tuple[str, ...] = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def month_numbers_sv(*, abbreviations: bool = True) -> dict[str, int]:
    """Swedish month word → month number (lower case), with the abbreviations unless told otherwise."""
    out = {name: i + 1 for i, name in enumerate(MONTHS["sv"])}
    if abbreviations:
        out.update(MONTH_ABBREVIATIONS_SV)
    return out


# Numbers up to twelve are written in words in running text (klarspråk).
NUMBERS: dict[str, tuple[str, ...]] = {
    "sv": ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
}
ORDINALS: dict[str, tuple[str, ...]] = {
    "sv": ("första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde"),
    "en": ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
}

# The parliamentary parties: abbreviation → (name, genitive). Local parties keep their abbreviation.
PARTIES: dict[str, tuple[str, str]] = {
    "S": ("Socialdemokraterna", "Socialdemokraternas"),
    "M": ("Moderaterna", "Moderaternas"),
    "SD": ("Sverigedemokraterna", "Sverigedemokraternas"),
    "C": ("Centerpartiet", "Centerpartiets"),
    "V": ("Vänsterpartiet", "Vänsterpartiets"),
    "KD": ("Kristdemokraterna", "Kristdemokraternas"),
    "L": ("Liberalerna", "Liberalernas"),
    "MP": ("Miljöpartiet", "Miljöpartiets"),
}
# How the parties' names are written in motions (lower case, as a prefix) → abbreviation.
PARTY_NAMES: tuple[tuple[str, str], ...] = (
    ("socialdemokraterna", "S"),
    ("socialdemokratiska", "S"),
    ("arbetarepartiet", "S"),
    ("nya moderaterna", "M"),
    ("moderaterna", "M"),
    ("moderata samlingspartiet", "M"),
    ("sverigedemokraterna", "SD"),
    ("centerpartiet", "C"),
    ("vänsterpartiet", "V"),
    ("kristdemokraterna", "KD"),
    ("kristdemokratiska", "KD"),
    ("liberalerna", "L"),
    ("folkpartiet", "L"),  # Folkpartiet liberalerna took the name Liberalerna in 2015
    ("miljöpartiet", "MP"),
)
PARTY_WORDS: tuple[str, ...] = (*(name.lower() for name, _ in PARTIES.values()), "folkpartiet")

# Recommendation labels ("Avslå"); the headline writes them in capitals.
RECOMMENDATIONS: dict[str, dict[str, str]] = {
    "sv": {"avslå": "Avslå", "bifalla": "Bifalla", "besvarad": "Anse besvarad", "granska": "Granska manuellt"},
    "en": {"avslå": "Reject", "bifalla": "Approve", "besvarad": "Consider answered", "granska": "Manual review"},
}
SEVERITIES: dict[str, dict[str, str]] = {
    "sv": {"hinder": "hinder i lag", "avvikelse": "avvikelse från styrdokument", "notering": "notering"},
    "en": {"hinder": "legal obstacle", "avvikelse": "departure from a steering document", "notering": "note"},
}
# The headings grounds are grouped under in the administration's views, by severity.
SEVERITY_HEADINGS: dict[str, dict[str, str]] = {
    "sv": {"hinder": "Rättsliga hinder", "avvikelse": "Avvikelser från styrdokument", "notering": "Noteringar"},
    "en": {"hinder": "Legal obstacles", "avvikelse": "Departures from steering documents", "notering": "Notes"},
}
COUNCIL_EN = {"kommunfullmäktige": "municipal council", "regionfullmäktige": "regional council"}
BODY_EN = {"Kommunstyrelsen": "municipal executive board", "Regionstyrelsen": "regional executive board"}
PARTNER_KINDS_EN = {"vänort": "twin town", "samarbetsort": "partner town", "systerstad": "sister city",
                    "projektpartner": "project partner"}  # fmt: skip
FACT_SOURCES: dict[str, dict[str, str]] = {
    "sv": {"extracted": "ur texten", "declared": "angiven", "profile": "ur profilen"},
    "en": {"extracted": "from the text", "declared": "declared", "profile": "from the profile"},
}

# Headings and fixed labels of every document the tool writes (terminal, Markdown, HTML, Word, report).
LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "doc_type": "Tjänsteskrivelse",
        "proposed_decision": "Förslag till beslut",
        "summary": "Sammanfattning",
        "background": "Bakgrund",
        "preparation": "Beredning",
        "matter": "Ärendet",
        "views": "{adm_gen} synpunkter",
        "documents": "Handlingar",
        "recipients": "Beslutet expedieras till",
        "references": "Källor",
        "review": "Behöver granskas manuellt",
        "notes": "Noteringar",
        "questions": "Frågor att utreda",
        "question": "Fråga att utreda",
        "proposer_questions": "Frågor att ställa till förslagsställaren",
        "evidence": "Ur motionen",
        "evidence_text": "Underlag i texten",
        "remedy": "Så kan förslaget ändras",
        "remedies": "Förslagets utformning",
        "source": "Källa",
        "sources": "källa",
        "unverified": "ordalydelsen är inte verifierad mot källan",
        "diary": "Dnr",
        "diary_placeholder": "[Diarienummer]",
        "name_placeholder": "[Namn]",
        "title_placeholder": "[Titel]",
        "recipient_placeholder": "[Mottagare]",
        "date_placeholder": "[datum]",
        "signatory_placeholder": "[Namn (parti)]",
        "subject_placeholder": "[ämne]",
        "rule_error": "kunde inte prövas",
        "recommendation": "Rekommendation",
        "grounds": "Skäl",
        "per_att_sats": "Per att-sats",
        "passed": "Uppfyllda regler",
        "exempted": "Undantag enligt lag",
        "not_applicable": "Berörs inte",
        "provenance": "Underlag för bedömningen",
        "check_title": "Bedömning av motion",
        "check_title_many": "Bedömning av motioner",
        "att_sats": "Motionens {ordinal} att-sats",
        "att_sats_short": "att-sats {number}",
        "split": "Delat beslut",
        "profile": "profil",
        "as_of": "bedömningsdag",
        "input": "indata",
        "facts": "Fakta",
        "chars": "tecken",
        "report_title": "Granskning av motioner",
        "motion": "Motion",
        "short_evidence": "Underlag",
        "short_remedy": "Åtgärd",
        "unreadable": "Kunde inte läsas",
        "count": "motioner",
        "short_questions": "Frågor",
        "lang_attr": "sv",
        "lang_tag": "sv-SE",
    },
    "en": {
        "doc_type": "Official report (tjänsteskrivelse)",
        "proposed_decision": "Proposed decision",
        "summary": "Summary",
        "background": "Background",
        "preparation": "Preparation",
        "matter": "The matter",
        "views": "Assessment by {adm}",
        "documents": "Documents",
        "recipients": "Decision to be sent to",
        "references": "Sources",
        "review": "Needs manual review",
        "notes": "Notes",
        "questions": "Questions to settle",
        "question": "Question to settle",
        "proposer_questions": "Questions for the proposer",
        "evidence": "From the motion",
        "evidence_text": "Evidence in the text",
        "remedy": "How the proposal could comply",
        "remedies": "How the proposal could be framed",
        "source": "Source",
        "sources": "source",
        "unverified": "wording not verified against the source",
        "diary": "Ref.",
        "diary_placeholder": "[Case number]",
        "name_placeholder": "[Name]",
        "title_placeholder": "[Title]",
        "recipient_placeholder": "[Recipient]",
        "date_placeholder": "[date]",
        "signatory_placeholder": "[Name (party)]",
        "subject_placeholder": "[subject]",
        "rule_error": "could not be evaluated",
        "recommendation": "Recommendation",
        "grounds": "Grounds",
        "per_att_sats": "Per clause",
        "passed": "Rules met",
        "exempted": "Exempted by law",
        "not_applicable": "Not concerned",
        "provenance": "Provenance",
        "check_title": "Assessment of motion",
        "check_title_many": "Assessment of motions",
        "att_sats": "The motion's {ordinal} clause",
        "att_sats_short": "clause {number}",
        "split": "Split decision",
        "profile": "profile",
        "as_of": "as of",
        "input": "input",
        "facts": "Facts",
        "chars": "characters",
        "report_title": "Screening of motions",
        "motion": "Motion",
        "short_evidence": "Evidence",
        "short_remedy": "Remedy",
        "unreadable": "Could not be read",
        "count": "motions",
        "short_questions": "Questions",
        "lang_attr": "en",
        "lang_tag": "en-GB",
    },
}
PLACEHOLDER_KEYS = ("diary_placeholder", "name_placeholder", "title_placeholder", "recipient_placeholder",
                    "date_placeholder", "signatory_placeholder", "subject_placeholder")  # fmt: skip

# The fixed sentences of the tjänsteskrivelse. {adm} is the administration, {council} the council.
PHRASES: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Svar på motion av {signatories} om {subject}",
        "title_anon": "Svar på motion om {subject}",
        "subject_cooperation": "samarbete med {places}",
        "submitted": "{signatories} har den {date} lämnat in rubricerad motion till {council}.",
        "proposes_party": "I {party_gen} motion föreslås {count} om {subject}.",
        "proposes": "I motionen föreslås {count} om {subject}.",
        "att_count_one": "en åtgärd",
        "att_count_many": "{n} åtgärder",
        "proposes_title": "Motionen gäller {subject}.",
        "prepared_by": "Motionen har beretts av {adm_lc}.",
        "att_intro_many": "Motionärerna föreslår att {council} beslutar",
        "att_intro_one": "Motionären föreslår att {council} beslutar",
        "handed_over": "Motionen har överlämnats till {adm_lc} för beredning.",
        "priority_areas": "{municipality}s prioriterade områden för det internationella arbetet är {areas}.",
        "networks": "{municipality} är medlem i {networks}.",
        "partners": "{municipality} samarbetar med {partners}.",
        "steering_intro": "Följande lagar och styrdokument gäller för ärendet:",
        "views_bifalla": "{adm} har inte funnit något hinder mot förslaget i lag eller i de styrdokument som har "
        "prövats.",
        "part_bifalla_none": "{adm} har inte funnit något hinder mot att-satsen i lag eller i de styrdokument som "
        "har prövats.",
        "evidence_quote": "I motionen står: ”{quote}”",
        "evidence_att": "Det framgår av motionens {ordinals} att-sats.",
        "review_intro": "Följande behöver utredas innan ärendet kan avgöras:",
        "open_note": "Utöver detta bör följande kontrolleras innan ärendet avgörs: {questions}",
        "remedies_intro": "Om motionärerna vill driva frågan vidare kan förslaget utformas så att det följer lag och "
        "styrdokument:",
        "conclude_avslå": "{adm} föreslår att motionen avslås.",
        "conclude_bifalla": "{adm} föreslår att motionen bifalls.",
        "conclude_besvarad": "{adm} föreslår att motionen anses besvarad.",
        "conclude_granska": "{adm} kan inte lämna något förslag till beslut förrän de frågor som anges ovan är "
        "utredda.",
        "conclude_parts": "{adm} föreslår att {parts}.",
        "part_avslå": "motionens {ordinal} att-sats avslås",
        "part_bifalla": "motionens {ordinal} att-sats bifalls",
        "part_besvarad": "motionens {ordinal} att-sats anses besvarad",
        "part_granska": "motionens {ordinal} att-sats utreds vidare",
        "and": "och",
        "and_that": "och att",
        "document_motion": "Motion av {signatories} om {subject}",
        "document_motion_anon": "Motion om {subject}",
        "the_administration": "Förvaltningen",
    },
    "en": {
        "title": "Response to the motion by {signatories} on {subject}",
        "title_anon": "Response to the motion on {subject}",
        "subject_cooperation": "cooperation with {places}",
        "submitted": "{signatories} submitted the motion to the {council} on {date}.",
        "proposes_party": "The motion by {party} proposes {count} on {subject}.",
        "proposes": "The motion proposes {count} on {subject}.",
        "att_count_one": "one measure",
        "att_count_many": "{n} measures",
        "proposes_title": "The motion concerns {subject}.",
        "prepared_by": "The motion has been prepared by {adm}.",
        "att_intro_many": "The motion's authors propose that the {council} resolve",
        "att_intro_one": "The motion's author proposes that the {council} resolve",
        "handed_over": "The motion was referred to {adm} for preparation.",
        "priority_areas": "The priority areas of {municipality}'s international work are {areas}.",
        "networks": "{municipality} is a member of {networks}.",
        "partners": "{municipality} cooperates with {partners}.",
        "steering_intro": "The following laws and steering documents apply:",
        "views_bifalla": "{adm} has found no obstacle to the proposal in law or in the steering documents checked.",
        "part_bifalla_none": "{adm} has found no obstacle to this clause in law or in the steering documents checked.",
        "evidence_quote": "The motion says: “{quote}”",
        "evidence_att": "This follows from the motion's {ordinals} clause{s}.",
        "review_intro": "The following must be settled before the matter can be decided:",
        "open_note": "In addition, the following should be checked before the matter is decided: {questions}",
        "remedies_intro": "Should the authors wish to pursue the matter, the proposal could be framed to comply "
        "with law and the steering documents:",
        "conclude_avslå": "{adm} proposes that the motion be rejected.",
        "conclude_bifalla": "{adm} proposes that the motion be approved.",
        "conclude_besvarad": "{adm} proposes that the motion be considered answered.",
        "conclude_granska": "{adm} cannot propose a decision until the questions above are settled.",
        "conclude_parts": "{adm} proposes that {parts}.",
        "part_avslå": "the motion's {ordinal} clause{s} be rejected",
        "part_bifalla": "the motion's {ordinal} clause{s} be approved",
        "part_besvarad": "the motion's {ordinal} clause{s} be considered answered",
        "part_granska": "the motion's {ordinal} clause{s} be investigated further",
        "and": "and",
        "and_that": "and that",
        "document_motion": "Motion by {signatories} on {subject}",
        "document_motion_anon": "Motion on {subject}",
        "the_administration": "The administration",
    },
}


# --------------------------------------------------------------------------- small word functions


def join_words(items: Iterable[str], lang: str, word: str | None = None) -> str:
    """'a', 'a och b', 'a, b och c' (or with 'and', or the given word)."""
    xs = [x for x in items if x]
    conj = word or PHRASES[lang]["and"]
    if len(xs) <= 1:
        return "".join(xs)
    return ", ".join(xs[:-1]) + f" {conj} " + xs[-1]


def join_clauses(items: Iterable[str], lang: str) -> str:
    """join_words for verb phrases that may carry their own comma ('…, vilket ligger utanför …'): then
    a comma before the last 'och', so the last phrase is not read as part of the one before it."""
    xs = [x for x in items if x]
    if len(xs) > 1 and any("," in x for x in xs[:-1]):
        return ", ".join(xs[:-1]) + f", {PHRASES[lang]['and']} " + xs[-1]
    return join_words(xs, lang)


def ordinal(n: int, lang: str) -> str:
    """1 → 'första' / 'first'; past ten, '11:e' / '11th'."""
    words = ORDINALS[lang]
    if 1 <= n <= len(words):
        return words[n - 1]
    return f"{n}:e" if lang == "sv" else f"{n}th"


def number_words(n: int, lang: str) -> str:
    """3 → 'tre' / 'three'; past twelve, the digits."""
    words = NUMBERS[lang]
    return words[n] if 0 <= n < len(words) else str(n)


def long_date(iso_date: str, lang: str) -> str:
    """2025-04-28 → '28 april 2025' / '28 April 2025'; anything else unchanged."""
    try:
        d = dt.date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"


def genitive(name: str) -> str:
    """Swedish genitive: 'Stadsledningsförvaltningen' → 'Stadsledningsförvaltningens', 'Solna stad' → 'Solna stads'."""
    if not name:
        return name
    return name if name[-1].lower() in "sxz" else name + "s"


def lower_first(word: str) -> str:
    """Lower-case an authority's name inside a sentence: 'Stadsledningsförvaltningen' → 'stadsledningsförvaltningen'."""
    return word[:1].lower() + word[1:] if word[:1].isupper() and word[1:2].islower() else word


def recommendation_label(recommendation: str, lang: str, parts: Iterable[tuple[int, str]] = ()) -> str:
    """'Avslå', or for a split decision 'Delat beslut: att-sats 1 bifalla, att-sats 2 avslå'."""
    split = list(parts)
    recs = RECOMMENDATIONS[lang]
    if not split:
        return recs[recommendation]
    lab = LABELS[lang]
    each = [f"{lab['att_sats_short'].format(number=n)} {recs[r].lower()}" for n, r in split]
    return f"{lab['split']}: " + ", ".join(each)


# Words for fact values in running text.
VALUE_WORDS: dict[str, dict[str, str]] = {
    "sv": {"unknown": "okänt", "none": "inga", "yes": "ja", "no": "nej", "no_place": "ingen ort angiven",
           "in": "{name} i {country}"},
    "en": {"unknown": "unknown", "none": "none", "yes": "yes", "no": "no", "no_place": "no place given",
           "in": "{name}, {country}"},
}  # fmt: skip


def list_words(items: Iterable[str], lang: str) -> str:
    """join_words, or 'inga' / 'none' for an empty list."""
    return join_words(items, lang) or VALUE_WORDS[lang]["none"]


# PHRASES speak of a motion. A medborgarförslag gets the same sentences with its own nouns, so that
# the document never calls it a motion while the decision calls it a medborgarförslag. Longer first.
_KIND_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "sv": (
        ("Svar på motion", "Svar på medborgarförslag"),
        ("rubricerad motion", "rubricerat medborgarförslag"),
        (" motion föreslås", " medborgarförslag föreslås"),
        ("Motionärerna", "Förslagsställarna"),
        ("Motionären", "Förslagsställaren"),
        ("motionärerna", "förslagsställaren"),
        ("Motionens", "Medborgarförslagets"),
        ("motionens", "medborgarförslagets"),
        ("Motionen", "Medborgarförslaget"),
        ("motionen", "medborgarförslaget"),
        ("Motion av", "Medborgarförslag av"),
        ("Motion om", "Medborgarförslag om"),
    ),
    "en": (
        ("The motion's authors", "The proposers"),
        ("The motion's author", "The proposer"),
        ("the authors", "the proposer"),
        ("the motion's", "the citizens' proposal's"),
        ("The motion", "The citizens' proposal"),
        ("the motion", "the citizens' proposal"),
        ("Motion by", "Citizens' proposal by"),
        ("Motion on", "Citizens' proposal on"),
    ),
}


def phrases_for(lang: str, kind: str = "motion") -> dict[str, str]:
    """The document's fixed sentences for this kind of proposal (motion or medborgarforslag)."""
    ph = PHRASES[lang]
    if kind != "medborgarforslag":
        return ph
    out: dict[str, str] = {}
    for key, text in ph.items():
        for old, new in _KIND_WORDS[lang]:
            text = text.replace(old, new)
        out[key] = text
    return out


def parts_phrase(parts: Iterable[tuple[int, str]], lang: str, kind: str = "motion") -> str:
    """What is proposed per att-sats, the att-satser with the same outcome together: 'motionens första och
    tredje att-sats avslås och att motionens andra att-sats bifalls'."""
    grouped: dict[str, list[int]] = {}
    for number, rec in parts:
        grouped.setdefault(rec, []).append(number)
    ph = phrases_for(lang, kind)
    each = [
        ph[f"part_{rec}"].format(
            ordinal=join_words([ordinal(n, lang) for n in numbers], lang), s="s" if len(numbers) > 1 else ""
        )
        for rec, numbers in grouped.items()
    ]
    return join_words(each, lang, ph["and_that"])
