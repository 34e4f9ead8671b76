"""Pages of the learning loop: managers' training export; reviewers' blind audits; the shared-error estimate."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dataentry.forms import edited_records, int_from_post, work_from_post
from dataentry.roles import MANAGER, REVIEWER, has_role, role_required
from dataentry.services import LeaseExpired, WorkflowError
from dataentry.views import autosave_answer
from learning import selectors, services
from learning.forms import TrainingExportForm
from learning.models import AuditTask, ExportJob
from learning.training import ExportError


# --- training export (managers) -----------------------------------------------------------------

@role_required(MANAGER)
def exports(request):
    form = TrainingExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.export_job_create(manager=request.user, options=form.options())
        except ExportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Export #%(id)d is being built.") % {"id": job.pk})
        return redirect("learning:exports")
    return render(request, "learning/exports.html", {"form": form, "jobs": selectors.export_jobs()})


@role_required(MANAGER)
@require_GET
def export_status(request, job_id: int):
    """One job's row; htmx replaces it every 2 s until the job is finished (the row stops polling)."""
    job = get_object_or_404(ExportJob, pk=job_id)
    return render(request, "learning/_export_row.html", {"job": job})


@role_required(MANAGER)
@require_GET
def export_download(request, job_id: int):
    job = get_object_or_404(ExportJob, pk=job_id, status=ExportJob.Status.DONE)
    if not job.file:
        raise Http404
    services.export_job_downloaded(job=job, user=request.user)
    response = FileResponse(job.file.open("rb"), content_type="application/zip", as_attachment=True,
                            filename=f"twomatch-training-{job.pk}.zip")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- audits ---------------------------------------------------------------------------------------

@role_required(REVIEWER, MANAGER)
def audits(request):
    context: dict = {}
    if has_role(request.user, REVIEWER):
        context["audit_queue"] = selectors.audit_queue_size(request.user)
    if has_role(request.user, MANAGER):
        current = selectors.period_label(timezone.now())
        label = request.GET.get("period") or current
        try:
            start, end = selectors.month_bounds(label)
        except ValueError:
            label, (start, end) = current, selectors.month_bounds(current)
        estimate = selectors.shared_error_estimate(start, end)
        context.update({
            "estimate": estimate,
            "percent": {k: (estimate[k] * 100 if estimate[k] is not None else None) for k in ("rate", "ci_low", "ci_high")},
            "period": label, "previous": selectors.previous_period(label),
            "counts": selectors.period_audit_counts(label),
            "recent": selectors.audits_for_manager(),
            "share": services.audit_share(),
        })
    return render(request, "learning/audits.html", context)


@role_required(REVIEWER)
@require_POST
def audit_next(request):
    task = services.audit_claim_next(user=request.user)
    if task is None:
        messages.info(request, _("No audit is waiting for you."))
        return redirect("learning:audits")
    return redirect("learning:audit", task_id=task.pk)


@role_required(REVIEWER)
@require_POST
def audit_reclaim(request, task_id: int):
    try:
        services.audit_claim(user=request.user, task_id=task_id)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("learning:audits")
    return redirect("learning:audit", task_id=task_id)


@role_required(REVIEWER)
def audit(request, task_id: int):
    task = AuditTask.objects.select_related("document__document_type").filter(pk=task_id).first()
    if task is None:
        raise Http404
    if task.reviewer_id != request.user.pk:
        raise PermissionDenied(_("This audit is not assigned to you."))
    if task.status == AuditTask.Status.DONE:
        messages.info(request, _("This audit is done."))
        return redirect("learning:audits")
    if task.status == AuditTask.Status.OPEN:
        return _blind_keying(request, task)
    return _findings(request, task)


def _blind_keying(request, task: AuditTask):
    """The document's pages and the auditor's own form: the accepted values never reach this page."""
    spec = task.document.document_type.spec()
    if request.method == "POST":
        records, action = edited_records(request.POST, spec)
        kwargs = dict(task_id=task.pk, user=request.user, records=records, **work_from_post(request.POST))
        try:
            if action == "submit":
                done = services.audit_submit_keying(**kwargs)
                if done.status == AuditTask.Status.DONE:
                    messages.success(request, _("No difference from the accepted result. Audit done."))
                    return redirect("learning:audits")
                messages.info(request, _("Your keying differs from the accepted result: another reviewer will "
                                         "confirm or reject each finding."))
                return redirect("learning:audits")
            saved = services.audit_save(**kwargs)
        except LeaseExpired as exc:
            messages.error(request, str(exc))
            return redirect("learning:audit", task_id=task.pk)
        except WorkflowError as exc:
            if request.htmx:
                return autosave_answer(request, error=str(exc))
            messages.error(request, str(exc))
            return redirect("learning:audit", task_id=task.pk)
        if request.htmx and action == "save":
            return autosave_answer(request, work=saved, lease_ok=saved.lease_active())
        return redirect("learning:audit", task_id=task.pk)
    rows = task.records or [{f.key: "" for f in spec.fields}]
    return render(request, "learning/audit_keying.html", {
        "task": task, "doc": task.document, "spec": spec, "rows": rows, "pages": task.document.pages.all(),
        "lease_ok": task.lease_active(), "idle_threshold": settings.IDLE_THRESHOLD_SECONDS,
    })


def _findings(request, task: AuditTask):
    spec = task.document.document_type.spec()
    if request.method == "POST":
        decisions = {str(f["index"]): request.POST.get(f"f{f['index']}-decision", "") for f in task.findings}
        kwargs = dict(task_id=task.pk, user=request.user, decisions=decisions,
                      version=int_from_post(request.POST, "version"))
        try:
            if request.POST.get("action") == "submit":
                done = services.audit_decide(**kwargs)
                if done.confirmed_count:
                    messages.success(request, _("%(n)d finding(s) confirmed: the result is corrected.") % {"n": done.confirmed_count})
                else:
                    messages.success(request, _("All findings rejected: the accepted result stands."))
                return redirect("learning:audits")
            services.audit_save_decisions(**kwargs)
        except (LeaseExpired, WorkflowError) as exc:
            messages.error(request, str(exc))
        return redirect("learning:audit", task_id=task.pk)
    labels = {f.key: f.label for f in spec.fields}
    rows = [{**f, "label": labels.get(f["field"] or "", "")} for f in task.findings]
    return render(request, "learning/audit_findings.html", {
        "task": task, "doc": task.document, "rows": rows, "pages": task.document.pages.all(),
        "lease_ok": task.lease_active(),
    })
