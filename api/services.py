"""The intake API's reads and writes: token check, submissions, document views, callbacks.

Writes that belong to the keying workflow go through `dataentry.services` (upload); this
module only adds what the API owns. Callbacks are sent outside any transaction, one attempt
per call, with every attempt counted in `CallbackDelivery` before the request goes out, so
a worker killed mid-request cannot retry forever.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from api.models import ApiClient, ApiSubmission, CallbackDelivery, hash_token
from dataentry import services as workflow
from dataentry.exports import export_json
from dataentry.models import Document, DocumentType, Result
from dataentry.pdf import PdfRejected

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-TwoMatch-Signature"
DEFAULT_DOCUMENT_TYPE = "personnel_change"
MAX_EXTERNAL_REF = 200
MAX_CALLBACK_URL = 2000


class ApiError(Exception):
    """A refusal the client should see: HTTP status, a stable code and a readable message."""

    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict:
        return {"error": self.code, "detail": self.message, **self.extra}


# --- authentication -------------------------------------------------------------------------

def authenticate(authorization: str) -> ApiClient | None:
    """The active client whose token is in `Authorization: Bearer <token>`, else None."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 200:
        return None
    client = ApiClient.objects.filter(token_hash=hash_token(token), active=True).first()
    if client is None:
        return None
    now = timezone.now()
    # One write per few minutes is enough to show managers which systems are alive.
    if client.last_used_at is None or now - client.last_used_at > timedelta(minutes=5):
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


# --- submitting -------------------------------------------------------------------------------

_url_validator = URLValidator(schemes=["http", "https"])


def clean_callback_url(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > MAX_CALLBACK_URL:
        raise ApiError(400, "invalid_callback_url", f"callback_url is longer than {MAX_CALLBACK_URL} characters.")
    try:
        _url_validator(value)
    except ValidationError:
        raise ApiError(400, "invalid_callback_url", "callback_url must be an absolute http:// or https:// URL.") from None
    return value


def resolve_document_type(client: ApiClient, slug: str) -> DocumentType:
    slug = (slug or "").strip()
    if not slug:
        if client.default_document_type_id and client.default_document_type.active:
            return client.default_document_type
        slug = DEFAULT_DOCUMENT_TYPE
    doc_type = DocumentType.objects.filter(slug=slug, active=True).first()
    if doc_type is None:
        raise ApiError(400, "unknown_document_type", f"There is no active document type {slug!r}.")
    return doc_type


def submit_document(*, client: ApiClient, data: bytes, filename: str, document_type: str = "",
                    external_ref: str = "", callback_url: str = "") -> ApiSubmission:
    """Store a PDF through the keying workflow and remember who sent it. Raises ApiError."""
    for name, value in (("filename", filename), ("document_type", document_type), ("external_ref", external_ref),
                        ("callback_url", callback_url)):
        # PostgreSQL text cannot hold NUL; refuse it here rather than fail with a 500 deeper down.
        if value and "\x00" in value:
            raise ApiError(400, f"invalid_{name}", f"{name} contains a NUL character.")
    external_ref = (external_ref or "").strip()
    if len(external_ref) > MAX_EXTERNAL_REF:
        raise ApiError(400, "invalid_external_ref", f"external_ref is longer than {MAX_EXTERNAL_REF} characters.")
    callback_url = clean_callback_url(callback_url)
    doc_type = resolve_document_type(client, document_type)
    try:
        doc = workflow.document_upload(data=data, filename=filename or "upload.pdf", document_type=doc_type,
                                       external_ref=external_ref)
    except PdfRejected as exc:
        raise ApiError(400, "invalid_pdf", str(exc)) from None
    except workflow.DuplicateDocument as exc:
        raise _duplicate(client, exc.existing) from None
    # document_upload commits on its own (durable), so the submission is a second, short
    # transaction; a document is accepted only after human keying, long after this row exists.
    with transaction.atomic(durable=True):
        return ApiSubmission.objects.create(document=doc, client=client, external_ref=external_ref,
                                            callback_url=callback_url)


def _duplicate(client: ApiClient, existing: Document) -> ApiError:
    mine = ApiSubmission.objects.filter(document=existing, client=client).exists()
    if mine:
        return ApiError(409, "duplicate", f"This file was already submitted as document {existing.pk}.", id=existing.pk)
    # Another system's (or a manager's) document: say it exists, but not its id or name.
    return ApiError(409, "duplicate", "This file is already in TwoMatch (submitted through another channel).")


# --- reading ----------------------------------------------------------------------------------

def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def document_payload(submission: ApiSubmission) -> dict:
    """What a client sees of one of its documents; the result only once it is accepted."""
    doc = submission.document
    payload = {
        "id": doc.pk,
        "status": doc.status,
        "document_type": doc.document_type.slug,
        "external_ref": submission.external_ref,
        "filename": doc.filename,
        "page_count": doc.page_count,
        "created_at": _iso(doc.created_at),
        "accepted_at": _iso(doc.accepted_at),
        "error": doc.error or None,
        "result": None,
    }
    if doc.status == Document.Status.ACCEPTED:
        result = Result.objects.filter(document=doc).select_related("document__document_type").first()
        if result is not None:
            payload["result"] = export_json([result])[0]
    return payload


def summary_payload(submission: ApiSubmission) -> dict:
    doc = submission.document
    return {
        "id": doc.pk, "status": doc.status, "document_type": doc.document_type.slug,
        "external_ref": submission.external_ref, "created_at": _iso(doc.created_at),
        "accepted_at": _iso(doc.accepted_at),
    }


def submission_for(client: ApiClient, document_id: int) -> ApiSubmission:
    submission = (ApiSubmission.objects.select_related("document__document_type")
                  .filter(client=client, document_id=document_id).first())
    if submission is None:
        # Another client's document and a missing one look the same.
        raise ApiError(404, "not_found", f"No document {document_id} for this client.")
    return submission


def parse_since(value: str) -> datetime:
    """ISO 8601 date or date-time. A naive time is read in TIME_ZONE. A '+' that a query string
    turned into a space ('…T10:00:00 09:00') is put back."""
    text = value.strip()
    parsed = None
    try:
        parsed = parse_datetime(text) or parse_datetime(text.replace(" ", "+"))
        if parsed is None and (day := parse_date(text)) is not None:
            parsed = datetime(day.year, day.month, day.day)
    except ValueError:  # well-formed but impossible, e.g. month 13
        parsed = None
    if parsed is None:
        raise ApiError(400, "invalid_since", "since must be an ISO 8601 date or date-time, e.g. 2025-04-01T09:00:00+09:00.")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def documents_for(client: ApiClient, *, status: str | None = None, since: str | None = None) -> QuerySet[ApiSubmission]:
    """The client's documents, oldest first, so a poller can page forward. None means "not given";
    an empty value given is an error, not "no filter".

    `since` compares with the acceptance time when status=accepted (the polling case: "what
    was accepted since I last asked"), else with the upload time.
    """
    qs = ApiSubmission.objects.filter(client=client).select_related("document__document_type")
    time_field = "document__created_at"
    if status is not None:
        if status not in Document.Status.values:
            raise ApiError(400, "invalid_status", f"status must be one of {', '.join(Document.Status.values)}.")
        qs = qs.filter(document__status=status)
        if status == Document.Status.ACCEPTED:
            time_field = "document__accepted_at"
    if since is not None:
        qs = qs.filter(**{f"{time_field}__gte": parse_since(since)})
    return qs.order_by(time_field, "document_id")


# --- callbacks --------------------------------------------------------------------------------

def sign(body: bytes, secret: str) -> str:
    """The signature header value: sha256=<hex HMAC-SHA256 of the raw body>."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def callback_create(*, document_id: int) -> CallbackDelivery | None:
    """The pending 'accepted' callback of a document, created once; None when none is wanted."""
    submission = ApiSubmission.objects.filter(document_id=document_id).exclude(callback_url="").first()
    if submission is None:
        return None
    delivery, _ = CallbackDelivery.objects.get_or_create(
        submission=submission, event=CallbackDelivery.EVENT_ACCEPTED, defaults={"url": submission.callback_url},
    )
    return delivery if delivery.status == CallbackDelivery.Status.PENDING else None


def backoff_seconds(attempts: int) -> int:
    base = settings.API_CALLBACK_BACKOFF_S
    # Capped below Redis' visibility timeout (1 h), so a countdown task is never redelivered early.
    return int(min(base * 2 ** max(attempts - 1, 0), settings.API_CALLBACK_BACKOFF_MAX_S))


@dataclass(frozen=True)
class AttemptOutcome:
    sent: bool                     # a request went out
    status: str                    # the delivery's status afterwards
    retry_in: int | None = None    # seconds until the next attempt is due, when one is


def callback_attempt(*, delivery_id: int) -> AttemptOutcome:
    """One attempt at one delivery, if it is due. Never raises for a receiver's failure."""
    claimed = _claim_attempt(delivery_id)
    if isinstance(claimed, AttemptOutcome):
        return claimed
    delivery, body, secret = claimed
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "TwoMatch-Callback/1",
        "X-TwoMatch-Event": delivery.event,
        "X-TwoMatch-Delivery": str(delivery.pk),
        "X-TwoMatch-Attempt": str(delivery.attempts),
    }
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    status_code, error = _post(delivery.url, body, headers)
    return _record_attempt(delivery.pk, status_code, error)


def _claim_attempt(delivery_id: int):
    now = timezone.now()
    with transaction.atomic(durable=True):
        delivery = (CallbackDelivery.objects.select_for_update(of=("self",))
                    .select_related("submission__client", "submission__document__document_type")
                    .filter(pk=delivery_id).first())
        if delivery is None or delivery.status != CallbackDelivery.Status.PENDING:
            return AttemptOutcome(sent=False, status=delivery.status if delivery else "missing")
        if delivery.next_attempt_at > now:
            return AttemptOutcome(sent=False, status=delivery.status,
                                  retry_in=int((delivery.next_attempt_at - now).total_seconds()) + 1)
        if delivery.locked_until and delivery.locked_until > now:
            return AttemptOutcome(sent=False, status=delivery.status)  # another worker is sending it
        submission = delivery.submission
        if submission.document.status != Document.Status.ACCEPTED:
            return AttemptOutcome(sent=False, status=delivery.status)
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.locked_until = now + timedelta(seconds=_timeout() * 4 + 30)
        delivery.save(update_fields=["attempts", "last_attempt_at", "locked_until"])
        body = {
            "event": delivery.event,
            "delivery_id": delivery.pk,
            "sent_at": now.isoformat(),
            "document": document_payload(submission),
        }
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return delivery, raw, submission.client.callback_secret


def _timeout() -> float:
    return float(settings.API_CALLBACK_TIMEOUT_S)


def _post(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    """POST without following redirects (a redirect could point anywhere); (status, error text)."""
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=_timeout(), follow_redirects=False)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:2000]
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}: {response.text[:500]}"


def _record_attempt(delivery_id: int, status_code: int | None, error: str) -> AttemptOutcome:
    now = timezone.now()
    with transaction.atomic(durable=True):
        delivery = CallbackDelivery.objects.select_for_update().get(pk=delivery_id)
        delivery.locked_until = None
        delivery.last_status_code = status_code
        delivery.last_error = error
        retry_in = None
        if not error:
            delivery.status = CallbackDelivery.Status.DELIVERED
            delivery.delivered_at = now
        elif delivery.attempts >= settings.API_CALLBACK_MAX_ATTEMPTS:
            delivery.status = CallbackDelivery.Status.FAILED
            log.warning("callback %s for document %s failed after %s attempts: %s", delivery.pk,
                        delivery.submission.document_id, delivery.attempts, error)
        else:
            retry_in = backoff_seconds(delivery.attempts)
            delivery.next_attempt_at = now + timedelta(seconds=retry_in)
        delivery.save()
        return AttemptOutcome(sent=True, status=delivery.status, retry_in=retry_in)


def callbacks_due(now: datetime | None = None) -> list[int]:
    """Pending deliveries whose next attempt is due and that nobody is sending."""
    now = now or timezone.now()
    return list(
        CallbackDelivery.objects.filter(status=CallbackDelivery.Status.PENDING, next_attempt_at__lte=now)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .order_by("next_attempt_at").values_list("pk", flat=True)[:500]
    )


def callbacks_missing() -> list[int]:
    """Accepted documents that want a callback but have no delivery row (the signal receiver failed)."""
    return list(
        ApiSubmission.objects.exclude(callback_url="").filter(document__status=Document.Status.ACCEPTED)
        .filter(deliveries__isnull=True).values_list("document_id", flat=True)[:500]
    )
