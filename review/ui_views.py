"""JSON endpoints behind the reviewer page (issue 3): evidence boxes, autosave of decisions
(which also renews the claim) and re-claiming an expired review. Writes go through
`review.services` only."""
from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from dataentry.forms import float_from_post, int_from_post
from dataentry.roles import REVIEWER, role_required
from dataentry.services import WorkflowError
from review import services
from review.evidence import evidence_for_task
from review.models import ReviewTask
from review.overrides import overrides_from_post

EVIDENCE_CACHE_SECONDS = 600


def _own_task(request, task_id: int) -> ReviewTask:
    task = (ReviewTask.objects.select_related("document__document_type", "comparison__first_entry",
                                              "comparison__second_entry").filter(pk=task_id).first())
    if task is None:
        raise Http404
    if task.reviewer_id != request.user.pk:
        raise PermissionDenied("This review is not assigned to you.")
    return task


def _decisions(post) -> dict:
    decisions = {}
    for name, choice in post.items():
        if name.startswith("c") and name.endswith("-choice") and name[1:-7].isdigit():
            index = name[1:-7]
            decisions[index] = {"choice": choice, "value": post.get(f"c{index}-value", "")}
    return {**decisions, **overrides_from_post(post)}


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
def review_autosave(request, task_id: int):
    """Save the decisions so far; answers the new version, or 409 when the save is stale."""
    task = _own_task(request, task_id)
    try:
        saved = services.review_save(
            task_id=task.pk, reviewer=request.user, decisions=_decisions(request.POST),
            version=int_from_post(request.POST, "version"),
            active_seconds=float_from_post(request.POST, "active_seconds"),
            wall_seconds=float_from_post(request.POST, "wall_seconds"),
        )
    except WorkflowError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse({"version": saved.version, "lease_ok": saved.lease_active(),
                         "decided": len(saved.decisions)})


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
