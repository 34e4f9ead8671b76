"""Keyboard-first keying and review in headless Chromium (issue 3).

Keystrokes are counted as a user would press them: a typed value counts one per character
(Japanese text is inserted as text, which an IME needs more keys for), every other key —
Tab, Enter, a shortcut such as Alt+N — counts one. The counts are written to
tests/artifacts/keystrokes.json.
"""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from django.conf import settings
from django.utils import timezone

from dataentry import services
from dataentry.doctypes import PERSONNEL_CHANGE
from dataentry.models import Document, DocumentType, Entry, Result
from review.models import ReviewTask
from tests.browser import ARTIFACTS, chromium_path, log_in, shot
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Keys:
    """Presses keys on a page and counts them."""

    def __init__(self, page):
        self.page = page
        self.presses = 0      # navigation keys and shortcuts
        self.characters = 0   # characters of typed values

    @property
    def total(self) -> int:
        return self.presses + self.characters

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.presses += 1

    def type(self, text: str) -> None:
        if text:
            self.page.keyboard.type(text)
            self.characters += len(text)


def upload(pdf_bytes: bytes, name: str) -> Document:
    doc_type = DocumentType.objects.get(slug="personnel_change")
    return services.document_upload(data=pdf_bytes, filename=name, document_type=doc_type)


def machine_records(doc: Document) -> list[dict]:
    return Entry.objects.get(document=doc, source=Entry.Source.MACHINE).records


def focused_name(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.name || ''")


def key_document(page, keys: Keys, records: list[dict], field_keys: list[str]) -> int:
    """Key `records` from the first field on, with the keyboard only; returns fields keyed."""
    keyed = 0
    for i, record in enumerate(records):
        start = 0
        if i > 0:
            keys.press("Alt+N")  # a new person after this one; focus in its first field
            previous = records[i - 1]
            if record["effective_date"] == previous["effective_date"] and record["company"] == previous["company"]:
                keys.press("Alt+C")  # date and company from the person above; focus jumps to 姓
                start = 2
        assert focused_name(page) == f"r{i}-{field_keys[1 if start else 0]}", "focus is where keying goes on"
        for key in field_keys:
            if start and key == "effective_date":
                continue  # copied, and focus is already past it
            if start and key == "company":
                keys.press("Tab")  # copied: step over it
                continue
            keys.type(record[key])
            keyed += 1
            keys.press("Tab")
    return keyed


def test_it_keys_a_multi_person_document_and_resolves_the_review_with_the_keyboard_only(new_page, generated_samples):
    make_user("operator1", "operator")
    make_user("reviewer1", "reviewer")
    pdf = generated_samples[1]
    doc = upload(pdf.read_bytes(), pdf.name)
    machine = machine_records(doc)
    assert len(machine) >= 3
    keyed = [dict(r) for r in machine]
    keyed[0]["new_post"] += " 代理"                          # a field conflict
    keyed[1]["given_name"] += "男"                           # another
    dropped = keyed.pop()                                     # a person the operator missed

    operator = new_page()
    log_in(operator, "operator1", PASSWORD)
    operator.goto("/keying/")
    operator.keyboard.press("n")  # "Next document" from the home page
    operator.wait_for_selector("body[data-ready=keying]")
    op = Keys(operator)
    assert focused_name(operator) == "r0-effective_date", "focus starts in the first field"
    fields = key_document(operator, op, keyed, PERSONNEL_CHANGE.keys)  # the form's (reading) order
    op.press("Control+Enter")
    operator.wait_for_url("**/keying/")
    entry = Entry.objects.get(document=doc, source=Entry.Source.HUMAN)
    assert entry.state == Entry.State.SUBMITTED
    assert [r["family_name"] for r in entry.records] == [r["family_name"] for r in keyed]
    assert entry.active_seconds > 0 and entry.wall_seconds >= entry.active_seconds

    task = ReviewTask.objects.get(document=doc)
    conflicts = task.comparison.parsed().conflicts
    assert sorted(c.kind for c in conflicts) == ["field", "field", "missing_in_b"]

    reviewer = new_page()
    log_in(reviewer, "reviewer1", PASSWORD)
    reviewer.goto("/review/")
    reviewer.keyboard.press("n")
    reviewer.wait_for_selector("body[data-ready=review]")
    rv = Keys(reviewer)
    for _ in conflicts:
        rv.press("1")  # the machine's value; for the missing person: keep
    assert reviewer.evaluate("() => document.activeElement.id") == "submit-btn"
    rv.press("Enter")
    reviewer.wait_for_url("**/review/")
    result = Result.objects.get(document=doc)
    assert len(result.records) == len(machine)
    assert result.records[0]["new_post"] == machine[0]["new_post"]
    assert result.records[1]["given_name"] == machine[1]["given_name"]
    assert result.records[-1]["family_name"] == dropped["family_name"]

    per_conflict = round((rv.total - 1) / len(conflicts), 2)
    assert rv.total <= 2 * len(conflicts) + 1, "at most 2 keystrokes per simple conflict plus the submit"
    figures = {
        "document": pdf.name, "persons_keyed": len(keyed), "fields_keyed": fields,
        "operator_characters": op.characters, "operator_other_keys": op.presses,
        "operator_other_keys_per_field": round(op.presses / fields, 2),  # Tab, Alt+N, Alt+C, Ctrl+Enter
        "operator_keys_per_field": round(op.total / fields, 2),
        "conflicts": len(conflicts), "reviewer_keys": rv.total, "reviewer_keys_per_conflict": per_conflict,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "keystrokes.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")


def test_it_finds_the_draft_after_the_browser_was_closed_mid_keying(browser, live_server, generated_samples, tmp_path):
    """A crash before the autosave's pause has passed: the copy kept in the browser (and the
    save sent as the page goes away) brings everything back."""
    make_user("operator1", "operator")
    pdf = generated_samples[5]
    doc = upload(pdf.read_bytes(), pdf.name)
    profile = tmp_path / "profile"

    def open_browser():
        context = browser.browser_type.launch_persistent_context(
            str(profile), executable_path=chromium_path(), headless=True, base_url=live_server.url,
            viewport={"width": 1366, "height": 768}, locale="en", args=["--no-sandbox", "--disable-gpu"])
        return context, context.pages[0] if context.pages else context.new_page()

    context, page = open_browser()
    log_in(page, "operator1", PASSWORD)
    page.goto("/keying/")
    page.keyboard.press("n")
    page.wait_for_selector("body[data-ready=keying]")
    page.keyboard.type("2025-04-01")
    page.keyboard.press("Tab")
    page.keyboard.type("髙橋")
    page.keyboard.press("Tab")
    page.keyboard.type("一郎")
    context.close()  # no pause: the autosave's delay has not passed

    context, page = open_browser()
    page.goto("/keying/")
    if "/accounts/login/" in page.url:
        log_in(page, "operator1", PASSWORD)
        page.goto("/keying/")
    page.keyboard.press("n")
    page.wait_for_selector("body[data-ready=keying]")
    assert page.input_value("input[name='r0-effective_date']") == "2025-04-01"
    assert page.input_value("input[name='r0-family_name']") == "髙橋"
    assert page.input_value("input[name='r0-given_name']") == "一郎"
    # ...and the server has it too, at the latest after the restore's autosave.
    page.wait_for_selector("#autosave-status [data-save=ok]")
    entry = Entry.objects.get(document=doc, source=Entry.Source.HUMAN)
    assert entry.records[0]["given_name"] == "一郎"
    context.close()


def test_it_shows_an_expired_claim_lets_it_be_reclaimed_and_refuses_once_another_operator_took_it(
        new_page, generated_samples):
    make_user("operator1", "operator")
    make_user("operator2", "operator")
    pdf = generated_samples[5]
    doc = upload(pdf.read_bytes(), pdf.name)

    first = new_page()
    log_in(first, "operator1", PASSWORD)
    first.goto("/keying/")
    first.keyboard.press("n")
    first.wait_for_selector("body[data-ready=keying]")
    first.keyboard.type("2025-04-01")
    first.wait_for_selector("#autosave-status [data-save=ok]")

    # The claim runs out while the operator is away; the next autosave says so.
    Document.objects.filter(pk=doc.pk).update(lease_expires_at=timezone.now() - timezone.timedelta(minutes=1))
    first.keyboard.press("Tab")
    first.keyboard.type("髙橋")
    first.wait_for_selector("#lease-banner:not([hidden]) [data-reclaim]")
    assert "expired" in first.inner_text("#lease-banner")
    first.click("[data-reclaim]")  # nobody took it: claiming again works and keying goes on
    first.wait_for_selector("#lease-banner", state="hidden")
    doc.refresh_from_db()
    assert doc.lease_holder.username == "operator1" and doc.lease_expires_at > timezone.now()

    Document.objects.filter(pk=doc.pk).update(lease_expires_at=timezone.now() - timezone.timedelta(minutes=1))
    second = new_page()
    log_in(second, "operator2", PASSWORD)
    second.goto("/keying/")
    second.keyboard.press("n")
    second.wait_for_selector("body[data-ready=keying]")
    shot(second, "ui-lease-second-operator")
    doc.refresh_from_db()
    assert doc.lease_holder.username == "operator2"
    assert second.input_value("input[name='r0-family_name']") == "", "operator2 keys blind, not operator1's draft"

    first.keyboard.press("Control+Enter")  # refused in the page: the claim is someone else's
    # The banner may already show "expired" from a lease check; wait for the refusal's own text.
    expect(first.locator("#lease-banner")).to_contain_text("Another operator")
    shot(first, "ui-lease-taken")
    entry = Entry.objects.get(document=doc, operator__username="operator1")
    assert entry.state == Entry.State.DRAFT and entry.records[0]["family_name"] == "髙橋"


def test_it_counts_active_time_without_an_idle_gap(new_page, generated_samples, settings):
    settings.IDLE_THRESHOLD_SECONDS = 5
    make_user("operator1", "operator")
    pdf = generated_samples[5]
    doc = upload(pdf.read_bytes(), pdf.name)
    page = new_page()
    log_in(page, "operator1", PASSWORD)
    page.clock.install()
    page.goto("/keying/")
    page.keyboard.press("n")
    page.wait_for_selector("body[data-ready=keying]")
    page.keyboard.type("2025-04-01")
    page.clock.fast_forward(120_000)  # two minutes away from the desk
    page.keyboard.press("Tab")
    page.keyboard.type("髙橋")
    page.keyboard.press("Alt+Q")  # stop after this document
    page.keyboard.press("Control+Enter")
    page.wait_for_url("**/keying/")
    entry = Entry.objects.get(document=doc, source=Entry.Source.HUMAN)
    assert entry.wall_seconds >= 120
    assert entry.active_seconds < 30, f"the idle gap was counted: {entry.active_seconds}s active"
    assert entry.active_seconds > 0


def _multi_page_document() -> Document:
    from samplegen import LAYOUTS, build_document

    _, pdf, _, pages = build_document(1, 10, forms=LAYOUTS)
    assert pages == 2
    return upload(pdf, "two-pages.pdf")


@pytest.mark.parametrize("width,height,language", [(1366, 768, "en"), (1920, 1080, "en"), (1366, 768, "ja")])
def test_it_fits_page_and_form_side_by_side_and_takes_screenshots(new_page, generated_samples, width, height, language):
    make_user("operator1", "operator")
    make_user("reviewer1", "reviewer")
    doc = _multi_page_document()

    suffix = f"{width}" if language == "en" else f"{width}-{language}"
    operator = new_page(width, height, locale=language)
    log_in(operator, "operator1", PASSWORD)
    operator.goto("/keying/")
    operator.keyboard.press("n")
    operator.wait_for_selector("body[data-ready=keying]")
    machine = machine_records(doc)
    keyed = [dict(r) for r in machine]
    keyed[1]["new_post"] += " 兼 営業部長"  # one difference, so there is something to review
    key_document(operator, Keys(operator), keyed, PERSONNEL_CHANGE.keys)
    operator.keyboard.press("Shift+Tab")
    viewer = operator.locator("#viewer").bounding_box()
    form = operator.locator(".formpane").bounding_box()
    assert viewer["x"] + viewer["width"] <= form["x"], "page image left of the form"
    assert form["x"] + form["width"] <= width and viewer["height"] > height * 0.8
    assert operator.locator(".thumb").count() == 2
    shot(operator, f"ui-operator-{suffix}")
    operator.keyboard.press("Alt+PageDown")
    for _ in range(4):
        operator.keyboard.press("Alt+=")
    operator.wait_for_selector(".page-wrap[data-page='2'] img.page[data-hd=done]")
    assert operator.inner_text("[data-page-indicator]").strip().endswith("2 / 2")
    shot(operator, f"ui-operator-zoomed-{suffix}")
    operator.keyboard.press("F1")
    operator.wait_for_selector("#help-dialog[open]")
    shot(operator, f"ui-shortcuts-{suffix}")
    operator.keyboard.press("Escape")
    operator.keyboard.press("Alt+0")
    operator.keyboard.press("Alt+Q")
    operator.keyboard.press("Control+Enter")
    operator.wait_for_url("**/keying/")

    reviewer = new_page(width, height, locale=language)
    log_in(reviewer, "reviewer1", PASSWORD)
    reviewer.goto("/review/")
    reviewer.keyboard.press("n")
    reviewer.wait_for_selector("body[data-ready=review]")
    reviewer.wait_for_selector(".evbox.first")
    assert reviewer.locator(".ev-found").count() >= 1
    shot(reviewer, f"ui-reviewer-{suffix}")
    reviewer.keyboard.press("?")
    reviewer.wait_for_selector("#help-dialog[open]")
    shot(reviewer, f"ui-reviewer-shortcuts-{suffix}")


def test_it_validates_on_leaving_a_field_without_blocking_and_edits_rows_with_shortcuts(new_page, generated_samples):
    make_user("operator1", "operator")
    pdf = generated_samples[5]
    doc = upload(pdf.read_bytes(), pdf.name)
    page = new_page()
    log_in(page, "operator1", PASSWORD)
    page.goto("/keying/")
    page.keyboard.press("n")
    page.wait_for_selector("body[data-ready=keying]")
    page.keyboard.type("2025-13-01")
    page.keyboard.press("Enter")  # Enter moves on like Tab; it never submits the form
    assert focused_name(page) == "r0-family_name"
    page.keyboard.type("山田")     # typing goes on while the date is checked
    page.wait_for_selector("#err-r0-effective_date:not(:empty)")
    assert "not a date" in page.inner_text("#err-r0-effective_date")
    assert page.get_attribute("input[name='r0-effective_date']", "aria-invalid") == "true"
    assert page.input_value("input[name='r0-family_name']") == "山田"
    for key in ("Tab", "Tab", "Tab"):
        page.keyboard.press(key)
    page.keyboard.type("ﾔﾏﾀﾞx")   # 姓(ふりがな): not kana only
    page.keyboard.press("Shift+Enter")
    page.wait_for_selector("#err-r0-family_name_kana:not(:empty)")
    shot(page, "ui-validation-1366")
    page.keyboard.press("Control+Enter")  # errors: the first press points at them instead of submitting
    page.wait_for_selector("#submit-note:not([hidden])")
    assert focused_name(page) == "r0-effective_date"
    page.keyboard.press("Control+a")
    page.keyboard.type("令和7年4月1日")
    page.keyboard.press("Tab")
    page.wait_for_selector("#err-r0-effective_date:empty", state="attached")

    page.fill("input[name='r0-company']", "かもめ電機株式会社")
    page.keyboard.press("Alt+N")
    assert focused_name(page) == "r1-effective_date"
    page.keyboard.press("Alt+C")
    assert focused_name(page) == "r1-family_name"
    assert page.input_value("input[name='r1-effective_date']") == "令和7年4月1日"
    assert page.input_value("input[name='r1-company']") == "かもめ電機株式会社"
    page.keyboard.type("佐藤")
    page.keyboard.press("Alt+N")
    assert page.locator("fieldset.record").count() == 3
    page.keyboard.press("Alt+X")  # an empty person goes without a question
    assert page.locator("fieldset.record").count() == 2
    page.focus("input[name='r0-family_name']")
    page.once("dialog", lambda d: d.accept())
    page.keyboard.press("Alt+X")  # a typed one asks first
    assert page.locator("fieldset.record").count() == 1
    assert page.input_value("input[name='r0-family_name']") == "佐藤", "the rows are numbered again"
    page.wait_for_function("() => document.querySelector('#autosave-status [data-save=ok]')")
    page.wait_for_timeout(300)
    entry = Entry.objects.get(document=doc, source=Entry.Source.HUMAN)
    assert [r["family_name"] for r in entry.records] == ["佐藤"]


def _submitted_by_operator(doc: Document, records: list[dict], username: str = "operator1") -> None:
    from django.contrib.auth.models import User

    operator = User.objects.get(username=username)
    entry = services.keying_claim_next(operator=operator)
    assert entry.document_id == doc.pk
    services.entry_submit(entry_id=entry.pk, operator=operator, records=records, version=entry.version)


def test_it_takes_the_second_value_types_a_correction_and_drops_a_person_by_keyboard(new_page, generated_samples):
    make_user("operator1", "operator")
    make_user("reviewer1", "reviewer")
    pdf = generated_samples[1]
    doc = upload(pdf.read_bytes(), pdf.name)
    machine = machine_records(doc)
    keyed = [dict(r) for r in machine]
    keyed[0]["new_post"] += " 代理"
    keyed[1]["old_post"] = "総務部"
    keyed.append(dict(keyed[0], family_name="架空", given_name="太郎", family_name_kana="かくう", given_name_kana="たろう"))
    _submitted_by_operator(doc, keyed)
    conflicts = ReviewTask.objects.get(document=doc).comparison.parsed().conflicts
    assert [c.kind for c in conflicts] == ["field", "field", "missing_in_a"]

    page = new_page()
    log_in(page, "reviewer1", PASSWORD)
    page.goto("/review/")
    page.keyboard.press("n")
    page.wait_for_selector("body[data-ready=review]")
    page.keyboard.press("2")          # the operator's post (with 代理)
    page.wait_for_selector("#save-status [data-save=ok]")  # autosaved: the keying page's htmx protocol
    assert ReviewTask.objects.get(document=doc).decisions["0"] == {"choice": "second", "value": ""}
    page.keyboard.press("e")          # a correction for the old post, starting from the operator's value
    assert page.evaluate("() => document.activeElement.name") == "c1-value"
    page.keyboard.press("End")
    page.keyboard.type(" 部長")
    page.keyboard.press("Enter")
    page.keyboard.press("k")          # back up one conflict and look again: nothing changes
    page.keyboard.press("j")
    page.keyboard.press("2")          # drop the person only the operator keyed
    page.wait_for_selector("#submit-btn:not([disabled])")
    shot(page, "ui-reviewer-decided-1366")
    page.keyboard.press("Control+Enter")
    page.wait_for_url("**/review/")
    result = Result.objects.get(document=doc)
    assert len(result.records) == len(machine)
    assert result.records[0]["new_post"] == keyed[0]["new_post"] and result.provenance[0]["new_post"] == "second"
    assert result.records[1]["old_post"] == "総務部 部長" and result.provenance[1]["old_post"] == "reviewer"
    task = ReviewTask.objects.get(document=doc)
    assert task.active_seconds > 0 and task.wall_seconds >= task.active_seconds


def test_it_renews_the_claim_while_the_operator_works_without_typing(new_page, generated_samples):
    make_user("operator1", "operator")
    pdf = generated_samples[5]
    doc = upload(pdf.read_bytes(), pdf.name)
    page = new_page()
    log_in(page, "operator1", PASSWORD)
    page.clock.install()
    page.goto("/keying/")
    page.keyboard.press("n")
    page.wait_for_selector("body[data-ready=keying]")
    page.keyboard.type("2025-04-01")
    page.clock.fast_forward(2_000)
    page.wait_for_selector("#autosave-status [data-save=ok]")
    # The page's clock runs six minutes ahead below, the server's does not: the claim is set back as
    # it would stand six minutes after that save (a save renews it once a minute has passed, not at once).
    first_expiry = timezone.now() + timedelta(minutes=settings.LEASE_MINUTES - 6)
    Document.objects.filter(pk=doc.pk).update(lease_expires_at=first_expiry)
    for _ in range(6):                # six minutes of reading the page, moving the mouse
        page.mouse.move(200, 300)
        page.mouse.move(260, 340)
        page.clock.fast_forward(60_000)
    page.wait_for_function("() => Number(document.getElementById('version').value) >= 2")
    doc.refresh_from_db()
    assert doc.lease_expires_at > first_expiry, "an autosave renewed the claim"


def test_it_shows_home_pages_with_the_next_key_and_lets_a_manager_release_a_claim(new_page, generated_samples):
    make_user("operator1", "operator", "reviewer")
    make_user("manager1", "manager")
    doc = upload(generated_samples[5].read_bytes(), generated_samples[5].name)
    page = new_page(locale="ja")
    log_in(page, "operator1", PASSWORD)
    page.goto("/")
    assert "次の文書" in page.inner_text("main") and "次の差異" in page.inner_text("main")
    shot(page, "ui-home-operator-reviewer-ja")
    page.keyboard.press("n")
    page.wait_for_selector("body[data-ready=keying]")

    manager = new_page()
    log_in(manager, "manager1", PASSWORD)
    manager.goto("/queues/")
    assert "operator1" in manager.inner_text("table.queue >> nth=1")
    shot(manager, "ui-queues-1366")
    manager.click(f"form[action='/documents/{doc.pk}/release/'] button")
    manager.wait_for_selector("text=Nobody holds a keying claim.")
    doc.refresh_from_db()
    assert doc.lease_holder is None
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_selector("#lease-banner:not([hidden])")
