"""The published JSON contract, determinism, and generated artefacts that must not go stale."""

from __future__ import annotations

import json

import jsonschema

from checker.docgen import RULES_DOC_PATH, SCHEMA_PATH, rules_doc, schema_text
from checker.load import load_policy_set

from .conftest import EXAMPLES, run_cli

FACTS = str(EXAMPLES / "solna-taiwan-2025" / "facts.yaml")


def test_committed_verdict_schema_matches_the_models() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run: python -m checker.docgen"


def test_committed_rule_documentation_is_current() -> None:
    assert RULES_DOC_PATH.read_text(encoding="utf-8") == rules_doc(load_policy_set("solna")), (
        "run: python -m checker.docgen"
    )


def test_json_verdict_validates_against_the_shipped_schema() -> None:
    proc = run_cli("check", FACTS, "--format", "json", "--as-of", "2025-08-14")
    assert proc.returncode == 1, proc.stderr
    verdict = json.loads(proc.stdout)
    jsonschema.validate(verdict, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    finding = verdict["findings"][0]
    assert set(finding) >= {"rule_id", "concern", "severity", "outcome", "message", "remedy", "citations", "evidence"}
    assert set(finding["citations"][0]) >= {"clause_id", "reference", "quote", "url"}


def test_json_schema_rejects_a_verdict_with_an_unknown_recommendation() -> None:
    proc = run_cli("check", FACTS, "--format", "json", "--as-of", "2025-08-14")
    verdict = json.loads(proc.stdout)
    verdict["recommendation"] = "kanske"
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    try:
        jsonschema.validate(verdict, schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an invalid recommendation")


def test_same_input_gives_the_same_bytes_in_separate_processes() -> None:
    first = run_cli("check", FACTS, "--format", "json", "--as-of", "2025-08-14")
    second = run_cli("check", FACTS, "--format", "json", "--as-of", "2025-08-14")
    assert first.stdout == second.stdout
    assert (
        run_cli("check", FACTS, "--as-of", "2025-08-14").stdout
        == run_cli("check", FACTS, "--as-of", "2025-08-14").stdout
    )


def test_provenance_records_versions_profile_hashes_and_as_of_date() -> None:
    verdict = json.loads(run_cli("check", FACTS, "--format", "json", "--as-of", "2025-08-14").stdout)
    prov = verdict["provenance"]
    assert prov["as_of"] == "2025-08-14"
    assert prov["profile"] == "solna"
    assert prov["engine"].startswith("durable-rules 2.0.28")
    assert "rules/kommunallagen.yaml" in prov["files"] and "policies/solna-kontext.yaml" in prov["files"]
    assert all(len(h) == 64 for h in prov["files"].values())
    assert len(prov["input_sha256"]) == 64


def test_several_inputs_give_an_array_with_failures_in_their_place(tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "tom.yaml"
    empty.write_text("", encoding="utf-8")
    proc = run_cli("check", FACTS, str(empty), FACTS, "--format", "json", "--as-of", "2025-08-14")
    assert proc.returncode == 4
    data = json.loads(proc.stdout)
    assert [("error" in d) for d in data] == [False, True, False]
    assert data[1]["input_name"] == "tom.yaml"
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert proc.stderr.decode().strip().endswith("tom.yaml: faktafilen är tom")


def test_fast_json_serialiser_gives_the_bytes_of_the_standard_library(solna) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from checker.render.jsonout import render_json, render_jsonl_line, verdict_dict

    for motion in sorted((EXAMPLES.parent / "tests" / "corpus").glob("0[0-2]*.txt")):
        verdict = solna.check(motion, as_of=dt.date(2025, 10, 1))
        plain = verdict_dict(verdict)
        assert render_jsonl_line(verdict) == json.dumps(plain, ensure_ascii=False, separators=(",", ":")) + "\n"
        assert render_json(verdict) == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"


def test_verdicts_written_with_kept_citation_texts_give_the_bytes_of_the_standard_library(solna) -> None:  # type: ignore[no-untyped-def]
    """render_json_bytes keeps each rule's citations' JSON after the first verdict that has them and splices
    it into later verdicts: the bytes stay those of json.dumps, compact and indented, first time and after."""
    import datetime as dt

    from checker.render import jsonout

    jsonout._CITED.clear()
    motions = sorted((EXAMPLES.parent / "tests" / "corpus").glob("0[0-2]*.txt"))
    assert motions
    for _ in range(2):  # the first round learns the texts, the second splices them
        for motion in motions:
            verdict = solna.check(motion, as_of=dt.date(2025, 10, 1))
            plain = jsonout.verdict_dict(verdict)
            compact = json.dumps(plain, ensure_ascii=False, separators=(",", ":")) + "\n"
            assert jsonout.render_json_bytes(verdict, indent=None) == compact.encode()
            indented = json.dumps(plain, ensure_ascii=False, indent=2) + "\n"
            assert jsonout.render_json_bytes(verdict, indent=2) == indented.encode()
    assert jsonout._CITED  # kept, so the second round went through the splice
