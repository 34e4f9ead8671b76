"""Writes of the learning loop: export jobs, audit selection, blind audit keying, findings.

Like dataentry/services.py, every public function is an entry point with its own durable
transaction; Celery work is published with `transaction.on_commit`.
"""
from __future__ import annotations

import logging
import math
import random
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.queue import publish_on_commit
from dataentry.comparison import ComparisonResult, compare_entries
from dataentry import claims
from dataentry.errors import WorkflowError
from dataentry.models import Document, HistoryEvent, Result, history_add
from dataentry.records import canonical_value, clean_records
from dataentry.spec import DocumentTypeSpec, ResultPath
from learning import selectors
from learning.models import AuditTask, ExportJob
from learning.training import ExportOptions, training_results, validate_options

log = logging.getLogger(__name__)

EXPORT_TASK = "learning.tasks.build_training_export"
AUTO_PATHS = tuple(sorted(ResultPath.AUTOMATIC))
# Provenance of a value corrected by a confirmed audit finding (the lead adds it to Result.Provenance).
PROVENANCE_AUDIT = "audit"
PERSON = "__person__"


# --- training export jobs -------------------------------------------------------------------------

def _publish_after_commit(task_name: str, job_id: int) -> None:
    """Publish after commit; a broker that is down fails the job visibly instead of leaving it queued."""

    def failed(exc: Exception) -> None:
        ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
            status=ExportJob.Status.FAILED, error=f"the task queue is unreachable ({type(exc).__name__}); try again",
            finished_at=timezone.now())

    publish_on_commit(task_name, job_id, on_failure=failed)


def export_job_create(*, manager, options: ExportOptions) -> ExportJob:
    """Queue a training export for a manager; raises ExportError for invalid options."""
    validate_options(options)
    with transaction.atomic(durable=True):
        job = ExportJob.objects.create(created_by=manager, params=options.as_params(),
                                       total=training_results(options).count())
        history_add(kind=HistoryEvent.Kind.EXPORT, actor=manager, note="training data export requested",
                    data={"kind": "training", "job": job.pk, **options.as_params()})
        _publish_after_commit(EXPORT_TASK, job.pk)
    return job


def export_job_start(*, job_id: int) -> ExportJob | None:
    """Mark a job running and count the attempt; None when it is finished or out of attempts."""
    with transaction.atomic(durable=True):
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        if job.finished:
            return None
        if job.attempts >= settings.MAX_TASK_ATTEMPTS:
            job.status, job.error, job.finished_at = ExportJob.Status.FAILED, "gave up after repeated attempts", timezone.now()
            job.save()
            return None
        job.attempts += 1
        job.status, job.started_at, job.progress = ExportJob.Status.RUNNING, timezone.now(), 0
        job.save()
        return job


def export_job_progress(*, job_id: int, done: int, total: int) -> None:
    ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.RUNNING).update(progress=done, total=total)


def export_job_finish(*, job_id: int, zip_path: Path, manifest: dict) -> None:
    with transaction.atomic(durable=True):
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        if job.finished:
            return
        with open(zip_path, "rb") as handle:
            job.file.save(f"training-{job.pk}-{timezone.now():%Y%m%d%H%M%S}.zip", File(handle), save=False)
        job.status, job.manifest, job.finished_at = ExportJob.Status.DONE, manifest, timezone.now()
        job.progress = job.total = manifest["counts"]["documents"] + manifest["counts"]["skipped"]
        job.save()
        history_add(kind=HistoryEvent.Kind.EXPORT, actor=job.created_by, note="training data export built",
                    data={"kind": "training", "job": job.pk, "counts": manifest["counts"]})


def export_job_fail(*, job_id: int, error: str) -> None:
    ExportJob.objects.filter(pk=job_id).exclude(status=ExportJob.Status.DONE).update(
        status=ExportJob.Status.FAILED, error=error[:2000], finished_at=timezone.now())


def export_job_downloaded(*, job: ExportJob, user) -> None:
    history_add(kind=HistoryEvent.Kind.EXPORT, actor=user, note="training data export downloaded",
                data={"kind": "training", "job": job.pk})


# --- audit selection ------------------------------------------------------------------------------

def audit_share() -> float:
    return settings.AUDIT_SHARE


def audit_select(period_start: date | datetime, period_end: date | datetime, *, share: float | None = None,
                 seed: int | None = None) -> list[AuditTask]:
    """Choose at random `share` of the auto-accepted documents of [period_start, period_end) for audit.

    The target is round(share x documents), at least one when the period has any; documents
    already audited count towards it, so running again (the beat task runs daily) only adds
    what newly accepted documents call for. A document is audited at most once. A share of 0
    turns audits off. `seed` makes the choice reproducible (tests); without it the choice is
    unpredictable, so nobody can tell which agreed documents will be checked.
    """
    share = audit_share() if share is None else share
    if not 0 <= share <= 1:
        raise ValueError(f"the audit share must be between 0 and 1, not {share}")
    start, end = selectors.to_aware(period_start), selectors.to_aware(period_end)
    label = selectors.period_label(start)
    with transaction.atomic(durable=True):
        candidates = Result.objects.filter(path__in=AUTO_PATHS, created_at__gte=start, created_at__lt=end,
                                           document__status=Document.Status.ACCEPTED)
        total = candidates.count()
        if total == 0 or share == 0:
            return []
        target = max(1, math.floor(share * total + 0.5))
        audited = Exists(AuditTask.objects.filter(document=OuterRef("document")))
        need = target - candidates.filter(audited).count()
        if need <= 0:
            return []
        pool = list(candidates.filter(~audited).order_by("id").values_list("id", "document_id"))
        rng = random.Random(seed) if seed is not None else random.SystemRandom()
        created = []
        for result_id, document_id in rng.sample(pool, min(need, len(pool))):
            task, new = AuditTask.objects.get_or_create(
                document_id=document_id, defaults={"result_id": result_id, "period": label})
            if new:
                created.append(task)
                history_add(kind=HistoryEvent.Kind.AUDIT, document=task.document, note="selected for blind audit",
                            data={"audit": task.pk, "period": label, "share": share, "auto_accepted": total})
        return created


# --- claiming -------------------------------------------------------------------------------------

def _claimed(claim: claims.Claim) -> AuditTask:
    task = claim.work
    if claim.new_holder:
        # Another reviewer's abandoned work is not this one's: a blind keying starts empty,
        # and findings decisions start undecided.
        if task.status == AuditTask.Status.OPEN:
            task.records = []
        else:
            task.findings = [{**finding, "decision": ""} for finding in task.findings]
        task.save(update_fields=["records", "findings"])
    history_add(kind=HistoryEvent.Kind.CLAIM, document=task.document, actor=task.reviewer, note="audit",
                data={"audit": task.pk, "status": task.status})
    return task


def audit_claim_next(*, user) -> AuditTask | None:
    """The user's own unfinished audit, else findings waiting for a decision, else the oldest open audit."""
    with transaction.atomic(durable=True):
        claim = claims.claim_next(selectors.audits_available_to(user), holder=user, order_by=("created_at", "id"),
                                  prefer=[Q(status=AuditTask.Status.CHECKING)])
        return _claimed(claim) if claim is not None else None


def audit_claim(*, user, task_id: int) -> AuditTask:
    with transaction.atomic(durable=True):
        claim = claims.claim(selectors.audits_available_to(user), holder=user, pk=task_id,
                             unavailable=_("This audit is no longer available to you: another reviewer has it, it "
                                           "is done, or you keyed this document."))
        return _claimed(claim)


def _lock_own(task_id: int, user, status: str) -> AuditTask:
    task = AuditTask.objects.select_for_update().filter(pk=task_id).first()
    if task is None or task.reviewer_id != user.pk:
        raise WorkflowError(_("This audit is not assigned to you."))
    if task.status != status:
        raise WorkflowError(_("This step of the audit was already submitted."))
    if task.status == AuditTask.Status.CHECKING and task.auditor_id == user.pk:
        raise WorkflowError(_("You keyed this audit: another reviewer decides its findings."))
    return task


STALE = _("This audit was changed in another window; reload to continue from the newest version.")


def _spec_of(task: AuditTask) -> DocumentTypeSpec:
    return Document.objects.select_related("document_type").get(pk=task.document_id).document_type.spec()


# --- blind keying ---------------------------------------------------------------------------------

def audit_save(*, task_id: int, user, records: list[dict], version: int, active_seconds: float = 0,
               wall_seconds: float = 0) -> AuditTask:
    """Autosave of the blind keying."""
    with transaction.atomic(durable=True):
        task = _lock_own(task_id, user, AuditTask.Status.OPEN)
        claims.record_work(task, version=version, active_seconds=active_seconds, wall_seconds=wall_seconds,
                           stale=STALE)
        task.records = clean_records(records, _spec_of(task), keep_empty=True)
        claims.renew(task, user)
        task.save()
        return task


def audit_submit_keying(*, task_id: int, user, records: list[dict], version: int, active_seconds: float = 0,
                        wall_seconds: float = 0) -> AuditTask:
    """Compare the blind keying with the accepted result: differences become findings to decide."""
    with transaction.atomic(durable=True):
        task = _lock_own(task_id, user, AuditTask.Status.OPEN)
        claims.record_work(task, version=version, active_seconds=active_seconds, wall_seconds=wall_seconds,
                           stale=STALE)
        claims.require_lease(task, user, _("Your claim on this audit expired; claim it again to submit (your "
                                           "keying is kept)."))
        spec = _spec_of(task)
        result = Result.objects.select_for_update().get(pk=task.result_id)
        task.records = clean_records(records, spec)
        comparison = compare_entries(result.records, task.records, spec)
        # The accepted records are kept with the comparison, so that a decision is refused if
        # the result changed in between (its pair indices would no longer fit).
        task.comparison = {**comparison.to_dict(), "accepted_records": result.records}
        task.findings = [
            {"index": i, "kind": c.kind, "field": c.field, "pair": c.pair, "accepted": c.a, "audited": c.b,
             "decision": ""}
            for i, c in enumerate(comparison.conflicts)
        ]
        now = timezone.now()
        task.auditor, task.keyed_at = user, now
        task.transition(AuditTask.Status.CHECKING if task.findings else AuditTask.Status.DONE, actor=user,
                        reason=f"blind audit keyed: {len(task.findings)} difference(s)",
                        data={"audit": task.pk, "findings": len(task.findings), "records": len(task.records),
                              "active_seconds": task.active_seconds, "wall_seconds": task.wall_seconds})
        if task.findings:
            # Four eyes (issue 12, hole 9): the auditor's findings would rewrite a result two people
            # agreed on, so somebody else decides them. The task goes back to the queue.
            task.reviewer, task.lease_expires_at = None, None
        task.save()
        return task


# --- findings -------------------------------------------------------------------------------------

def _clean_decisions(task: AuditTask, decisions: dict, *, complete: bool) -> list[dict]:
    valid = set(AuditTask.Decision.values)
    findings = []
    for finding in task.findings:
        decision = str(decisions.get(str(finding["index"]), ""))
        if decision not in valid:
            if complete:
                raise WorkflowError(_("Finding %(n)d has no decision yet.") % {"n": finding["index"] + 1})
            decision = ""
        findings.append({**finding, "decision": decision})
    return findings


def audit_save_decisions(*, task_id: int, user, decisions: dict, version: int) -> AuditTask:
    with transaction.atomic(durable=True):
        task = _lock_own(task_id, user, AuditTask.Status.CHECKING)
        claims.record_work(task, version=version, active_seconds=0, wall_seconds=0, stale=STALE)
        task.findings = _clean_decisions(task, decisions, complete=False)
        claims.renew(task, user)
        task.save()
        return task


def audit_decide(*, task_id: int, user, decisions: dict, version: int) -> AuditTask:
    """Record a decision on every finding; confirmed ones correct the result, with a history row."""
    with transaction.atomic(durable=True):
        task = _lock_own(task_id, user, AuditTask.Status.CHECKING)
        claims.record_work(task, version=version, active_seconds=0, wall_seconds=0, stale=STALE)
        claims.require_lease(task, user, _("Your claim on this audit expired; claim it again to submit (your "
                                           "decisions are kept)."))
        task.findings = _clean_decisions(task, decisions, complete=True)
        result = Result.objects.select_for_update().select_related("document").get(pk=task.result_id)
        if result.records != task.comparison.get("accepted_records"):
            raise WorkflowError(_("The accepted result changed after this audit was keyed; the findings no "
                                  "longer apply. Ask a manager to look at the document's history."))
        confirmed = {f["index"] for f in task.findings if f["decision"] == AuditTask.Decision.CONFIRMED}
        if confirmed:
            _correct_result(result, task, confirmed, actor=user)
        task.checked_by, task.confirmed_count = user, len(confirmed)
        task.transition(AuditTask.Status.DONE, actor=user,
                        reason=f"audit findings decided: {len(confirmed)} confirmed, {len(task.findings) - len(confirmed)} rejected",
                        data={"audit": task.pk, "confirmed": sorted(confirmed),
                              "rejected": sorted(f["index"] for f in task.findings if f["index"] not in confirmed)})
        task.save()
        return task


def _correct_result(result: Result, task: AuditTask, confirmed: set[int], *, actor) -> None:
    spec = result.document.document_type.spec()
    records, provenance = apply_findings(
        result.records, result.provenance, task.records, ComparisonResult.from_dict(task.comparison), confirmed, spec)
    before = {"records": result.records, "provenance": result.provenance}
    result.records, result.provenance = records, provenance
    result.save(update_fields=["records", "provenance"])
    history_add(kind=HistoryEvent.Kind.CORRECT, document=result.document, actor=actor,
                note=f"result corrected by blind audit ({len(confirmed)} confirmed finding(s))",
                data={"audit": task.pk, "findings": sorted(confirmed), "before": before,
                      "after": {"records": records, "provenance": provenance}})


def apply_findings(accepted: list[dict], provenance: list[dict], audited: list[dict], comparison: ComparisonResult,
                   confirmed: set[int], spec: DocumentTypeSpec) -> tuple[list[dict], list[dict]]:
    """The accepted records with the confirmed findings applied (pure).

    A confirmed field finding takes the auditor's value; a confirmed "person only in the result"
    removes that person; a confirmed "person only in the audit" adds the auditor's record. Every
    changed value gets provenance "audit"; everything else is kept as it was.
    """
    by_pair: dict[int, set[str]] = {}
    for index, conflict in enumerate(comparison.conflicts):
        if index in confirmed:
            by_pair.setdefault(conflict.pair, set()).add(conflict.field or PERSON)
    records, prov = [], []
    for pair_index, pair in enumerate(comparison.pairs):
        changes = by_pair.get(pair_index, set())
        if pair.a_index is None:  # only the auditor has this person
            if PERSON in changes:
                source = audited[pair.b_index]
                records.append({f.key: canonical_value(source.get(f.key, ""), f) for f in spec.fields})
                prov.append({f.key: PROVENANCE_AUDIT for f in spec.fields})
            continue
        if pair.b_index is None and PERSON in changes:  # the result has a person who is not there
            continue
        row = dict(accepted[pair.a_index])
        prov_row = dict(provenance[pair.a_index]) if pair.a_index < len(provenance) else {}
        for key in changes - {PERSON}:
            row[key] = canonical_value(audited[pair.b_index].get(key, ""), spec.field(key))
            prov_row[key] = PROVENANCE_AUDIT
        records.append(row)
        prov.append(prov_row)
    return records, prov
