"""A fact's value in words ('Taiwan', 'ja', 'okänt'), for messages, reports and facts listings."""

from __future__ import annotations

from typing import Any

from checker.facts import FACTS, value_label
from checker.models import Fact
from checker.vocabulary import VALUE_WORDS, list_words


def render_value(name: str, fact: Fact | None, lang: str) -> str:
    words = VALUE_WORDS[lang]
    if fact is None or not fact.known:
        return words["unknown"]
    value = fact.value
    fdef = FACTS[name]
    if fdef.type == "list[place]" and not value:
        return words["no_place"]
    if fdef.type == "list[place]":
        # "Kisumu (Kenya)" already names Kenya: do not list the country again
        within = {p.get("country_code") for p in value if p.get("kind") != "country"}
        shown = [p for p in value if not (p.get("kind") == "country" and p.get("country_code") in within)]
        return list_words([place_label(p, lang) for p in shown], lang)
    if isinstance(value, list):
        return list_words([value_label(name, str(v), lang) for v in value], lang)
    if isinstance(value, bool):
        return words["yes"] if value else words["no"]
    if isinstance(value, str):  # an enum value: its plain-language label, never the internal name
        return value_label(name, value, lang)
    return str(value)


def place_label(place: dict[str, Any], lang: str) -> str:
    name = str(place["name"])
    country = place.get("country")
    if place.get("kind") != "country" and country and country != name:
        return VALUE_WORDS[lang]["in"].format(name=name, country=country)
    return name
