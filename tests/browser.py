"""Playwright with Debian's Chromium (no browser download): helpers shared by the browser tests."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium); .ci/run installs it")
    # The sync Playwright API runs an event loop in this thread; the ORM calls made by the
    # tests themselves are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def new_page(browser, live_server):
    contexts = []
    refused: list[str] = []  # what the Content-Security-Policy blocked: a script or style we ship is broken

    def _new(width: int = 1366, height: int = 768, locale: str = "en"):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                                      accept_downloads=True, base_url=live_server.url)
        context.on("console", lambda msg: refused.append(f"{msg.text[:60]} at {msg.location}") if "Content Security Policy" in msg.text else None)
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()
    assert not refused, f"the Content-Security-Policy blocked: {refused}"


def log_in(page, username: str, password: str):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def shot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


# --- the steps of the two-match flow, as the users do them -----------------------------------------

def upload_as_manager(page, pdf: Path) -> None:
    page.goto("/documents/")
    page.set_input_files("input[type=file]", str(pdf))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("text=uploaded as document")


def key_next_document(page, records: list[dict]) -> None:
    """Claim the next document, type `records` with the mouse-and-form path, submit and stop."""
    page.goto("/keying/")
    page.click("text=Next document")
    page.wait_for_selector("#keying-form")
    for i, record in enumerate(records):
        if i > 0:
            page.click("button[value=add_row]")
            page.wait_for_selector(f"input[name='r{i}-family_name']")
        for key, value in record.items():
            page.fill(f"input[name='r{i}-{key}']", value)


def submit_and_stop(page, home: str) -> None:
    page.check("input[name=then]")
    page.click("#submit-btn")
    page.wait_for_url(f"**{home}")


def open_next_review(page) -> None:
    page.goto("/review/")
    page.click("text=Next conflict")
    page.wait_for_selector("#review-form")


def side_with_the_operator(page) -> None:
    """Take the operator's value for every field conflict, keep persons only they keyed and drop
    persons only the first keyer listed: the result is then exactly the operator's keying."""
    for radio in page.locator("input[type=radio][value=second]").all():
        radio.check()
    for fieldset in page.locator("fieldset.conflict[data-kind=missing_in_a]").all():
        fieldset.locator("input[type=radio][value=keep]").check()
    for fieldset in page.locator("fieldset.conflict[data-kind=missing_in_b]").all():
        fieldset.locator("input[type=radio][value=drop]").check()
