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
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from http import HTTPStatus

import httpx
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from api.models import ApiClient, ApiSubmission, CallbackDelivery, hash_token
from api.outbound import CallbackRefused, callback_target, host_list, post_pinned
from dataentry import services as workflow
from dataentry.exports import export_json
from dataentry.models import Document, DocumentType, Result
from dataentry.pdf import PdfRejected

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-TwoMatch-Signature"
DEFAULT_DOCUMENT_TYPE = "personnel_change"
MAX_EXTERNAL_REF = 200
MAX_CALLBACK_URL = 2000
MAX_ERROR = CallbackDelivery._meta.get_field("last_error").max_length


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


# --- limits ----------------------------------------------------------------------------------

def rate_limit_check(*, client: ApiClient) -> None:
    """Count one request of `client` in the current minute; ApiError 429 past its limit.

    A fixed one-minute window in the cache (Redis in production, shared by every web process).
    If the cache cannot be reached the request goes through: a limit must not take the API down.
    """
    limit = client.rate_limit_per_minute or settings.API_RATE_LIMIT_PER_MINUTE
    now = time.time()
    key = f"api-rate:{client.pk}:{int(now // 60)}"
    try:
        cache.add(key, 0, timeout=120)
        count = cache.incr(key)
    except Exception:  # noqa: BLE001 - any cache failure
        log.warning("API rate limit not checked for client %s: cache unavailable", client.pk, exc_info=True)
        return
    if count > limit:
        retry = int(60 - now % 60) + 1
        raise ApiError(429, "rate_limited", f"More than {limit} requests per minute from this client; "
                       f"retry in {retry} s.", retry_after=retry)


def quota_check(*, client: ApiClient) -> None:
    """ApiError 429 when the client has used its documents for today (server time zone)."""
    quota = client.daily_quota if client.daily_quota is not None else settings.API_DAILY_QUOTA
    day_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    if ApiSubmission.objects.filter(client=client, created_at__gte=day_start).count() >= quota:
        retry = int((day_start + timedelta(days=1) - timezone.now()).total_seconds()) + 1
        raise ApiError(429, "quota_exceeded", f"This client's quota of {quota} documents per day is used up; "
                       f"retry after midnight ({settings.TIME_ZONE}).", retry_after=retry)


# --- submitting -------------------------------------------------------------------------------

_url_validator = URLValidator(schemes=["http", "https"])


def clean_callback_url(value: str, *, client: ApiClient) -> str:
    """The URL, if TwoMatch may call it (api/outbound.py); the host is resolved and checked now,
    and again before every attempt."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > MAX_CALLBACK_URL:
        raise ApiError(400, "invalid_callback_url", f"callback_url is longer than {MAX_CALLBACK_URL} characters.")
    try:
        _url_validator(value)
    except ValidationError:
        raise ApiError(400, "invalid_callback_url", "callback_url must be an absolute https:// URL.") from None
    try:
        callback_target(value, allowed_hosts=host_list(client.callback_hosts))
    except CallbackRefused as exc:
        raise ApiError(400, "invalid_callback_url", str(exc)) from None
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
    callback_url = clean_callback_url(callback_url, client=client)
    doc_type = resolve_document_type(client, document_type)
    quota_check(client=client)
    try:
        doc = workflow.document_upload(data=data, filename=filename or "upload", document_type=doc_type,
                                       external_ref=external_ref)
    except PdfRejected as exc:
        raise ApiError(400, "invalid_pdf", str(exc)) from None
    except workflow.DuplicateDocument as exc:
        doc = exc.existing
    # document_upload commits on its own (durable), so the submission is a second, short
    # transaction; a document is accepted only after human keying, long after this row exists.
    try:
        with transaction.atomic(durable=True):
            submission = ApiSubmission.objects.create(document=doc, client=client, external_ref=external_ref,
                                                      callback_url=callback_url)
    except IntegrityError:
        # This client sent the file before (or twice at once): that is the client's own duplicate.
        raise ApiError(409, "duplicate", f"This file was already submitted as document {doc.pk}.", id=doc.pk) from None
    if doc.status == Document.Status.ACCEPTED:
        # Another channel's document, accepted already: this client's callback goes out now.
        callbacks_enqueue(document_id=doc.pk)
    return submission


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


def callback_create(*, document_id: int) -> list[CallbackDelivery]:
    """The pending 'accepted' callbacks of a document, one per submission that wants one, each
    created once."""
    pending = []
    for submission in ApiSubmission.objects.filter(document_id=document_id).exclude(callback_url=""):
        delivery, _ = CallbackDelivery.objects.get_or_create(
            submission=submission, event=CallbackDelivery.EVENT_ACCEPTED, defaults={"url": submission.callback_url},
        )
        if delivery.status == CallbackDelivery.Status.PENDING:
            pending.append(delivery)
    return pending


def callbacks_enqueue(*, document_id: int) -> None:
    """Create the document's callbacks and send them after commit; a failure is left to the sweeper."""
    from api.tasks import enqueue_callback

    try:
        with transaction.atomic():  # savepoint: a failure here never undoes the caller's work
            deliveries = callback_create(document_id=document_id)
    except Exception:
        # The sweeper (api.tasks.sweep_callbacks) creates deliveries that are missing.
        log.exception("could not queue the callbacks of document %s", document_id)
        return
    for delivery in deliveries:
        enqueue_callback(delivery.pk)


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
    try:  # checked again: the host may resolve elsewhere now than when the URL was submitted
        target = callback_target(delivery.url, allowed_hosts=host_list(delivery.submission.client.callback_hosts))
    except CallbackRefused as exc:
        return _record_attempt(delivery.pk, None, f"Refused: {exc}", give_up=not exc.temporary)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "TwoMatch-Callback/1",
        "X-TwoMatch-Event": delivery.event,
        "X-TwoMatch-Delivery": str(delivery.pk),
        "X-TwoMatch-Attempt": str(delivery.attempts),
    }
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    status_code, error = _post(target, body, headers)
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


def _post(target, body: bytes, headers: dict) -> tuple[int | None, str]:
    """(status, error): the error is ours to word, never text from the receiver, whose reply is not read."""
    try:
        status_code = post_pinned(target, body=body, headers=headers, timeout=_timeout())
    except httpx.HTTPError as exc:
        return None, _short_error(exc)
    if 200 <= status_code < 300:
        return status_code, ""
    try:
        phrase = HTTPStatus(status_code).phrase
    except ValueError:
        phrase = "unknown status"
    return status_code, f"HTTP {status_code} {phrase}"


def _short_error(exc: httpx.HTTPError) -> str:
    # Connection and timeout errors come from this machine's network stack; any other error text
    # could quote what the receiver sent, so only its kind is kept.
    if isinstance(exc, (httpx.ConnectError, httpx.TimeoutException)):
        return f"{type(exc).__name__}: {exc}"[:MAX_ERROR]
    return type(exc).__name__


def _record_attempt(delivery_id: int, status_code: int | None, error: str, *, give_up: bool = False) -> AttemptOutcome:
    now = timezone.now()
    with transaction.atomic(durable=True):
        delivery = CallbackDelivery.objects.select_for_update().get(pk=delivery_id)
        delivery.locked_until = None
        delivery.last_status_code = status_code
        delivery.last_error = error[:MAX_ERROR]
        retry_in = None
        if not error:
            delivery.status = CallbackDelivery.Status.DELIVERED
            delivery.delivered_at = now
        elif give_up or delivery.attempts >= settings.API_CALLBACK_MAX_ATTEMPTS:
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
