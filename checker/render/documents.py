"""Documents for people: the verdict section and the whole tjänsteskrivelse, in Markdown, HTML and Word.

Renderers format; they never decide. Everything shown comes from the Verdict: the recommendation and
decision sentence, the findings with citations and evidence, and ``verdict.document`` (the profile's
names, whether the decision is split per att-sats, whether the matter is international, the context
sentences and steering documents that bear on it). The words come from ``checker.vocabulary``. This
module turns the Verdict into a plain *context* of strings and lists, and the templates in
``checker/templates/`` lay that context out:

- ``verdict.md.j2`` / ``verdict.html.j2``: the verdict section alone (``council-check check --format``);
- ``tjansteskrivelse.md.j2`` / ``tjansteskrivelse.html.j2`` / ``tjansteskrivelse.docx``: the draft;
- ``synpunkter.md.j2`` / ``synpunkter.docx``: only "Förslag till beslut" and the administration's
  views (``draft --section synpunkter``), for pasting into a case system's own template.

Every template, bundled or the user's own (``--template``), runs in a Jinja2 SandboxedEnvironment with
StrictUndefined. A template error becomes one CheckerError line naming the template, the line and the
variable, e.g. ``min-mall.md.j2: rad 12: okänd variabel 'foo'``. The fields a template may use are
listed in docs/templates.md.

Same input, same bytes: no clock is read; a .docx gets its core properties and zip timestamps from
the verdict's as-of date.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

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
from checker.facts import COOPERATION
from checker.models import Fact, Finding, Verdict
from checker.vocabulary import (
    COUNCIL_EN,
    LABELS,
    PARTIES,
    PHRASES,
    PLACEHOLDER_KEYS,
    SEVERITIES,
    SEVERITY_HEADINGS,
    genitive,
    join_words,
    long_date,
    lower_first,
    number_words,
    ordinal,
    parts_phrase,
    phrases_for,
    recommendation_label,
)

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
FORMATS = ("markdown", "html", "docx")
SECTIONS = ("synpunkter",)
BUILTIN = {
    ("draft", "markdown"): "tjansteskrivelse.md.j2",
    ("draft", "html"): "tjansteskrivelse.html.j2",
    ("draft", "docx"): "tjansteskrivelse.docx",
    ("synpunkter", "markdown"): "synpunkter.md.j2",
    ("synpunkter", "docx"): "synpunkter.docx",
    ("check", "markdown"): "verdict.md.j2",
    ("check", "html"): "verdict.html.j2",
}
EVIDENCE_CHARS = 240  # a quoted sentence longer than this is shortened at a word boundary


# --------------------------------------------------------------------------- small formatting helpers


def _plain(text: str) -> str:
    """A comparison key for quotes: no leading 'att', no final punctuation, single spaces, case-folded."""
    t = re.sub(r"^\s*[-–•*]?\s*(?:att\s+)?", "", " ".join(text.split()), flags=re.IGNORECASE)
    return t.rstrip(" .;,").casefold()


def _shorten(quote: str) -> str:
    q = " ".join(quote.split())
    if len(q) <= EVIDENCE_CHARS:
        return q
    cut = q[:EVIDENCE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + " …"


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
    if (
        kinds is not None
        and kinds.known
        and set(COOPERATION) & set(kinds.value or [])
        and places is not None
        and places.known
        and places.value
    ):
        names = [str(p["name"]) for p in places.value]
        return PHRASES[lang]["subject_cooperation"].format(places=join_words(names, lang))
    if title:
        return f"”{title}”" if lang == "sv" else f"“{title}”"
    return LABELS[lang]["subject_placeholder"]


def _unverified(note: str | None, lang: str) -> str:
    """Why a quoted clause is not the source's verified wording: the policy file's own note."""
    if note and lang == "sv":
        return note[0].lower() + note[1:].rstrip(".")
    return str(LABELS[lang]["unverified"])


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
        return sorted(numbers)  # "(källa 1, 2, 4, 5)", never "(källa 1, 4, 2, 5)"


class _Quotes:
    """The draft quotes each piece of the motion once: att-satser in Bakgrund, a ground's evidence in its paragraph."""

    def __init__(self, att_texts: list[str], lang: str, kind: str = "motion") -> None:
        self.lang = lang
        self.kind = kind
        self.att_keys = [_plain(a) for a in att_texts]
        self.used: set[str] = set()

    def sentence(self, f: Finding) -> str:
        """One short sentence with the ground's evidence, or which att-satser it follows from, or ''."""
        ph = phrases_for(self.lang, self.kind)
        atts: list[int] = []
        for ev in f.evidence:
            key = _plain(ev.quote)
            if key in self.att_keys:
                n = self.att_keys.index(key) + 1
                if n not in atts:
                    atts.append(n)
            elif key not in self.used:
                self.used.add(key)
                return ph["evidence_quote"].format(quote=_shorten(ev.quote))
        if atts:
            return ph["evidence_att"].format(
                ordinals=join_words([ordinal(n, self.lang) for n in sorted(atts)], self.lang),
                s="s" if len(atts) > 1 else "",
            )
        return ""


def _ground(f: Finding, refs: _Refs, lang: str, quotes: _Quotes | None = None) -> dict[str, Any]:
    numbers = refs.add(f)
    lab = LABELS[lang]
    kind = lab["rule_error"] if f.outcome == "rule_error" else SEVERITIES[lang].get(f.severity, f.severity)
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
        "evidence_text": quotes.sentence(f) if quotes is not None else "",
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


def _groups(findings: list[Finding], refs: _Refs, quotes: _Quotes, lang: str) -> list[dict[str, Any]]:
    """Grounds under their severity's heading (Rättsliga hinder, Avvikelser från styrdokument), in verdict order."""
    out: list[dict[str, Any]] = []
    headings = SEVERITY_HEADINGS[lang]
    order = list(headings) + [s for s in dict.fromkeys(f.severity for f in findings) if s not in headings]
    for severity in order:  # a severity the vocabulary does not know yet keeps its own name as heading
        items = [f for f in findings if f.severity == severity]
        if items:
            out.append(
                {
                    "severity": severity,
                    "heading": headings.get(severity, severity[:1].upper() + severity[1:]),
                    "grounds": [_ground(f, refs, lang, quotes) for f in items],
                }
            )
    return out


def profile_names(verdict: Verdict, lang: str) -> dict[str, str]:
    """The profile's names as the document writes them (carried in the verdict)."""
    d = verdict.document
    adm = d.administration
    return {
        "adm": adm,
        "adm_lc": lower_first(adm) if lang == "sv" else adm,
        "adm_gen": genitive(adm),
        "municipality": d.municipality,
        "body": d.body,
        "council": d.council if lang == "sv" else COUNCIL_EN.get(d.council, d.council),
    }


def _kind(verdict: Verdict) -> str:
    """Motion or medborgarforslag, as the verdict's facts read it (a motion where not read)."""
    for f in verdict.facts:
        if f.name == "proposal_kind" and f.known:
            return str(f.value)
    return "motion"


def headline(verdict: Verdict, lang: str) -> str:
    """The recommendation as a label, per att-sats when the decision is split."""
    parts = [(a.number, a.recommendation) for a in verdict.att_satser] if verdict.document.split else []
    return recommendation_label(verdict.recommendation, lang, parts)


def draft_context(verdict: Verdict, lang: str, *, remedies: bool = True) -> dict[str, Any]:
    """Everything the tjänsteskrivelse shows, as plain strings and lists, taken from the verdict alone."""
    ph = phrases_for(lang, _kind(verdict))
    lab = dict(LABELS[lang])
    names = profile_names(verdict, lang)
    adm, adm_lc = names["adm"], names["adm_lc"]
    lab["views"] = lab["views"].format(adm_gen=names["adm_gen"], adm=adm)
    doc = verdict.document
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

    # Sammanfattning: who, when, what about, and the conclusion; the att-satser are quoted in Bakgrund.
    first = ph["submitted"].format(signatories=sig_text, date=date_text, council=names["council"])
    if att_texts:
        count = (
            ph["att_count_one"]
            if len(att_texts) == 1
            else ph["att_count_many"].format(n=number_words(len(att_texts), lang))
        )
        party = next(iter(parties)) if len(parties) == 1 else ""
        if party in PARTIES:
            proposes = ph["proposes_party"].format(
                party_gen=PARTIES[party][1], party=PARTIES[party][0], count=count, subject=subject
            )
        else:
            proposes = ph["proposes"].format(count=count, subject=subject)
    else:
        proposes = ph["proposes_title"].format(subject=subject)
    summary_text = verdict.summary
    generic = ph["the_administration"]
    if summary_text.startswith(generic + " "):
        summary_text = adm + summary_text[len(generic) :]
    summary = [f"{first} {proposes}", ph["prepared_by"].format(adm_lc=adm_lc, adm=adm), summary_text]

    # Synpunkter
    refs = _Refs(lang)
    quotes = _Quotes(att_texts, lang, _kind(verdict))
    by_id = {f.rule_id: f for f in verdict.findings}
    sections: list[dict[str, Any]] = []
    shown: list[Finding] = []
    if doc.split:
        for a in verdict.att_satser:
            gs = [by_id[r] for r in a.grounds if r in by_id and by_id[r].outcome == "violation"]
            shown += [g for g in gs if g not in shown]
            groups = _groups(gs, refs, quotes, lang)
            sections.append(
                {
                    "heading": lab["att_sats"].format(ordinal=ordinal(a.number, lang)),
                    "number": a.number,
                    "recommendation": a.recommendation,
                    "groups": groups,
                    "grounds": [g for grp in groups for g in grp["grounds"]],
                    "none": ph["part_bifalla_none"].format(adm=adm) if not gs else "",
                }
            )
    else:
        gs = [by_id[r] for r in verdict.grounds if r in by_id and by_id[r].outcome == "violation"]
        shown += gs
        if gs:
            groups = _groups(gs, refs, quotes, lang)
            sections.append(
                {"heading": "", "number": 0, "recommendation": verdict.recommendation, "groups": groups,
                 "grounds": [g for grp in groups for g in grp["grounds"]], "none": ""}
            )  # fmt: skip
    shown_ids = {f.rule_id for f in shown}
    notes = [
        _ground(f, refs, lang, quotes)
        for f in verdict.findings
        if f.outcome == "violation" and f.rule_id not in shown_ids
    ]
    open_items = [f for f in verdict.findings if f.outcome in ("needs_review", "rule_error")]
    review: list[dict[str, Any]] = []
    open_note = ""
    if verdict.recommendation == "granska":
        review = [_ground(f, refs, lang, quotes) for f in open_items]
    elif open_items:
        asks = list(verdict.questions) + [f.message for f in open_items if f.outcome == "rule_error"]
        open_note = ph["open_note"].format(questions=" ".join(asks)) if asks else ""
    # How a rejected proposal could comply; an answered one needs no remedy.
    remedy_list = list(dict.fromkeys(f.remedy for f in shown if f.remedy and f.effect == "avslå")) if remedies else []
    passed = [f.message for f in verdict.findings if f.outcome == "pass" and f.message]
    if doc.split:
        parts = parts_phrase([(a.number, a.recommendation) for a in verdict.att_satser], lang, _kind(verdict))
        conclusion = ph["conclude_parts"].format(adm=adm, parts=parts)
    else:
        conclusion = ph[f"conclude_{verdict.recommendation}"].format(adm=adm)
    views = {
        "intro": [ph["views_bifalla"].format(adm=adm)] if verdict.recommendation == "bifalla" else [],
        "sections": sections,
        "notes": notes,
        "review_intro": ph["review_intro"] if review else "",
        "review": review,
        "open_note": open_note,
        "remedies_intro": ph["remedies_intro"] if remedy_list else "",
        "remedies": remedy_list,
        "passed": passed if verdict.recommendation == "bifalla" and not doc.split else [],
        "conclusion": conclusion,
    }

    # Ärendet: the municipality's international work only when the motion is international.
    mun = names["municipality"]
    priority = (
        ph["priority_areas"].format(municipality=mun, areas=join_words(doc.priority_areas, lang))
        if doc.priority_areas
        else ""
    )
    steering = [
        {"title": s.title, "short": s.short, "kind": s.kind, "decision": s.decision, "url": s.url or "",
         "note": lower_first(s.note or "").rstrip(".") if s.note else ""}
        for s in doc.steering_documents
    ]  # fmt: skip
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
        "municipality": mun,
        "body": names["body"],
        "council": names["council"],
        "doc_type": lab["doc_type"],
        "date": verdict.provenance.as_of,
        "date_long": long_date(verdict.provenance.as_of, lang),
        "diary_number": case_numbers[0] if case_numbers else lab["diary_placeholder"],
        "title": title,
        "subject": subject,
        "recommendation": verdict.recommendation,
        "recommendation_label": headline(verdict, lang),
        "split": doc.split,
        "international": doc.international,
        "decision": verdict.decision,
        "summary": summary,
        "background": [first],
        "att_intro": (ph["att_intro_many"] if len(signatories) > 1 else ph["att_intro_one"]).format(
            council=names["council"]
        )
        if att_texts
        else "",
        "att_satser": [{"number": i + 1, "text": t} for i, t in enumerate(att_texts)],
        "preparation": ph["handed_over"].format(adm_lc=adm_lc, adm=adm),
        "matter": list(doc.context),
        "priority_areas": priority,
        "steering_intro": ph["steering_intro"] if steering else "",
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
        "profile": {"municipality": mun, "body": names["body"], "council": doc.council, "administration": adm},
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
            f"council-checker {p.tool_version}, {p.engine}, {lab['profile']} {p.profile} "
            f"({p.policy_set_hash[:12]}), {lab['as_of']} {p.as_of}"
            + (f", {lab['input']} sha256 {p.input_sha256[:12]}" if p.input_sha256 else "")
        )
        motions.append(
            {
                "title": str(v.proposal.get("title") or v.proposal.get("name") or p.input_name or "—"),
                "recommendation": v.recommendation,
                "recommendation_label": headline(v, lang),
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
                        "recommendation_label": recommendation_label(a.recommendation, lang),
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
    lang = str(context["lang"])
    rendered = io.BytesIO()
    tpl.save(rendered)  # docxtpl writes the rendered headers and footers only when saving
    from docx import Document

    document = Document(io.BytesIO(rendered.getvalue()))
    set_core_properties(document, title=title, when=when, author="council-checker", lang=lang)
    set_language(document, LABELS[lang]["lang_tag"])
    highlight_placeholders(document, [LABELS[lang][k] for k in PLACEHOLDER_KEYS])
    buf = io.BytesIO()
    document.save(buf)
    return normalize_docx(buf.getvalue(), when)


def _paragraphs(document: Any) -> Iterable[Any]:
    """Every paragraph of a Word document: body, tables, and each section's headers and footers."""

    def within(container: Any) -> Iterable[Any]:
        yield from container.paragraphs
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from within(cell)

    yield from within(document)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                yield from within(part)


def highlight_placeholders(document: Any, placeholders: list[str]) -> None:
    """Mark the tool's placeholders ("[Namn]", "[Diarienummer]") with yellow highlighting, as their own runs."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.text.run import Run

    pattern = re.compile("(" + "|".join(re.escape(p) for p in placeholders) + ")")
    for paragraph in _paragraphs(document):
        for run in list(paragraph.runs):
            text = run.text
            if not pattern.search(text):
                continue
            for piece in pattern.split(text):
                if not piece:
                    continue
                element = copy.deepcopy(run._r)
                run._r.addprevious(element)
                new = Run(element, paragraph)
                new.text = piece
                if pattern.fullmatch(piece):
                    new.font.highlight_color = WD_COLOR_INDEX.YELLOW
            run._r.getparent().remove(run._r)


def set_language(document: Any, tag: str) -> None:
    """The document's language (spelling, hyphenation, screen readers): the default run language in styles.xml."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), "ar-SA")


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
            quote = f": ”{c['quote']}”" if c["quote"] else ""  # a reference quotes nothing; its note says so
            doc.add_paragraph(f"{lab['source']}: {c['reference']}{note}{quote}")
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
    set_language(doc, LABELS[ctx["lang"]]["lang_tag"])
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_docx(buf.getvalue(), when)


# --------------------------------------------------------------------------- public API


def _check_fmt(fmt: str) -> None:
    if fmt not in FORMATS:
        raise CheckerError([Problem("--format", "", f"okänt format {fmt!r}; tillåtna: {', '.join(FORMATS)}")], 2)


def render_check(verdicts: list[Verdict], fmt: str, lang: str) -> bytes:
    """The verdict section(s) alone, one section per motion, as Markdown, HTML or Word."""
    _check_fmt(fmt)
    ctx = check_context(verdicts, lang)
    if fmt == "docx":
        as_of = max((v.provenance.as_of for v in verdicts), default="1980-01-01")
        return _check_docx(ctx, as_of)
    name = BUILTIN[("check", fmt)]
    return _render_jinja(TEMPLATE_DIR / name, ctx, html=fmt == "html").encode("utf-8")


def render_draft(
    verdict: Verdict,
    fmt: str,
    lang: str,
    template: Path | None = None,
    *,
    section: str | None = None,
    remedies: bool = True,
) -> bytes:
    """The tjänsteskrivelse for one motion from its verdict alone: Markdown, HTML or Word, from the bundled
    or a user template. `section="synpunkter"` gives only "Förslag till beslut" and the administration's
    views; `remedies=False` leaves out the closing paragraph on how the proposal could be framed."""
    _check_fmt(fmt)
    if section is not None and section not in SECTIONS:
        raise CheckerError([Problem("--section", "", f"okänd del {section!r}; tillåtna: {', '.join(SECTIONS)}")], 2)
    kind = section or "draft"
    if template is None and (kind, fmt) not in BUILTIN:
        raise CheckerError([Problem("--section", "", f"{section} finns som markdown och docx, inte som {fmt}")], 2)
    ctx: dict[str, Any] = {"doc": draft_context(verdict, lang, remedies=remedies)}
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
        path, display = TEMPLATE_DIR / BUILTIN[(kind, fmt)], BUILTIN[(kind, fmt)]
    if fmt == "docx":
        return _docx_from_template(path, ctx, display=display, title=str(ctx["title"]), as_of=verdict.provenance.as_of)
    return _render_jinja(path, ctx, html=fmt == "html", display=display).encode("utf-8")


def suffix_for(fmt: str) -> str:
    return {"markdown": ".md", "html": ".html", "docx": ".docx"}[fmt]
