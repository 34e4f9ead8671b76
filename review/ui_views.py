"""JSON endpoints behind the reviewer page (issue 3): evidence boxes and re-claiming an expired
review. Decisions autosave through the page's own URL (`review.views.review`, the protocol of
`dataentry.views.autosave_answer`). Writes go through `review.services` only."""
from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET, require_POST
from django.utils.translation import gettext as _

from dataentry.roles import REVIEWER, role_required
from dataentry.services import WorkflowError
from review import services
from review.evidence import evidence_for_task
from review.models import ReviewTask

EVIDENCE_CACHE_SECONDS = 600


def _own_task(request, task_id: int) -> ReviewTask:
    task = (ReviewTask.objects.select_related("document__document_type", "comparison__first_entry",
                                              "comparison__second_entry").filter(pk=task_id).first())
    if task is None:
        raise Http404
    if task.reviewer_id != request.user.pk:
        raise PermissionDenied(_("This review is not assigned to you."))
    return task


@role_required(REVIEWER)
@require_GET
def review_evidence(request, task_id: int):
    """Where each candidate value is printed, in page-image pixels (reviewers only)."""
    task = _own_task(request, task_id)
    if task.status != ReviewTask.Status.OPEN:
        raise Http404
    key = f"twomatch:evidence:{task.pk}:{task.comparison_id}"
    try:
        data = cache.get(key)
    except Exception:  # the cache is only a speed-up: a Redis outage must not break the page
        data = None
    if data is None:
        data = evidence_for_task(task)
        try:
            cache.set(key, data, EVIDENCE_CACHE_SECONDS)
        except Exception:
            pass
    response = JsonResponse(data)
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(REVIEWER)
@require_POST
def review_reclaim(request, task_id: int):
    """Claim an expired review again (possible while nobody else took it); decisions are kept."""
    _own_task(request, task_id)
    try:
        task = services.review_claim(reviewer=request.user, task_id=task_id)
    except WorkflowError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse({"version": task.version, "lease_ok": True})
