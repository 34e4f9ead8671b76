"""Audited documents are counted when their result is created, whichever module accepted them."""
from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from dataentry.models import Result


@receiver(post_save, sender=Result, dispatch_uid="singleentry-audit-record")
def _result_created(sender, instance: Result, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        from singleentry.services import single_entry_audit_record

        single_entry_audit_record(result=instance)
