"""The result and input models shared by every stage. Frozen, strict, extra keys forbidden."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Outcome = Literal["violation", "pass", "not_applicable", "needs_review", "rule_error"]
Severity = Literal["hinder", "avvikelse", "notering"]
Recommendation = Literal["avslå", "bifalla", "besvarad", "granska"]
FactSource = Literal["extracted", "declared", "profile", "derived"]
Lang = Literal["sv", "en"]

CONCERNS: tuple[str, ...] = (
    "geographic-focus",
    "general-friendship-agreement",
    "priority-area",
    "foreign-policy",
    "local-connection",
    "business-support",
    "equal-treatment",
    "already-in-place",
    "international-aid",
    "motion-deadline",
    # issue12 (legal)
    "state-matter",
    "procurement",
    "financing",
    "decision-body",
)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# --------------------------------------------------------------------------- proposal


class AttSats(Frozen):
    """One proposal clause ("att …") of a motion, with its span in the proposal text."""

    number: int
    text: str
    start: int
    end: int


class Signatory(Frozen):
    name: str
    party: str | None = None


class Proposal(Frozen):
    """A proposal as read from a file: the full text plus the structure found in it."""

    path: str
    format: str  # txt, md, docx, pdf, facts
    text: str
    sha256: str
    title: str | None = None
    body_start: int = 0
    body_end: int | None = None
    att_satser: tuple[AttSats, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    dates: tuple[str, ...] = ()
    diary_numbers: tuple[str, ...] = ()
    submitted: str | None = None  # ISO date the motion was raised, when stated
    municipality: str | None = None
    encoding: str | None = None
    notes: tuple[str, ...] = ()  # e.g. "motion found inside a meeting document at offset 9123"


# --------------------------------------------------------------------------- facts


class Evidence(Frozen):
    """The sentence a fact came from, with character offsets into Proposal.text."""

    quote: str
    start: int | None = None
    end: int | None = None
    cue: str | None = None


class Place(Frozen):
    name: str
    kind: Literal["country", "city", "region"]
    country_code: str | None = None  # ISO 3166-1 alpha-2
    country: str | None = None  # Swedish country name
    continent: str | None = None  # Europa, Asien, Afrika, Nordamerika, Sydamerika, Oceanien
    in_europe: bool | None = None
    eu_eea: bool | None = None
    receives_swedish_aid: bool | None = None


class Fact(Frozen):
    """A fact's value, or unknown (value None and known False), with where it came from."""

    name: str
    known: bool
    value: Any = None
    source: FactSource = "extracted"
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


# --------------------------------------------------------------------------- verdict


class Citation(Frozen):
    clause_id: str
    reference: str
    quote: str
    url: str | None = None
    source_title: str
    verified: bool = True
    note: str | None = None  # for text not verified word for word: where it comes from


class Finding(Frozen):
    rule_id: str
    title: str
    concern: str
    severity: Severity
    outcome: Outcome
    effect: Literal["avslå", "besvarad", "none"]
    message: str
    remedy: str | None = None
    question: str | None = None
    citations: tuple[Citation, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    facts_used: tuple[str, ...] = ()
    unknown_facts: tuple[str, ...] = ()
    exemption: bool = False  # a pass only through an exception ("undantag enligt …"), never "uppfylld"


class AttSatsVerdict(Frozen):
    number: int
    text: str
    recommendation: Recommendation
    decision: str
    grounds: tuple[str, ...] = ()  # rule ids


class Provenance(Frozen):
    tool_version: str
    engine: str
    profile: str
    profile_hash: str
    policy_set_hash: str
    files: dict[str, str] = Field(default_factory=dict)  # relative file -> sha256
    input_sha256: str | None = None
    input_name: str | None = None
    as_of: str
    lang: Lang


class Verdict(Frozen):
    schema_version: str
    recommendation: Recommendation
    decision: str
    summary: str
    proposal: dict[str, Any]
    findings: tuple[Finding, ...]
    grounds: tuple[str, ...]  # rule ids of the findings that carry the recommendation, by weight
    questions: tuple[str, ...]
    att_satser: tuple[AttSatsVerdict, ...] = ()
    facts: tuple[Fact, ...]
    provenance: Provenance


# --------------------------------------------------------------------------- profile context


class ContextPartner(Frozen):
    """A town the municipality already cooperates with (vänort, samarbetsort, systerstad)."""

    name: str
    country_code: str
    kind: Literal["vänort", "samarbetsort", "systerstad", "projektpartner"]
    since: int | None = None
    aliases: tuple[str, ...] = ()
    note: str | None = None


class ContextNetwork(Frozen):
    name: str
    aliases: tuple[str, ...] = ()
    note: str | None = None


class PriorityArea(Frozen):
    id: str
    label_sv: str
    label_en: str
    themes: tuple[str, ...]


class ProfileContext(Frozen):
    """What a municipality already has and prioritises, as data with its source."""

    municipality: str
    source: str
    partners: tuple[ContextPartner, ...] = ()
    networks: tuple[ContextNetwork, ...] = ()
    priority_areas: tuple[PriorityArea, ...] = ()
    existing_work: tuple[str, ...] = ()  # sentences for the tjänsteskrivelse's Ärendet
