"""Reviewer pages: claim the next conflict, decide each one, submit."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dataentry import ui
from dataentry.forms import float_from_post, int_from_post
from dataentry.roles import REVIEWER, role_required
from dataentry.errors import StaleEdit, WorkflowError
from dataentry.models import Page
from dataentry.views import autosave_answer
from review import selectors, services
from review.models import ReviewTask
from review.overrides import overrides_from_post


@role_required(REVIEWER)
def review_home(request):
    return render(request, "review/review_home.html", {
        "review_queue": selectors.review_queue_size(request.user),
        "reviewed_today": selectors.reviewed_today(request.user), "today": ui.today_stats(request.user),
    })


@role_required(REVIEWER)
@require_POST
def review_next(request):
    task = services.review_claim_next(reviewer=request.user)
    if task is None:
        messages.info(request, _("No conflict is waiting for you."))
        return redirect("review_home")
    return redirect("review", task_id=task.pk)


def _decisions_from_post(post, count: int) -> dict:
    return {
        str(i): {"choice": post.get(f"c{i}-choice", ""), "value": post.get(f"c{i}-value", "")}
        for i in range(count)
    }


def _keep_draft(kwargs: dict) -> None:
    """A refused submit still keeps what the reviewer decided (bad input loses nothing)."""
    try:
        services.review_save(**kwargs)
    except WorkflowError:
        pass  # not theirs any more, or stale: the message already says so


@role_required(REVIEWER)
def review(request, task_id: int):
    # A save or submit needs only the number of conflicts here (the service reads the rest, locked);
    # the page also the type and both keyings.
    related = (("comparison",) if request.method == "POST" else
               ("document__document_type", "comparison__first_entry", "comparison__second_entry"))
    try:  # get(), not first(): first() sorts by the model's ordering
        task = ReviewTask.objects.select_related(*related).get(pk=task_id)
    except ReviewTask.DoesNotExist:
        raise Http404 from None
    if task.reviewer_id != request.user.pk:
        raise PermissionDenied(_("This review is not assigned to you."))
    if task.status == ReviewTask.Status.DONE:
        messages.info(request, _("This review is done."))
        return redirect("review_home")
    if task.status == ReviewTask.Status.CLOSED:
        messages.info(request, _("This document was withdrawn, so its review is closed."))
        return redirect("review_home")
    if request.method == "POST":
        action = request.POST.get("action", "save")
        conflicts = len(task.comparison.parsed().conflicts)
        decisions = {**_decisions_from_post(request.POST, conflicts), **overrides_from_post(request.POST)}
        kwargs = dict(task_id=task.pk, reviewer=request.user, decisions=decisions,
                      version=int_from_post(request.POST, "version"),
                      active_seconds=float_from_post(request.POST, "active_seconds"),
                      wall_seconds=float_from_post(request.POST, "wall_seconds"))
        try:
            if action == "submit":
                services.review_submit(**kwargs)
                messages.success(request, _("Resolved; the document is accepted."))
                if request.POST.get("then") == "stop":
                    return redirect("review_home")
                nxt = services.review_claim_next(reviewer=request.user)
                return redirect("review", task_id=nxt.pk) if nxt else redirect("review_home")
            saved = services.review_save(**kwargs)
        except WorkflowError as exc:
            if request.htmx and action == "save":
                return autosave_answer(request, error=str(exc))
            messages.error(request, str(exc))
            if action == "submit" and not isinstance(exc, StaleEdit):
                _keep_draft(kwargs)
            return redirect("review", task_id=task.pk)
        if request.htmx and action == "save":
            return autosave_answer(request, work=saved, lease_ok=saved.lease_active())
        return redirect("review", task_id=task.pk)
    spec = task.document.document_type.spec()
    rows, first_label = selectors.conflict_rows(task, spec)
    # By number, not the default ordering, which joins the document; what the viewer shows, not the text.
    pages = list(task.document.pages.only(*Page.VIEWER_COLUMNS).order_by("number"))
    return render(request, "review/review.html", {
        "task": task, "doc": task.document, "rows": rows, "first_label": first_label, "pages": pages, "spec": spec,
        "people": selectors.review_people(task, spec, rows), "review_config": selectors.review_config(task),
        "viewer_config": ui.viewer_config(task.document, pages), "idle_threshold": settings.IDLE_THRESHOLD_SECONDS,
    })
