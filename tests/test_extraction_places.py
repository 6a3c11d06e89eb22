"""Places: names, inflections, adjectives, false friends, and the data files behind them."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.extraction import extract_facts, resolve_place
from checker.models import AttSats, Proposal

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "checker" / "data"


def places_in(text: str) -> tuple[list[str], list[str]]:
    """(partner codes, mentioned codes) for a one-att-sats motion with ``text`` as its body."""
    att = "att kommunen utreder frågan."
    full = f"{text}\n\n{att}\n"
    start = full.index(att)
    prop = Proposal(
        path="x",
        format="txt",
        text=full,
        sha256="0" * 64,
        att_satser=(AttSats(number=1, text=att, start=start, end=start + len(att)),),
    )
    facts = extract_facts(prop)
    partner = sorted({p.get("country_code", "") for p in facts["partner_places"].value or []})
    mentioned = sorted({p.get("country_code", "") for p in facts["mentioned_places"].value})
    return partner, mentioned


def test_adjective_form_taiwanesisk_resolves_to_taiwan() -> None:
    place = resolve_place("taiwanesisk")
    assert place is not None and place.country_code == "TW" and place.name == "Taiwan"


def test_taiwan_is_shown_as_taiwan_never_as_province() -> None:
    for name in ("Taiwan", "Taiwans", "TW", "Tainan"):
        place = resolve_place(name)
        assert place is not None and place.country == "Taiwan"


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        ("Kinas", "CN", "country"),
        ("kinesiska", "CN", "country"),
        ("Tyskland", "DE", "country"),
        ("Tainan", "TW", "city"),
        ("Peking", "CN", "city"),
        ("Beijing", "CN", "city"),
        ("Köpenhamn", "DK", "city"),
        ("Gladsaxe", "DK", "city"),
        ("Kryvyi Rih", "UA", "city"),
        ("Kryvyj Rih", "UA", "city"),
        ("Mariupol", "UA", "city"),
        ("Nairobi", "KE", "city"),
        ("Kenya", "KE", "country"),
        ("Palestina", "PS", "country"),
        ("Ryssland", "RU", "country"),
        ("ryska", "RU", "country"),
        ("USA", "US", "country"),
        ("Förenta staterna", "US", "country"),
        ("amerikanska", "US", "country"),
        ("Kraków", "PL", "city"),
        ("Krakow", "PL", "city"),
    ],
)
def test_resolve_place_swedish_forms(name: str, code: str, kind: str) -> None:
    place = resolve_place(name)
    assert place is not None, name
    assert (place.country_code, place.kind) == (code, kind)


def test_continents_and_membership_flags() -> None:
    ru, tr, no, ke, de = (resolve_place(n) for n in ("Ryssland", "Turkiet", "Norge", "Kenya", "Tyskland"))
    assert ru is not None and ru.continent == "Europa" and ru.in_europe and not ru.eu_eea
    assert tr is not None and tr.continent == "Europa"
    assert no is not None and no.eu_eea is True
    assert ke is not None and ke.continent == "Afrika" and ke.receives_swedish_aid is True
    assert de is not None and de.eu_eea is True and de.receives_swedish_aid is False


def test_swedish_places_resolve_to_sweden() -> None:
    for name in ("Borås", "Lund", "Solna"):
        place = resolve_place(name)
        assert place is not None and place.country_code == "SE"


def test_common_swedish_words_are_not_places() -> None:
    assert resolve_place("Man") is None
    assert resolve_place("Sida") is None
    assert resolve_place("Bra") is None


def test_swedish_places_are_never_foreign_partners() -> None:
    partner, mentioned = places_in("Kommunen bör inleda ett samarbete med Borås och Lund.")
    assert partner == [] and mentioned == []


def test_person_names_are_not_places() -> None:
    _, mentioned = places_in("Sofia Larsson och Birgitta Lund har skrivit motionen.")
    assert mentioned == []


def test_europe_as_focus_statement_is_not_a_partner() -> None:
    partner, _ = places_in("Stadens internationella arbete har sitt främsta fokus på Europa.")
    assert partner == []


def test_language_name_is_not_a_country() -> None:
    _, mentioned = places_in("Informationen ska finnas på engelska och ryska.")
    assert mentioned == []


def test_the_last_language_of_a_list_is_not_a_country_whatever_word_follows() -> None:
    assert places_in("Skyltarna ska sitta på svenska, engelska och tyska vid entrén.") == ([], [])
    assert places_in("Broschyren trycks på finska också.") == ([], [])


def test_languages_taught_are_not_countries() -> None:
    assert places_in("Skolan utökar modersmålsundervisningen i arabiska, somaliska och tigrinja i år.") == ([], [])
    assert places_in("Kurser i polska och litauiska ska erbjudas vuxna.") == ([], [])


def test_a_place_adjective_before_its_noun_is_still_a_place() -> None:
    assert places_in("Vi vill bjuda in tyska städer till en konferens.")[1] == ["DE"]
    assert places_in("Kommunen har kontakt med polska myndigheter i frågan.")[1] == ["PL"]


def test_genitive_and_compound_forms_are_found() -> None:
    _, mentioned = places_in("Ukrainastödet och Kryvyi Rihs behov och Taiwan-samarbetet diskuteras.")
    assert mentioned == ["TW", "UA"]


def test_body_cooperation_cue_makes_a_partner_when_att_sats_names_none() -> None:
    partner, mentioned = places_in(
        "Solna har vänorter i Danmark. Vi vill att kommunen inleder ett samarbete med Tartu i Estland."
    )
    assert partner == ["EE"] and mentioned == ["DK"]


def test_gazetteer_is_built_from_the_current_source() -> None:
    about = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))["about"]
    digest = hashlib.sha256((DATA / "places_source.yaml").read_bytes()).hexdigest()
    assert about["source_sha256"] == digest, "run scripts/build_gazetteer.py"


def test_stems_table_covers_every_cue_word() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--check", "--stems-only"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_lexicons_load_without_importing_the_stemmer() -> None:
    code = (
        "import sys\nfrom checker.models import Proposal\nfrom checker.extraction import extract_facts\n"
        "extract_facts(Proposal(path='x', format='txt', text='att Solna samarbetar med Riga om klimat.', "
        "sha256='0'*64))\nprint('snowballstemmer' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_yemen_is_known_by_its_swedish_name_and_adjective() -> None:
    for name in ("Jemen", "Jemens", "jemenitiska", "Yemen"):
        place = resolve_place(name)
        assert place is not None and place.country_code == "YE" and place.name == "Jemen"


def test_a_name_ending_in_s_before_a_noun_is_the_genitive_of_the_name_without_it() -> None:
    # "Tartus" alone is the Syrian port; before a noun it is Tartu's, as "Palmas" before a noun is Palma's
    partner, _ = places_in("Vi vill att kommunen inleder ett samarbete med Tartus universitet i Estland.")
    assert partner == ["EE"]
    _, mentioned = places_in("Hamnen i Tartus skadades svårt.")
    assert mentioned == ["SY"]
    _, mentioned = places_in("Palmas hamn tar emot många kryssningsfartyg.")
    assert mentioned == ["ES"]


def test_the_syrian_port_is_shown_by_its_swedish_name() -> None:
    place = resolve_place("Tartus")
    assert place is not None and place.name == "Tartus" and place.country_code == "SY"
