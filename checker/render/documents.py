"""Documents for people: the verdict section and the whole tjänsteskrivelse, in Markdown, HTML and Word.

Renderers format; they never decide. Everything shown comes from the Verdict (recommendation,
decision sentence, findings with citations and evidence) and the PolicySet (profile names, context,
steering documents). This module turns both into a plain *context* of strings and lists, and the
templates in ``checker/templates/`` lay that context out:

- ``verdict.md.j2`` / ``verdict.html.j2``: the verdict section alone (``council-check check --format``);
- ``tjansteskrivelse.md.j2`` / ``tjansteskrivelse.html.j2`` / ``tjansteskrivelse.docx``: the draft.

Every template, bundled or the user's own (``--template``), runs in a Jinja2 SandboxedEnvironment with
StrictUndefined. A template error becomes one CheckerError line naming the template, the line and the
variable, e.g. ``min-mall.md.j2: rad 12: okänd variabel 'foo'``.

The draft context (``doc``) has: lang, labels (headings and fixed phrases), administration,
administration_lc, administration_gen, municipality, body, council, doc_type, date, date_long,
diary_number, title, decision, summary (list of paragraphs), background (paragraphs), att_intro,
att_satser (number, text), preparation, matter (paragraphs), priority_areas, steering_intro,
steering_documents (title, decision, url), views (intro, sections with grounds, review, notes, passed,
conclusion), references (number, reference, quote, url, note), documents, signatures (name, title),
recipients; plus ``verdict`` and ``profile`` as plain dicts for custom templates.
A ground has: rule_id, title, kind, message, refs (list of reference numbers), refs_text, evidence
(quotes), remedy, question.

Same input, same bytes: no clock is read; a .docx gets its core properties and zip timestamps from
the verdict's as-of date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from checker.errors import CheckerError, InputError, Problem
from checker.models import Fact, Finding, Verdict

if TYPE_CHECKING:
    from checker.load import PolicySet

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
FORMATS = ("markdown", "html", "docx")
BUILTIN = {
    ("draft", "markdown"): "tjansteskrivelse.md.j2",
    ("draft", "html"): "tjansteskrivelse.html.j2",
    ("draft", "docx"): "tjansteskrivelse.docx",
    ("check", "markdown"): "verdict.md.j2",
    ("check", "html"): "verdict.html.j2",
}

MONTHS = {
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}  # fmt: skip
ORDINALS = {
    "sv": ["första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde"],
    "en": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
}
# Party abbreviation → (name, genitive). Local parties keep their abbreviation.
PARTIES = {
    "S": ("Socialdemokraterna", "Socialdemokraternas"),
    "M": ("Moderaterna", "Moderaternas"),
    "SD": ("Sverigedemokraterna", "Sverigedemokraternas"),
    "C": ("Centerpartiet", "Centerpartiets"),
    "V": ("Vänsterpartiet", "Vänsterpartiets"),
    "KD": ("Kristdemokraterna", "Kristdemokraternas"),
    "L": ("Liberalerna", "Liberalernas"),
    "MP": ("Miljöpartiet", "Miljöpartiets"),
}

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
        "evidence": "Ur motionen",
        "remedy": "Så kan förslaget ändras",
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
        "hinder": "hinder i lag",
        "avvikelse": "avvikelse från styrdokument",
        "notering": "notering",
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
        "rec_avslå": "Avslå",
        "rec_bifalla": "Bifalla",
        "rec_besvarad": "Anse besvarad",
        "rec_granska": "Granska manuellt",
        "lang_attr": "sv",
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
        "evidence": "From the motion",
        "remedy": "How the proposal could comply",
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
        "hinder": "legal obstacle",
        "avvikelse": "departure from a steering document",
        "notering": "note",
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
        "rec_avslå": "Reject",
        "rec_bifalla": "Approve",
        "rec_besvarad": "Consider answered",
        "rec_granska": "Manual review",
        "lang_attr": "en",
    },
}

PHRASES: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Svar på motion av {signatories} om {subject}",
        "title_anon": "Svar på motion om {subject}",
        "subject_cooperation": "samarbete med {places}",
        "submitted": "{signatories} har den {date} lämnat in rubricerad motion till {council}.",
        "proposes_party": "I {party_gen} motion föreslås att {council} beslutar {asks}.",
        "proposes": "I motionen föreslås att {council} beslutar {asks}.",
        "proposes_title": "Motionen gäller {subject}.",
        "prepared_by": "Motionen har beretts av {adm_lc}.",
        "att_intro_many": "Motionärerna föreslår att {council} beslutar",
        "att_intro_one": "Motionären föreslår att {council} beslutar",
        "handed_over": "Motionen har överlämnats till {adm_lc} för beredning.",
        "priority_areas": "{municipality}s prioriterade områden för det internationella arbetet är {areas}.",
        "networks": "{municipality} är medlem i {networks}.",
        "partners": "{municipality} samarbetar med {partners}.",
        "steering_intro": "Följande lagar och styrdokument gäller för ärendet:",
        "views_intro": "{adm} har prövat motionen mot {sources}.",
        "views_bifalla": "{adm} har inte funnit något hinder mot förslaget i lag eller i de styrdokument som har "
        "prövats.",
        "part_bifalla_none": "{adm} har inte funnit något hinder mot att-satsen i lag eller i de styrdokument som "
        "har prövats.",
        "review_intro": "Följande behöver granskas manuellt innan ärendet avgörs:",
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
        "also_that": "samt att",
        "document_motion": "Motion av {signatories} om {subject}",
        "document_motion_anon": "Motion om {subject}",
        "the_administration": "Förvaltningen",
    },
    "en": {
        "title": "Response to the motion by {signatories} on {subject}",
        "title_anon": "Response to the motion on {subject}",
        "subject_cooperation": "cooperation with {places}",
        "submitted": "{signatories} submitted the motion to the {council} on {date}.",
        "proposes_party": "The motion by {party} proposes that the {council} resolve {asks}.",
        "proposes": "The motion proposes that the {council} resolve {asks}.",
        "proposes_title": "The motion concerns {subject}.",
        "prepared_by": "The motion has been prepared by {adm}.",
        "att_intro_many": "The motion's authors propose that the {council} resolve",
        "att_intro_one": "The motion's author proposes that the {council} resolve",
        "handed_over": "The motion was referred to {adm} for preparation.",
        "priority_areas": "The priority areas of {municipality}'s international work are {areas}.",
        "networks": "{municipality} is a member of {networks}.",
        "partners": "{municipality} cooperates with {partners}.",
        "steering_intro": "The following laws and steering documents apply:",
        "views_intro": "{adm} has assessed the motion against {sources}.",
        "views_bifalla": "{adm} has found no obstacle to the proposal in law or in the steering documents checked.",
        "part_bifalla_none": "{adm} has found no obstacle to this clause in law or in the steering documents checked.",
        "review_intro": "The following needs manual review before the matter is decided:",
        "conclude_avslå": "{adm} proposes that the motion be rejected.",
        "conclude_bifalla": "{adm} proposes that the motion be approved.",
        "conclude_besvarad": "{adm} proposes that the motion be considered answered.",
        "conclude_granska": "{adm} cannot propose a decision until the questions above are settled.",
        "conclude_parts": "{adm} proposes that {parts}.",
        "part_avslå": "the motion's {ordinal} clause be rejected",
        "part_bifalla": "the motion's {ordinal} clause be approved",
        "part_besvarad": "the motion's {ordinal} clause be considered answered",
        "part_granska": "the motion's {ordinal} clause be investigated further",
        "and": "and",
        "and_that": "and that",
        "also_that": "and that",
        "document_motion": "Motion by {signatories} on {subject}",
        "document_motion_anon": "Motion on {subject}",
        "the_administration": "The administration",
    },
}

COUNCIL_EN = {"kommunfullmäktige": "municipal council", "regionfullmäktige": "regional council"}
PARTNER_KINDS_EN = {"vänort": "twin town", "samarbetsort": "partner town", "systerstad": "sister city",
                    "projektpartner": "project partner"}  # fmt: skip


# --------------------------------------------------------------------------- small formatting helpers


def join_words(items: Iterable[str], lang: str, word: str | None = None) -> str:
    """'a', 'a och b', 'a, b och c' (or with 'and')."""
    xs = [x for x in items if x]
    conj = word or PHRASES[lang]["and"]
    if len(xs) <= 1:
        return "".join(xs)
    return ", ".join(xs[:-1]) + f" {conj} " + xs[-1]


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


_BODY_WORDS = re.compile(r"\b(Kommunstyrelse|Kommunfullmäktige|Regionstyrelse|Regionfullmäktige|Stadsledningskontor)")


def _mid_sentence(text: str) -> str:
    """Names of municipal bodies are written in lower case inside running text (klarspråk, TNC)."""
    return _BODY_WORDS.sub(lambda m: m.group(1).lower(), text)


def _ask(att_text: str) -> str:
    """'att Kommunstyrelsen får i uppdrag att utreda X.' → 'Kommunstyrelsen får i uppdrag att utreda X' (no 'att')."""
    t = re.sub(r"^\s*[-–•*]?\s*(?:att\s+)?", "", att_text.strip(), flags=re.IGNORECASE)
    return t.rstrip(" .;,")


_SIGNATORY = re.compile(r"^(?P<name>.*?)\s*\((?P<party>[^()]+)\)\s*$")


def _parties(signatories: list[str]) -> list[str]:
    out = []
    for s in signatories:
        m = _SIGNATORY.match(s)
        out.append(m.group("party").strip() if m else "")
    return out


def _fact(verdict: Verdict, name: str) -> Fact | None:
    for f in verdict.facts:
        if f.name == name:
            return f
    return None


def _subject(verdict: Verdict, lang: str) -> str:
    """What the motion is about, for the title: the title's own 'om …' phrase, else the cooperation, else the title."""
    title = str(verdict.proposal.get("title") or "").strip().rstrip(".")
    title = re.sub(r"^(?:ämne|rubrik|angående|ang\.)\s*:\s*", "", title, flags=re.IGNORECASE)
    m = re.match(r"^(?:motion\s*(?:[:–-]\s*)?)?(?:om|angående|gällande|rörande)\s+(.+)$", title, flags=re.IGNORECASE)
    if m:
        return m.group(1)
    kinds = _fact(verdict, "cooperation_kinds")
    places = _fact(verdict, "partner_places")
    coop = {"friendship_agreement", "concrete_project", "exchange", "development_aid"}
    if (
        kinds is not None
        and kinds.known
        and coop & set(kinds.value or [])
        and places is not None
        and places.known
        and places.value
    ):
        names = [str(p["name"]) for p in places.value]
        return PHRASES[lang]["subject_cooperation"].format(places=join_words(names, lang))
    if title:
        return f"”{title}”" if lang == "sv" else f"“{title}”"
    return LABELS[lang]["subject_placeholder"]


# --------------------------------------------------------------------------- context


class _Refs:
    """Numbered source list: each cited clause once, numbered in order of first citation."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.items: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}

    def add(self, finding: Finding) -> list[int]:
        numbers = []
        for c in finding.citations:
            if c.clause_id not in self._index:
                self._index[c.clause_id] = len(self.items) + 1
                self.items.append(
                    {
                        "number": len(self.items) + 1,
                        "clause_id": c.clause_id,
                        "reference": c.reference,
                        "quote": c.quote,
                        "url": c.url or "",
                        "source_title": c.source_title,
                        "note": "" if c.verified else _unverified(c.note, self.lang),
                    }
                )
            n = self._index[c.clause_id]
            if n not in numbers:
                numbers.append(n)
        return numbers


def _ground(f: Finding, refs: _Refs, lang: str) -> dict[str, Any]:
    numbers = refs.add(f)
    lab = LABELS[lang]
    kind = lab["rule_error"] if f.outcome == "rule_error" else lab[f.severity]
    return {
        "rule_id": f.rule_id,
        "title": f.title,
        "kind": kind,
        "severity": f.severity,
        "outcome": f.outcome,
        "message": f.message,
        "refs": numbers,
        "refs_text": f"({lab['sources']} {', '.join(str(n) for n in numbers)})" if numbers else "",
        "evidence": [e.quote for e in f.evidence],
        "remedy": f.remedy or "",
        "question": f.question or "",
        "citations": [
            {
                "reference": c.reference,
                "quote": c.quote,
                "url": c.url or "",
                "note": "" if c.verified else _unverified(c.note, lang),
            }
            for c in f.citations
        ],
    }


def _per_att_sats(verdict: Verdict) -> bool:
    """True when the verdict's decision is the per-att-sats one (it then differs from every whole-motion sentence)."""
    recs = {a.recommendation for a in verdict.att_satser}
    return len(recs) > 1 and verdict.decision not in {a.decision for a in verdict.att_satser}


def _profile_names(policy_set: PolicySet, lang: str) -> dict[str, str]:
    prof = policy_set.profile
    adm = str(prof.get("administration") or ("Förvaltningen" if lang == "sv" else "The administration"))
    council = str(prof.get("council") or "kommunfullmäktige")
    return {
        "adm": adm,
        "adm_lc": lower_first(adm) if lang == "sv" else adm,
        "adm_gen": genitive(adm),
        "municipality": str(prof.get("municipality") or ""),
        "body": str(prof.get("body") or "Kommunstyrelsen"),
        "council": council if lang == "sv" else COUNCIL_EN.get(council, council),
    }


def draft_context(verdict: Verdict, policy_set: PolicySet, lang: str) -> dict[str, Any]:
    """Everything the tjänsteskrivelse shows, as plain strings and lists, taken from the verdict and policy set."""
    ph = PHRASES[lang]
    lab = dict(LABELS[lang])
    names = _profile_names(policy_set, lang)
    adm, adm_lc = names["adm"], names["adm_lc"]
    lab["views"] = lab["views"].format(adm_gen=names["adm_gen"], adm=adm)
    prop = verdict.proposal
    signatories = [str(s) for s in prop.get("signatories") or []]
    sig_text = join_words(signatories, lang) or lab["signatory_placeholder"]
    subject = _subject(verdict, lang)
    diaries = [str(d) for d in prop.get("diary_numbers") or []]
    motion_numbers = [d for d in diaries if re.match(r"^M\s*[:.]", d)]
    case_numbers = [d for d in diaries if d not in motion_numbers]
    title = (ph["title"] if signatories else ph["title_anon"]).format(signatories=sig_text, subject=subject)
    if motion_numbers:
        title += " " + motion_numbers[0]
    submitted = str(prop.get("submitted") or "")
    date_text = long_date(submitted, lang) if submitted else lab["date_placeholder"]
    att_texts = [str(a) for a in prop.get("att_satser") or []]
    parties = {p for p in _parties(signatories) if p}

    # Sammanfattning
    first = ph["submitted"].format(signatories=sig_text, date=date_text, council=names["council"])
    # In English the att-satser stay in Swedish, quoted.
    asks = [_mid_sentence(_ask(a)) if lang == "sv" else f"“att {_ask(a)}”" for a in att_texts]
    if asks:
        conj = ph["also_that"] if lang == "sv" else ph["and"]
        joined = asks[0] if len(asks) == 1 else ", ".join(asks[:-1]) + f", {conj} " + asks[-1]
        if lang == "sv":
            joined = "att " + joined
        council = names["council"]
        party = next(iter(parties)) if len(parties) == 1 else ""
        if party in PARTIES:
            proposes = ph["proposes_party"].format(
                party_gen=PARTIES[party][1], party=PARTIES[party][0], asks=joined, council=council
            )
        else:
            proposes = ph["proposes"].format(asks=joined, council=council)
    else:
        proposes = ph["proposes_title"].format(subject=subject)
    summary_text = verdict.summary
    generic = ph["the_administration"]
    if summary_text.startswith(generic + " "):
        summary_text = adm + summary_text[len(generic) :]
    summary = [f"{first} {proposes}", ph["prepared_by"].format(adm_lc=adm_lc, adm=adm)]

    # Synpunkter
    refs = _Refs(lang)
    by_id = {f.rule_id: f for f in verdict.findings}
    per_att = _per_att_sats(verdict)
    sections: list[dict[str, Any]] = []
    ground_ids: set[str] = set()
    if per_att:
        for a in verdict.att_satser:
            ordinal = ORDINALS[lang][min(a.number, 10) - 1]
            gs = [by_id[r] for r in a.grounds if r in by_id and by_id[r].outcome == "violation"]
            ground_ids |= {g.rule_id for g in gs}
            sections.append(
                {
                    "heading": lab["att_sats"].format(ordinal=ordinal),
                    "att_sats": a.text,
                    "recommendation": a.recommendation,
                    "grounds": [_ground(g, refs, lang) for g in gs],
                    "none": ph["part_bifalla_none"].format(adm=adm) if not gs else "",
                }
            )
    else:
        gs = [by_id[r] for r in verdict.grounds if r in by_id and by_id[r].outcome == "violation"]
        ground_ids |= {g.rule_id for g in gs}
        if gs:
            sections.append(
                {"heading": "", "att_sats": "", "recommendation": verdict.recommendation,
                 "grounds": [_ground(g, refs, lang) for g in gs], "none": ""}
            )  # fmt: skip
    review = [_ground(f, refs, lang) for f in verdict.findings if f.outcome in ("needs_review", "rule_error")]
    notes = [
        _ground(f, refs, lang) for f in verdict.findings if f.outcome == "violation" and f.rule_id not in ground_ids
    ]
    passed = [f.message for f in verdict.findings if f.outcome == "pass" and f.message]
    if per_att:
        parts = [
            ph[f"part_{a.recommendation}"].format(ordinal=ORDINALS[lang][min(a.number, 10) - 1])
            for a in verdict.att_satser
        ]
        conclusion = ph["conclude_parts"].format(adm=adm, parts=join_words(parts, lang, ph["and_that"]))
    else:
        conclusion = ph[f"conclude_{verdict.recommendation}"].format(adm=adm)
    summary.append(summary_text if not per_att else conclusion)
    steering = [
        {
            "title": p.title,
            "short": p.short,
            "decision": str(p.doc.get("decision") or ""),
            "url": p.url or "",
            "note": "" if p.verified else lower_first(str(p.doc.get("verified_note") or "")).rstrip("."),
        }
        for p in policy_set.policies.values()
    ]
    views_intro = ph["views_intro"].format(adm=adm, sources=join_words([p["title"] for p in steering], lang))
    views = {
        "intro": [views_intro] + ([ph["views_bifalla"].format(adm=adm)] if verdict.recommendation == "bifalla" else []),
        "sections": sections,
        "review_intro": ph["review_intro"] if review else "",
        "review": review,
        "notes": notes,
        "passed": passed if verdict.recommendation == "bifalla" and not per_att else [],
        "conclusion": conclusion,
    }

    # Ärendet
    ctx = policy_set.context
    matter: list[str] = []
    priority = ""
    if ctx is not None:
        matter.extend(ctx.existing_work)
        mun = names["municipality"] or ctx.municipality
        if not ctx.existing_work:
            if ctx.networks:
                nets = join_words([n.name for n in ctx.networks], lang)
                matter.append(ph["networks"].format(municipality=mun, networks=nets))
            if ctx.partners:
                kinds = (lambda k: k) if lang == "sv" else (lambda k: PARTNER_KINDS_EN.get(k, k))
                plist = [f"{p.name} ({kinds(p.kind)})" for p in ctx.partners]
                matter.append(ph["partners"].format(municipality=mun, partners=join_words(plist, lang)))
        if ctx.priority_areas:
            areas = [a.label_sv if lang == "sv" else a.label_en for a in ctx.priority_areas]
            priority = ph["priority_areas"].format(municipality=mun, areas=join_words(areas, lang))
    document_motion = (ph["document_motion"] if signatories else ph["document_motion_anon"]).format(
        signatories=sig_text, subject=subject
    )
    if motion_numbers:
        document_motion += " " + motion_numbers[0]

    return {
        "lang": lang,
        "labels": lab,
        "administration": adm,
        "administration_lc": adm_lc,
        "administration_gen": names["adm_gen"],
        "municipality": names["municipality"],
        "body": names["body"],
        "council": names["council"],
        "doc_type": lab["doc_type"],
        "date": verdict.provenance.as_of,
        "date_long": long_date(verdict.provenance.as_of, lang),
        "diary_number": case_numbers[0] if case_numbers else lab["diary_placeholder"],
        "title": title,
        "subject": subject,
        "recommendation": verdict.recommendation,
        "decision": verdict.decision,
        "per_att_sats": per_att,
        "summary": summary,
        "background": [first],
        "att_intro": (ph["att_intro_many"] if len(signatories) > 1 else ph["att_intro_one"]).format(
            council=names["council"]
        )
        if att_texts
        else "",
        "att_satser": [{"number": i + 1, "text": t} for i, t in enumerate(att_texts)],
        "preparation": ph["handed_over"].format(adm_lc=adm_lc, adm=adm),
        "matter": matter,
        "priority_areas": priority,
        "steering_intro": ph["steering_intro"],
        "steering_documents": steering,
        "views": views,
        "references": refs.items,
        "documents": [document_motion],
        "signatures": [
            {"name": lab["name_placeholder"], "title": lab["title_placeholder"]},
            {"name": lab["name_placeholder"], "title": lab["title_placeholder"]},
        ],
        "recipients": [lab["recipient_placeholder"]],
        "verdict": verdict.model_dump(mode="json"),
        "profile": dict(policy_set.profile),
    }


def check_context(verdicts: list[Verdict], lang: str) -> dict[str, Any]:
    """The verdict section(s): one entry per motion, in input order."""
    lab = LABELS[lang]
    motions = []
    for v in verdicts:
        refs = _Refs(lang)
        grounds = [_ground(f, refs, lang) for f in v.findings if f.rule_id in v.grounds and f.outcome == "violation"]
        review = [_ground(f, refs, lang) for f in v.findings if f.outcome in ("needs_review", "rule_error")]
        notes = [_ground(f, refs, lang) for f in v.findings if f.outcome == "violation" and f.rule_id not in v.grounds]
        p = v.provenance
        provenance = (
            f"council-checker {p.tool_version}, {p.engine}, {'profil' if lang == 'sv' else 'profile'} {p.profile} "
            f"({p.policy_set_hash[:12]}), {'bedömningsdag' if lang == 'sv' else 'as of'} {p.as_of}"
            + (f", {'indata' if lang == 'sv' else 'input'} sha256 {p.input_sha256[:12]}" if p.input_sha256 else "")
        )
        motions.append(
            {
                "title": str(v.proposal.get("title") or v.proposal.get("name") or p.input_name or "—"),
                "recommendation": v.recommendation,
                "recommendation_label": lab[f"rec_{v.recommendation}"],
                "decision": v.decision,
                "summary": v.summary,
                "grounds": grounds,
                "review": review,
                "notes": notes,
                "questions": list(v.questions),
                "att_satser": [
                    {
                        "number": a.number,
                        "text": a.text,
                        "recommendation_label": lab[f"rec_{a.recommendation}"],
                        "grounds": list(a.grounds),
                    }
                    for a in v.att_satser
                ],
                "passed": [f.rule_id for f in v.findings if f.outcome == "pass" and not f.exemption],
                "exempted": [f.rule_id for f in v.findings if f.outcome == "pass" and f.exemption],
                "not_applicable": [f.rule_id for f in v.findings if f.outcome == "not_applicable"],
                "provenance": provenance,
                "verdict": v.model_dump(mode="json"),
            }
        )
    return {
        "lang": lang,
        "labels": dict(lab),
        "title": lab["check_title"] if len(verdicts) == 1 else lab["check_title_many"],
        "motions": motions,
    }


# --------------------------------------------------------------------------- Jinja


_MD_SPECIAL = re.compile(r"([\\`*_<>])")


def md_escape(value: Any) -> str:
    """Escape the characters that would change the meaning of Markdown inline text."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def oneline(value: Any) -> str:
    """Join a multi-line quote (a numbered statute paragraph) into one line."""
    return " ".join(str(value).split())


def _environment(folder: Path, *, autoescape: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["oneline"] = oneline
    return env


def _template_error(display: str, exc: BaseException, filename: str | None, lang: str = "sv") -> CheckerError:
    """One line: template, line, what went wrong (the variable by name)."""
    line: int | None = getattr(exc, "lineno", None)
    if line is None and filename is not None:
        import traceback

        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename == filename and frame.lineno:
                line = frame.lineno
    message = str(getattr(exc, "message", None) or exc)
    if isinstance(exc, SecurityError) or "unsafe" in message:
        what = f"otillåten åtkomst i mallen ({message})"
    elif isinstance(exc, UndefinedError):
        m = re.search(r"'([^']+)' is undefined", message)
        a = re.search(r"has no attribute '([^']+)'", message)
        if m:
            what = f"okänd variabel '{m.group(1)}'"
        elif a:
            what = f"okänt fält '{a.group(1)}'"
        else:
            what = f"okänt värde ({message})"
    elif isinstance(exc, TemplateSyntaxError):
        what = f"fel i mallens syntax: {message}"
    else:
        what = f"mallen kunde inte fyllas i: {message}"
    where = f"rad {line}" if line else ""
    return CheckerError([Problem(display, where, what)])


def _render_jinja(path: Path, context: dict[str, Any], *, html: bool, display: str | None = None) -> str:
    env = _environment(path.parent, autoescape=html)
    shown = display or path.name
    try:
        template = env.get_template(path.name)
        out = template.render(context)
    except TemplateNotFound as exc:
        raise InputError(shown, f"mallen hittades inte: {exc.name}") from None
    except (TemplateError, SecurityError) as exc:
        raise _template_error(shown, exc, getattr(exc, "filename", None) or str(path)) from None
    except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError) as exc:
        raise _template_error(shown, exc, str(path)) from None
    return _normalise_text(out)


def _normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


# --------------------------------------------------------------------------- Word


def docx_datetime(as_of: str) -> dt.datetime:
    """The one timestamp a document gets: midnight UTC of the as-of date (zip needs ≥ 1980)."""
    d = dt.date.fromisoformat(as_of)
    return dt.datetime(max(d.year, 1980), d.month, d.day, tzinfo=dt.UTC)


def normalize_docx(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a .docx (zip) with fixed entry timestamps and attributes: same content, same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=stamp)
            new.compress_type = zipfile.ZIP_DEFLATED
            new.create_system = 3
            new.external_attr = 0o644 << 16
            dst.writestr(new, src.read(info.filename))
    return out.getvalue()


def set_core_properties(document: Any, *, title: str, when: dt.datetime, author: str, lang: str) -> None:
    """Fixed core properties (no clock): created/modified from the as-of date."""
    cp = document.core_properties
    naive = when.replace(tzinfo=None)
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.created = naive
    cp.modified = naive
    cp.last_printed = naive
    cp.revision = 1
    cp.language = "sv-SE" if lang == "sv" else "en-GB"
    cp.comments = "council-checker"
    cp.subject = ""
    cp.keywords = ""
    cp.category = ""


def _docx_from_template(path: Path, context: dict[str, Any], *, display: str, title: str, as_of: str) -> bytes:
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception as exc:  # a broken .docx is a user's input error, not a crash
        raise InputError(display, f"mallen kan inte öppnas som Word-dokument ({type(exc).__name__})") from None
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters["oneline"] = oneline
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except (TemplateError, SecurityError) as exc:
        err = _template_error(display, exc, None)
        line = getattr(exc, "lineno", None)
        if line:  # docxtpl puts each Word paragraph on its own line of the XML it renders
            err = CheckerError([Problem(display, f"stycke {max(line - 1, 1)}", err.problems[0].message)], err.exit_code)
        raise err from None
    when = docx_datetime(as_of)
    set_core_properties(tpl.docx, title=title, when=when, author="council-checker", lang=str(context["lang"]))
    buf = io.BytesIO()
    tpl.docx.save(buf)
    return normalize_docx(buf.getvalue(), when)


def _check_docx(ctx: dict[str, Any], as_of: str) -> bytes:
    """The verdict section as Word, written directly with python-docx (no template: it is a report, not a form)."""
    from docx import Document

    lab = ctx["labels"]
    doc = Document()
    doc.add_heading(ctx["title"], level=0)

    def finding(g: dict[str, Any]) -> None:
        p = doc.add_paragraph()
        p.add_run(f"{g['title']} ").bold = True
        p.add_run(f"({g['kind']}, {g['rule_id']})")
        doc.add_paragraph(g["message"])
        for q in g["evidence"]:
            doc.add_paragraph(f"{lab['evidence']}: ”{q}”", style="Quote")
        for c in g["citations"]:
            note = f" ({c['note']})" if c["note"] else ""
            doc.add_paragraph(f"{lab['source']}: {c['reference']}{note}: ”{c['quote']}”")
        if g["remedy"]:
            doc.add_paragraph(f"{lab['remedy']}: {g['remedy']}")
        if g["question"] and g["outcome"] != "violation":
            doc.add_paragraph(f"{lab['question']}: {g['question']}")

    for m in ctx["motions"]:
        doc.add_heading(m["title"], level=1)
        p = doc.add_paragraph()
        p.add_run(f"{lab['recommendation']}: ").bold = True
        p.add_run(m["recommendation_label"])
        p = doc.add_paragraph()
        p.add_run(f"{lab['proposed_decision']}: ").bold = True
        p.add_run(m["decision"])
        doc.add_paragraph(m["summary"])
        for key, heading in (("grounds", lab["grounds"]), ("review", lab["review"]), ("notes", lab["notes"])):
            if m[key]:
                doc.add_heading(heading, level=2)
                for g in m[key]:
                    finding(g)
        if m["att_satser"]:
            doc.add_heading(lab["per_att_sats"], level=2)
            for a in m["att_satser"]:
                doc.add_paragraph(f"{a['number']}. {a['recommendation_label']}: {a['text']}")
        if m["questions"]:
            doc.add_heading(lab["questions"], level=2)
            for q in m["questions"]:
                doc.add_paragraph(q, style="List Bullet")
        if m["passed"]:
            doc.add_paragraph(f"{lab['passed']}: {', '.join(m['passed'])}")
        if m["exempted"]:
            doc.add_paragraph(f"{lab['exempted']}: {', '.join(m['exempted'])}")
        if m["not_applicable"]:
            doc.add_paragraph(f"{lab['not_applicable']}: {', '.join(m['not_applicable'])}")
        doc.add_paragraph(f"{lab['provenance']}: {m['provenance']}")
    when = docx_datetime(as_of)
    set_core_properties(doc, title=ctx["title"], when=when, author="council-checker", lang=ctx["lang"])
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_docx(buf.getvalue(), when)


# --------------------------------------------------------------------------- public API


def _check_fmt(fmt: str) -> None:
    if fmt not in FORMATS:
        raise CheckerError([Problem("--format", "", f"okänt format {fmt!r}; tillåtna: {', '.join(FORMATS)}")], 2)


def _unverified(note: str | None, lang: str) -> str:
    """Why a quoted clause is not the source's verified wording: the policy file's own note."""
    if note and lang == "sv":
        return note[0].lower() + note[1:].rstrip(".")
    return str(LABELS[lang]["unverified"])


def render_check(verdicts: list[Verdict], fmt: str, lang: str) -> bytes:
    """The verdict section(s) alone, one section per motion, as Markdown, HTML or Word."""
    _check_fmt(fmt)
    ctx = check_context(verdicts, lang)
    if fmt == "docx":
        as_of = max((v.provenance.as_of for v in verdicts), default="1980-01-01")
        return _check_docx(ctx, as_of)
    name = BUILTIN[("check", fmt)]
    return _render_jinja(TEMPLATE_DIR / name, ctx, html=fmt == "html").encode("utf-8")


def render_draft(verdict: Verdict, policy_set: PolicySet, fmt: str, lang: str, template: Path | None = None) -> bytes:
    """The whole tjänsteskrivelse for one motion: Markdown, HTML or Word, from the bundled or a user template."""
    _check_fmt(fmt)
    ctx = {"doc": draft_context(verdict, policy_set, lang)}
    ctx.update(ctx["doc"])  # templates may write {{ title }} or {{ doc.title }}
    if template is not None:
        if not template.is_file():
            raise InputError(str(template), "mallen finns inte eller är inte en fil")
        is_docx = template.suffix.lower() == ".docx"
        if is_docx != (fmt == "docx"):
            raise InputError(
                str(template),
                "en Word-mall (.docx) kräver --format docx, och --format docx kräver en Word-mall"
                if lang == "sv"
                else "a Word template (.docx) needs --format docx, and --format docx needs a Word template",
            )
        path, display = template, template.name
    else:
        path, display = TEMPLATE_DIR / BUILTIN[("draft", fmt)], BUILTIN[("draft", fmt)]
    if fmt == "docx":
        return _docx_from_template(path, ctx, display=display, title=str(ctx["title"]), as_of=verdict.provenance.as_of)
    return _render_jinja(path, ctx, html=fmt == "html", display=display).encode("utf-8")


def suffix_for(fmt: str) -> str:
    return {"markdown": ".md", "html": ".html", "docx": ".docx"}[fmt]
