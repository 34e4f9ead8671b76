"""The endpoints and pages behind keyboard-first keying and review (issue 3), through the test client."""
from __future__ import annotations

import copy
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from dataentry import services
from dataentry.models import Document, DocumentType, Entry, HistoryEvent
from dataentry.ui import char_diff
from review.models import ReviewTask
from tests.conftest import form_data

pytestmark = pytest.mark.django_db(transaction=True)


def upload(pdf) -> Document:
    return services.document_upload(data=pdf.read_bytes(), filename=pdf.name,
                                    document_type=DocumentType.objects.get(slug="personnel_change"))


def claim(client) -> Entry:
    response = client.post(reverse("keying_next"))
    return Entry.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def machine_records(doc) -> list[dict]:
    return doc.entries.get(source=Entry.Source.MACHINE).records


def review_task_with_a_conflict(client, login, people, pdf) -> tuple[ReviewTask, list[dict], list[dict]]:
    doc = upload(pdf)
    machine = machine_records(doc)
    keyed = copy.deepcopy(machine)
    keyed[0]["new_post"] += " 代理"
    login(people["operator1"])
    entry = claim(client)
    client.post(reverse("keying", args=[entry.pk]), form_data(keyed, version=entry.version, then="stop"))
    login(people["reviewer1"])
    client.post(reverse("review_next"))
    return ReviewTask.objects.get(document=doc), machine, keyed


# --- keying page ------------------------------------------------------------------------------

def test_it_labels_fields_as_the_documents_do_in_japanese_and_in_english_on_request(client, login, people, generated_samples):
    upload(generated_samples[0])
    login(people["operator1"])
    entry = claim(client)
    page = client.get(reverse("keying", args=[entry.pk])).content.decode()
    for label in ("発令日", "姓", "名", "会社名", "姓(ふりがな)", "名(ふりがな)", "新役職", "旧役職"):
        assert f'<span class="label">{label}</span>' in page
    assert "キーボードショートカット" in page and 'lang="ja"' in page
    english = client.get(reverse("keying", args=[entry.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="label">Effective date</span>' in english and "Keyboard shortcuts" in english
    # Reading order is the DOM order: 発令日 姓 名 会社名 … 旧役職.
    positions = [page.index(f'name="r0-{key}"') for key in machine_keys()]
    assert positions == sorted(positions)


def test_a_draft_value_that_was_never_typed_shows_as_an_empty_field(client, login, people, generated_samples):
    upload(generated_samples[0])
    login(people["operator1"])
    entry = claim(client)
    Entry.objects.filter(pk=entry.pk).update(records=[{"family_name": "髙橋 <b>", "old_post": None}])
    page = client.get(reverse("keying", args=[entry.pk])).content.decode()
    assert 'name="r0-family_name" value="髙橋 &lt;b&gt;"' in page
    assert 'name="r0-old_post" value=""' in page and 'value="None"' not in page


def machine_keys():
    from dataentry.doctypes import PERSONNEL_CHANGE

    return PERSONNEL_CHANGE.keys


def test_it_validates_a_field_in_the_ui_language_without_saving_anything(client, login, people, generated_samples):
    upload(generated_samples[0])
    login(people["operator1"])
    entry = claim(client)
    url = reverse("ui_keying_validate", args=[entry.pk])
    data = {"r0-effective_date": "2025-02-30", "r0-family_name_kana": "yamada", "r0-family_name": "山田",
            "r1-effective_date": "令和7年4月1日"}
    errors = client.post(url, data).json()["errors"]
    assert set(errors) == {"r0-effective_date", "r0-family_name_kana"}
    assert "日付" in errors["r0-effective_date"] and "/" not in errors["r0-effective_date"]
    english = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en").json()["errors"]
    assert english["r0-family_name_kana"].startswith("kana only")
    entry.refresh_from_db()
    assert entry.version == 0 and entry.records == []
    login(people["operator2"])
    assert client.post(url, data).status_code == 403


def test_it_reports_the_claim_as_ok_expired_or_taken(client, login, people, generated_samples):
    doc = upload(generated_samples[0])
    login(people["operator1"])
    entry = claim(client)
    url = reverse("ui_keying_lease", args=[entry.pk])
    state = client.get(url).json()
    assert state["state"] == "ok" and 0 < state["expires_in"] <= 30 * 60
    Document.objects.filter(pk=doc.pk).update(lease_expires_at=timezone.now() - timezone.timedelta(seconds=1))
    assert client.get(url).json()["state"] == "expired"
    login(people["operator2"])
    claim(client)
    login(people["operator1"])
    assert client.get(url).json()["state"] == "taken"


def test_it_renders_a_sharper_page_for_zooming_only_for_who_may_see_it(client, login, people, generated_samples):
    doc = upload(generated_samples[0])
    page = doc.pages.get(number=1)
    login(people["operator1"])
    claim(client)
    response = client.get(reverse("ui_page_image_hd", args=[doc.pk, 1, 300]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.width == pytest.approx(page.width * 2, abs=2), "300 dpi is twice the 150 dpi page"
    assert client.get(reverse("ui_page_image_hd", args=[doc.pk, 1, 600])).status_code == 404
    assert client.get(reverse("ui_page_image_hd", args=[doc.pk, 9, 300])).status_code == 404
    login(people["operator2"])
    assert client.get(reverse("ui_page_image_hd", args=[doc.pk, 1, 300])).status_code == 403


def test_it_claims_the_next_document_ahead_and_gives_it_back_when_the_operator_stops(client, login, people, generated_samples):
    first, second = upload(generated_samples[0]), upload(generated_samples[1])
    login(people["operator1"])
    entry = claim(client)
    assert entry.document_id == first.pk
    ahead = client.post(reverse("ui_keying_prefetch", args=[entry.pk])).json()
    second.refresh_from_db()
    assert ahead["url"] == reverse("keying", args=[ahead["entry"]]) and second.lease_holder == people["operator1"]
    assert ahead["images"] == [reverse("page_image", args=[second.pk, 1])]
    assert client.post(reverse("ui_keying_prefetch", args=[entry.pk])).json()["entry"] == ahead["entry"], "only one ahead"
    login(people["operator2"])
    assert client.post(reverse("keying_next")).url == reverse("keying_home"), "both documents are taken"

    login(people["operator1"])
    released = client.post(reverse("ui_keying_release_ahead", args=[entry.pk])).json()["released"]
    assert released == [second.pk]
    second.refresh_from_db()
    assert second.lease_holder is None
    assert HistoryEvent.objects.filter(document=second, kind=HistoryEvent.Kind.RELEASE).exists()


def test_it_opens_the_document_claimed_ahead_right_after_the_submit(client, login, people, generated_samples):
    first, _ = upload(generated_samples[0]), upload(generated_samples[1])
    login(people["operator1"])
    entry = claim(client)
    ahead = client.post(reverse("ui_keying_prefetch", args=[entry.pk])).json()
    response = client.post(reverse("keying", args=[entry.pk]), form_data(machine_records(first), version=entry.version))
    assert response.url == ahead["url"]


def test_it_keeps_a_typed_document_claimed_ahead(client, login, people, generated_samples):
    upload(generated_samples[0]), upload(generated_samples[1])
    login(people["operator1"])
    entry = claim(client)
    ahead = client.post(reverse("ui_keying_prefetch", args=[entry.pk])).json()
    other = Entry.objects.get(pk=ahead["entry"])
    services.draft_save(entry_id=other.pk, operator=people["operator1"], records=[{"family_name": "山田"}], version=0)
    assert client.post(reverse("ui_keying_release_ahead", args=[entry.pk])).json()["released"] == []


# --- review page ------------------------------------------------------------------------------

def test_it_marks_only_the_differing_characters():
    first, second = char_diff("データ部 部長", "データ部 部長 代理")
    assert [(s.text, s.changed) for s in first] == [("データ部 部長", False)]
    assert [(s.text, s.changed) for s in second] == [("データ部 部長", False), (" 代理", True)]
    first, second = char_diff("髙橋", "高橋")
    assert [(s.text, s.changed) for s in first] == [("髙", True), ("橋", False)]
    assert [(s.text, s.changed) for s in second] == [("高", True), ("橋", False)]


def test_it_shows_conflicts_with_the_difference_marked_and_agreed_fields_collapsed(client, login, people, generated_samples):
    task, machine, keyed = review_task_with_a_conflict(client, login, people, generated_samples[1])
    page = client.get(reverse("review", args=[task.pk])).content.decode()
    assert '<mark class="diff"> 代理</mark>' in page
    assert page.count('class="conflict"') == 1
    assert "一致した項目 7" in page and "全項目一致" in page
    assert f'data-value="{keyed[0]["new_post"]}"' in page


def test_it_gives_evidence_boxes_to_the_assigned_reviewer_only(client, login, people, generated_samples):
    task, machine, keyed = review_task_with_a_conflict(client, login, people, generated_samples[1])
    url = reverse("ui_review_evidence", args=[task.pk])
    data = client.get(url).json()
    assert data["text_layer"] is True
    (conflict,) = data["conflicts"]
    assert conflict["first"], "the machine's value is printed"
    assert conflict["second"] == [], "the operator's ' 代理' is not"
    page = task.document.pages.get(number=conflict["first"][0]["page"])
    box = conflict["focus"]
    assert 0 <= box["x"] < page.width and 0 <= box["y"] < page.height
    login(people["operator1"])
    assert client.get(url).status_code == 403
    login(people["manager1"])
    assert client.get(url).status_code == 403


def test_it_autosaves_decisions_and_refuses_a_stale_save(client, login, people, generated_samples):
    task, _, _ = review_task_with_a_conflict(client, login, people, generated_samples[1])
    url = reverse("review", args=[task.pk])
    saved = client.post(url, {"version": task.version, "action": "save", "c0-choice": "second", "active_seconds": "3",
                              "wall_seconds": "4"}, HTTP_HX_REQUEST="true").content.decode()
    task.refresh_from_db()
    # The same answer as the keying page's autosave: the status, and the new version swapped in.
    assert f'id="version" value="{task.version}" hx-swap-oob="true"' in saved
    assert task.decisions == {"0": {"choice": "second", "value": ""}}
    assert 'data-lease="ok"' in saved and task.active_seconds == 3
    stale = client.post(url, {"version": task.version - 1, "action": "save", "c0-choice": "first"},
                        HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    assert stale.status_code == 409 and "another window" in stale.content.decode()


def test_it_lets_a_reviewer_claim_an_expired_review_again(client, login, people, generated_samples):
    task, _, _ = review_task_with_a_conflict(client, login, people, generated_samples[1])
    ReviewTask.objects.filter(pk=task.pk).update(lease_expires_at=timezone.now() - timezone.timedelta(seconds=1))
    page = client.get(reverse("review", args=[task.pk])).content.decode()
    assert 'id="lease-banner" class="msg msg-warning banner" role="alert">' in page, "the expiry is shown"
    response = client.post(reverse("ui_review_reclaim", args=[task.pk]))
    task.refresh_from_db()
    assert response.status_code == 200 and response.json()["version"] == task.version and task.lease_active()


# --- home and queue pages ---------------------------------------------------------------------

def test_it_shows_queue_sizes_todays_work_and_the_next_button(client, login, people, generated_samples):
    doc = upload(generated_samples[0])
    login(people["operator1"])
    entry = claim(client)
    client.post(reverse("keying", args=[entry.pk]), form_data(machine_records(doc), version=entry.version, then="stop"))
    page = client.get(reverse("keying_home")).content.decode()
    assert "本日の入力件数</dt><dd>1" in page and 'data-shortcut="n"' in page
    assert "作業 0.5 分" in page  # form_data sends 30 active seconds
    home = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "documents waiting</dt><dd>0" in home and "Next document" in home


def test_it_lists_keying_and_review_claims_for_the_manager(client, login, people, generated_samples):
    task, _, _ = review_task_with_a_conflict(client, login, people, generated_samples[1])
    other = upload(generated_samples[0])
    login(people["operator2"])
    claim(client)
    login(people["manager1"])
    page = client.get(reverse("queues")).content.decode()
    assert "operator2" in page and "reviewer1" in page
    assert reverse("release_claim", args=[other.pk]) in page


def test_the_opening_zoom_uses_the_body_text_size_measured_when_the_pages_were_rendered(client, login, people, generated_samples):
    """issue 16: the keying page no longer opens the PDF to size its opening zoom; pages rendered before
    the size was stored still get it from the PDF, and both give the same figure."""
    import json
    import re

    from django.conf import settings
    from django.core.cache import cache

    from dataentry.models import Page

    doc = upload(generated_samples[0])
    pages = list(doc.pages.order_by("number"))
    assert pages and all(p.body_points and 6 < p.body_points < 20 for p in pages)
    login(people["operator1"])
    entry = claim(client)

    def body_px() -> list:
        html = client.get(reverse("keying", args=[entry.pk])).content.decode()
        config = json.loads(re.search(r'<script id="viewer-config" type="application/json">(.*?)</script>', html).group(1))
        return [p["bodyPx"] for p in config["pages"]]

    measured = body_px()
    assert measured == [round(p.body_points * settings.RENDER_DPI / 72, 2) for p in pages]
    Page.objects.filter(document=doc).update(body_points=None)  # as rendered before issue 16
    cache.clear()
    assert body_px() == measured
