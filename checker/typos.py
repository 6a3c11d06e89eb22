"""Misspelt forms of the verbs that propose: "Jag förslår att …", "Vi föreslar att …", "Jag yrker att …".

A motion's proposal is found by its verb ("föreslår", "yrkar", "hemställer"). A word one edit away
from such a verb (a letter left out, added, changed or two swapped; å, ä and ö also read as a and o) is
read as that verb where the words around it leave no other reading: a subject of the proposal before it
("jag", "vi", "undertecknade", "motionären", "därför", "härmed", a party) and "att", a subject,
"därför"/"härmed" or the council after it, or nothing (the att-satser follow on the next lines). Only
these few long verbs are read so; short ones ("yrka", "begär") have too many neighbours among ordinary
words. Used by the reader (att-satser after the verb) and by the extractor's tokens (a proposing
sentence), so that both read the same word as the same verb.
"""

from __future__ import annotations

import re

from checker.vocabulary import PARTY_WORDS

# The forms a typo may be near, each with the present tense it is read as, by the form without diacritics.
_FORMS = {
    "föreslår": "föreslår",
    "föreslå": "föreslår",
    "föreslås": "föreslår",
    "yrkar": "yrkar",
    "yrkas": "yrkar",
    "hemställer": "hemställer",
    "hemställa": "hemställer",
}
# Real words one edit from a proposing verb, never read as it: "forsla" (to carry: "Därför forslar vi
# bort snön"), "yrkes" and "yrken" (of "yrke", a trade). Forms of the verbs themselves ("yrkat",
# "hemställt") and "förslår" (in today's Swedish only a misspelling) are read as the verb.
_REAL_WORDS = frozenset(("forsla", "forslar", "forslas", "forslat", "forslade", "forslades", "yrkes", "yrken"))
_FOLD = str.maketrans("åäöÅÄÖ", "aaoAAO")
_FOLDED = {form.translate(_FOLD): (form, verb) for form, verb in _FORMS.items()}
_SHORTEST = min(len(f) for f in _FOLDED) - 1
_LONGEST = max(len(f) for f in _FOLDED) + 1
_FIRST_LETTERS = frozenset(f[0] for f in _FOLDED)

_SUBJECT_BEFORE = frozenset(
    ("jag", "vi", "undertecknad", "undertecknade", "motionären", "motionärerna", "därför", "härmed", "alltså")
)
_AFTER = frozenset(
    [
        "att",
        "jag",
        "vi",
        "därför",
        "härmed",
        "också",
        "även",
        "alltså",
        "pa",
        "på",
        "följande",
        "fullmäktige",
        "kommunfullmäktige",
        "regionfullmäktige",
        "landstingsfullmäktige",
    ]
)
_PARTY_END = ("partiet", "demokraterna", *PARTY_WORDS)  # "Vänsterpartiet", "Socialdemokraterna", "Moderaterna"


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by exactly one inserted, deleted or changed letter, or two letters swapped."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one letter changed
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def near_form(word: str) -> str | None:
    """The proposing verb that ``word`` (lower case) misspells, or None when it is none or is the verb."""
    if not _SHORTEST <= len(word) <= _LONGEST:
        return None
    folded = word.translate(_FOLD)
    if folded[:1] not in _FIRST_LETTERS:
        return None
    if word in _FORMS or word in _REAL_WORDS:
        return None
    found = None
    for form_folded, (_, verb) in _FOLDED.items():
        if folded == form_folded or _one_edit(folded, form_folded):
            if found is not None and found != verb:
                return None  # near two verbs: no reading
            found = verb
    return found


def proposing_typo(word: str, before: str, after: str) -> str | None:
    """The proposing verb that ``word`` misspells, read so only between a subject of the proposal
    (``before``, lower case) and what follows such a verb (``after``, lower case, "" at the end)."""
    form = near_form(word)
    if form is None:
        return None
    if before not in _SUBJECT_BEFORE and not before.endswith(_PARTY_END):
        return None
    return form if after in _AFTER or after == "" else None


def _candidates() -> re.Pattern[str]:
    """Words that begin as a verb does and are about as long: the only ones looked at."""
    spans: dict[str, tuple[int, int]] = {}
    for folded in _FOLDED:
        lo, hi = spans.get(folded[0], (len(folded), len(folded)))
        spans[folded[0]] = (min(lo, len(folded) - 1), max(hi, len(folded) + 1))
    # The pattern begins with the first letters' class, and checks that no letter precedes the word only
    # after it (the look-behind spans that letter too): a pattern that begins with a look-behind is tried at
    # every position of the text, one that begins with a class only where the class matches (the same
    # matches, a fraction of the instructions).
    first = "".join(f"{c}{c.upper()}" for c in sorted(spans))
    parts = [f"(?<=[{c}{c.upper()}])[^\\W\\d_]{{{lo - 1},{hi - 1}}}" for c, (lo, hi) in sorted(spans.items())]
    return re.compile(f"[{first}]" + r"(?<![^\W\d_].)(?:" + "|".join(parts) + r")(?![^\W\d_])")


_CANDIDATE = _candidates()
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\S\n]*\n?[^\S\n]*$")
_WORD_AFTER = re.compile(r"[^\S\n]*([^\W\d_]+)")
_LOOK = 40  # characters looked at on each side for the neighbouring words


def typo_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, verb) of each misspelt proposing verb in ``text[start:end]``, read as above: the
    word before it may stand on the line before, the word after it only on the same line."""
    stop = len(text) if end is None else end
    out = []
    for m in _CANDIDATE.finditer(text, start, stop):
        form = near_form(m.group().lower())
        if form is None:
            continue
        a, b = m.span()
        prev = _WORD_BEFORE.search(text, max(start, a - _LOOK), a)
        nxt = _WORD_AFTER.match(text, b, min(stop, b + _LOOK))
        before = prev.group(1).lower() if prev else ""
        after = nxt.group(1).lower() if nxt else ""
        found = proposing_typo(m.group().lower(), before, after)
        if found is not None:
            out.append((a, b, found))
    return out
