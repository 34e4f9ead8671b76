"""Daily: choose every document type's single-entry threshold again from the verified data."""
from __future__ import annotations

from celery import shared_task

from dataentry.models import DocumentType
from singleentry.services import single_entry_threshold_update


@shared_task(name="singleentry.tasks.update_thresholds")
def update_thresholds() -> int:
    count = 0
    for document_type in DocumentType.objects.filter(single_entry_policy__enabled=True):
        single_entry_threshold_update(document_type=document_type)
        count += 1
    return count
