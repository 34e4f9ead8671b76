"""A second document type defined in the Django admin, without code, goes through the whole loop.

An admin creates "invoice" (issuer, invoice number, issue date, total amount compared as a
number) through the admin's add form with its inline field definitions; a manager uploads an
invoice PDF; the text-layer keyer has no rules for it and says "unavailable", so two operators
key it; their amounts agree (¥1,200 = 1200), their issuers do not; a reviewer resolves; the
export carries the invoice fields.
"""
from __future__ import annotations

import json

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dataentry.models import Document, DocumentType, Entry, MachineRun, Result
from dataentry.records import canonical_value
from dataentry.spec import FieldKind, FieldSpec
from review.models import ReviewTask
from tests.conftest import form_data, make_user

pytestmark = pytest.mark.django_db(transaction=True)

INVOICE_FIELDS = [
    # key, label, label_en, kind, required, keying rule
    ("issuer", "発行者", "Issuer", "text", True, "請求書を発行した会社名を印刷どおりに。"),
    ("invoice_number", "請求書番号", "Invoice number", "text", True, "請求書番号を印刷どおりに（記号も含める）。"),
    ("issue_date", "発行日", "Issue date", "date", True, "発行日を YYYY-MM-DD で。和暦は西暦に直す。"),
    ("total_amount", "合計金額", "Total amount", "number", True, "税込合計。¥・円・カンマは付けても付けなくてもよい。"),
]
PROMPT = "あなたは請求書（PDF のページ画像）からデータを入力する担当者です。請求書ごとに 1 件のレコードを出力してください。\n{rules}\nJSON だけを出力してください。"


def admin_add_form() -> dict:
    """The POST the admin's "Add document type" page sends, inline formset management fields included."""
    prefix = "field_definitions"
    data = {
        "slug": "invoice", "name": "請求書", "prompt": PROMPT, "prompt_version": "1", "max_records": "5",
        "active": "on",
        f"{prefix}-TOTAL_FORMS": str(len(INVOICE_FIELDS)), f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, (key, label, label_en, kind, required, rule) in enumerate(INVOICE_FIELDS):
        data.update({
            f"{prefix}-{i}-position": str(i), f"{prefix}-{i}-key": key, f"{prefix}-{i}-label": label,
            f"{prefix}-{i}-label_en": label_en, f"{prefix}-{i}-kind": kind, f"{prefix}-{i}-max_length": "100",
            f"{prefix}-{i}-keying_rule": rule,
        })
        if required:
            data[f"{prefix}-{i}-required"] = "on"
    return data


def invoice_pdf() -> bytes:
    """A one-page invoice with a text layer (so the keyer's "unavailable" is about rules, not pixels)."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    lines = ["INVOICE", "Issuer: Sample Trading Co., Ltd.", "Invoice No. INV-2025-0042",
             "Issue date: 2025-04-01", "Total: JPY 1,200"]
    for n, line in enumerate(lines):
        page.insert_text((72, 90 + 24 * n), line, fontsize=14)
    data = doc.tobytes()
    doc.close()
    return data


def claim_next(client) -> Entry:
    response = client.post(reverse("keying_next"))
    assert response.status_code == 302 and response.url != reverse("keying_home"), "no document to key"
    return Entry.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def test_an_admin_defined_invoice_type_goes_through_keying_review_and_export(client):
    root = make_user("root")
    root.is_staff = root.is_superuser = True
    root.save()
    operator1, operator2 = make_user("inv-op1", "operator"), make_user("inv-op2", "operator")
    reviewer = make_user("inv-reviewer", "reviewer")

    # 1. The admin defines the type and its fields in the Django admin.
    client.force_login(root)
    response = client.post(reverse("admin:dataentry_documenttype_add"), admin_add_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    invoice = DocumentType.objects.get(slug="invoice")
    spec = invoice.spec()
    assert spec.keys == ["issuer", "invoice_number", "issue_date", "total_amount"]
    assert spec.field("total_amount").kind == FieldKind.NUMBER
    assert "{rules}" in spec.prompt

    # 2. A manager (the superuser counts as one) uploads an invoice of that type.
    upload = SimpleUploadedFile("invoice-0042.pdf", invoice_pdf(), content_type="application/pdf")
    response = client.post(reverse("documents"), {"document_type": invoice.pk, "files": [upload], "priority": 0},
                           follow=True)
    assert "としてアップロードしました" in response.content.decode()  # the default interface is Japanese
    doc = Document.objects.get()
    assert doc.document_type == invoice and doc.status == Document.Status.KEYING

    # 3. The text-layer keyer has no rules for invoices: "unavailable", so two humans key it.
    run = MachineRun.objects.get(document=doc)
    assert run.outcome == MachineRun.Outcome.FAILED and run.failure_kind == "unavailable"
    doc.refresh_from_db()
    assert doc.machine_state == Document.MachineState.FAILED and doc.humans_needed == 2

    # 4. Two operators key it blind; the form is built from the field definitions.
    first = {"issuer": "サンプル商事株式会社", "invoice_number": "INV-2025-0042", "issue_date": "令和7年4月1日",
             "total_amount": "¥1,200"}
    second = {**first, "issuer": "サンプル商店株式会社", "issue_date": "2025-04-01", "total_amount": "1200"}
    for operator, record in ((operator1, first), (operator2, second)):
        client.force_login(operator)
        entry = claim_next(client)
        assert entry.document_id == doc.pk
        page = client.get(reverse("keying", args=[entry.pk])).content.decode()
        for key, label, *_ in INVOICE_FIELDS:
            assert f'name="r0-{key}"' in page and label in page
        assert 'name="r0-family_name"' not in page
        response = client.post(reverse("keying", args=[entry.pk]), form_data([record], version=entry.version, then="stop"))
        assert response.status_code == 302

    # 5. Amounts and dates agree under their kinds' rules; only the issuer conflicts.
    doc.refresh_from_db()
    assert doc.status == Document.Status.IN_REVIEW
    task = ReviewTask.objects.get(document=doc)
    conflicts = task.comparison.parsed().conflicts
    assert [(c.kind, c.field, c.a, c.b) for c in conflicts] == [
        ("field", "issuer", "サンプル商事株式会社", "サンプル商店株式会社")]

    # 6. The reviewer sees both values and picks the first keyer's.
    client.force_login(reviewer)
    response = client.post(reverse("review_next"))
    assert response.url == reverse("review", args=[task.pk])
    page = client.get(response.url).content.decode()
    assert "サンプル商事株式会社" in page and "サンプル商店株式会社" in page and "発行者" in page
    task.refresh_from_db()
    client.post(reverse("review", args=[task.pk]), {"version": task.version, "action": "submit", "then": "stop",
                                                    "c0-choice": "first", "active_seconds": "9", "wall_seconds": "11"})
    doc.refresh_from_db()
    assert doc.status == Document.Status.ACCEPTED
    result = Result.objects.get(document=doc)
    assert result.path == Result.Path.REVIEWED_HUMANS
    assert result.provenance == [{"issuer": "first", "invoice_number": "agreed", "issue_date": "agreed",
                                  "total_amount": "agreed"}]

    # 7. The export carries the invoice fields.
    client.force_login(root)
    exported = json.loads(client.get(reverse("results_export", args=["json"])).getvalue())
    assert len(exported) == 1 and exported[0]["document_type"] == "invoice"
    assert exported[0]["records"] == [{
        "issuer": {"value": "サンプル商事株式会社", "provenance": "first"},
        "invoice_number": {"value": "INV-2025-0042", "provenance": "agreed"},
        "issue_date": {"value": "2025-04-01", "provenance": "agreed"},
        "total_amount": {"value": "1200", "provenance": "agreed"},
    }]
    csv_text = client.get(reverse("results_export", args=["csv"])).getvalue().decode("utf-8-sig")
    header = csv_text.splitlines()[0].split(",")
    assert {"issuer", "invoice_number", "issue_date", "total_amount", "total_amount__provenance"} <= set(header)
    assert "family_name" not in header


def test_an_agreed_amount_is_stored_in_one_canonical_form():
    amount = FieldSpec(key="total_amount", label="合計金額", kind=FieldKind.NUMBER)
    assert canonical_value("¥1,200", amount) == canonical_value("1200", amount) == "1200"
