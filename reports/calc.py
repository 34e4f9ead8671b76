"""Every figure of the managers' reports, computed from plain facts. No Django, no database.

`reports.selectors` turns the database into `DocumentFacts` (a handful of queries); this
module turns those facts into a `Report`. The report pages and `manage.py report` call the
same `build_report`, so the page and the command cannot disagree, and unit tests can feed
known times and decisions and assert every figure exactly.

Time saved (design §6), per accepted document:

* Baseline (two humans): keying #1 + keying #2 + review of their disagreements.
  With TwoMatch: keying #1 + review of the machine/human disagreements.
* saved = estimated second keying − (review with TwoMatch − expected baseline review).
  - The second keying is estimated from the same operator's time on that document, or from
    the standard keying time of the document type when one is set.
  - The expected baseline review is the mean review time of documents that really went
    through two humans (the fallback cases, 0 s when those two agreed), once there are at
    least `min_baseline_documents` of that type; until then the configured fallback figure.
* A document that fell back to two humans saved nothing: its baseline is what happened.
* Human time is the measured active time when it is > 0, else the wall time (labelled).

Hence hours_baseline = hours_keying + hours_review + hours_saved and
reduction = hours_saved / hours_baseline.

Cost and benefit: A = hours_saved × labour cost per hour; B = GPU hours × GPU cost per hour,
GPU hours being the measured machine keying time of the period's documents (every attempt)
or an entered monthly figure prorated to the period; net benefit = A − B. Break-even volume
(entered monthly GPU hours only: a fixed cost) = monthly GPU cost / labour saved per document.
"""
from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Iterable, Iterator, Mapping, Sequence

from django.utils.translation import gettext

from dataentry.comparison import align_records
from dataentry.intervals import wilson_interval
from dataentry.normalization import normalize
from dataentry.spec import DocumentTypeSpec, ResultPath
from reports.periods import Period

SECONDS_PER_HOUR = 3600.0

AUTO, AUTO_HUMANS = ResultPath.AUTO, ResultPath.AUTO_HUMANS
REVIEWED, REVIEWED_HUMANS = ResultPath.REVIEWED, ResultPath.REVIEWED_HUMANS
PATHS = ResultPath.ALL
FALLBACK_PATHS = ResultPath.FALLBACK
AUTO_PATHS = ResultPath.AUTOMATIC
MACHINE_ONLY = ResultPath.MACHINE_ONLY  # single entry (issue 15): accepted on the machine's keying alone
# Documents whose machine values a person checked (keyed blind and compared): calibration and accuracy.
VERIFIED_PATHS = frozenset({AUTO, REVIEWED})
SINGLE_ENTRY_AUDIT = "audit"
CALIBRATION_BINS = 10

ACTIVE = "active"
WALL = "wall"
NONE = "none"

MEASURED = "measured"
ENTERED = "entered"

OPERATOR = "operator"
STANDARD = "standard"
SETTING = "setting"

# Reliability buckets: [low, high) except the last, which includes 1.0.
CONFIDENCE_EDGES = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)

# Review choices (review.services): "first" is the machine on a machine document.
FIRST, SECOND, TYPED = "first", "second", "typed"
# An agreed field the reviewer changed on purpose (both keyers wrong the same way), issue 14.
OVERRIDE = "override"

# Keyers that run on the CPU of the app's own workers: their time is shown, never charged at the
# GPU rate (issue 14). Every other keyer (vllm) is a GPU keyer.
CPU_KEYERS = frozenset({"textlayer", "local", "ocr"})


# --- inputs -----------------------------------------------------------------------------------

def measured_seconds(active: float, wall: float) -> tuple[float, str]:
    """Active time when the browser measured any, else wall time; and which one it was."""
    if active and active > 0:
        return float(active), ACTIVE
    if wall and wall > 0:
        return float(wall), WALL
    return 0.0, NONE


class TimedWork:
    """A keying or a review: its time is the active time when measured, else the wall time."""

    active_seconds: float
    wall_seconds: float

    @property
    def seconds(self) -> float:
        return measured_seconds(self.active_seconds, self.wall_seconds)[0]

    @property
    def measure(self) -> str:
        return measured_seconds(self.active_seconds, self.wall_seconds)[1]


@dataclass(frozen=True)
class HumanKeying(TimedWork):
    operator: str
    active_seconds: float
    wall_seconds: float
    records: Sequence[Mapping[str, Any]] = ()


@dataclass(frozen=True)
class MachineKeying:
    keyer: str
    model: str = ""
    prompt_version: str = ""
    records: Sequence[Mapping[str, Any]] = ()
    # Per record, per field, a probability in [0, 1]; None when the keyer gives none.
    confidence: Sequence[Mapping[str, Any]] | None = None
    latency_ms: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def label(self) -> str:
        return self.model or self.keyer


@dataclass(frozen=True)
class MachineRunFacts:
    """One attempt of the machine keyer (successful or not) and how long it took."""
    keyer: str
    outcome: str
    seconds: float
    failure_kind: str = ""


@dataclass(frozen=True)
class ReviewFacts(TimedWork):
    reviewer: str
    active_seconds: float
    wall_seconds: float
    conflicts: int
    decisions: Mapping[str, int] = field(default_factory=dict)  # choice -> how many


@dataclass(frozen=True)
class DocumentFacts:
    """What was recorded about one accepted document."""
    id: int
    document_type: str
    uploaded_at: datetime
    accepted_at: datetime
    path: str
    result: Sequence[Mapping[str, Any]] = ()
    humans: tuple[HumanKeying, ...] = ()       # submitted human keyings, in submission order
    machine: MachineKeying | None = None
    runs: tuple[MachineRunFacts, ...] = ()
    review: ReviewFacts | None = None
    drafts: tuple[HumanKeying, ...] = ()       # keyings started and never submitted (lease lost)
    single_entry: str = ""                     # SINGLE_ENTRY_AUDIT: qualified for single entry, audited instead

    @property
    def fallback(self) -> bool:
        return self.path in FALLBACK_PATHS


@dataclass(frozen=True)
class BaselineSample:
    """A document that went through two humans: how long its review took (0 when they agreed)."""
    document_type: str
    review_seconds: float


@dataclass(frozen=True)
class ReportConfig:
    currency: str = "JPY"
    labour_cost_per_hour: float = 0.0
    gpu_cost_per_hour: float = 0.0
    gpu_hours_source: str = MEASURED
    gpu_hours_per_month: float = 0.0
    standard_keying_seconds: Mapping[str, float] = field(default_factory=dict)
    baseline_review_seconds: float = 60.0
    min_baseline_documents: int = 20


# --- outputs ----------------------------------------------------------------------------------

@dataclass
class Tally:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    @property
    def fraction(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class BaselineReview:
    document_type: str
    seconds: float
    source: str          # MEASURED (from fallback documents) or SETTING
    documents: int       # fallback documents of this type available as evidence
    required: int        # how many are needed before the measured figure is used


@dataclass(frozen=True)
class DocumentSaving:
    document_id: int
    document_type: str
    path: str
    accepted_at: datetime
    keying_seconds: float          # all submitted human keyings
    keying_measure: str            # active / wall / mixed / none
    second_keying_estimate: float
    estimate_source: str           # operator / standard / "" (fallback)
    review_seconds: float
    baseline_review_seconds: float
    saved_seconds: float
    note: str


@dataclass(frozen=True)
class TrendRow:
    bucket: date
    label: str
    documents: int
    auto: int
    reviewed: int
    fallback: int
    hours_keying: float
    hours_review: float
    hours_saved: float


@dataclass(frozen=True)
class AccuracyRow:
    who: str               # model (or keyer) label, or operator
    prompt_version: str
    field: str
    correct: int
    total: int

    @property
    def fraction(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class ReliabilityRow:
    bucket: str
    low: float
    high: float
    fields: int
    correct: int
    mean_confidence: float | None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.fields if self.fields else None


@dataclass(frozen=True)
class OperatorRow:
    operator: str
    documents: int
    hours: float
    median_seconds_per_document: float | None
    median_seconds_per_field: float | None
    agreement_with_model: float | None    # share of their field values equal to the machine's
    fields_compared_with_model: int
    accuracy: float | None                # share of their field values equal to the accepted result
    fields_checked: int
    wall_time_keyings: int                # keyings measured by wall time (no active time)


@dataclass(frozen=True)
class ReviewerRow:
    reviewer: str
    documents: int
    hours: float
    conflicts: int
    median_seconds_per_document: float | None
    median_seconds_per_conflict: float | None
    machine_chosen: int
    human_chosen: int
    typed: int                            # typed corrections on every document (two-human ones too)
    agreement_with_model: float | None    # machine value chosen / field decisions on machine documents
    wall_time_reviews: int
    overrides: int = 0                    # agreed values changed on purpose, with a reason


@dataclass(frozen=True)
class CalibrationRow:
    """How well one keyer's confidence predicts being right, on verified fields."""
    keyer: str
    fields: int
    ece: float | None                     # expected calibration error: Σ n_b/N · |accuracy_b − confidence_b|
    bins: tuple[ReliabilityRow, ...] = ()


@dataclass
class Report:
    period: Period
    document_type: str                 # slug, or "" for all types
    config: ReportConfig
    bucket: str                        # "day" or "week"
    documents: int = 0
    paths: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0
    keying_seconds: float = 0.0
    review_seconds: float = 0.0
    saved_seconds: float = 0.0
    draft_seconds: float = 0.0
    keyings_by_measure: dict[str, int] = field(default_factory=dict)
    reviews_by_measure: dict[str, int] = field(default_factory=dict)
    estimates_by_source: dict[str, int] = field(default_factory=dict)
    median_upload_to_result_seconds: float | None = None
    savings: list[DocumentSaving] = field(default_factory=list)
    baselines: list[BaselineReview] = field(default_factory=list)
    trend: list[TrendRow] = field(default_factory=list)
    model_accuracy: list[AccuracyRow] = field(default_factory=list)
    model_field_accuracy: dict[str, Tally] = field(default_factory=dict)
    model_persons: dict[str, dict[str, int]] = field(default_factory=dict)
    operator_accuracy: list[AccuracyRow] = field(default_factory=list)
    operator_field_accuracy: dict[str, Tally] = field(default_factory=dict)
    reliability: list[ReliabilityRow] = field(default_factory=list)
    operators: list[OperatorRow] = field(default_factory=list)
    reviewers: list[ReviewerRow] = field(default_factory=list)
    field_labels: dict[str, str] = field(default_factory=dict)
    gpu_seconds_measured: float = 0.0
    gpu_seconds_by_keyer: dict[str, float] = field(default_factory=dict)
    machine_attempts: int = 0
    machine_failures: int = 0
    single_entry_audits: int = 0
    single_entry_audit_fields: int = 0
    single_entry_audit_errors: int = 0
    saved_seconds_without_single_entry: float = 0.0
    calibration: list[CalibrationRow] = field(default_factory=list)

    # -- headline figures --

    @property
    def fallback_documents(self) -> int:
        return sum(self.paths.get(p, 0) for p in FALLBACK_PATHS)

    @property
    def machine_documents(self) -> int:
        return self.paths.get(AUTO, 0) + self.paths.get(REVIEWED, 0)

    @property
    def auto_accept_rate(self) -> float | None:
        """Share of accepted documents that needed no review (machine = human, or human = human)."""
        return _ratio(sum(self.paths.get(p, 0) for p in AUTO_PATHS), self.documents)

    @property
    def machine_auto_accept_rate(self) -> float | None:
        return _ratio(self.paths.get(AUTO, 0), self.machine_documents)

    @property
    def conflicts_per_document(self) -> float | None:
        return _ratio(self.conflicts, self.documents)

    @property
    def hours_keying(self) -> float:
        return self.keying_seconds / SECONDS_PER_HOUR

    @property
    def hours_review(self) -> float:
        return self.review_seconds / SECONDS_PER_HOUR

    @property
    def hours_saved(self) -> float:
        return self.saved_seconds / SECONDS_PER_HOUR

    @property
    def single_entry_documents(self) -> int:
        return self.paths.get(MACHINE_ONLY, 0)

    @property
    def single_entry_error_interval(self) -> tuple[float | None, float | None]:
        return wilson_interval(self.single_entry_audit_errors, self.single_entry_audit_fields)

    @property
    def hours_saved_without_single_entry(self) -> float:
        return self.saved_seconds_without_single_entry / SECONDS_PER_HOUR

    @property
    def hours_baseline(self) -> float:
        return self.hours_keying + self.hours_review + self.hours_saved

    @property
    def reduction(self) -> float | None:
        return _ratio(self.hours_saved, self.hours_baseline)

    # -- cost and benefit --

    @property
    def gpu_hours(self) -> float:
        if self.config.gpu_hours_source == ENTERED:
            return self.config.gpu_hours_per_month * self.period.months_covered()
        return self.gpu_seconds_measured / SECONDS_PER_HOUR

    @property
    def labour_saved(self) -> float:
        return self.hours_saved * self.config.labour_cost_per_hour

    @property
    def machine_cost(self) -> float:
        return self.gpu_hours * self.config.gpu_cost_per_hour

    @property
    def net_benefit(self) -> float:
        return self.labour_saved - self.machine_cost

    @property
    def labour_saved_per_document(self) -> float | None:
        return _ratio(self.labour_saved, self.documents)

    @property
    def machine_cost_per_document(self) -> float | None:
        return _ratio(self.machine_cost, self.documents)

    @property
    def monthly_machine_cost(self) -> float | None:
        """The fixed monthly GPU cost; None when GPU time is measured per document (not fixed)."""
        if self.config.gpu_hours_source != ENTERED:
            return None
        return self.config.gpu_hours_per_month * self.config.gpu_cost_per_hour

    @property
    def break_even_documents_per_month(self) -> int | None:
        """Documents a month at which labour saved pays the fixed monthly GPU cost."""
        monthly = self.monthly_machine_cost
        per_document = self.labour_saved_per_document
        if monthly is None or per_document is None:
            return None
        if monthly <= 0:
            return 0
        if per_document <= 0:
            return None
        return math.ceil(monthly / per_document - 1e-9)

    @property
    def break_even_note(self) -> str:
        per_document = self.labour_saved_per_document
        currency = self.config.currency
        if per_document is None:
            return gettext("No accepted documents in this period, so there is no saving per document to compare with.")
        if self.config.gpu_hours_source != ENTERED:
            cost = self.machine_cost_per_document or 0.0
            values = {"saved": f"{per_document:,.2f}", "cost": f"{cost:,.2f}", "currency": currency}
            if per_document > cost:
                return gettext("GPU time is measured per document, so the cost grows with the volume: each document saved "
                         "%(saved)s %(currency)s of labour and cost %(cost)s %(currency)s of GPU time — worth it at any "
                         "volume. Enter a monthly GPU figure to get a break-even volume for a fixed GPU.") % values
            return gettext("GPU time is measured per document, so the cost grows with the volume: each document saved "
                     "%(saved)s %(currency)s of labour and cost %(cost)s %(currency)s of GPU time — not worth it at any "
                     "volume. Enter a monthly GPU figure to get a break-even volume for a fixed GPU.") % values
        if (self.monthly_machine_cost or 0) <= 0:
            return gettext("The monthly GPU cost is zero, so every document is a gain.")
        if per_document <= 0:
            return gettext("Documents in this period saved no labour, so no volume pays for the GPU.")
        return gettext("%(monthly)s %(currency)s of GPU a month ÷ %(saved)s %(currency)s of labour saved per document.") % {
            "monthly": f"{self.monthly_machine_cost:,.2f}", "saved": f"{per_document:,.2f}", "currency": currency}

    # -- accuracy --

    def field_accuracy_model(self) -> dict[str, float | None]:
        return {k: t.fraction for k, t in self.model_field_accuracy.items()}

    def figures(self) -> dict[str, Any]:
        """The headline figures as JSON-ready values (rounded the way the page shows them)."""
        return {
            "period": {"label": self.period.label, "kind": self.period.kind,
                       "start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "document_type": self.document_type or None,
            "documents": self.documents,
            "paths": {p: self.paths.get(p, 0) for p in PATHS},
            "fallback_documents": self.fallback_documents,
            "auto_accept_rate": _round(self.auto_accept_rate, 4),
            "machine_auto_accept_rate": _round(self.machine_auto_accept_rate, 4),
            "conflicts_per_document": _round(self.conflicts_per_document, 4),
            "hours_keying": _round(self.hours_keying, 4),
            "hours_review": _round(self.hours_review, 4),
            "hours_saved": _round(self.hours_saved, 4),
            "hours_baseline": _round(self.hours_baseline, 4),
            "reduction": _round(self.reduction, 4),
            "hours_abandoned_drafts": _round(self.draft_seconds / SECONDS_PER_HOUR, 4),
            "median_upload_to_result_seconds": _round(self.median_upload_to_result_seconds, 1),
            "time_measure": {"keyings": dict(self.keyings_by_measure), "reviews": dict(self.reviews_by_measure)},
            "second_keying_estimates": dict(self.estimates_by_source),
            "baseline_review": [
                {"document_type": b.document_type, "seconds": _round(b.seconds, 1), "source": b.source,
                 "documents": b.documents, "required": b.required}
                for b in self.baselines
            ],
            "field_accuracy_model": {k: _round(v, 4) for k, v in self.field_accuracy_model().items()},
            "field_accuracy_model_fields": {k: t.total for k, t in self.model_field_accuracy.items()},
            "field_accuracy_operators": {k: _round(t.fraction, 4) for k, t in self.operator_field_accuracy.items()},
            "currency": self.config.currency,
            "labour_cost_per_hour": _round(self.config.labour_cost_per_hour, 2),
            "gpu_cost_per_hour": _round(self.config.gpu_cost_per_hour, 2),
            "gpu_hours_source": self.config.gpu_hours_source,
            "gpu_hours": _round(self.gpu_hours, 4),
            "machine_attempts": self.machine_attempts,
            "machine_failures": self.machine_failures,
            "labour_saved": _round(self.labour_saved, 2),
            "machine_cost": _round(self.machine_cost, 2),
            "net_benefit": _round(self.net_benefit, 2),
            "labour_saved_per_document": _round(self.labour_saved_per_document, 2),
            "machine_cost_per_document": _round(self.machine_cost_per_document, 2),
            "break_even_documents_per_month": self.break_even_documents_per_month,
            "break_even_note": self.break_even_note,
            "single_entry_documents": self.single_entry_documents,
            "single_entry_share": _round(_ratio(self.single_entry_documents, self.documents), 4),
            "single_entry_audits": self.single_entry_audits,
            "single_entry_audit_fields": self.single_entry_audit_fields,
            "single_entry_error_rate": _round(_ratio(self.single_entry_audit_errors, self.single_entry_audit_fields), 6),
            "single_entry_error_ci_low": _round(self.single_entry_error_interval[0], 6),
            "single_entry_error_ci_high": _round(self.single_entry_error_interval[1], 6),
            "hours_saved_without_single_entry": _round(self.hours_saved_without_single_entry, 4),
            "reduction_without_single_entry": _round(_ratio(self.hours_saved_without_single_entry, self.hours_baseline), 4),
            "calibration": [{"keyer": c.keyer, "fields": c.fields, "ece": _round(c.ece, 4)} for c in self.calibration],
        }


# --- helpers ----------------------------------------------------------------------------------

def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def _median(values: Iterable[float]) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def _value(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key, "") if isinstance(record, Mapping) else ""
    return "" if value is None else str(value)


def field_matches(keyed: Sequence[Mapping], reference: Sequence[Mapping], spec: DocumentTypeSpec
                  ) -> Iterator[tuple[int | None, str, bool]]:
    """(keyed record index or None, field key, equal) for every field of every aligned record pair.

    Records are aligned with the app's own `align_records`, values compared under `normalize`.
    A person only one side has counts as a mismatch in every field: a value the reference lacks,
    or a value the keyer missed."""
    for i, j in align_records(list(keyed), list(reference), spec):
        for f in spec.fields:
            equal = (i is not None and j is not None
                     and normalize(_value(keyed[i], f.key), f) == normalize(_value(reference[j], f.key), f))
            yield i, f.key, equal


def _bucket_of(moment: datetime, period: Period, bucket: str) -> date:
    return _bucket_of_day(moment.astimezone(period.tz).date(), bucket)


def _bucket_of_day(day: date, bucket: str) -> date:
    return day - timedelta(days=day.weekday()) if bucket == "week" else day


def _buckets(period: Period, bucket: str) -> list[date]:
    first = _bucket_of(period.start, period, bucket)
    step = timedelta(days=7 if bucket == "week" else 1)
    out, day = [], first
    while day <= period.last_day:
        out.append(day)
        day += step
    return out


def default_bucket(period: Period) -> str:
    return "day" if period.days <= 62 else "week"


# --- the report ---------------------------------------------------------------------------------

def baseline_reviews(samples: Iterable[BaselineSample], config: ReportConfig, types: Iterable[str]) -> dict[str, BaselineReview]:
    """Expected review time of a two-human document, per document type."""
    by_type: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        by_type[s.document_type].append(float(s.review_seconds))
    out = {}
    for slug in sorted(set(types) | set(by_type)):
        seen = by_type.get(slug, [])
        enough = len(seen) >= max(1, config.min_baseline_documents)
        out[slug] = BaselineReview(
            document_type=slug,
            seconds=statistics.fmean(seen) if enough else float(config.baseline_review_seconds),
            source=MEASURED if enough else SETTING,
            documents=len(seen),
            required=max(1, config.min_baseline_documents),
        )
    return out


def document_saving(doc: DocumentFacts, config: ReportConfig, baseline: BaselineReview,
                    keying_estimate: float = 0.0) -> DocumentSaving:
    """`keying_estimate`: one keying of this document by the period's operators (single entry only)."""
    keying = sum(h.seconds for h in doc.humans)
    measures = {h.measure for h in doc.humans}
    measure = measures.pop() if len(measures) == 1 else ("mixed" if measures else NONE)
    review = doc.review.seconds if doc.review else 0.0
    common = dict(document_id=doc.id, document_type=doc.document_type, path=doc.path, accepted_at=doc.accepted_at,
                  keying_seconds=keying, keying_measure=measure, review_seconds=review)
    if doc.fallback:
        return DocumentSaving(**common, second_keying_estimate=0.0, estimate_source="",
                              baseline_review_seconds=review, saved_seconds=0.0,
                              note=gettext("fell back to two humans: nothing saved"))
    standard = float(config.standard_keying_seconds.get(doc.document_type) or 0)
    if doc.path == MACHINE_ONLY:
        # Nobody keyed it: both keyings and the two-human review were avoided.
        estimate, source = (standard, STANDARD) if standard > 0 else (keying_estimate, OPERATOR)
        return DocumentSaving(**common, second_keying_estimate=estimate, estimate_source=source,
                              baseline_review_seconds=baseline.seconds, saved_seconds=2 * estimate + baseline.seconds,
                              note=gettext("single entry: two keyings and the two-human review avoided; one keying = "
                                     "the standard time") if source == STANDARD else
                              gettext("single entry: two keyings and the two-human review avoided; one keying = "
                                "the period's operator seconds per field × its fields"))
    if standard > 0:
        estimate, source = standard, STANDARD
        note = gettext("second keying = standard time of the document type")
    else:
        first = doc.humans[0] if doc.humans else None
        estimate, source = (first.seconds if first else 0.0), OPERATOR
        first_measure = first.measure if first else NONE
        note = {ACTIVE: gettext("second keying = the operator's own time on this document"),
                WALL: gettext("second keying = the operator's own time on this document (wall time: no active time recorded)"),
                NONE: gettext("second keying = the operator's own time on this document (no time recorded)")}[first_measure]
    saved = estimate - (review - baseline.seconds)
    return DocumentSaving(**common, second_keying_estimate=estimate, estimate_source=source,
                          baseline_review_seconds=baseline.seconds, saved_seconds=saved, note=note)


def build_report(documents: Iterable[DocumentFacts], *, period: Period, config: ReportConfig,
                 specs: Mapping[str, DocumentTypeSpec], baseline: Iterable[BaselineSample] = (),
                 document_type: str = "", bucket: str | None = None, today: date | None = None) -> Report:
    """All figures for the documents accepted in `period` (others are ignored), of `document_type`
    (all types when empty). `today` (local) ends the per-day table; None shows the whole period."""
    docs = sorted(
        (d for d in documents if period.contains(d.accepted_at) and (not document_type or d.document_type == document_type)),
        key=lambda d: (d.accepted_at, d.id),
    )
    bucket = bucket if bucket in ("day", "week") else default_bucket(period)
    report = Report(period=period, document_type=document_type, config=config, bucket=bucket)
    types = {d.document_type for d in docs} | ({document_type} if document_type else set())
    baselines = baseline_reviews(baseline, config, types)
    report.baselines = [baselines[t] for t in sorted(types)]
    report.field_labels = {f.key: f.label for t in sorted(types) if t in specs for f in specs[t].fields}
    _time(report, docs, baselines, specs)
    _trend(report, docs, today)
    _machine(report, docs)
    _accuracy(report, docs, specs)
    _people(report, docs, specs)
    _single_entry(report, docs, specs)
    return report


def _single_entry(report: Report, docs: list[DocumentFacts], specs: Mapping[str, DocumentTypeSpec]) -> None:
    """Audits of documents that qualified for single entry, and calibration per keyer (issue 15)."""
    bins: dict[str, list[list[float]]] = {}
    for doc in docs:
        spec = specs.get(doc.document_type)
        if spec is None or doc.machine is None or doc.path not in VERIFIED_PATHS:
            continue
        matches = list(field_matches(doc.machine.records, doc.result, spec))
        if doc.single_entry == SINGLE_ENTRY_AUDIT:
            report.single_entry_audits += 1
            report.single_entry_audit_fields += len(matches)
            report.single_entry_audit_errors += sum(1 for _, _, ok in matches if not ok)
        rows = bins.setdefault(doc.machine.label, [[0, 0, 0.0] for _ in range(CALIBRATION_BINS)])
        for index, key, ok in matches:
            confidence = field_confidence(doc.machine, index, key)
            if confidence is not None:
                row = rows[min(CALIBRATION_BINS - 1, int(confidence * CALIBRATION_BINS))]
                row[0] += 1
                row[1] += int(ok)
                row[2] += confidence
    for label, rows in sorted(bins.items()):
        total = sum(r[0] for r in rows)
        if not total:
            continue
        ece = sum(r[0] / total * abs(r[1] / r[0] - r[2] / r[0]) for r in rows if r[0])
        report.calibration.append(CalibrationRow(keyer=label, fields=int(total), ece=ece, bins=tuple(
            ReliabilityRow(bucket=f"{k / CALIBRATION_BINS:.1f}–{(k + 1) / CALIBRATION_BINS:.1f}", low=k / CALIBRATION_BINS,
                           high=(k + 1) / CALIBRATION_BINS, fields=int(r[0]), correct=int(r[1]),
                           mean_confidence=r[2] / r[0] if r[0] else None)
            for k, r in enumerate(rows))))


def _seconds_per_field(docs: list[DocumentFacts], specs: Mapping[str, DocumentTypeSpec]
                       ) -> tuple[dict[str, float], dict[str, float]]:
    """Per document type: operators' keying seconds per keyed field (estimates a keying nobody did),
    and review seconds per accepted field of machine/human documents (a review nobody needed)."""
    seconds: dict[str, float] = defaultdict(float)
    fields: dict[str, int] = defaultdict(int)
    review: dict[str, float] = defaultdict(float)
    reviewed_fields: dict[str, int] = defaultdict(int)
    for doc in docs:
        spec = specs.get(doc.document_type)
        if spec is None:
            continue
        for h in doc.humans:
            if h.seconds > 0:
                seconds[doc.document_type] += h.seconds
                fields[doc.document_type] += len(h.records) * len(spec.fields)
        if doc.path in VERIFIED_PATHS:
            review[doc.document_type] += doc.review.seconds if doc.review else 0.0
            reviewed_fields[doc.document_type] += len(doc.result) * len(spec.fields)
    return ({t: seconds[t] / fields[t] for t in fields if fields[t]},
            {t: review[t] / reviewed_fields[t] for t in reviewed_fields if reviewed_fields[t]})


def _time(report: Report, docs: list[DocumentFacts], baselines: Mapping[str, BaselineReview],
          specs: Mapping[str, DocumentTypeSpec] | None = None) -> None:
    specs = specs or {}
    per_field, review_per_field = _seconds_per_field(docs, specs)
    paths: dict[str, int] = defaultdict(int)
    keyings: dict[str, int] = defaultdict(int)
    reviews: dict[str, int] = defaultdict(int)
    estimates: dict[str, int] = defaultdict(int)
    for doc in docs:
        spec = specs.get(doc.document_type)
        fields = len(doc.result) * (len(spec.fields) if spec else 0)
        estimate = per_field.get(doc.document_type, 0.0) * fields
        saving = document_saving(doc, report.config, baselines[doc.document_type], estimate)
        report.savings.append(saving)
        # Without single entry a machine-only document would have been keyed once and reviewed
        # like the period's machine/human documents (per field).
        report.saved_seconds_without_single_entry += saving.saved_seconds if doc.path != MACHINE_ONLY else (
            saving.second_keying_estimate
            - (review_per_field.get(doc.document_type, 0.0) * fields - baselines[doc.document_type].seconds))
        paths[doc.path] += 1
        report.keying_seconds += saving.keying_seconds
        report.review_seconds += saving.review_seconds
        report.saved_seconds += saving.saved_seconds
        report.draft_seconds += sum(h.seconds for h in doc.drafts)
        report.conflicts += doc.review.conflicts if doc.review else 0
        for h in doc.humans:
            keyings[h.measure] += 1
        if doc.review:
            reviews[doc.review.measure] += 1
        if saving.estimate_source:
            estimates[saving.estimate_source] += 1
    report.documents = len(docs)
    report.paths = dict(paths)
    report.keyings_by_measure = dict(keyings)
    report.reviews_by_measure = dict(reviews)
    report.estimates_by_source = dict(estimates)
    report.median_upload_to_result_seconds = _median((d.accepted_at - d.uploaded_at).total_seconds() for d in docs)


def _trend(report: Report, docs: list[DocumentFacts], today: date | None = None) -> None:
    # Days (weeks) after today cannot have documents yet: the table stops at today (issue 14).
    buckets = [b for b in _buckets(report.period, report.bucket)
               if today is None or b <= _bucket_of_day(today, report.bucket)]
    rows: dict[date, dict[str, float]] = {b: defaultdict(float) for b in buckets}
    for doc, saving in zip(docs, report.savings):
        row = rows.setdefault(_bucket_of(doc.accepted_at, report.period, report.bucket), defaultdict(float))
        row["documents"] += 1
        row["fallback" if doc.fallback else ("auto" if doc.path == AUTO else "reviewed")] += 1
        row["keying"] += saving.keying_seconds
        row["review"] += saving.review_seconds
        row["saved"] += saving.saved_seconds
    for day in sorted(rows):
        r = rows[day]
        label = f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}" if report.bucket == "week" else day.isoformat()
        report.trend.append(TrendRow(
            bucket=day, label=label, documents=int(r["documents"]), auto=int(r["auto"]), reviewed=int(r["reviewed"]),
            fallback=int(r["fallback"]), hours_keying=r["keying"] / SECONDS_PER_HOUR,
            hours_review=r["review"] / SECONDS_PER_HOUR, hours_saved=r["saved"] / SECONDS_PER_HOUR,
        ))


def _machine(report: Report, docs: list[DocumentFacts]) -> None:
    by_keyer: dict[str, float] = defaultdict(float)
    for doc in docs:
        for run in doc.runs:
            by_keyer[run.keyer] += run.seconds
            report.machine_attempts += 1
            report.machine_failures += int(run.outcome == "failed")
    # Every keyer's measured time (shown), but only GPU keyers' time is charged at the GPU rate.
    report.gpu_seconds_by_keyer = dict(by_keyer)
    report.gpu_seconds_measured = sum(s for keyer, s in by_keyer.items() if keyer not in CPU_KEYERS)


def _confidence_bucket(value: float) -> int:
    for k in range(len(CONFIDENCE_EDGES) - 2, -1, -1):
        if value >= CONFIDENCE_EDGES[k]:
            return k
    return 0


def field_confidence(machine: MachineKeying, index: int | None, key: str) -> float | None:
    if index is None or not machine.confidence or index >= len(machine.confidence):
        return None
    row = machine.confidence[index]
    value = row.get(key) if isinstance(row, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        return None
    return float(value)


def _accuracy(report: Report, docs: list[DocumentFacts], specs: Mapping[str, DocumentTypeSpec]) -> None:
    model: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    model_fields: dict[str, Tally] = {}
    persons: dict[str, dict[str, int]] = defaultdict(lambda: {"missed": 0, "extra": 0})
    human: dict[tuple[str, str], Tally] = defaultdict(Tally)
    human_fields: dict[str, Tally] = {}
    buckets = [[0, 0, 0.0] for _ in CONFIDENCE_EDGES[:-1]]  # fields, correct, sum of confidence
    for doc in docs:
        spec = specs.get(doc.document_type)
        if spec is None:
            continue
        for f in spec.fields:
            # Fields in the type's order, so tables and charts list them as the form does.
            if doc.machine:
                model_fields.setdefault(f.key, Tally())
            if doc.humans:
                human_fields.setdefault(f.key, Tally())
        if doc.machine and doc.path != MACHINE_ONLY:  # a machine-only result is the machine's own keying
            label = doc.machine.label
            for index, key, ok in field_matches(doc.machine.records, doc.result, spec):
                model[(label, doc.machine.prompt_version, key)].add(ok)
                model_fields[key].add(ok)
                confidence = field_confidence(doc.machine, index, key)
                if confidence is not None:
                    b = buckets[_confidence_bucket(confidence)]
                    b[0] += 1
                    b[1] += int(ok)
                    b[2] += confidence
            for i, j in align_records(list(doc.machine.records), list(doc.result), spec):
                persons[label]["missed"] += int(i is None)
                persons[label]["extra"] += int(j is None)
        for keying in doc.humans:
            for _, key, ok in field_matches(keying.records, doc.result, spec):
                human[(keying.operator, key)].add(ok)
                human_fields[key].add(ok)
    report.model_accuracy = [AccuracyRow(w, v, k, t.correct, t.total)
                             for (w, v, k), t in sorted(model.items(), key=_field_order(model_fields))]
    report.model_field_accuracy = {k: t for k, t in model_fields.items() if t.total}
    report.model_persons = {k: dict(v) for k, v in sorted(persons.items())}
    report.operator_accuracy = [AccuracyRow(w, "", k, t.correct, t.total)
                                for (w, k), t in sorted(human.items(), key=_field_order(human_fields, with_version=False))]
    report.operator_field_accuracy = {k: t for k, t in human_fields.items() if t.total}
    if any(b[0] for b in buckets):
        report.reliability = [
            ReliabilityRow(
                bucket=f"{low:.2f}–{high:.2f}", low=low, high=high, fields=b[0], correct=b[1],
                mean_confidence=b[2] / b[0] if b[0] else None,
            )
            for low, high, b in zip(CONFIDENCE_EDGES, CONFIDENCE_EDGES[1:], buckets)
        ]


def _field_order(fields: Mapping[str, Tally], *, with_version: bool = True):
    order = {k: n for n, k in enumerate(fields)}

    def key(item):
        if with_version:
            (who, version, field_key), _ = item
            return (who, version, order.get(field_key, len(order)), field_key)
        (who, field_key), _ = item
        return (who, order.get(field_key, len(order)), field_key)

    return key


def _people(report: Report, docs: list[DocumentFacts], specs: Mapping[str, DocumentTypeSpec]) -> None:
    ops: dict[str, dict[str, Any]] = {}
    revs: dict[str, dict[str, Any]] = {}
    for doc in docs:
        spec = specs.get(doc.document_type)
        for keying in doc.humans:
            o = ops.setdefault(keying.operator, {"docs": 0, "seconds": 0.0, "per_doc": [], "per_field": [],
                                                 "model": Tally(), "result": Tally(), "wall": 0})
            o["docs"] += 1
            o["seconds"] += keying.seconds
            o["wall"] += int(keying.measure != ACTIVE)
            if keying.seconds > 0:
                o["per_doc"].append(keying.seconds)
                fields = len(keying.records) * (len(spec.fields) if spec else 0)
                if fields:
                    o["per_field"].append(keying.seconds / fields)
            if spec is None:
                continue
            if doc.machine:
                for _, _, ok in field_matches(keying.records, doc.machine.records, spec):
                    o["model"].add(ok)
            for _, _, ok in field_matches(keying.records, doc.result, spec):
                o["result"].add(ok)
        if doc.review:
            r = revs.setdefault(doc.review.reviewer, {"docs": 0, "seconds": 0.0, "conflicts": 0, "per_doc": [],
                                                       "per_conflict": [], "machine": 0, "human": 0, "typed": 0,
                                                       "typed_machine": 0, "overrides": 0, "wall": 0})
            seconds = doc.review.seconds
            r["docs"] += 1
            r["seconds"] += seconds
            r["conflicts"] += doc.review.conflicts
            r["wall"] += int(doc.review.measure != ACTIVE)
            if seconds > 0:
                r["per_doc"].append(seconds)
                if doc.review.conflicts:
                    r["per_conflict"].append(seconds / doc.review.conflicts)
            if doc.machine and not doc.fallback:
                r["machine"] += doc.review.decisions.get(FIRST, 0)
                r["human"] += doc.review.decisions.get(SECOND, 0)
                r["typed_machine"] += doc.review.decisions.get(TYPED, 0)
            # Typed corrections and overrides count on every document, the two-human ones too.
            r["typed"] += doc.review.decisions.get(TYPED, 0)
            r["overrides"] += doc.review.decisions.get(OVERRIDE, 0)
    report.operators = [
        OperatorRow(
            operator=name, documents=o["docs"], hours=o["seconds"] / SECONDS_PER_HOUR,
            median_seconds_per_document=_median(o["per_doc"]), median_seconds_per_field=_median(o["per_field"]),
            agreement_with_model=o["model"].fraction, fields_compared_with_model=o["model"].total,
            accuracy=o["result"].fraction, fields_checked=o["result"].total, wall_time_keyings=o["wall"],
        )
        for name, o in sorted(ops.items())
    ]
    report.reviewers = [
        ReviewerRow(
            reviewer=name, documents=r["docs"], hours=r["seconds"] / SECONDS_PER_HOUR, conflicts=r["conflicts"],
            median_seconds_per_document=_median(r["per_doc"]), median_seconds_per_conflict=_median(r["per_conflict"]),
            machine_chosen=r["machine"], human_chosen=r["human"], typed=r["typed"],
            agreement_with_model=_ratio(r["machine"], r["machine"] + r["human"] + r["typed_machine"]),
            wall_time_reviews=r["wall"], overrides=r["overrides"],
        )
        for name, r in sorted(revs.items())
    ]
