"""The page without a browser (TestClient): forms, answers as declared facts, downloads, errors, hostile zips."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the [web] extra is not installed")

from fastapi.testclient import TestClient

from checker.errors import CheckerError
from checker.web.app import create_app
from checker.web.service import Service, TooLarge, unpack_batch

from .conftest import EXAMPLES

MOTION = EXAMPLES / "solna-taiwan-2025" / "motion.txt"
AS_OF = "2025-08-14"


def submit(client: TestClient, **fields: str) -> str:
    data = {"text": MOTION.read_text(encoding="utf-8").replace("\n", "\r\n"), "as_of": AS_OF, **fields}
    response = client.post("/granska", data=data)
    assert response.status_code == 200, response.text[:500]
    return response.text


def test_the_result_page_puts_the_recommendation_before_the_grounds(client: TestClient, service: Service) -> None:
    verdict = service.checker("solna").check(MOTION, as_of=dt.date(2025, 8, 14))
    html = submit(client)
    rec = html.index('class="rec-word"')
    for rule_id in verdict.grounds:
        assert html.index(f'id="grund-{rule_id}"') > rec
    assert 'role="status"' in html
    assert '<html lang="sv">' in html


def test_each_mark_links_to_its_findings_and_each_finding_back(client: TestClient) -> None:
    html = submit(client)
    marks = re.findall(r'<mark id="(markering-\d+)"', html)
    assert marks
    for m in marks:
        assert f'href="#{m}"' in html  # a finding links back to it
    for target in set(re.findall(r'class="ref"', html)):
        assert target
    refs = re.findall(r'<a href="#(grund-[^"]+)" class="ref">', html)
    assert refs and all(f'id="{r}"' in html for r in refs)


def test_an_answer_is_checked_again_as_a_declared_fact(client: TestClient) -> None:
    html = submit(client, svar_motion_date="2023-01-10")
    assert 'id="angivna"' in html
    assert "(angiven)" in html
    # the answered question stays, filled in, so it can be changed and goes with every download
    assert re.search(r'name="svar_motion_date"[^>]*value="2023-01-10"', html)
    download = client.post(
        "/granska",
        data={
            "text": MOTION.read_text(encoding="utf-8"),
            "as_of": AS_OF,
            "svar_motion_date": "2023-01-10",
            "download": "json",
        },
    )
    facts = {f["name"]: f for f in json.loads(download.content)["facts"]}
    assert facts["motion_date"]["source"] == "declared"
    assert facts["motion_date"]["value"] == "2023-01-10"


def test_a_wrong_answer_says_which_question_and_how_to_fix_it(client: TestClient) -> None:
    response = client.post(
        "/granska", data={"text": MOTION.read_text(encoding="utf-8"), "as_of": AS_OF, "svar_motion_date": "i våras"}
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert "YYYY-MM-DD" in response.text or "åååå-mm-dd" in response.text.lower()


def test_the_facts_download_is_a_facts_file_the_cli_accepts(client: TestClient, tmp_path: Path) -> None:
    from .conftest import run_cli

    response = client.post(
        "/granska", data={"text": MOTION.read_text(encoding="utf-8"), "as_of": AS_OF, "download": "facts"}
    )
    assert response.status_code == 200
    facts = tmp_path / "fakta.yaml"
    facts.write_bytes(response.content)
    proc = run_cli("check", str(MOTION), "--facts", str(facts), "--as-of", AS_OF)
    assert proc.returncode in (0, 1, 3), proc.stderr


def test_an_uploaded_file_is_carried_to_the_next_request_without_being_kept(client: TestClient) -> None:
    response = client.post("/granska", files={"file": ("motion.txt", MOTION.read_bytes())}, data={"as_of": AS_OF})
    assert response.status_code == 200
    carried = re.search(r'name="upload_b64" value="([^"]+)"', response.text)
    assert carried is not None
    again = client.post(
        "/granska", data={"upload_b64": carried.group(1), "upload_name": "motion.txt", "as_of": AS_OF, "download": "md"}
    )
    assert again.status_code == 200
    assert again.headers["content-type"].startswith("text/markdown")


def test_errors_say_how_to_fix_them(client: TestClient) -> None:
    response = client.post("/granska", data={"text": "", "as_of": "14 augusti"})
    assert response.status_code == 422
    assert "Klistra in motionstexten" in response.text and "åååå-mm-dd" in response.text
    response = client.post("/granska", files={"file": ("motion.odt", b"x")}, data={"as_of": AS_OF})
    assert response.status_code == 415
    assert ".docx" in response.text


def test_the_english_page_is_english(client: TestClient) -> None:
    response = client.get("/?lang=en")
    assert '<html lang="en">' in response.text and "Check a motion" in response.text
    html = submit(client, lang="en")
    assert "Recommendation" in html


def test_every_page_has_a_skip_link_and_one_h1(client: TestClient) -> None:
    for path in ("/", "/flera", "/tillganglighet", "/api/v1/docs"):
        html = client.get(path).text
        assert 'href="#innehall"' in html and 'id="innehall"' in html, path
        assert html.count("<h1") == 1, path


def test_every_form_field_has_a_label(client: TestClient) -> None:
    html = submit(client)
    ids = re.findall(r'<(?:input|textarea|select)(?![^>]*type="(?:hidden|radio|checkbox)")[^>]*\bid="([^"]+)"', html)
    assert ids
    for i in ids:
        assert f'for="{i}"' in html, i


def zip_of(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_zip_is_read_by_base_names_without_climbing_hidden_files_or_other_types() -> None:
    data = zip_of(
        {
            "../../etc/evil.txt": b"att kommunen",
            "/abs/motion.txt": b"att kommunen",
            "motioner/motion.txt": b"att kommunen",
            "__MACOSX/._motion.txt": b"junk",
            ".DS_Store": b"junk",
            "run.sh": b"rm -rf /",
        }
    )
    names = [n for n, _ in unpack_batch([("sammantrade.zip", data)])]
    assert names == ["motion.txt", "motion (2).txt"]  # a member that climbs out with .. is skipped


def test_a_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = zip_of({"motion.txt": b"a" * (5 * 1024 * 1024)})
    with pytest.raises(TooLarge):
        unpack_batch([("bomb.zip", bomb)])


def test_a_zip_with_too_many_motions_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.web import service

    monkeypatch.setattr(service, "MAX_BATCH_FILES", 3)
    with pytest.raises(TooLarge):
        unpack_batch([("many.zip", zip_of({f"m{i}.txt": b"att x" for i in range(4)}))])


def test_a_member_larger_than_the_file_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    with pytest.raises(TooLarge):
        unpack_batch([("big.zip", zip_of({"motion.txt": b"att " * 100}, compression=zipfile.ZIP_STORED))])


def test_a_damaged_zip_is_one_error() -> None:
    with pytest.raises(CheckerError):
        unpack_batch([("trasig.zip", b"PK\x03\x04 not a zip")])


def test_the_batch_page_reports_each_file_and_an_unreadable_one_in_its_place(client: TestClient) -> None:
    data = zip_of({"a/motion.txt": MOTION.read_bytes(), "b/tom.txt": b"   "})
    response = client.post("/flera", files=[("files", ("m.zip", data))], data={"as_of": AS_OF})
    assert response.status_code == 200
    assert response.text.count("<tr>") == 3  # the header and two motions
    assert "Avslå" in response.text and "Kunde inte läsas" in response.text
    report = client.post("/flera", files=[("files", ("m.zip", data))], data={"as_of": AS_OF, "download": "jsonl"})
    lines = report.content.decode().splitlines()
    assert len(lines) == 2 and "error" in json.loads(lines[1])


def test_the_batch_page_without_files_says_what_to_do(client: TestClient) -> None:
    response = client.post("/flera", data={"as_of": AS_OF})
    assert response.status_code == 422
    assert "Välj minst en fil" in response.text


def test_the_result_page_switches_language_keeping_the_motion(client: TestClient) -> None:
    response = client.post(
        "/granska", data={"text": MOTION.read_text(encoding="utf-8"), "as_of": AS_OF, "lang": "sv", "visa_lang": "en"}
    )
    assert response.status_code == 200
    assert '<html lang="en">' in response.text and "Recommendation" in response.text


def test_a_body_over_the_limit_is_refused_while_reading_it(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 1000)

    def chunks():  # no Content-Length: the limit must hold while the body streams in
        for _ in range(2000):
            yield b"x" * 1024

    response = client.post("/api/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    page = client.post("/granska", files={"file": ("motion.txt", b"att " * 1000000)})
    assert page.status_code == 413
    assert 'role="alert"' in page.text


def test_an_unexpected_failure_is_a_500_with_one_line_and_no_stack(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internals at /srv/app.py line 12")

    client = TestClient(create_app(service), raise_server_exceptions=False)
    monkeypatch.setattr(service, "check", broken)
    response = client.post("/api/v1/check", json={"text": "att x"})
    assert response.status_code == 500
    assert list(response.json()) == ["error"]
    assert "secret" not in response.text and "Traceback" not in response.text
