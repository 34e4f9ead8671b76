"""Holes 7, 9 and 11 of the outside security review (issue 12), each with the behaviour a user sees.

Hole 8 (API duplicates across clients) is in tests/test_api.py, the reliability items (SQLite
writers, CSV cells) beside the code they cover.
"""
from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dataentry import services
from dataentry.models import Document, DocumentType, Entry
from review import services as review_services
from review.models import ReviewTask

pytestmark = pytest.mark.django_db(transaction=True)


def upload(path) -> Document:
    return services.document_upload(data=path.read_bytes(), filename=path.name,
                                    document_type=DocumentType.objects.get(slug="personnel_change"))


# --- hole 7: page images need an unexpired claim --------------------------------------------------

def expire(model, pk: int, *, seconds_ago: int) -> None:
    model.objects.filter(pk=pk).update(lease_expires_at=timezone.now() - timedelta(seconds=seconds_ago))


def test_an_operator_whose_claim_expired_no_longer_sees_the_page(client, people, generated_samples, settings):
    settings.LEASE_VIEW_GRACE_SECONDS = 60
    doc = upload(generated_samples[0])
    entry = services.keying_claim_next(operator=people["operator1"])
    assert entry.document_id == doc.pk
    client.force_login(people["operator1"])
    url = reverse("page_image", args=[doc.pk, 1])
    assert client.get(url).status_code == 200
    expire(Document, doc.pk, seconds_ago=30)  # within the grace period: a page still loading
    assert client.get(url).status_code == 200
    expire(Document, doc.pk, seconds_ago=61)
    assert client.get(url).status_code == 403
    assert client.get(reverse("ui_page_image_hd", args=[doc.pk, 1, 300])).status_code == 403


def test_a_reviewer_whose_claim_expired_no_longer_sees_the_page(client, people, generated_samples, settings):
    settings.LEASE_VIEW_GRACE_SECONDS = 0
    doc = upload(generated_samples[1])
    entry = services.keying_claim_next(operator=people["operator1"])
    keyed = copy.deepcopy(doc.entries.get(source=Entry.Source.MACHINE).records)
    keyed[0]["new_post"] += "代理"
    services.entry_submit(entry_id=entry.pk, operator=people["operator1"], records=keyed, version=entry.version)
    task = review_services.review_claim_next(reviewer=people["reviewer1"])
    assert task.document_id == doc.pk
    client.force_login(people["reviewer1"])
    url = reverse("page_image", args=[doc.pk, 1])
    assert client.get(url).status_code == 200
    expire(ReviewTask, task.pk, seconds_ago=1)
    assert client.get(url).status_code == 403
