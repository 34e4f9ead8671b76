"""Integrating systems (API clients), the documents they sent, and callback deliveries.

A client's bearer token is shown once when it is created and stored only as its SHA-256:
a copy of the database does not let anyone call the API. The callback secret is kept as
is, because TwoMatch needs it to sign every callback (HMAC); the admin never displays it
after creation.

The Document model belongs to `dataentry`; what the API needs to know about a document
(which client sent it, its reference in that system, where to call back) lives in
`ApiSubmission`: one per client and document. When a second client sends a file that is
already in TwoMatch, its submission is attached to the same document (keyed once) and the
result reaches both clients; neither learns about the other.
"""
from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dataentry.models import Document, DocumentType

TOKEN_PREFIX = "tm_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    # 32 random bytes; the prefix makes a leaked token easy to recognise in logs and secret scanners.
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def new_callback_secret() -> str:
    return secrets.token_hex(32)


class ApiClient(models.Model):
    """One integrating system: one token, an optional callback signing secret."""

    name = models.CharField(max_length=100, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the token, so a manager can tell which token a system holds.
    token_hint = models.CharField(max_length=12, editable=False, blank=True)
    callback_secret = models.CharField(
        max_length=128, blank=True, editable=False,
        help_text=_("Signs callbacks (HMAC-SHA256). Shown once when created or rotated."),
    )
    default_document_type = models.ForeignKey(
        DocumentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Used when an upload names no document type."),
    )
    active = models.BooleanField(default=True, help_text=_("Inactive clients get 401 on every call."))
    callback_hosts = models.TextField(
        blank=True,
        help_text=_("Host names its callbacks may go to, one per line (*.example.com for subdomains). "
                    "Empty: any public host."),
    )
    # Empty = the setting's default; one runaway integration must not crowd out the others.
    rate_limit_per_minute = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Requests per minute; more get 429. Empty: API_RATE_LIMIT_PER_MINUTE."))
    daily_quota = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Documents accepted per day (server time zone); more get 429. "
                                           "Empty: API_DAILY_QUOTA."))
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API client")

    def __str__(self) -> str:
        return self.name

    def set_new_token(self) -> str:
        """Replace the token; returns the plain token, which is not stored anywhere."""
        token = new_token()
        self.token_hash = hash_token(token)
        self.token_hint = token[:10]
        return token

    def set_new_callback_secret(self) -> str:
        self.callback_secret = new_callback_secret()
        return self.callback_secret


class ApiSubmission(models.Model):
    """A document sent through the API: by whom, under which reference, where to call back."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="api_submissions")
    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="submissions")
    external_ref = models.CharField(max_length=200, blank=True)
    callback_url = models.URLField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "created_at"], name="api_submission_client_idx")]
        constraints = [models.UniqueConstraint(fields=["document", "client"], name="one_submission_per_client")]

    def __str__(self) -> str:
        return f"{self.client} → document {self.document_id}"


class CallbackDelivery(models.Model):
    """One callback to send (one per submission and event), with its attempts counted here."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")        # not sent yet, or waiting for the next attempt
        DELIVERED = "delivered", _("Delivered")  # the receiver answered 2xx
        FAILED = "failed", _("Failed")           # attempts exhausted; a manager must look

    EVENT_ACCEPTED = "document.accepted"

    submission = models.ForeignKey(ApiSubmission, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, default=EVENT_ACCEPTED)
    url = models.URLField(max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    # While an attempt is in flight no other worker starts one (a sweeper re-enqueue, a redelivery).
    locked_until = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    # Our own words (status and reason, or the connection error): never the receiver's reply.
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("callback delivery")
        verbose_name_plural = _("callback deliveries")
        constraints = [
            # A second acceptance signal (or a sweeper pass) never creates a second callback.
            models.UniqueConstraint(fields=["submission", "event"], name="one_delivery_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.event} for document {self.submission.document_id} ({self.status})"
