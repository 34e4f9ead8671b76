"""An htmx request never gets a redirect (issue 16).

htmx swaps its answer into a small part of a page (the autosave status line of the keying, review
and audit pages). A redirect is followed by the browser inside the request, so a page that says
"already submitted" or the login page of an ended session would land, whole, in the status line.
This middleware, placed after MessageMiddleware and django-htmx's middleware, turns every
redirect answered to an htmx request into the small status partial the pages already show:

* a redirect to the login page (the session ended, or a proxy-lost cookie): 401 and a line asking
  to log in again in another tab; what was typed stays in the page and in the browser's copy;
* any other redirect (work submitted in another tab, a review that is done, a claim gone): 409,
  the status of every other refused save, with the messages the view queued for the next page.
"""
from __future__ import annotations

from urllib.parse import urlparse

from django.contrib import messages
from django.shortcuts import render, resolve_url
from django.conf import settings
from django.utils.translation import gettext as _


class HtmxNoRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The status first: telling an htmx request reads the request's headers (~50 Python calls).
        if not 300 <= response.status_code < 400 or not getattr(request, "htmx", False):
            return response
        location = urlparse(response.get("Location", "")).path
        if location == urlparse(resolve_url(settings.LOGIN_URL)).path:
            error = _("Your session has ended, so this was not saved. Log in again in another tab; "
                      "what you typed stays on this page.")
            status = 401
        else:
            # The view meant these for the page it redirected to: show them here instead.
            queued = [str(m) for m in messages.get_messages(request)]
            error = " ".join(queued) or _("This page is out of date; reload it to continue.")
            status = 409
        answer = render(request, "dataentry/_autosave_status.html", {"error": error}, status=status)
        answer["X-Redirect-Replaced"] = location  # for logs and tests: where the view wanted to go
        return answer
