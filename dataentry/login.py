"""Login throttling with django-axes: who counts as the same user, which address, how long to wait.

Both login pages (the app's and /admin/login/) authenticate through Django's `authenticate()`,
which django-axes guards, so one configuration covers both. Failures are counted per user name
and per client address: a user name is locked for LOGIN_THROTTLE_WINDOW_S after
LOGIN_THROTTLE_ATTEMPTS failures, an address (an office behind one NAT address holds many people)
only after LOGIN_THROTTLE_IP_ATTEMPTS. A lock ends by itself when the window has passed since the
last counted failure; attempts made while locked are not counted, so nobody can keep a colleague
locked out for longer than one window at a time.
"""
from __future__ import annotations

import ipaddress
import unicodedata
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.forms.utils import ErrorDict
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

# Set by the TLS proxy (deploy/Caddyfile) from the connection, replacing whatever the client sent.
PROXY_CLIENT_IP_META = "HTTP_X_REAL_IP"


def throttle_username(request, credentials) -> str:
    """The name attempts are counted under: what Django's login form would look up (NFKC, stripped),
    case-folded, so "Victim ", "ｖｉｃｔｉｍ" and "VICTIM" share one count with "victim"."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username", "")
    return unicodedata.normalize("NFKC", str(raw)).strip().casefold()[:150]


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind the TLS proxy the address it passes on (the header is trusted only there)."""
    if settings.BEHIND_TLS_PROXY:
        try:
            return str(ipaddress.ip_address(request.META.get(PROXY_CLIENT_IP_META, "").strip()))
        except ValueError:
            pass  # no or a malformed header: everyone shares the proxy's address, which only throttles harder
    return request.META.get("REMOTE_ADDR", "")


def failure_limit(request, credentials) -> int:
    return settings.LOGIN_THROTTLE_ATTEMPTS


def cool_off(request) -> timedelta:
    return timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_S)


class LoginThrottleHandler(AxesDatabaseHandler):
    """django-axes counts failures per parameter and compares the largest with one limit; the address
    gets its own, larger limit (AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"], in that order)."""

    def get_failures(self, request, credentials=None) -> int:
        by_user, by_address = (attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
                               for attempts in self.get_user_attempts(request, credentials))
        if by_address >= settings.LOGIN_THROTTLE_IP_ATTEMPTS:
            return max(by_user, settings.LOGIN_THROTTLE_ATTEMPTS)
        return by_user


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """The login page the user came from (the app's or the admin's) with one message, status 429."""
    message = _("Too many failed attempts. Wait a few minutes and try again.")
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if form is None:
        return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    form._errors = ErrorDict({"__all__": form.error_class([message], error_class="nonfield")})
    response = TemplateResponse(request, original_response.template_name, context, status=429)
    return response.render()
