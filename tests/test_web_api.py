"""The HTTP API under /api/v1 (FastAPI TestClient): the CLI's verdict byte for byte, limits, errors, logs."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the [web] extra is not installed")

from fastapi.testclient import TestClient

from checker.web.app import create_app
from checker.web.service import Service

from .conftest import EXAMPLES, ROOT, run_cli

MOTION = EXAMPLES / "solna-taiwan-2025" / "motion.txt"
FACTS = EXAMPLES / "solna-taiwan-2025" / "facts.yaml"
AS_OF = "2025-08-14"


def cli_json(path: Path, *extra: str) -> bytes:
    proc = run_cli("check", str(path), "--format", "json", "--as-of", AS_OF, *extra)
    assert proc.returncode in (0, 1, 3), proc.stderr
    return proc.stdout


def test_check_with_json_text_gives_the_cli_json_byte_for_byte(client: TestClient) -> None:
    text = MOTION.read_text(encoding="utf-8")
    response = client.post("/api/v1/check", json={"text": text, "as_of": AS_OF})
    assert response.status_code == 200
    assert response.content == cli_json(MOTION)


def test_check_with_an_uploaded_file_gives_the_cli_json_byte_for_byte(client: TestClient, tmp_path: Path) -> None:
    data = MOTION.read_bytes().replace(b"\n", b"\r\n")  # what a Windows machine uploads
    path = tmp_path / "motion.txt"
    path.write_bytes(data)
    response = client.post("/api/v1/check", files={"file": ("motion.txt", data)}, data={"as_of": AS_OF})
    assert response.status_code == 200
    assert response.content == cli_json(path)


def test_check_with_a_base64_file_and_declared_facts_equals_the_cli_with_facts(client: TestClient) -> None:
    import yaml

    declared = {"schema_version": "1", "facts": {"motion_date": {"value": "2023-01-10"}}}
    facts_path = ROOT / "tests" / "fixtures"  # not used for writing; the CLI gets its own copy below
    del facts_path
    body = {
        "file": {"name": "motion.txt", "content_base64": base64.b64encode(MOTION.read_bytes()).decode()},
        "as_of": AS_OF,
        "facts": declared,
    }
    response = client.post("/api/v1/check", json=body)
    assert response.status_code == 200
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        f = Path(folder) / "fakta.yaml"
        f.write_text(yaml.safe_dump(declared), encoding="utf-8")
        assert response.content == cli_json(MOTION, "--facts", str(f))
    facts = {x["name"]: x for x in response.json()["facts"]}
    assert facts["motion_date"]["source"] == "declared"


def test_every_verdict_response_has_an_etag_from_its_content_and_a_decision_id(client: TestClient) -> None:
    response = client.post("/api/v1/check", json={"text": MOTION.read_text(encoding="utf-8"), "as_of": AS_OF})
    assert response.headers["etag"] == f'"{hashlib.sha256(response.content).hexdigest()}"'
    assert len(response.headers["x-decision-id"]) == 32


def test_a_decision_id_is_the_id_of_its_record_in_the_log_and_the_record_replays(tmp_path: Path) -> None:
    log = tmp_path / "beslut.jsonl"
    client = TestClient(create_app(Service(["solna"], log=log)))
    response = client.post("/api/v1/check", files={"file": ("motion.txt", MOTION.read_bytes())}, data={"as_of": AS_OF})
    assert response.status_code == 200
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [r["decision_id"] for r in records] == [response.headers["x-decision-id"]]
    proc = run_cli("replay", str(log))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_server_keeps_nothing_without_a_log(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    client.post("/api/v1/check", json={"text": MOTION.read_text(encoding="utf-8"), "as_of": AS_OF})
    client.post("/api/v1/check", files={"file": ("motion.docx", b"PK\x03\x04 not a zip")})
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_file_is_422_with_one_line(client: TestClient) -> None:
    response = client.post("/api/v1/check", files={"file": ("motion.docx", b"PK\x03\x04 not really a zip")})
    assert response.status_code == 422
    assert set(response.json()) == {"error"}
    assert "\n" not in response.json()["error"]
    assert "Traceback" not in response.text


def test_a_type_the_checker_cannot_read_is_415(client: TestClient) -> None:
    response = client.post("/api/v1/check", files={"file": ("motion.odt", b"whatever")})
    assert response.status_code == 415
    assert ".docx" in response.json()["error"]


def test_a_file_over_the_limit_is_413(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    response = client.post("/api/v1/check", files={"file": ("motion.txt", b"att " * 400)})
    assert response.status_code == 413
    assert "1000 byte" in response.json()["error"]


def test_a_request_body_that_is_not_a_check_request_is_422_with_one_line(client: TestClient) -> None:
    for body in ({"text": "x", "colour": "red"}, {"name": "a.txt"}, {"text": "x", "as_of": "14/8"}):
        response = client.post("/api/v1/check", json=body)
        assert response.status_code == 422, body
        assert list(response.json()) == ["error"]
    response = client.post("/api/v1/check", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    response = client.post("/api/v1/check", content=b"text", headers={"content-type": "text/plain"})
    assert response.status_code == 415


def test_an_unknown_profile_is_422_naming_the_ones_loaded(client: TestClient) -> None:
    response = client.post("/api/v1/check", json={"text": "att x", "profile": "uppsala"})
    assert response.status_code == 422
    assert "solna" in response.json()["error"]


def test_extract_gives_a_facts_file_that_check_accepts_back(client: TestClient) -> None:
    response = client.post("/api/v1/extract", files={"file": ("motion.txt", MOTION.read_bytes())})
    assert response.status_code == 200
    again = client.post(
        "/api/v1/check", files={"file": ("motion.txt", MOTION.read_bytes()), "facts": ("f.yaml", response.content)}
    )
    assert again.status_code == 200, again.text


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_draft_gives_the_document_as_the_draft_command_does(client: TestClient, fmt: str, tmp_path: Path) -> None:
    response = client.post(
        f"/api/v1/draft?format={fmt}", json={"text": MOTION.read_text(encoding="utf-8"), "as_of": AS_OF}
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    out = tmp_path / f"t.{'markdown' if fmt == 'md' else fmt}"
    cli_fmt = {"md": "markdown"}.get(fmt, fmt)
    proc = run_cli("draft", str(MOTION), "--format", cli_fmt, "--as-of", AS_OF, "-o", str(out))
    assert proc.returncode in (0, 1, 3), proc.stderr
    assert response.content == out.read_bytes()
    if fmt == "docx":
        import docx

        assert docx.Document(io.BytesIO(response.content)).paragraphs


def test_draft_refuses_an_unknown_format(client: TestClient) -> None:
    response = client.post("/api/v1/draft?format=odt", json={"text": "att x"})
    assert response.status_code == 422


def test_reference_endpoints(client: TestClient) -> None:
    profiles = client.get("/api/v1/profiles").json()
    assert [p["name"] for p in profiles] == ["solna", "generic"]
    assert profiles[0]["default"] is True
    rules = client.get("/api/v1/rules").json()
    assert rules and all("id" in r for r in rules)
    one = client.get(f"/api/v1/rules/{rules[0]['id']}")
    assert one.status_code == 200 and one.json()["citations"]
    assert client.get("/api/v1/rules/NO-SUCH-RULE").status_code == 404
    schema = client.get("/api/v1/schema/verdict")
    assert schema.content == (ROOT / "checker" / "schemas" / "verdict.schema.json").read_bytes()
    assert client.get("/api/v1/healthz").json()["status"] == "ok"


def test_a_get_with_the_current_etag_is_304(client: TestClient) -> None:
    first = client.get("/api/v1/rules")
    again = client.get("/api/v1/rules", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_the_openapi_document_describes_check_with_json_and_multipart_and_the_verdict(client: TestClient) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    check = doc["paths"]["/api/v1/check"]["post"]
    assert set(check["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert "Verdict" in json.dumps(check["responses"]["200"])
    assert {"413", "415", "422"} <= set(check["responses"])
    assert "Evidence" in doc["components"]["schemas"]
    refs = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(doc)))
    assert refs <= set(doc["components"]["schemas"]), "every $ref resolves"
    assert "CheckRequest" in refs
    assert client.get("/api/v1/docs").status_code == 200


def test_the_cli_check_does_not_import_the_web_stack() -> None:
    code = (
        "import sys\n"
        "from checker.cli import main\n"
        "try:\n"
        f"    main(['check', {str(MOTION)!r}, '--format', 'json', '--as-of', '{AS_OF}'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "web = sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'starlette', 'uvicorn', 'multipart')"
        " or m.startswith('checker.web'))\n"
        "print('WEB', web, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert "WEB []" in proc.stderr, proc.stderr


def test_a_word_upload_gives_the_cli_json_for_the_same_file(client: TestClient, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for paragraph in MOTION.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(paragraph)
    path = tmp_path / "motion.docx"
    document.save(str(path))
    response = client.post("/api/v1/check", files={"file": ("motion.docx", path.read_bytes())}, data={"as_of": AS_OF})
    assert response.status_code == 200
    assert response.content == cli_json(path)
    assert response.json()["recommendation"] == json.loads(cli_json(MOTION))["recommendation"]


def test_serve_outside_loopback_says_the_page_has_no_login(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from checker import cli
    from checker.web import server

    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(server, "run", lambda *args, **kwargs: calls.append(args))
    result = CliRunner().invoke(cli.main, ["serve", "--host", "0.0.0.0", "--port", "8123", "--profile", "generic"])
    assert result.exit_code == 0, result.output
    assert "ingen inloggning" in result.output
    assert calls == [("0.0.0.0", 8123, ["generic"], None)]
    quiet = CliRunner().invoke(cli.main, ["serve"])
    assert "ingen inloggning" not in quiet.output


def test_a_text_field_over_the_limit_is_413(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    response = client.post("/api/v1/check", data={"text": "att " * 500})
    assert response.status_code == 413, response.text
