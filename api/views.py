"""JSON views of the intake API. Thin: checks and writes are in api/services.py.

Every view except the schema authenticates with `Authorization: Bearer <token>` and nothing
else: no session, no cookie. That is why these views, and only these, are CSRF-exempt: a
browser cannot attach the token to a forged cross-site request.
"""
from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http.multipartparser import MultiPartParserError
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from api import services
from api.openapi import SPEC
from api.services import ApiError

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _json(data, status: int = 200, **headers) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"  # results are personal data
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _error(exc: ApiError, **headers) -> JsonResponse:
    if "retry_after" in exc.extra:
        headers["Retry_After"] = str(exc.extra["retry_after"])
    return _json(exc.body(), status=exc.status, **headers)


def token_required(*methods: str, query: dict[str, frozenset] | None = None):
    """Method check, bearer-token authentication, then a check that every query parameter is
    one this method knows (a typo such as `sinse=` must not silently list everything).
    The view gets the ApiClient."""

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods:
                return _error(ApiError(405, "method_not_allowed", f"Use {' or '.join(methods)}."),
                              Allow=", ".join(methods))
            client = services.authenticate(request.headers.get("Authorization", ""))
            if client is None:
                return _error(ApiError(401, "unauthorized", "Send Authorization: Bearer <token> with a valid token."),
                              WWW_Authenticate='Bearer realm="twomatch"')
            try:
                services.rate_limit_check(client=client)
            except ApiError as exc:
                return _error(exc)
            allowed = (query or {}).get(request.method, frozenset())
            unknown = sorted(set(request.GET) - allowed)
            if unknown:
                known = ", ".join(sorted(allowed)) or "none"
                return _error(ApiError(400, "invalid_parameter",
                                       f"Unknown query parameter {unknown[0]!r} (known: {known})."))
            try:
                return view(request, client, *args, **kwargs)
            except ApiError as exc:
                return _error(exc)

        return wrapped

    return decorator


@token_required("GET", "POST", query={"GET": frozenset({"status", "since", "page", "page_size"})})
def documents(request, client):
    if request.method == "POST":
        return _create(request, client)
    return _list(request, client)


def _create(request, client):
    if not request.content_type.startswith("multipart/form-data"):
        raise ApiError(400, "invalid_request", "Send multipart/form-data with the PDF in a part named file.")
    try:
        upload = request.FILES.get("file")
    except MultiPartParserError:
        raise ApiError(400, "invalid_request", "The multipart body could not be parsed.") from None
    except RequestDataTooBig:
        raise ApiError(413, "too_large", "The form fields besides the file are too large.") from None
    if upload is None and getattr(request, "upload_too_large", None) is None:
        raise ApiError(400, "invalid_request", "The PDF must be in a multipart part named file.")
    if upload is None or upload.size > settings.UPLOAD_MAX_BYTES:  # None: stopped while streaming in
        raise ApiError(413, "too_large", f"The file is larger than the limit of {settings.UPLOAD_MAX_BYTES // 1_048_576} MB.")
    submission = services.submit_document(
        client=client, data=upload.read(), filename=upload.name or "upload",
        document_type=request.POST.get("document_type", ""), external_ref=request.POST.get("external_ref", ""),
        callback_url=request.POST.get("callback_url", ""),
    )
    doc = submission.document
    doc.refresh_from_db(fields=["status"])  # rendering may already have run (embedded mode)
    body = {"id": doc.pk, "status": doc.status, "document_type": doc.document_type.slug,
            "external_ref": submission.external_ref}
    return _json(body, status=201, Location=reverse("api:document", args=[doc.pk]))


def _positive_int(request, name: str, default: int, maximum: int | None = None) -> int:
    if name not in request.GET:
        return default
    raw = request.GET[name]
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1 or (maximum is not None and value > maximum):
        bound = f"1..{maximum}" if maximum else "a positive integer"
        raise ApiError(400, f"invalid_{name}", f"{name} must be {bound}.")
    return value


def _list(request, client):
    page = _positive_int(request, "page", 1)
    page_size = _positive_int(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    qs = services.documents_for(client, status=request.GET.get("status"), since=request.GET.get("since"))
    count = qs.count()
    start = (page - 1) * page_size
    # Past the last page the answer is an empty page; the database is not asked for an offset
    # beyond its integer range (page=10**18 was a 500).
    items = [services.summary_payload(s) for s in qs[start:start + page_size]] if start < count else []
    next_url = None
    if start + page_size < count:
        query = request.GET.copy()
        query["page"] = str(page + 1)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return _json({"count": count, "page": page, "page_size": page_size, "next": next_url, "results": items})


@token_required("GET")
def document(request, client, document_id: str):
    # The id is matched as text so that a malformed one gets the same JSON 404 as a foreign one.
    if not (document_id.isascii() and document_id.isdigit()) or len(document_id) > 18:
        raise ApiError(404, "not_found", "No such document for this client.")
    return _json(services.document_payload(services.submission_for(client, int(document_id))))


def schema(request):
    if request.method not in ("GET", "HEAD"):
        return _error(ApiError(405, "method_not_allowed", "Use GET."), Allow="GET")
    response = JsonResponse(SPEC, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public description, no data: lets API tools in a browser read it
    return response
