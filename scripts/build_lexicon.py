"""Build checker/data/lexicon.json and lexicon_words.txt, the Swedish lexicon the extractor reads for compounds.

Input (build time only; the runtime reads the generated file and nothing else): the Swedish Hunspell
dictionary of the PyPI package ``hunspell-sv`` (``pip install -e '.[lexicon]'``), its ``sv_SE.dic``
(about 270,000 entries with affix flags) and ``sv_SE.aff`` (the suffix rules and the compound flags).

What is taken from it:
- ``suffixes``: the inflection rules (``SFX`` lines without continuation flags), per flag, as
  ``[strip, add, condition]``: "nämnd" + D → "nämnden", "fri" + O → "fria", "fritt";
- heads: every entry that may end a compound (flag ``COMPOUNDEND``, Y), with its inflection flags;
  ``!`` marks an entry whose bare form is no word of its own (``NEEDAFFIX``). The runtime inflects
  these to tell whether a word can be the last part of a compound ("nämnden", "utbyte", "fria");
- begins: every form that may begin or stand inside a compound (``COMPOUNDBEGIN`` X or
  ``COMPOUNDMIDDLE`` U on the entry, or a suffix rule whose continuation carries them: the linking
  forms "fritids", "skol", "gatu", "kvinno").
Forbidden entries (``FORBIDDENWORD``) are left out.

The words go to ``lexicon_words.txt``, one sorted line per word, ``word<TAB>head flags<TAB>b`` (``-``
when the word is no head, ``b`` when it begins compounds), so the runtime looks words up by binary
search in the file's text and parses nothing: reading the 1.5 MB file is its whole start-up cost.
The rules and the source go to ``lexicon.json``.

The dictionary is LGPL-3.0 (Daniel Nylander's hunspell-sv, built on SFOL, SALDO and Folkets lexikon);
the generated table records the package version and the digest of the files it was built from.

Usage:  .venv/bin/python scripts/build_lexicon.py [--check] [--dic PATH --aff PATH] [--stems-report]
  --check         exit 1 when the committed tables differ from what the installed dictionary builds.
  --stems-report  list the cue words (checker/data/cues.yaml) whose inflected forms, by the shipped
                  lexicon, do not start with their stem in stems.json ("land" → "länder", "skriva" →
                  "skrev"): a stem cannot match those forms, so the cue needs them as alternatives.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "checker" / "data" / "lexicon.json"
WORDS = ROOT / "checker" / "data" / "lexicon_words.txt"
PACKAGE = "hunspell-sv"


def dictionary_files() -> tuple[Path, Path]:
    """sv_SE.dic and sv_SE.aff as installed by the hunspell-sv package (in the environment's share/)."""
    base = Path(sysconfig.get_path("data")) / "share" / "hunspell"
    dic, aff = base / "sv_SE.dic", base / "sv_SE.aff"
    if not dic.exists() or not aff.exists():
        sys.exit(f"{dic} not found: install the build-time dictionary with  pip install -e '.[lexicon]'")
    return dic, aff


def read_aff(aff: Path) -> tuple[dict[str, str], dict[str, list[tuple[str, str, str, str]]]]:
    """The flag settings (COMPOUNDBEGIN …) and the suffix rules: flag → [(strip, add, continuation, condition)]."""
    settings: dict[str, str] = {}
    rules: dict[str, list[tuple[str, str, str, str]]] = {}
    lines = aff.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        parts = lines[i].split()
        if len(parts) == 2 and parts[0].isupper():
            settings[parts[0]] = parts[1]
        if len(parts) >= 4 and parts[0] == "SFX" and parts[2] in ("Y", "N") and parts[3].isdigit():
            flag, count = parts[1], int(parts[3])
            for line in lines[i + 1 : i + 1 + count]:
                _sfx, _flag, strip, add_cont, cond = line.split()[:5]
                add, _, cont = add_cont.partition("/")
                rules.setdefault(flag, []).append(
                    ("" if strip == "0" else strip, "" if add == "0" else add, cont, "" if cond == "." else cond)
                )
            i += count + 1
            continue
        if parts and parts[0] == "FLAG":
            sys.exit(f"{aff}: FLAG {parts[1]} is not supported (one-character flags only)")
        i += 1
    return settings, rules


def read_dic(dic: Path) -> dict[str, str]:
    """Entry → its flags (entries listed more than once, as noun and verb, have their flags joined)."""
    entries: dict[str, str] = {}
    for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.strip().partition("/")
        if word:
            entries[word] = "".join(sorted(set(entries.get(word, "")) | set(flags)))
    return entries


def build(dic: Path, aff: Path) -> tuple[dict[str, object], str]:
    settings, rules = read_aff(aff)
    entries = read_dic(dic)
    begin = settings.get("COMPOUNDBEGIN", "X")
    middle = settings.get("COMPOUNDMIDDLE", "U")
    end = settings.get("COMPOUNDEND", "Y")
    only = settings.get("ONLYINCOMPOUND", "Z")
    forbidden = settings.get("FORBIDDENWORD", "%")
    needaffix = settings.get("NEEDAFFIX", "¤")
    # inflection: rules that make a word of letters ("nämnd" → "nämnden"), not a linking form or "-"
    inflection = {
        f: [(s, a, c) for s, a, cont, c in rs if not cont and (a.isalpha() or not a)] for f, rs in rules.items()
    }
    inflection = {f: rs for f, rs in inflection.items() if rs}
    linking = {
        f: [(s, a, cont, c) for s, a, cont, c in rs if begin in cont or middle in cont] for f, rs in rules.items()
    }
    conds = {c: re.compile(f"(?:{c})$") for rs in rules.values() for _s, _a, _cont, c in rs if c}

    heads: dict[str, str] = {}
    begins: set[str] = set()
    for word, flags in entries.items():
        if forbidden in flags or not word.isalpha():
            continue
        bare_ok = needaffix not in flags
        if (begin in flags or middle in flags) and bare_ok:
            begins.add(word)
        for flag in flags:
            for strip, add, _cont, cond in linking.get(flag, ()):
                if word.endswith(strip) and (not cond or conds[cond].search(word)):
                    form = word[: len(word) - len(strip)] + add
                    if form.isalpha() and len(form) >= 2:
                        begins.add(form)
        if end in flags and only not in flags:
            kept = "".join(f for f in flags if f in inflection)
            heads[word] = kept + ("" if bare_ok else "!")
    digest = hashlib.sha256(dic.read_bytes() + aff.read_bytes()).hexdigest()
    try:
        version = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        version = "unknown"
    lines = [f"{w}\t{heads.get(w, '-') or '+'}\t{'b' if w in begins else ''}" for w in sorted(set(heads) | begins)]
    words = "\n".join(lines) + "\n"
    rules_doc: dict[str, object] = {
        "source": {"package": PACKAGE, "version": version, "license": "LGPL-3.0-only", "sha256": digest},
        "words": {
            "file": WORDS.name,
            "sha256": hashlib.sha256(words.encode("utf-8")).hexdigest(),
            "heads": len(heads),
            "begins": len(begins),
        },
        "suffixes": {f: [list(r) for r in rs] for f, rs in sorted(inflection.items())},
    }
    return rules_doc, words


def dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def stems_report() -> list[tuple[str, str, list[str]]]:
    """(cue word, its stem, its inflected forms the stem misses), from the shipped tables only."""
    sys.path.insert(0, str(ROOT))
    from checker.extraction.morphology import lexicon

    lex = lexicon()
    rules = json.loads(OUTPUT.read_text(encoding="utf-8"))["suffixes"]
    stems = json.loads((ROOT / "checker" / "data" / "stems.json").read_text(encoding="utf-8"))
    out = []
    for word, stem in sorted(stems.items()):
        entry = lex.words.get(word)
        flags = entry.partition("\t")[0] if entry else "-"
        if flags == "-":
            continue
        forms = set() if "!" in flags else {word}
        for flag in flags:
            for strip, add, cond in rules.get(flag, ()):
                if word.endswith(strip) and (not cond or re.search(f"(?:{cond})$", word)):
                    forms.add(word[: len(word) - len(strip)] + add)
        missed = sorted(f for f in forms if not f.startswith(stem))
        if missed:
            out.append((word, stem, missed))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--dic", type=Path)
    parser.add_argument("--aff", type=Path)
    parser.add_argument("--stems-report", action="store_true")
    args = parser.parse_args()
    if args.stems_report:
        for word, stem, missed in stems_report():
            print(f"{word} (stem {stem}): {', '.join(missed)}")
        return
    dic, aff = (args.dic, args.aff) if args.dic and args.aff else dictionary_files()
    rules_doc, words = build(dic, aff)
    text = dump(rules_doc)
    if args.check:
        for path, want in ((OUTPUT, text), (WORDS, words)):
            if path.read_text(encoding="utf-8") != want:
                sys.exit(f"{path} is stale: run scripts/build_lexicon.py")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    WORDS.write_text(words, encoding="utf-8")
    for path in (OUTPUT, WORDS):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
