"""Documents, pages, keyings (entries) and the append-only history.

Statuses are TextChoices; every change goes through `Document.transition`, which refuses
transitions the workflow does not allow and writes a `HistoryEvent` row. Reports read
that history; they never guess.
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dataentry.claims import Drafted, Leased, lease_until  # noqa: F401 - lease_until is imported from here too
from dataentry.spec import DocumentTypeSpec, FieldKind, FieldSpec, ResultPath


def new_fields_revision() -> str:
    return uuid.uuid4().hex


# {document type pk: (fields_revision, field specs)}: every keying, review and autosave request needs
# its type's spec, and reading the field definitions again cost one or two queries each time, up
# to six per submit (issue 16). A new revision (any field definition saved or deleted) rebuilds it.
_FIELD_SPECS: dict[int, tuple[str, tuple[FieldSpec, ...]]] = {}


class DocumentType(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    prompt = models.TextField(blank=True, help_text=_("Instructions for the model; {rules} is replaced by the keying rules."))
    prompt_version = models.CharField(max_length=40, default="1", help_text=_("Bump when the prompt or the rules change."))
    max_records = models.PositiveIntegerField(default=50)
    active = models.BooleanField(default=True)
    # Replaced whenever one of the type's field definitions is saved or deleted (signal below), so a
    # process may keep the field specs it built for this revision. Random, never a counter: a
    # counter would start again at the same value for a type created again with the same pk
    # (tests roll back; SQLite reuses ids).
    fields_revision = models.CharField(max_length=32, default=new_fields_revision, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def field_specs(self) -> tuple[FieldSpec, ...]:
        cached = _FIELD_SPECS.get(self.pk)
        if cached is not None and cached[0] == self.fields_revision:
            return cached[1]
        fields = tuple(f.spec() for f in self.field_definitions.all())
        if self.pk is not None:
            _FIELD_SPECS[self.pk] = (self.fields_revision, fields)
        return fields

    def spec(self) -> DocumentTypeSpec:
        return DocumentTypeSpec(
            slug=self.slug,
            name=self.name,
            fields=self.field_specs(),
            prompt=self.prompt,
            prompt_version=self.prompt_version,
            max_records=self.max_records,
        )


class FieldDefinition(models.Model):
    class Kind(models.TextChoices):
        TEXT = FieldKind.TEXT, _("text")
        NAME = FieldKind.NAME, _("name")
        KANA = FieldKind.KANA, _("kana")
        DATE = FieldKind.DATE, _("date")
        NUMBER = FieldKind.NUMBER, _("number")

    document_type = models.ForeignKey(DocumentType, on_delete=models.CASCADE, related_name="field_definitions")
    position = models.PositiveIntegerField(default=0)
    key = models.SlugField(max_length=60)
    label = models.CharField(max_length=100)
    label_en = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(default=False)
    keying_rule = models.TextField(blank=True, help_text=_("入力ルール: shown to operators and sent to the model."))
    variant_kanji = models.BooleanField(default=False, help_text=_("Treat variant kanji (髙/高, 﨑/崎 …) as equal when comparing."))
    max_length = models.PositiveIntegerField(default=200)

    class Meta:
        ordering = ["document_type", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["document_type", "key"], name="unique_field_key_per_type")]

    def __str__(self) -> str:
        return f"{self.document_type.slug}.{self.key}"

    def spec(self) -> FieldSpec:
        return FieldSpec(
            key=self.key, label=self.label, label_en=self.label_en, kind=self.kind, required=self.required,
            keying_rule=self.keying_rule, variant_kanji=self.variant_kanji, max_length=self.max_length,
        )


def _field_definitions_changed(sender, instance: FieldDefinition, **kwargs) -> None:
    """A field added, changed or removed (the admin's inline, a command): every process builds the
    type's spec again, this one at once, the others when they read the type's new revision."""
    _FIELD_SPECS.pop(instance.document_type_id, None)
    DocumentType.objects.filter(pk=instance.document_type_id).update(fields_revision=new_fields_revision())


models.signals.post_save.connect(_field_definitions_changed, sender=FieldDefinition,
                                 dispatch_uid="twomatch-field-definitions-saved")
models.signals.post_delete.connect(_field_definitions_changed, sender=FieldDefinition,
                                   dispatch_uid="twomatch-field-definitions-deleted")


class TransitionError(Exception):
    """A status change the workflow does not allow (a stale page, a second task run)."""


def transition_record(obj: models.Model, *, field: str, to: str, table: dict, kind: str, document_id: int | None,
                      actor=None, reason: str = "", data: dict | None = None) -> None:
    """Move `obj.<field>` to `to` if `table` allows it, and write the history row (who, when,
    from, to, why). The one implementation behind every status of the workflow: a document's
    status and machine state, a review task's and an audit's status. The caller saves `obj`
    inside its transaction."""
    current = getattr(obj, field)
    if to not in table[current]:
        raise TransitionError(f"{obj._meta.model_name} {obj.pk}: {field} {current} -> {to} is not allowed")
    HistoryEvent.objects.create(document_id=document_id, actor=actor, kind=kind, from_status=current, to_status=to,
                                note=reason, data=data or {})
    setattr(obj, field, to)


class DocumentQuerySet(models.QuerySet):
    def needing_human_keying(self):
        """Documents still waiting for an operator: two-match needs one human keying beside the
        machine's, and two when the machine could not key. The one statement of that rule."""
        failed = Q(machine_state=Document.MachineState.FAILED)
        return self.filter(status=Document.Status.KEYING).filter(
            (failed & Q(human_submitted__lt=2)) | (~failed & Q(human_submitted__lt=1)))


class Document(Leased):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")      # stored, pages not rendered yet
        KEYING = "keying", _("Keying")            # rendered; machine and human keyings under way
        IN_REVIEW = "in_review", _("In review")
        ACCEPTED = "accepted", _("Accepted")
        FAILED = "failed", _("Failed")            # could not be rendered; reason in `error`
        # issue 14: an operator could not key it (reason in history); waits for a manager.
        SET_ASIDE = "set_aside", _("Cannot be keyed")
        # issue 14: a manager took it out of the workflow; it leaves every queue, its history stays.
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class MachineState(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        # The machine could not key the document, so a second operator keys it: normal operation, not an error.
        FAILED = "failed", _("Two humans key it")

    TRANSITIONS = {
        Status.RECEIVED: {Status.KEYING, Status.FAILED, Status.WITHDRAWN},
        Status.KEYING: {Status.IN_REVIEW, Status.ACCEPTED, Status.SET_ASIDE, Status.WITHDRAWN},
        Status.IN_REVIEW: {Status.ACCEPTED, Status.WITHDRAWN},
        Status.ACCEPTED: set(),
        Status.FAILED: {Status.WITHDRAWN},
        Status.SET_ASIDE: {Status.KEYING, Status.WITHDRAWN},
        Status.WITHDRAWN: set(),
    }
    MACHINE_TRANSITIONS = {
        MachineState.PENDING: {MachineState.DONE, MachineState.FAILED},
        MachineState.DONE: set(),
        # Only a manager's re-run (issue 14), while the second human keying is still to come.
        MachineState.FAILED: {MachineState.PENDING},
    }

    HOLDER_FIELD = "lease_holder"

    document_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="documents")
    sha256 = models.CharField(max_length=64, unique=True)
    # The PDF the workflow works on: pages, zoom images, keyers and evidence all read it.
    original = models.FileField(upload_to="originals/")
    # issue 11: the upload as received when `original` is not it (an image made into PDF pages, or
    # a scan whose pages were turned upright); empty when `original` is the upload itself.
    source = models.FileField(upload_to="originals/", blank=True)
    source_kind = models.CharField(max_length=8, default="pdf")  # pdf, png, jpeg or tiff: by content
    # Why pages could not be fully cleaned up (no Tesseract here), shown on the document page.
    cleanup_note = models.TextField(blank=True)
    filename = models.CharField(max_length=255)
    size_bytes = models.PositiveIntegerField(default=0)
    page_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    machine_state = models.CharField(max_length=10, choices=MachineState.choices, default=MachineState.PENDING)
    machine_error = models.TextField(blank=True)
    priority = models.IntegerField(default=0, help_text=_("Higher is keyed first."))
    error = models.TextField(blank=True)
    render_attempts = models.PositiveIntegerField(default=0)
    machine_attempts = models.PositiveIntegerField(default=0)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)
    # Submitted human keyings; with machine_state it decides whether the document still needs an operator.
    human_submitted = models.PositiveIntegerField(default=0)
    # The current keying claim lives on the document row itself (see dataentry/claims.py), so
    # that the claim query's FOR UPDATE SKIP LOCKED re-checks it when another transaction has
    # just claimed the row.
    lease_holder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    external_ref = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-priority", "created_at"], name="doc_queue_idx"),
            # issue 14: the managers' document list filters on these among 100,000 documents.
            models.Index(fields=["external_ref"], name="doc_external_ref_idx"),
            models.Index(fields=["document_type", "-created_at"], name="doc_type_created_idx"),
            models.Index(fields=["status", "-created_at"], name="doc_status_created_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.filename}"

    def needs_human_keying(self) -> bool:
        """As stored: the rule is `DocumentQuerySet.needing_human_keying`."""
        return type(self).objects.needing_human_keying().filter(pk=self.pk).exists()

    @property
    def humans_needed(self) -> int:
        """For display (the rule is `DocumentQuerySet.needing_human_keying`)."""
        return 2 if self.machine_state == self.MachineState.FAILED else 1

    def transition(self, to: str, *, actor=None, reason: str = "", data: dict | None = None) -> None:
        """Change status if the workflow allows it, and record it. Caller saves inside its transaction."""
        transition_record(self, field="status", to=to, table=self.TRANSITIONS, kind=HistoryEvent.Kind.STATUS,
                          document_id=self.pk, actor=actor, reason=reason, data=data)
        if to == self.Status.ACCEPTED:
            self.accepted_at = timezone.now()

    def machine_transition(self, to: str, *, reason: str, data: dict | None = None, actor=None) -> None:
        """Record the machine keying's outcome (done, or failed: a second human keys), or a
        manager's re-run. Caller saves."""
        transition_record(self, field="machine_state", to=to, table=self.MACHINE_TRANSITIONS,
                          kind=HistoryEvent.Kind.MACHINE, document_id=self.pk, actor=actor, reason=reason, data=data)


class SetAsideReason(models.TextChoices):
    """Why an operator could not key a document (issue 14); stored in the history row's data."""
    UNREADABLE = "unreadable", _("Unreadable")
    WRONG_TYPE = "wrong_type", _("Wrong document type")
    NOT_PERSONNEL_CHANGE = "not_personnel_change", _("Not a personnel change")
    DUPLICATE = "duplicate", _("Duplicate of another document")


class Page(models.Model):
    # What the page viewer shows of each page (not its text or clean-up record, which are large).
    VIEWER_COLUMNS = ("document", "number", "width", "height", "body_points")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()  # 1-based
    image = models.FileField(upload_to="pages/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    # issue 11: what intake corrected on a scanned page: {"rotation": 90, "skew": -1.5, ...}; {} if not looked at.
    cleanup = models.JSONField(default=dict, blank=True)
    # Body text size in points (`pdf.page_body_points`), measured when the page is rendered, so that the
    # keying and review pages need not open the PDF (issue 16). 0: no text layer; None: rendered before
    # it was measured (`ui.body_text_points` reads the PDF then).
    body_points = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_page_number")]

    @property
    def has_text_layer(self) -> bool:
        return bool(self.text.strip())

    @property
    def cleanup_changed(self) -> bool:
        return bool(self.cleanup.get("rotation") or self.cleanup.get("skew"))


class Entry(Drafted):
    """One keying of a whole document: by the machine, or by one operator (draft until submitted)."""

    class Source(models.TextChoices):
        MACHINE = "machine", _("Machine")
        HUMAN = "human", _("Human")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="entries")
    source = models.CharField(max_length=8, choices=Source.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="entries")
    records = models.JSONField(default=list)
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Machine keyings only.
    keyer = models.CharField(max_length=40, blank=True)
    model_name = models.CharField(max_length=200, blank=True)
    prompt_version = models.CharField(max_length=40, blank=True)
    raw_response = models.TextField(blank=True)
    latency_ms = models.PositiveIntegerField(default=0)
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    confidence = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["document", "id"]
        constraints = [
            # A second run of the machine task is a no-op, and one operator keys a document at most once.
            models.UniqueConstraint(fields=["document"], condition=Q(source="machine"), name="one_machine_entry"),
            models.UniqueConstraint(fields=["document", "operator"], condition=Q(source="human"), name="one_entry_per_operator"),
        ]

    def __str__(self) -> str:
        who = self.keyer if self.source == self.Source.MACHINE else getattr(self.operator, "username", "?")
        return f"entry {self.pk} ({who}) of document {self.document_id}"

    def holds_lease(self, now=None) -> bool:
        """True while this draft's operator holds the document's keying claim."""
        doc = self.document
        return self.state == self.State.DRAFT and doc.holder_id == self.operator_id and doc.lease_active(now)


class MachineRun(models.Model):
    """Every attempt of the machine keyer, successful or not, with the raw answer kept."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("Running")
        OK = "ok", _("OK")
        FAILED = "failed", _("Failed")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="machine_runs")
    attempt = models.PositiveIntegerField()
    keyer = models.CharField(max_length=40)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    failure_kind = models.CharField(max_length=40, blank=True)
    message = models.TextField(blank=True)
    raw_response = models.TextField(blank=True)
    latency_ms = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "attempt"]


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("history is append-only")

    def delete(self):
        raise PermissionError("history is append-only")


class HistoryEvent(models.Model):
    """Append-only audit trail: who did what to which document, when, and why."""

    class Kind(models.TextChoices):
        UPLOAD = "upload", _("Upload")
        STATUS = "status", _("Status change")
        RENDER = "render", _("Render")
        MACHINE = "machine", _("Machine keying")
        CLAIM = "claim", _("Claim")
        RELEASE = "release", _("Release")
        SUBMIT = "submit", _("Submit")
        COMPARE = "compare", _("Compare")
        REVIEW = "review", _("Review")
        EXPORT = "export", _("Export")
        ENQUEUE = "enqueue", _("Enqueue")
        AUDIT = "audit", _("Blind audit")
        CORRECT = "correct", _("Result corrected")
        ADMIN = "admin", _("Admin change")
        SINGLE_ENTRY = "single", _("Single entry")   # machine-only acceptance, its threshold and guard (issue 15)
        PRIORITY = "priority", _("Priority changed")
        CORRECTION = "proposal", _("Correction proposed")

    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="history")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("history is append-only")


def history_add(*, kind: str, document: Document | None = None, actor=None, note: str = "", data: dict | None = None,
                document_id: int | None = None) -> HistoryEvent:
    """`document_id` instead of `document` when only the id is at hand (reading the row for it costs a query)."""
    target = {"document_id": document_id} if document is None and document_id is not None else {"document": document}
    return HistoryEvent.objects.create(kind=kind, actor=actor, note=note, data=data or {}, **target)


class Result(models.Model):
    """The accepted records of a document, with where each value came from."""

    class Path(models.TextChoices):
        AUTO = ResultPath.AUTO, _("Auto-accepted (machine = human)")
        AUTO_HUMANS = ResultPath.AUTO_HUMANS, _("Auto-accepted (human = human)")
        REVIEWED = ResultPath.REVIEWED, _("Reviewed (machine vs human)")
        REVIEWED_HUMANS = ResultPath.REVIEWED_HUMANS, _("Reviewed (human vs human)")
        MACHINE_ONLY = ResultPath.MACHINE_ONLY, _("Single entry: the machine's keying alone")

    class Provenance(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        FIRST = "first", _("Chosen: first keyer")     # machine, or human #1 in the fallback
        SECOND = "second", _("Chosen: second keyer")  # the human, or human #2 in the fallback
        REVIEWER = "reviewer", _("Corrected by reviewer")
        AUDIT = "audit", _("Corrected by blind audit")
        MACHINE_ONLY = "machine-only", _("Machine only (single entry)")
        OVERRIDE = "override", _("Changed by reviewer although both keyers agreed")
        MANAGER = "manager", _("Corrected by manager (confirmed by a second person)")

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="result")
    path = models.CharField(max_length=16, choices=Path.choices)
    # [{field: value}] in reading order, and the same shape with a Provenance per field.
    records = models.JSONField(default=list)
    provenance = models.JSONField(default=list)
    first_entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="+")
    second_entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="+")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Why a value was changed on purpose: [{"record": i, "field": key, "provenance": …, "reason": …, "by": username}].
    notes = models.JSONField(default=list, blank=True)

    @property
    def machine_involved(self) -> bool:
        return self.path in (self.Path.AUTO, self.Path.REVIEWED, self.Path.MACHINE_ONLY)


class ResultCorrection(models.Model):
    """A manager's change to an accepted value; it applies only once a second person confirms it (four eyes)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed and applied")
        REJECTED = "rejected", _("Rejected")

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="corrections")
    record = models.PositiveIntegerField()  # 0-based index into result.records
    field = models.CharField(max_length=60)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
