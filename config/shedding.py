"""Load shedding: a request that queued too long is answered 503 at once (issue 16).

When more requests arrive than the workers can serve, gunicorn queues them, and at 250 users on
two cores the queue reached seconds: every request was late, so every user waited, and the
autosaves behind the queue kept coming. The proxy (deploy/Caddyfile.app) stamps each request with
the time it left for the app (`X-Request-Start: t=<unix ms>`, replacing any client's value); this
middleware, the first of all, compares it with the time a worker thread picks the request up and
answers a request that waited more than SHED_QUEUE_MS with 503 and `Retry-After`, before any
session, database or template work is spent on it.

Only requests that are safe to send again are shed: reads (pages, reports) and htmx autosaves.
A full-page POST (a submit, a claim, a login, an upload) is what a person just decided to do, one
per document against a dozen reads and saves, so it keeps its place in the queue. Page images
are not shed either: behind the proxy they cost one small query, and an <img> does not retry.
The pages retry a shed request after `Retry-After` (static/js/retry.js): the autosave with what is
in the form then, a page by reloading; the draft stays in the page and in the browser's copy.
Without the proxy's header (tests, `make run`) nothing is shed.
"""
from __future__ import annotations

import logging
import re
import threading
import time

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

PAGE_IMAGE = re.compile(r"^/documents/\d+/pages/\d+(@\d+)?\.png$")
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
SHED_LOG_EVERY_S = 10.0

logger = logging.getLogger(__name__)
_shed_log_lock = threading.Lock()
_shed_since_log = {"count": 0, "max_ms": 0.0, "last": 0.0}


def _log_shed(waited: float) -> None:
    """One warning per SHED_LOG_EVERY_S per process with the count, instead of one error per 503.

    Django logs every 5xx as an ERROR with the path; under overload that is hundreds of lines a
    second, written while the machine has no time to spare, burying the one line that matters.
    """
    with _shed_log_lock:
        _shed_since_log["count"] += 1
        _shed_since_log["max_ms"] = max(_shed_since_log["max_ms"], waited)
        now = time.monotonic()
        if now - _shed_since_log["last"] < SHED_LOG_EVERY_S:
            return
        count, max_ms = _shed_since_log["count"], _shed_since_log["max_ms"]
        _shed_since_log.update(count=0, max_ms=0.0, last=now)
    logger.warning("overloaded: shed %d request(s) with 503 (queued up to %.0f ms; SHED_QUEUE_MS=%s)",
                   count, max_ms, settings.SHED_QUEUE_MS)


def queued_ms(request, now_ms: float | None = None) -> float | None:
    """How long the request waited since the proxy sent it, or None without a usable stamp."""
    stamp = request.META.get("HTTP_X_REQUEST_START", "")
    try:
        started = float(stamp[2:] if stamp.startswith("t=") else stamp)
    except ValueError:
        return None
    return (time.time() * 1000 if now_ms is None else now_ms) - started


def sheddable(request) -> bool:
    if request.headers.get("HX-Request") == "true":
        return True
    return request.method in SAFE and not PAGE_IMAGE.match(request.path)


class LoadSheddingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.SHED_QUEUE_MS
        if limit:
            waited = queued_ms(request)
            if waited is not None and waited > limit and sheddable(request):
                return busy_response(request, waited)
        return self.get_response(request)


def busy_response(request, waited: float) -> HttpResponse:
    retry_after = settings.SHED_RETRY_AFTER_S
    # LocaleMiddleware has not run yet: the language from the cookie or the browser, no database.
    with translation.override(translation.get_language_from_request(request)):
        if request.path.startswith("/api/"):
            response = JsonResponse({"error": "overloaded", "detail": "The server is busy; try again later."},
                                    status=503)
        elif request.headers.get("HX-Request") == "true":
            response = HttpResponse(render_to_string("dataentry/_autosave_status.html", {
                "busy": True, "error": _("The server is busy; trying again in a moment. Your typing stays here.")}),
                status=503)
        else:
            response = HttpResponse(render_to_string("503_busy.html", {"retry_after": retry_after}), status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    response["X-Queued-Ms"] = f"{waited:.0f}"  # for the bench and the logs
    # django.request would log this 503 as an error of its own (django.utils.log.log_response
    # skips a response marked as logged); _log_shed counts it instead.
    response._has_been_logged = True
    _log_shed(waited)
    return response
