"""The request body limit, enforced before anything reads a body.

Django reads a body lazily, but the first middleware that touches `request.POST` (CSRF, for one)
makes it read and spool the whole upload to a temporary file, even for an anonymous request that
will be refused a moment later. This middleware comes first and refuses a declared
Content-Length over REQUEST_MAX_BYTES without reading a byte. (A body without Content-Length is
not read by Django at all.) The TLS proxy enforces the same limit in production.
"""
from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, JsonResponse


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads such a body as empty
        limit = settings.REQUEST_MAX_BYTES
        if declared > limit:
            return too_large_response(request, limit)
        return self.get_response(request)


def too_large_response(request, limit: int) -> HttpResponse:
    detail = f"The request body is larger than the limit of {limit // 1_048_576} MB."
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": "too_large", "detail": detail}, status=413)
    else:
        response = HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")
    # The unread body is still on the connection: do not keep it for another request.
    response["Connection"] = "close"
    return response
