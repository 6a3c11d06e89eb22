"""The fuzzing harness shared by tests/test_fuzz.py (a short, derandomised run in CI) and scripts/fuzz.py
(a longer run): seed inputs in real formats, mutations, and the one property every input must have —
it gives a verdict or a user-facing error of one-line problems, never any other exception, and
within a time bound.

`COUNCIL_FUZZ_EXAMPLES` scales the number of examples per target (scripts/fuzz.py sets it);
`TRIED` counts the inputs tried per target.
"""

from __future__ import annotations

import collections
import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from checker.batch import BudgetExceeded, time_budget
from checker.errors import CheckerError

ROOT = Path(__file__).resolve().parent.parent
TAIWAN = ROOT / "examples" / "solna-taiwan-2025" / "motion.txt"
AS_OF = dt.date(2025, 8, 14)
TIME_BOUND = 30.0  # seconds one fuzzed input may take; a hang guard, far above any real input
TRIED: collections.Counter[str] = collections.Counter()
OUTCOMES: collections.Counter[tuple[str, str]] = collections.Counter()  # (target, "ok" | "error")


def fuzz_settings(examples: int) -> settings:
    scale = int(os.environ.get("COUNCIL_FUZZ_EXAMPLES", "0") or 0)
    return settings(
        max_examples=scale or examples,
        deadline=None,
        derandomize=not scale,  # CI: the same examples every run; the long run explores
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


def assert_one_line_problems(err: CheckerError) -> None:
    lines = err.lines()
    assert lines, "a CheckerError without a line"
    for line in lines:
        assert "\n" not in line and "Traceback" not in line, line
        assert len(line) <= 1000, line[:200]
    assert err.exit_code in (2, 4), err.exit_code


def bounded(target: str, fn: Any) -> str:
    """Run one fuzzed input: "ok", or "error" for a user-facing error; anything else propagates."""
    TRIED[target] += 1
    try:
        with time_budget(TIME_BOUND):
            fn()
    except CheckerError as err:
        assert_one_line_problems(err)
        OUTCOMES[target, "error"] += 1
        return "error"
    except BudgetExceeded:
        raise AssertionError(f"{target}: an input took longer than {TIME_BOUND} s") from None
    OUTCOMES[target, "ok"] += 1
    return "ok"


# --------------------------------------------------------------------------- seeds in real formats


def docx_seed() -> bytes:
    import docx

    document = docx.Document()
    for line in TAIWAN.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Anna Andersson"
    table.rows[0].cells[1].text = "(S)"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip_with(seed: bytes, member: str, data: bytes) -> bytes:
    """A .docx whose zip container is intact and whose part `member` is `data` (mutated XML)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(seed))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, data if info.filename == member else source.read(info))
    return out.getvalue()


def docx_part(seed: bytes, member: str) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(seed)).read(member)


def pdf_seed() -> bytes:
    from tests.test_reading import _pdf

    lines = [line for line in TAIWAN.read_text(encoding="utf-8").splitlines() if line.strip()]
    safe = [line.encode("cp1252", "replace").decode("cp1252") for line in lines]
    return _pdf([safe[:30], safe[30:]])


def txt_seed() -> bytes:
    return TAIWAN.read_bytes()


# --------------------------------------------------------------------------- mutations


@st.composite
def mutated(draw: Any, seed: bytes) -> bytes:
    """Byte flips (anywhere, or in the last 2 KB where a zip keeps its directory), insertions, deletions
    and truncation of a seed."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "tail-flip", "insert", "delete", "truncate", "dup"]))
        if not data:
            break
        n = len(data)
        if kind == "flip":
            data[draw(st.integers(0, n - 1))] = draw(st.integers(0, 255))
        elif kind == "tail-flip":
            data[draw(st.integers(max(0, n - 2048), n - 1))] = draw(st.integers(0, 255))
        elif kind == "insert":
            at = draw(st.integers(0, n))
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            at = draw(st.integers(0, n - 1))
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[draw(st.integers(0, n - 1)) :]
        else:
            at = draw(st.integers(0, n - 1))
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
    return bytes(data)


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.dates().map(dt.date.isoformat)
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
)
YAML_NOISE = st.sampled_from(
    ["&a ", "*a", "[", "]", "{", "}", ": ", "- ", "? ", "!!python/object ", "\t", "'", '"', "#", "%YAML 1.1\n", "---\n"]
)


@st.composite
def yaml_text(draw: Any, doc: Any) -> str:
    """YAML of a document, with a few characters of YAML syntax inserted at random places."""
    import yaml

    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(YAML_NOISE) + text[at:]
    return text


def paths_of(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.extend(paths_of(v, (*prefix, k)))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out.extend(paths_of(v, (*prefix, i)))
    return out


@st.composite
def mutated_doc(draw: Any, doc: Any) -> Any:
    """A copy of a document with 1-3 values removed, replaced by generated ones, or replaced by another
    value of the same document (which keeps it close to valid: a condition where another stood)."""
    doc = json.loads(json.dumps(doc, default=str))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in paths_of(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        how = draw(st.sampled_from(["remove", "generate", "swap", "swap"]))
        if how == "remove" and isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif how == "swap":
            other = doc
            for key in draw(st.sampled_from(paths)):
                other = other[key]
            parent[path[-1]] = json.loads(json.dumps(other))
        else:
            parent[path[-1]] = draw(VALUES)
    return doc


WORDS = st.sampled_from(
    [
        "Motion om",
        "MOTION",
        "Ämne:",
        "att",
        "Att",
        "yrkar",
        "föreslår",
        "hemställer",
        "kommunfullmäktige",
        "besluta",
        "kommunstyrelsen",
        "ges i uppdrag",
        "utreda",
        "vänort",
        "vänortsavtal",
        "samarbete",
        "Tartu",
        "Taiwan",
        "Kina",
        "Ukraina",
        "Pirkkala",
        "Eurocities",
        "bistånd",
        "bojkott",
        "Israel",
        "företag",
        "föreningen",
        "stöd",
        "(S)",
        "(M)",
        "Anna Andersson",
        "Solna den 3 mars 2024",
        "2024-03-03",
        "§ 23",
        "KS/2025:193",
        "100 000 kronor",
        ".",
        ",",
        ":",
        ";",
        "-",
        "•",
        "1.",
        "\n",
        "\n\n",
        "  ",
        "#",
        "**",
    ]
)
TEXTS = st.lists(WORDS | st.text(max_size=12), max_size=300).map(" ".join)
