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

import dataclasses
import threading
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
    from checker.extraction.actions import business_place_names, not_partners, proposes, reasons_are_background

    result = classify(doc, mentions)
    if (
        result.partners
        and reasons_are_background(doc)
        and all(x.sentence.att is None and not proposes(doc, x.sentence) for x in result.partners)
    ):
        # partners read from the reasons of a motion whose att-satser ask only for its own work: background
        result = PlaceResult([], result.mentioned + result.partners, False, result.anaphor)
    drop = not_partners(doc, mentions)
    names = business_place_names(doc, mentions)
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
    from checker.extraction.actions import reading_models
    from checker.extraction.extractors import Motion

    doc, mentions = _analysed(proposal, context)
    return reading_models(Motion(proposal, doc, context, mentions, _places(doc, mentions)))


def extract_facts(
    proposal: Proposal, context: ProfileContext | None = None, *, scope: tuple[int, int] | None = None
) -> dict[str, Fact]:
    """Every extractable fact of ``proposal`` (within ``scope``, an att-sats span, when given)."""
    from checker.extraction.extractors import EXTRACTORS, Motion

    base, mentions = _analysed(proposal, context)
    doc = base if scope is None else dataclasses.replace(base, scope=scope)
    motion = Motion(proposal, doc, context, mentions, _places(doc, mentions))
    facts: dict[str, Fact] = {}
    for name in _EXTRACTOR_NAMES:
        for f in EXTRACTORS[name](motion):
            facts[f.name] = f
    return {name: facts[name] for name in _EXTRACTED if name in facts}


# the extractors in the order the facts name them, and the facts that have one (FACTS never changes)
_EXTRACTOR_NAMES: tuple[str, ...] = tuple(dict.fromkeys(f.extractor for f in FACTS.values() if f.extractor))
_EXTRACTED: tuple[str, ...] = tuple(name for name, d in FACTS.items() if d.extractor)
