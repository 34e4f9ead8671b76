"""django-csp's middleware with the policy built once, not on every response (issue 16).

Our policy is the same for every response: no view updates or replaces it, and no page uses a
nonce. django-csp nevertheless rebuilds the header string from the settings for each response
(and the report-only one), ~350 Python calls, 2 % of an average request of the bench. This
subclass keeps the two strings django-csp builds and sets them under django-csp's own
conditions; a response that carries a per-view policy (`csp_update`, `csp_replace`, …) or a
request that asked for a nonce goes through django-csp unchanged. A change of the settings
(tests) forgets the kept strings.
"""
from __future__ import annotations

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")
_built: dict[bool, str] = {}  # report_only -> header value ("" when there is none)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built.clear()


def _policy(report_only: bool) -> str:
    value = _built.get(report_only)
    if value is None:
        value = _built[report_only] = build_policy(report_only=report_only)
    return value


class CSPMiddleware(DjangoCSPMiddleware):
    def process_response(self, request, response):
        if (getattr(request, "_csp_nonce", None) is not None
                or any(getattr(response, name, None) is not None for name in _PER_RESPONSE)):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:  # django-csp leaves the debug pages alone
            return response
        for report_only, header, exempt, setting in (
                (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
                (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY")):
            value = _policy(report_only)
            if not value or header in response or getattr(response, exempt, False) is not False:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = value
        # As django-csp: a nonce asked for after the header was written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
