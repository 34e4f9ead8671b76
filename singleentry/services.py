"""Writes of single entry: the policy switch, the threshold, the decision per document, the
bookkeeping of audits and the guard that switches single entry off.

`single_entry_consider` and `single_entry_audit_record` run inside the caller's transaction (the
machine keying's store and the creation of a result); the others are entry points with their own.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dataentry.models import Document, DocumentType, Entry, HistoryEvent, Result, history_add
from dataentry.records import canonical_value
from reports.calc import field_confidence, field_matches, MachineKeying
from singleentry import selectors
from singleentry.models import SingleEntryDecision, SingleEntryPolicy
from singleentry.threshold import ThresholdChoice, choose_threshold


def _policy(document_type: DocumentType, *, lock: bool = False) -> SingleEntryPolicy:
    policy, _ = SingleEntryPolicy.objects.get_or_create(document_type=document_type)
    if lock:
        policy = SingleEntryPolicy.objects.select_for_update().get(pk=policy.pk)
    return policy


def single_entry_policy_set(*, document_type: DocumentType, actor=None, enabled: bool | None = None,
                            target_error: float | None = None, audit_share: float | None = None) -> SingleEntryPolicy:
    """A manager (or the simulator) switches single entry on or off, or changes its target or audit share."""
    if target_error is not None and not 0 < target_error < 1:
        raise ValueError(f"the target error rate is between 0 and 1, not {target_error}")
    if audit_share is not None and not 0 <= audit_share <= 1:
        raise ValueError(f"the audit share is between 0 and 1, not {audit_share}")
    with transaction.atomic(durable=True):
        policy = _policy(document_type, lock=True)
        before = {"enabled": policy.enabled, "target_error": policy.target_error, "audit_share": policy.audit_share}
        if target_error is not None:
            policy.target_error = target_error
        if audit_share is not None:
            policy.audit_share = audit_share
        if enabled is not None and enabled != policy.enabled:
            policy.enabled = enabled
            if enabled:
                policy.enabled_at = timezone.now()
                policy.switched_off_at, policy.switched_off_reason = None, ""
        policy.save()
        after = {"enabled": policy.enabled, "target_error": policy.target_error, "audit_share": policy.audit_share}
        if after != before:
            history_add(kind=HistoryEvent.Kind.SINGLE_ENTRY, actor=actor,
                        note=f"single entry for {document_type.slug}: " + ("on" if policy.enabled else "off"),
                        data={"document_type": document_type.slug, "before": before, "after": after})
        return policy


def single_entry_threshold_update(*, document_type: DocumentType, actor=None) -> ThresholdChoice:
    """Choose the threshold again from the reviewer-verified fields (daily, and from the admin)."""
    with transaction.atomic(durable=True):
        policy = _policy(document_type)
    version = selectors.latest_keyer_version(document_type)
    choice = choose_threshold(selectors.verified_points(document_type, version) if version else [], policy.target_error)
    with transaction.atomic(durable=True):
        policy = _policy(document_type, lock=True)
        previous = (policy.threshold, policy.keyer_version)
        policy.threshold = choice.threshold
        policy.keyer_version = version
        policy.threshold_fields, policy.threshold_errors, policy.threshold_upper = choice.fields, choice.errors, choice.upper
        policy.verified_fields, policy.verified_errors = choice.verified_fields, choice.verified_errors
        policy.note = choice.note
        policy.curve = [{"confidence": p.confidence, "fields": p.fields, "errors": p.errors, "upper": p.upper}
                        for p in choice.curve]
        policy.computed_at = timezone.now()
        policy.save()
        if previous != (policy.threshold, policy.keyer_version):
            history_add(kind=HistoryEvent.Kind.SINGLE_ENTRY, actor=actor, note=f"threshold for {document_type.slug}: {choice.note}",
                        data={"document_type": document_type.slug, "from": previous[0], "to": choice.threshold,
                              "keyer_version": version, "fields": choice.fields, "errors": choice.errors,
                              "upper": choice.upper, "verified_fields": choice.verified_fields})
    return choice


def _audit_draw(policy: SingleEntryPolicy, doc: Document) -> bool:
    """A random share of qualifying documents is audited, and at least the first one of each day.

    The draw is a keyed hash of the file rather than a random number: a second run of the task
    draws the same, and nobody without the secret key can tell which documents will be audited."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    if not SingleEntryDecision.objects.filter(document_type_id=policy.document_type_id, created_at__gte=start,
                                              outcome=SingleEntryDecision.Outcome.AUDIT).exists():
        return True
    digest = hmac.new(settings.SECRET_KEY.encode(), f"single-entry-audit:{doc.sha256}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2 ** 64 < policy.audit_share


def _lowest_confidence(entry: Entry, field_keys: list[str]) -> float | None:
    """The lowest confidence over every field of every record; None when any is missing."""
    if not entry.records:
        return None
    machine = MachineKeying(keyer=entry.keyer, records=entry.records, confidence=entry.confidence)
    values = [field_confidence(machine, index, key) for index in range(len(entry.records)) for key in field_keys]
    return None if any(v is None for v in values) else min(values)


def single_entry_consider(*, document: Document, entry: Entry) -> bool:
    """Called with the document locked, right after its machine entry was stored.

    True when the document was accepted on the machine's keying alone; False when it goes on to
    a human keying as usual (single entry off, a field under the threshold, a person already
    keying it, or drawn for an audit)."""
    policy = SingleEntryPolicy.objects.filter(document_type_id=document.document_type_id).first()
    if policy is None or not policy.active or policy.keyer_version != selectors.keyer_version(entry):
        return False
    if document.status != Document.Status.KEYING or document.human_submitted or document.lease_holder_id:
        return False
    spec = document.document_type.spec()
    lowest = _lowest_confidence(entry, spec.keys)
    if lowest is None or lowest < policy.threshold:
        return False
    audit = _audit_draw(policy, document)
    decision = SingleEntryDecision.objects.create(
        document=document, document_type_id=document.document_type_id,
        outcome=SingleEntryDecision.Outcome.AUDIT if audit else SingleEntryDecision.Outcome.MACHINE_ONLY,
        threshold=policy.threshold, min_confidence=lowest, fields=len(entry.records) * len(spec.fields),
        keyer_version=policy.keyer_version,
    )
    data = {"decision": decision.pk, "threshold": policy.threshold, "lowest_confidence": lowest}
    if audit:
        history_add(kind=HistoryEvent.Kind.SINGLE_ENTRY, document=document,
                    note="every field at or above the single-entry threshold; drawn for a blind human keying (audit)",
                    data=data)
        return False
    Result.objects.create(
        document=document, path=Result.Path.MACHINE_ONLY,
        records=[{f.key: canonical_value(r.get(f.key, ""), f) for f in spec.fields} for r in entry.records],
        provenance=[{f.key: Result.Provenance.MACHINE_ONLY for f in spec.fields} for _ in entry.records],
        first_entry=entry, second_entry=entry,
    )
    document.transition(Document.Status.ACCEPTED,
                        reason=f"single entry: every field at or above the threshold {policy.threshold:.4f}", data=data)
    document.save()
    return True


def single_entry_audit_record(*, result: Result) -> None:
    """An audited document was accepted: count the machine's errors against it, then guard.
    Results are created inside the accepting service's transaction; the atomic block (a savepoint
    there) also covers a result saved in autocommit, where the row lock would be refused."""
    with transaction.atomic():
        _audit_record(result)


def _audit_record(result: Result) -> None:
    decision = (SingleEntryDecision.objects.select_for_update()
                .filter(document_id=result.document_id, outcome=SingleEntryDecision.Outcome.AUDIT, audited_at=None).first())
    if decision is None or result.path not in selectors.VERIFIED_PATHS:
        return
    spec = result.document.document_type.spec()
    machine = result.document.entries.get(source=Entry.Source.MACHINE)
    matches = list(field_matches(machine.records, result.records, spec))
    decision.audit_fields = len(matches)
    decision.audit_errors = sum(1 for _, _, ok in matches if not ok)
    decision.audited_at = timezone.now()
    decision.save(update_fields=["audit_fields", "audit_errors", "audited_at"])
    history_add(kind=HistoryEvent.Kind.SINGLE_ENTRY, document=result.document,
                note=f"single-entry audit: {decision.audit_errors} machine error(s) in {decision.audit_fields} fields",
                data={"decision": decision.pk, "fields": decision.audit_fields, "errors": decision.audit_errors})
    _guard(SingleEntryPolicy.objects.select_for_update().get(document_type_id=decision.document_type_id))


def _guard(policy: SingleEntryPolicy) -> None:
    if not policy.enabled:
        return
    audits = selectors.audit_figures(policy)
    bound = selectors.guard_bound(policy, audits)
    if bound.upper <= policy.target_error:
        return
    reason = (f"audits of machine-only documents: {audits.errors} machine error(s) in {audits.fields} fields of "
              f"{audits.audits} audit(s); upper bound {bound.upper:.3%} ({bound.basis}: {bound.errors} in {bound.fields}) "
              f"is above the target {policy.target_error:.2%}")
    policy.enabled = False
    policy.switched_off_at = timezone.now()
    policy.switched_off_reason = reason
    policy.save(update_fields=["enabled", "switched_off_at", "switched_off_reason"])
    history_add(kind=HistoryEvent.Kind.SINGLE_ENTRY, note=f"single entry for {policy.document_type.slug} switched off: {reason}",
                data={"document_type": policy.document_type.slug, "switched_off": True, "audits": audits.audits,
                      "fields": audits.fields, "errors": audits.errors, "upper": bound.upper, "basis": bound.basis,
                      "target": policy.target_error})


def single_entry_keying_hold(now) -> Q:
    """With single entry on, a fresh document waits briefly for the machine: keyed by a person
    first, it could no longer be accepted on the machine's keying alone (issue 15)."""
    return Q(machine_state=Document.MachineState.PENDING, document_type__single_entry_policy__enabled=True,
             created_at__gt=now - timedelta(minutes=settings.SINGLE_ENTRY_WAIT_MINUTES))
