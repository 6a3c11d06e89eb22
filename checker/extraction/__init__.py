"""Swedish motion text → facts with evidence.

Public API::

    extract_facts(proposal, context=None, *, scope=None) -> dict[str, Fact]
    resolve_place(name) -> Place | None

``extract_facts`` returns one Fact for every fact in ``checker.facts.FACTS`` that has an extractor.
It reads only the motion span (``proposal.body_start`` .. ``proposal.body_end``). Each known fact
carries evidence: the sentence it came from with offsets into ``proposal.text`` and the cue that
matched; an unknown fact carries a short Swedish note saying why.

Scope. ``scope=(start, end)`` gives the facts of one att-sats (for a per-att-sats verdict). What the
motion *asks* (partner places, cooperation kinds, themes, networks, individual business support,
favouring a group) is read from the att-sats in scope only. References are still resolved from the
whole motion: an att-sats that points back ("staden", "vänorten", "partnerskapet", "den utvalda
staden") takes the partners named in the other att-satser or, failing those, in the body; a theme
missing from the att-sats is taken from body sentences that describe the cooperation. Reasons are
read from the whole body: local benefit, synnerliga/sakliga skäl, and foreign-policy stances - a
body stance counts for the att-sats only when it concerns the same country as the att-sats's
partners (so the founding motion's "Kinas aggressioner mot … Taiwan" attaches to both Taiwan
att-satser, but not to an unrelated att-sats about a business day).
"""

from __future__ import annotations

import threading
from types import ModuleType
from typing import Any

from checker.extraction.places import Mention, PlaceResult, abroad_only, classify, find_mentions, resolve_place
from checker.extraction.text import Doc, build_doc
from checker.facts import FACTS
from checker.models import ActionReading, Fact, ProfileContext, Proposal

__all__ = ["extract_facts", "read_actions", "resolve_place"]

# The scope-independent analysis of the last motion (sentences, tokens, place mentions, cue hits):
# a check extracts the whole motion and then each att-sats, and all passes share it. One per thread:
# the web server checks in several threads at once, and a pass must never read the analysis of the
# motion another thread is checking (it is kept as one tuple, read and replaced whole).
_LAST = threading.local()


def _analysed(proposal: Proposal, context: ProfileContext | None) -> tuple[Doc, list[Mention]]:
    last: tuple[Any, ...] | None = getattr(_LAST, "entry", None)
    # the same (frozen) proposal object: no key to build (it lists every att-sats: quadratic with a
    # thousand of them)
    if last is not None and last[0] is proposal and last[1] is context:
        return last[3], last[4]
    key = (
        proposal.text,  # not the sha256 field: callers may pass a placeholder
        proposal.body_start,
        proposal.body_end,
        tuple((a.start, a.end) for a in proposal.att_satser),
        tuple(s.name for s in proposal.signatories),
    )
    if last is not None and last[1] is context and last[2] == key:
        _LAST.entry = (proposal, context, key, last[3], last[4])
        return last[3], last[4]
    doc = build_doc(proposal, None)
    person_tokens = frozenset(
        w for sig in proposal.signatories for part in sig.name.split() for w in (part, *part.split("-"))
    )
    mentions = find_mentions(doc, context, person_tokens)
    _LAST.entry = (proposal, context, key, doc, mentions)
    return doc, mentions


# The modules of the extractors and of the action reading, imported at the first extraction and kept:
# they import this package's modules, so they cannot be imported at the top (and an importer that only
# resolves places need not load them), and an import statement in each call costs some 2 µs (the name
# looked up in sys.modules, the module checked for being initialised), at every pass of every motion.
# Set once, whole (a tuple), so threads share it.
_LATE: tuple[ModuleType, ModuleType] | None = None


def _late() -> tuple[ModuleType, ModuleType]:
    """``(actions, extractors)``, imported at the first call."""
    global _LATE
    if _LATE is None:
        from checker.extraction import actions, extractors

        _LATE = (actions, extractors)
    return _LATE


def _places(doc: Doc, mentions: list[Mention]) -> PlaceResult:
    """``_classify_places``, once per scope of a document: the whole-motion pass and the action
    reading share it."""
    cached = doc.hits.get(_PLACES_KEY)
    if cached is None or cached[0] is not mentions:
        cached = doc.hits[_PLACES_KEY] = (mentions, {})
    by_scope: dict[tuple[int, int] | None, PlaceResult] = cached[1]
    result = by_scope.get(doc.scope)
    if result is None:
        result = by_scope[doc.scope] = _classify_places(doc, mentions)
    return result


_PLACES_KEY = ("places by scope", -13)


def _classify_places(doc: Doc, mentions: list[Mention]) -> PlaceResult:
    """Partners and mentioned places; a place named as a model or comparison, a study-visit destination
    or the origin of residents is never a partner (see actions.place_role)."""
    actions = (_LATE or _late())[0]
    result = classify(doc, mentions)
    if (
        result.partners
        and actions.reasons_are_background(doc)
        and all(x.sentence.att is None and not actions.proposes(doc, x.sentence) for x in result.partners)
    ):
        # partners read from the reasons of a motion whose att-satser ask only for its own work: background
        result = PlaceResult([], result.mentioned + result.partners, False, result.anaphor)
    drop: set[int] = actions.not_partners(doc, mentions)
    names: set[int] = actions.business_place_names(doc, mentions)
    if names:
        # "Pizzeria Milano", "Hotell Paris", "Europeiska socialfonden": a name, not a place; an
        # international cue that is only such a name's word makes nothing international.
        partners = [x for x in result.partners if id(x) not in names]
        international = result.international and (bool(partners) or _international_cue(doc, mentions, names))
        result = PlaceResult(
            partners,
            [x for x in result.mentioned if id(x) not in names],
            international,
            result.anaphor,
        )
    if not drop or not any(id(x) in drop for x in result.partners):
        return result
    partners = [x for x in result.partners if id(x) not in drop]
    moved = [x for x in result.partners if id(x) in drop]
    international = bool(partners) or _international_cue(doc, mentions, names)
    return PlaceResult(partners, result.mentioned + moved, international, result.anaphor)


def _international_cue(doc: Doc, mentions: list[Mention], names: set[int]) -> bool:
    """An international cue in the att-satser (or the proposing text) that is not a word of a name."""
    from checker.extraction.lexicon import cueset

    spans = {i for x in mentions if id(x) in names for i in range(x.first, x.last + 1)}
    primary = doc.att_sentences or doc.scoped_body
    hits = abroad_only(doc, cueset("places", "international").find(doc, primary))
    return any(h.first not in spans for h in hits)


def read_actions(proposal: Proposal, context: ProfileContext | None = None) -> tuple[ActionReading, ...]:
    """The action reading of each att-sats (or proposing sentence) of ``proposal``, in text order."""
    actions, extractors = _LATE or _late()
    doc, mentions = _analysed(proposal, context)
    motion = extractors.Motion(proposal, doc, context, mentions, _places(doc, mentions))
    readings: tuple[ActionReading, ...] = actions.reading_models(motion)
    return readings


def extract_facts(
    proposal: Proposal, context: ProfileContext | None = None, *, scope: tuple[int, int] | None = None
) -> dict[str, Fact]:
    """Every extractable fact of ``proposal`` (within ``scope``, an att-sats span, when given)."""
    extractors = (_LATE or _late())[1]
    table: dict[str, Any] = extractors.EXTRACTORS
    base, mentions = _analysed(proposal, context)
    doc = base if scope is None else base.scoped(scope)
    motion = extractors.Motion(proposal, doc, context, mentions, _places(doc, mentions))
    # a scoped pass takes the scope-free extractors' facts from the whole-motion pass of this very
    # proposal and profile, when it has run (else it computes them, as the whole-motion pass does)
    entry: tuple[Proposal, ProfileContext | None, dict[str, list[Fact]]] | None = base.hits.get(_WHOLE_KEY)
    whole = None
    if scope is not None and entry is not None and entry[0] is proposal and entry[1] is context:
        whole = entry[2]
    kept: dict[str, list[Fact]] = {}
    facts: dict[str, Fact] = {}
    for name in _EXTRACTOR_NAMES:
        found = whole.get(name) if whole is not None else None
        if found is None:
            found = table[name](motion)
            if scope is None and name in SCOPE_FREE:
                kept[name] = found
        for f in found:
            facts[f.name] = f
    if scope is None:
        base.hits[_WHOLE_KEY] = (proposal, context, kept)
    if tuple(facts) == _EXTRACTED:  # every fact, already in the order of FACTS (compared in C)
        return facts
    return {name: facts[name] for name in _EXTRACTED if name in facts}


# The extractors whose facts cannot depend on the scope: each reads only the proposal's own fields and
# the whole document (its text, its span, all its sentences), never ``doc.scope`` or what is derived
# from it (``Doc.in_scope``, ``att_sentences``, ``scoped_body``, ``Motion.primary``, ``m.places``, the
# action readings in scope). Their facts are the same in every pass over a motion, so a scoped pass
# reuses the whole-motion pass's (the same Fact objects, which are frozen). tests/test_scope_free.py
# checks, over every test, example and generated motion, that the scoped facts with this reuse are
# those computed in full. An extractor is added here only after reading it, and all it calls, so.
SCOPE_FREE: frozenset[str] = frozenset(
    {
        # proposal.submitted, else a date in the signing line after the last att-sats of the document
        # (doc.sentences, doc.end) or in the first 300 characters of the motion span (doc.start, doc.text)
        "extract_motion_date",
        # proposal.title and the first 400 characters from proposal.body_start, and proposal.text for a
        # delegation; the doc serves only as the memo of the searches (legal._memo: keyed by the text)
        "extract_proposal_kind",
    }
)

# the whole-motion pass's facts of the SCOPE_FREE extractors, with the proposal and profile they are of
# (the analysis is shared by an equal proposal, whose title or date may differ): kept on the base doc
_WHOLE_KEY = ("scope-free facts of the whole-motion pass", -27)


# the extractors in the order the facts name them, and the facts that have one (FACTS never changes)
_EXTRACTOR_NAMES: tuple[str, ...] = tuple(dict.fromkeys(f.extractor for f in FACTS.values() if f.extractor))
_EXTRACTED: tuple[str, ...] = tuple(name for name, d in FACTS.items() if d.extractor)
