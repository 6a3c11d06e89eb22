"""The models' generated constructor and copy behave as the dataclasses they are (checker/models.py)."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from checker.models import Evidence, Fact, Finding, Provenance


def test_a_model_takes_its_defaults_and_makes_list_fields_tuples() -> None:
    fact = Fact(name="themes", known=True, value=["kultur"], evidence=[Evidence(quote="Om kultur.")])
    assert fact.source == "extracted" and fact.note is None
    assert type(fact.evidence) is tuple and fact.evidence[0].quote == "Om kultur."
    assert fact.value == ["kultur"]  # a value of any type is kept as given
    assert fact == Fact(name="themes", known=True, value=["kultur"], evidence=(Evidence(quote="Om kultur."),))


def test_each_model_gets_its_own_default_dict() -> None:
    def make() -> Provenance:
        return Provenance(
            tool_version="1",
            engine="e",
            profile="p",
            profile_hash="h",
            policy_set_hash="s",
            as_of="2025-01-01",
            lang="sv",
        )

    first, second = make(), make()
    assert first.files == {} and first.files is not second.files


def test_a_model_refuses_a_missing_or_unknown_field_and_cannot_be_changed() -> None:
    with pytest.raises(TypeError, match="quote"):
        Evidence(start=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="colour"):
        Evidence(quote="x", colour="red")  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Evidence(quote="x").start = 3  # type: ignore[misc]


def test_a_copy_replaces_only_the_fields_named_and_checks_them() -> None:
    ev = Evidence(quote="Vi föreslår.", start=4, end=16)
    moved = ev.model_copy(update={"input_start": 5, "input_end": 17})
    assert (moved.start, moved.input_start, moved.input_end, ev.input_start) == (4, 5, 17, None)
    assert moved == dataclasses.replace(ev, input_start=5, input_end=17)
    assert ev.model_copy() is ev
    finding = Finding(
        rule_id="R", title="T", concern="c", severity="notering", outcome="pass", effect="none", message="m"
    )
    assert type(finding.model_copy(update={"evidence": [ev]}).evidence) is tuple
    with pytest.raises(TypeError, match="colour"):
        ev.model_copy(update={"colour": "red"})


def test_a_model_survives_pickling_between_processes() -> None:
    fact = Fact(name="themes", known=True, value=["kultur"], evidence=(Evidence(quote="Om kultur.", start=0, end=9),))
    assert pickle.loads(pickle.dumps(fact)) == fact


def test_the_json_serializer_read_back_from_the_cache_writes_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from checker import models
    from checker.api import Checker

    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    text = (
        "Motion om ett vänortsavtal\n\nVi vill lära av andra kommuner om vatten.\n\n"
        "Jag föreslår att kommunfullmäktige beslutar\n\natt kommunen ingår ett vänortsavtal med Lviv i Ukraina\n"
    )
    verdict = Checker("solna").check_text(text, as_of=dt.date(2025, 8, 14))
    expected = models.stdlib_json(verdict, None).encode("utf-8")
    built = models.json_adapter(models.Verdict)  # built from pydantic, and stored
    assert (tmp_path / "cache" / "parsed" / f"{models._serializer_key(models.Verdict)}.json").is_file()

    def never(*_args: object) -> None:
        raise AssertionError("the schema is built again instead of read from the cache")

    monkeypatch.setattr("pydantic.TypeAdapter", never)
    read_back = models.json_adapter(models.Verdict)
    assert built.dump_json(verdict) == read_back.dump_json(verdict) == expected
    assert read_back.dump_json(verdict, indent=2) == models.stdlib_json(verdict, 2).encode("utf-8")


def test_a_cached_serializer_schema_naming_a_class_from_elsewhere_is_not_used() -> None:
    from checker import models

    good = {"type": "dataclass", "cls": {"$class": "Evidence"}, "items": {"$tuple": [1, {"$builtin": "dict"}]}}
    assert models._schema_from_json(good) == {"type": "dataclass", "cls": Evidence, "items": (1, dict)}
    for bad in ({"cls": {"$class": "Path"}}, {"cls": {"$class": "os"}}, {"f": {"$builtin": "eval"}}, {"$x": 1}):
        assert models._schema_from_json(bad) is None
    assert models._schema_to_json({"cls": Path}) is None  # a class of another module is never stored


def test_every_finding_of_a_verdict_has_every_field_of_a_finding_in_its_order() -> None:
    import datetime as dt

    from checker.api import Checker

    root = Path(__file__).resolve().parent.parent
    verdict = Checker("solna").check(root / "examples" / "solna-taiwan-2025" / "motion.txt", as_of=dt.date(2025, 8, 14))
    findings = list(verdict.findings)
    assert findings
    names = [f.name for f in dataclasses.fields(Finding)]
    for finding in findings:
        assert list(vars(finding)) == names, finding.rule_id
