"""Swedish compounds from the generated lexicon (hunspell-sv): splitting, and suspended compounds read in
full at the token level, so that every cue set sees "kärnvapen- och minfri zon" as "kärnvapenfri och minfri"."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from checker.extraction import extract_facts
from checker.extraction.morphology import expand_suspended, is_head, split_compound
from checker.extraction.text import build_doc
from checker.models import Proposal
from tests.conftest import ROOT

DATA = ROOT / "checker" / "data"


def _read(sentence: str) -> str:
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\W_]+", sentence)]
    return " ".join(expand_suspended(sentence, words))


def _proposal(text: str) -> Proposal:
    return Proposal(path="m.txt", format="txt", text=text, sha256="0" * 64)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("fritidsnämnden", ("fritids", "nämnden")),
        ("idrottsutbyte", ("idrotts", "utbyte")),
        ("samhällsbyggnadsnämnden", ("samhälls", "byggnads", "nämnden")),
        ("arbetsmarknadsförvaltning", ("arbetsmarknads", "förvaltning")),
        ("gatudriften", ("gatu", "driften")),
        ("kärnvapenfri", ("kärnvapen", "fri")),
    ],
)
def test_compounds_split_into_linking_forms_and_their_last_part(word: str, parts: tuple[str, ...]) -> None:
    assert split_compound(word) == parts


def test_a_word_that_is_no_compound_is_not_split() -> None:
    assert split_compound("bibliotek") is None
    assert split_compound("mänskliga") is None


def test_an_overlong_letter_run_is_no_compound() -> None:
    assert split_compound("nämnd" * 40) is None
    assert _read("kultur- och " + "nämnd" * 40) == "kultur och " + "nämnd" * 40


def test_inflected_forms_of_compound_final_words_are_known() -> None:
    assert is_head("nämnden") and is_head("nämnder") and is_head("fria") and is_head("fritt")
    assert not is_head("nämndxyz")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("en kärnvapen- och minfri zon", "en kärnvapenfri och minfri zon"),
        ("att kultur- och fritidsnämnden får", "att kulturnämnden och fritidsnämnden får"),
        ("ett skol- och idrottsutbyte med", "ett skolutbyte och idrottsutbyte med"),
        ("miljö-, bygg- och hälsoskyddsnämnden", "miljönämnden byggnämnden och hälsoskyddsnämnden"),
        ("gång- eller cykelvägen", "gångvägen eller cykelvägen"),
        ("Kultur- och fritidsnämnden har", "Kulturnämnden och fritidsnämnden har"),
        ("att kultur-\noch fritidsnämnden får", "att kulturnämnden och fritidsnämnden får"),
    ],
)
def test_suspended_compounds_take_the_last_part_of_the_compound_that_completes_them(written: str, read: str) -> None:
    assert _read(written) == read


@pytest.mark.parametrize(
    "written",
    [
        "EU- och Natomedlemmar",
        "1970- och 80-talen",
        "Solna – en stad och en kommun",
        "ett Taiwan-samarbete och mer",
        "en stad i Tokyo- eller Osakaregionen",
        "att skol-\nutbytet fortsätter",  # a word divided at a line end, no suspended compound
    ],
)
def test_acronyms_numbers_names_dashes_and_hyphenated_words_are_left_as_written(written: str) -> None:
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\W_]+", written)]
    assert expand_suspended(written, words) == [w for w, _s, _e in words]


def test_tokens_read_the_full_compound_but_keep_the_offsets_of_the_text() -> None:
    text = "Motion om fred\n\natt kommunen förklaras som en kärnvapen- och minfri zon.\n"
    doc = build_doc(_proposal(text))
    tok = next(t for t in doc.tokens if t.lower.startswith("kärnvapen"))
    assert tok.lower == "kärnvapenfri"
    assert text[tok.start : tok.end] == "kärnvapen"


def test_every_cue_set_sees_the_expanded_compound() -> None:
    text = (
        "Motion om en fredlig kommun\n\nVi föreslår kommunfullmäktige\n\n"
        "att kommunen förklaras som en kärnvapen- och minfri zon.\n\nAnna Berg (V)\n"
    )
    facts = extract_facts(_proposal(text))
    stance = facts["foreign_policy_stance"]
    assert stance.known and stance.value is True
    assert any("kärnvapen- och minfri zon" in ev.quote for ev in stance.evidence)  # evidence quotes the text


def test_a_motion_without_suspended_compounds_never_reads_the_lexicon() -> None:
    code = (
        "import sys\nfrom checker.models import Proposal\nfrom checker.extraction import extract_facts\n"
        "extract_facts(Proposal(path='x', format='txt', text='att Solna samarbetar med Riga om klimat.', "
        "sha256='0'*64))\nprint('checker.extraction.morphology' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_shipped_word_list_is_the_one_the_rules_file_describes() -> None:
    about = json.loads((DATA / "lexicon.json").read_text(encoding="utf-8"))
    words = (DATA / about["words"]["file"]).read_bytes()
    assert hashlib.sha256(words).hexdigest() == about["words"]["sha256"], "run scripts/build_lexicon.py"
    lines = words.decode("utf-8").splitlines()
    keys = [line.split("\t", 1)[0] for line in lines]
    assert keys == sorted(keys)  # the runtime's binary search depends on it
    assert sum(line.split("\t")[1] != "-" for line in lines) == about["words"]["heads"]


@pytest.mark.skipif(
    not (Path(sysconfig.get_path("data")) / "share" / "hunspell" / "sv_SE.dic").exists(),
    reason="the build-time dictionary (pip install -e '.[lexicon]') is not installed",
)
def test_shipped_lexicon_is_what_the_installed_dictionary_builds() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_lexicon.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_sorted_word_lines_give_every_listed_word_its_line_and_an_unlisted_word_none() -> None:
    from checker.extraction.morphology import _SortedLines

    # made-up words (not the lexicon's), sorted by their UTF-8 bytes as the build writes them
    words = sorted(
        {f"{a}{b}{c}{d}ord" for a in "abdgkmsåäö" for b in "aeiouyåäö" for c in "lnrst" for d in "aeiå"}, key=str.encode
    )
    data = "".join(f"{w}\tF{i}\t{'b' if i % 3 == 0 else ''}\n" for i, w in enumerate(words)).encode()
    lines = _SortedLines(data)
    assert len(data) > 6 * 4096  # long enough to be searched through its sampled keys
    for i, w in enumerate(words):
        assert lines.get(w) == f"F{i}\t{'b' if i % 3 == 0 else ''}"
    for w in ("", "aaord", "a", "öööord", "zzz", "baordx", words[0][:-1], words[-1] + "a"):
        assert lines.get(w) is None
