"""The page in a real browser: headless Debian Chromium driven by Playwright, axe-core on every page.

Skips with its reason when Chromium, Playwright or axe-core is missing; on CI (CI=1) it fails instead.
Screenshots go to the test's temporary folder (printed with -s), for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES, ROOT
from .web_live import live_server, skip_or_fail

MOTION = EXAMPLES / "solna-taiwan-2025" / "motion.txt"
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    pytest.importorskip("uvicorn", reason="the [web] extra is not installed")
    with live_server() as url:
        yield url


@pytest.fixture(scope="module")
def playwright() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        skip_or_fail("Chromium is missing (apt-get install -y chromium)")
    if not AXE.exists():
        skip_or_fail("axe-core is missing (npm install --prefix .axe axe-core)")
    with sync_playwright() as p:
        yield p


def launch(playwright: Any, profile: Path, **options: Any) -> Any:
    """Debian's Chromium with a fresh user-data-dir (never Playwright's own browser download)."""
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), args=ARGS, headless=True, accept_downloads=True, **options
    )


@pytest.fixture(scope="module")
def browser(playwright: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    context = launch(playwright, tmp_path_factory.mktemp("chromium-profile"), viewport={"width": 1200, "height": 900})
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    pg = browser.new_page()
    try:
        yield pg
    finally:
        pg.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots: {folder}")
    return folder


def axe_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}) {v['nodes'][0]['target']}" for v in result["violations"]]


def check_motion(page: Any, base: str, text: str) -> None:
    page.goto(f"{base}/")
    page.fill("#text", text)
    page.fill("#as_of", "2025-08-14")
    with page.expect_navigation():
        page.click("form.check button[type=submit]")


def library_verdict() -> Any:
    from checker.api import Checker

    return Checker("solna").check(MOTION, as_of=dt.date(2025, 8, 14))


def test_pasting_the_founding_motion_shows_avsla_and_its_grounds(page: Any, base: str, shots: Path) -> None:
    expected = library_verdict()
    check_motion(page, base, MOTION.read_text(encoding="utf-8"))
    page.screenshot(path=str(shots / "resultat.png"), full_page=True)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator(".rec-word strong").inner_text() == "Avslå"
    assert "Avslå" in page.locator("[role=status]").first.inner_text().title()
    shown = page.locator("article.finding").evaluate_all("els => els.map(e => e.id)")
    for rule_id in expected.grounds:
        assert f"grund-{rule_id}" in shown
    assert len(expected.grounds) == 4
    assert page.locator("mark").count() > 0
    assert axe_violations(page) == []


def test_a_mark_leads_to_its_finding_and_back_by_keyboard(page: Any, base: str) -> None:
    check_motion(page, base, MOTION.read_text(encoding="utf-8"))
    # Tab from the top until a link after a mark has focus (each mark lists its findings as links)
    for _ in range(600):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ref')"):
            break
    else:
        pytest.fail("no mark's link is reachable with the Tab key")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_function("(h) => location.hash === h", arg=target)
    assert page.evaluate("document.querySelector(':target').tagName") == "ARTICLE"
    back = page.locator(f"{target} a.back").first
    back.focus()
    href = back.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_function("(h) => location.hash === h", arg=href)
    assert page.evaluate("document.querySelector(':target').tagName") == "MARK"


def test_answering_an_unknown_fact_checks_again_and_shows_it_as_declared(page: Any, base: str, shots: Path) -> None:
    check_motion(page, base, MOTION.read_text(encoding="utf-8"))
    before = page.locator("#bedomning").input_value()
    questions = page.locator("#svar .field")
    assert questions.count() > 0, "the founding motion leaves at least one fact unknown"
    first = questions.first
    if first.locator("input[type=text]").count():
        field = first.locator("input[type=text]")
        name = field.get_attribute("name")
        field.fill("2023-01-10" if name == "svar_motion_date" else "Taiwan")
    else:
        first.locator("input:not([value=unknown])").first.check()
    with page.expect_navigation():
        page.click("#svar button[type=submit]:not([name])")
    page.screenshot(path=str(shots / "med-svar.png"), full_page=True)
    assert page.locator("#angivna").count() == 1
    assert "angiven" in page.locator("dl.declared").inner_text()
    assert page.locator("#bedomning").input_value() != before
    assert axe_violations(page) == []


def test_the_tjansteskrivelse_downloads_as_a_word_file(page: Any, base: str, tmp_path: Path) -> None:
    import docx

    check_motion(page, base, MOTION.read_text(encoding="utf-8"))
    with page.expect_download() as info:
        page.click("button[name=download][value=docx]")
    target = tmp_path / "tjansteskrivelse.docx"
    info.value.save_as(str(target))
    assert info.value.suggested_filename.endswith(".docx")
    document = docx.Document(io.BytesIO(target.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Förslag till beslut" in text or "beslut" in text


def test_every_page_passes_axe_and_reflows_at_320_pixels(browser: Any, base: str, shots: Path) -> None:
    pg = browser.new_page()
    pg.set_viewport_size({"width": 320, "height": 800})
    try:
        for path in ("/", "/?lang=en", "/flera", "/tillganglighet", "/tillganglighet?lang=en", "/api/v1/docs"):
            pg.goto(base + path)
            pg.screenshot(path=str(shots / f"320{path.replace('/', '_').replace('?', '_')}.png"), full_page=True)
            assert axe_violations(pg) == [], path
            assert pg.evaluate("document.documentElement.scrollWidth") <= 320, path
        assert pg.goto(base + "/?lang=en") and pg.locator("html").get_attribute("lang") == "en"
        check_motion(pg, base, MOTION.read_text(encoding="utf-8"))
        pg.screenshot(path=str(shots / "320-resultat.png"), full_page=True)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        pg.close()


def test_an_empty_form_says_how_to_fix_it(page: Any, base: str, shots: Path) -> None:
    page.goto(f"{base}/")
    page.fill("#as_of", "14 augusti")
    with page.expect_navigation():
        page.click("form.check button[type=submit]")
    page.screenshot(path=str(shots / "fel.png"), full_page=True)
    alert = page.locator("[role=alert]").inner_text()
    assert "Klistra in" in alert and "åååå-mm-dd" in alert
    assert axe_violations(page) == []


def test_the_batch_page_checks_several_files_and_a_zip(page: Any, base: str, tmp_path: Path, shots: Path) -> None:
    import zipfile

    motions = sorted(EXAMPLES.glob("*/motion.txt"))[:3]
    archive = tmp_path / "sammantrade.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for m in motions:
            z.write(m, f"motioner/{m.parent.name}.txt")
    single = tmp_path / "taiwan.txt"
    shutil.copy(MOTION, single)
    page.goto(f"{base}/flera")
    page.set_input_files("#files", [str(archive), str(single)])
    page.fill("#as_of", "2025-08-14")
    with page.expect_navigation():
        page.click("#flera button[type=submit]:not([name])")
    page.screenshot(path=str(shots / "flera.png"), full_page=True)
    assert page.locator("tbody tr").count() == len(motions) + 1
    assert "Avslå" in page.locator("tbody").inner_text()
    assert axe_violations(page) == []


def test_the_page_works_without_javascript(base: str, tmp_path: Path, playwright: Any) -> None:
    context = launch(playwright, tmp_path / "profile", java_script_enabled=False)
    try:
        page = context.new_page()
        check_motion(page, base, MOTION.read_text(encoding="utf-8"))
        assert page.locator(".rec-word strong").inner_text() == "Avslå"
        assert page.locator("button.copy").is_hidden()  # the copy button is an enhancement only
        with page.expect_download() as info:
            page.click("button[name=download][value=json]")
        assert info.value.suggested_filename.endswith(".json")
    finally:
        context.close()


def test_kopiera_bedomningen_puts_the_assessment_on_the_clipboard(page: Any, base: str, browser: Any) -> None:
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    check_motion(page, base, MOTION.read_text(encoding="utf-8"))
    button = page.locator("button.copy")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('.copy-status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#bedomning").input_value()
