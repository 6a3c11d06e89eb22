"""Declared facts: the facts-file format (YAML/JSON, checked by facts.schema.json) and value checking.

Officials write facts as plain values ("partner_places: {value: [Taiwan]}"), or mark them unknown
("local_benefit: {unknown: true}"). Values are checked against the fact vocabulary; place names are
resolved through the profile's own partner towns first, then the gazetteer.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

from checker.errors import CheckerError, InputError, PolicyError, Problem, cut, excerpt, printable
from checker.facts import FACTS
from checker.load import name_key, parse_yaml_text, validate
from checker.models import Evidence, Fact, Place, ProfileContext

MAX_FACTS_BYTES = 2 * 1024 * 1024


class FactValueError(ValueError):
    pass


def resolve_place_name(name: str, context: ProfileContext | None) -> Place:
    """A place from a name: the profile's partner towns (and their aliases) first, then the gazetteer."""
    from checker.extraction import resolve_place

    if context is not None:
        key = name_key(name)
        for p in context.partners:
            if key in {name_key(n) for n in (p.name, *p.aliases)}:
                country = resolve_place(p.country_code)
                base = country.model_dump(exclude_none=True) if country else {}
                base.update({"name": p.name, "kind": "city", "country_code": p.country_code})
                return Place(**base)
    place = resolve_place(name)
    if place is None:
        raise FactValueError(
            f"unknown place {excerpt(name)}: "
            "write it as a mapping with name, kind, country_code, continent and in_europe"
        )
    return place


def coerce_value(name: str, value: Any, context: ProfileContext | None) -> Any:
    """Check a declared value against the fact's type; return it in the engine's plain form."""
    fdef = FACTS[name]
    t = fdef.type
    if t == "bool":
        if not isinstance(value, bool):
            raise FactValueError(f"must be true or false, got {excerpt(value)}")
        return value
    if t == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise FactValueError(f"must be a whole number, got {excerpt(value)}")
        return value
    if t == "date":
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise FactValueError(f"must be a date YYYY-MM-DD, got {excerpt(value)}") from None
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value)
    if t in ("string", "enum"):
        if not isinstance(value, str):
            raise FactValueError(f"must be text, got {excerpt(value)}")
        if fdef.values and value not in fdef.values:
            raise FactValueError(f"{excerpt(value)} is not allowed; allowed: {', '.join(fdef.values)}")
        return value
    if not isinstance(value, list):
        raise FactValueError(f"must be a list, got {excerpt(value)}")
    if t == "list[place]":
        places = []
        for item in value:
            if isinstance(item, str):
                places.append(resolve_place_name(item, context))
            elif isinstance(item, dict):
                try:  # validated field by field (a name must be text, a kind one of the three)
                    places.append(Place.model_validate(item))
                except Exception as exc:
                    errors = getattr(exc, "errors", None)  # pydantic's ValidationError: the first field's complaint
                    if callable(errors) and errors():
                        first = errors()[0]
                        where = ".".join(str(x) for x in first.get("loc", ()))
                        why = cut(f"{where}: {first.get('msg', '')}" if where else str(first.get("msg", "")), 200)
                    else:
                        why = cut(str(exc), 200)
                    raise FactValueError(f"invalid place {excerpt(item)}: {why}") from None
            else:
                raise FactValueError(f"a place is a name or a mapping, got {excerpt(item)}")
        dumped = [p.model_dump(exclude_none=True) for p in places]
        return sorted(dumped, key=lambda p: (p["name"], p.get("country_code", "")))
    out = []
    for item in value:
        if not isinstance(item, str):
            raise FactValueError(f"items must be text, got {excerpt(item)}")
        if fdef.values and item not in fdef.values:
            raise FactValueError(f"{excerpt(item)} is not allowed; allowed: {', '.join(fdef.values)}")
        out.append(item)
    return sorted(set(out))


def same_value(a: Any, b: Any) -> bool:
    """Whether two fact values are the same as a facts file states them: lists compare as sets (the file
    sorts them), places and other mappings by their fields without empty ones, dates by their ISO form."""
    return bool(_canonical(a) == _canonical(b))


def _canonical(value: Any) -> Any:
    if isinstance(value, list):
        return sorted({json.dumps(_canonical(v), sort_keys=True, ensure_ascii=False) for v in value})
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if v is not None}
    if hasattr(value, "model_dump"):
        return _canonical(value.model_dump(exclude_none=True))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def facts_from_mapping(
    values: dict[str, Any], context: ProfileContext | None, *, source: str = "declared", file: str = "facts"
) -> dict[str, Fact]:
    """Plain {fact: value} (rule test cases) → Facts. Facts not named stay absent (unknown)."""
    problems: list[Problem] = []
    facts: dict[str, Fact] = {}
    for name, value in values.items():
        if name not in FACTS:
            problems.append(Problem(file, name, f"unknown fact; declared facts: {', '.join(FACTS)}"))
            continue
        try:
            facts[name] = Fact(name=name, known=True, value=coerce_value(name, value, context), source=source)  # type: ignore[arg-type]
        except FactValueError as exc:
            problems.append(Problem(file, name, str(exc)))
    if problems:
        raise PolicyError(problems)
    return facts


def load_facts_file(path: Path, context: ProfileContext | None) -> tuple[dict[str, Fact], dict[str, Any]]:
    """Read a facts file → (declared facts, proposal metadata). Raises InputError (exit 4)."""
    return parse_facts(read_facts_bytes(path), printable(path), context)


def read_facts_bytes(path: Path) -> bytes:
    """A facts file's bytes: a regular file within MAX_FACTS_BYTES, else one line (exit 4)."""
    from checker.bounded import Refused, read_regular

    try:
        return read_regular(path, MAX_FACTS_BYTES)
    except Refused as exc:
        raise InputError(printable(path), str(exc)) from None


def parse_facts(raw: bytes, display: str, context: ProfileContext | None) -> tuple[dict[str, Fact], dict[str, Any]]:
    """A facts file's bytes → (declared facts, proposal metadata), for callers that also hash the bytes."""
    if len(raw) > MAX_FACTS_BYTES:
        raise InputError(display, f"faktafilen är större än gränsen {MAX_FACTS_BYTES // 1024 // 1024} MB")
    if not raw.strip():
        raise InputError(display, "faktafilen är tom")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(display, "faktafilen är inte UTF-8-text") from None
    text = unicodedata.normalize("NFC", text)  # "Ö" typed as O + combining diaeresis is still Ö
    try:
        doc = parse_yaml_text(text, display)
    except PolicyError as exc:
        raise CheckerError(exc.problems) from None
    if not isinstance(doc, dict):
        raise InputError(display, "en faktafil ska ha nyckeln 'facts' på översta nivån")
    problems = validate(doc, "facts", display)
    if problems:
        raise CheckerError(problems)
    facts: dict[str, Fact] = {}
    for name, entry in doc["facts"].items():
        if name not in FACTS:
            problems.append(Problem(display, f"facts.{name}", f"unknown fact; declared facts: {', '.join(FACTS)}"))
            continue
        source = entry.get("source", "declared")
        if entry.get("unknown"):
            facts[name] = Fact(name=name, known=False, source=source, note=entry.get("note"))
            continue
        try:
            value = coerce_value(name, entry["value"], context)
        except FactValueError as exc:
            problems.append(Problem(display, f"facts.{name}.value", str(exc)))
            continue
        try:
            evidence = tuple(Evidence(**e) for e in entry.get("evidence", []))
            facts[name] = Fact(
                name=name, known=True, value=value, source=source, evidence=evidence, note=entry.get("note")
            )
        except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
            problems.append(Problem(display, f"facts.{name}", f"invalid fact: {cut(str(exc).splitlines()[-1], 200)}"))
    if problems:
        raise CheckerError(problems)
    return facts, dict(doc.get("proposal", {}))
