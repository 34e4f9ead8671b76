"""Every figure of the managers' report from documents with known times and decisions (no database)."""
from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from dataentry.spec import DocumentTypeSpec, FieldKind, FieldSpec
from reports.calc import (
    BaselineSample,
    DocumentFacts,
    HumanKeying,
    MachineKeying,
    MachineRunFacts,
    ReportConfig,
    ReviewFacts,
    build_report,
)
from reports.export import TABLES, report_json, report_text, table
from reports.periods import PeriodError, parse_period

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture(autouse=True)
def _english():
    """The notes are asserted in English; tests/test_translations.py covers the Japanese catalogue."""
    from django.utils import translation

    with translation.override("en"):
        yield


SPEC = DocumentTypeSpec(slug="pc", name="人事異動", fields=(
    FieldSpec("family_name", "姓", FieldKind.NAME),
    FieldSpec("given_name", "名", FieldKind.NAME),
    FieldSpec("new_post", "新役職", FieldKind.TEXT),
))
SPECS = {"pc": SPEC}
NOVEMBER = parse_period("2026-11", TOKYO)
CONFIG = ReportConfig(labour_cost_per_hour=3000, gpu_cost_per_hour=360, min_baseline_documents=2,
                      baseline_review_seconds=100)

A = {"family_name": "山田", "given_name": "太郎", "new_post": "部長"}
B = {"family_name": "佐藤", "given_name": "次郎", "new_post": "課長"}


def at(day: int, hour: int = 12, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=TOKYO)


def auto_doc() -> DocumentFacts:
    """Machine = human: 300 s active keying, no review, one 12 s machine run, 1 h from upload."""
    return DocumentFacts(
        id=1, document_type="pc", uploaded_at=at(10, 9), accepted_at=at(10, 10), path="auto", result=[A],
        humans=(HumanKeying("op1", active_seconds=300, wall_seconds=400, records=[A]),),
        machine=MachineKeying(keyer="vllm", model="qwen", prompt_version="1", records=[A]),
        runs=(MachineRunFacts("vllm", "ok", 12.0),),
    )


def reviewed_doc() -> DocumentFacts:
    """Machine vs human, two conflicts (B's given name: human right; B's post: machine right).
    The operator's browser measured no active time: 240 s wall. Review: 90 s active."""
    machine_b = {**B, "given_name": "次朗"}
    human_b = {**B, "new_post": "部長"}
    return DocumentFacts(
        id=2, document_type="pc", uploaded_at=at(20, 10), accepted_at=at(20, 12), path="reviewed", result=[A, B],
        humans=(HumanKeying("op2", active_seconds=0, wall_seconds=240, records=[A, human_b]),),
        machine=MachineKeying(keyer="vllm", model="qwen", prompt_version="2", records=[A, machine_b], confidence=[
            {"family_name": 0.99, "given_name": 0.97, "new_post": 0.96},
            {"family_name": 0.98, "given_name": 0.6, "new_post": 0.85},
        ]),
        runs=(MachineRunFacts("vllm", "failed", 5.0, "timeout"), MachineRunFacts("vllm", "ok", 20.0)),
        review=ReviewFacts("rev1", active_seconds=90, wall_seconds=120, conflicts=2, decisions={"first": 1, "second": 1}),
    )


def fallback_doc() -> DocumentFacts:
    """The machine failed (30 s); two humans keyed (200 s, 220 s) and a reviewer typed one value in 60 s."""
    return DocumentFacts(
        id=3, document_type="pc", uploaded_at=at(25, 11) - timedelta(minutes=10), accepted_at=at(25, 11),
        path="reviewed_humans", result=[A],
        humans=(HumanKeying("op1", 200, 260, [A]), HumanKeying("op2", 220, 230, [{**A, "new_post": "部長代理"}])),
        runs=(MachineRunFacts("vllm", "failed", 30.0, "unavailable"),),
        review=ReviewFacts("rev2", active_seconds=60, wall_seconds=70, conflicts=1, decisions={"typed": 1}),
    )


BASELINE = [BaselineSample("pc", 60.0), BaselineSample("pc", 0.0)]  # mean 30 s from two two-human documents


@pytest.fixture
def report():
    return build_report([auto_doc(), reviewed_doc(), fallback_doc()], period=NOVEMBER, config=CONFIG, specs=SPECS,
                        baseline=BASELINE)


def test_it_computes_time_saved_per_document_from_the_recorded_times(report):
    saved = {s.document_id: s for s in report.savings}
    # 300 s avoided second keying + 30 s expected two-human review avoided.
    assert (saved[1].second_keying_estimate, saved[1].review_seconds, saved[1].baseline_review_seconds) == (300, 0, 30)
    assert saved[1].saved_seconds == 330 and saved[1].keying_measure == "active"
    # 240 s (wall time, labelled) − (90 s review − 30 s expected).
    assert saved[2].saved_seconds == 180 and saved[2].keying_measure == "wall"
    assert "wall time" in saved[2].note
    assert saved[3].saved_seconds == 0 and saved[3].note == "fell back to two humans: nothing saved"
    assert report.baselines[0].source == "measured" and report.baselines[0].seconds == 30 and report.baselines[0].documents == 2


def test_it_sums_hours_and_the_reduction_against_two_humans(report):
    f = report.figures()
    assert f["documents"] == 3
    assert f["paths"] == {"auto": 1, "reviewed": 1, "auto_humans": 0, "reviewed_humans": 1,
                          "machine_only": 0}
    assert f["auto_accept_rate"] == round(1 / 3, 4)
    assert f["machine_auto_accept_rate"] == 0.5
    assert f["conflicts_per_document"] == 1.0
    assert report.keying_seconds == 300 + 240 + 200 + 220
    assert report.review_seconds == 90 + 60
    assert report.saved_seconds == 510
    assert f["hours_saved"] == round(510 / 3600, 4)
    assert report.hours_baseline == pytest.approx((960 + 150 + 510) / 3600)
    assert report.reduction == pytest.approx(510 / 1620)
    assert f["median_upload_to_result_seconds"] == 3600  # of 3600, 7200 and 600 s
    assert f["time_measure"] == {"keyings": {"active": 3, "wall": 1}, "reviews": {"active": 2}}
    assert f["second_keying_estimates"] == {"operator": 2}


def test_it_puts_labour_saved_against_measured_gpu_time(report):
    f = report.figures()
    assert report.gpu_seconds_measured == 12 + 5 + 20 + 30  # every attempt, failed ones too
    assert f["machine_attempts"] == 4 and f["machine_failures"] == 2
    assert f["labour_saved"] == 425.0           # 510 s × 3000 / h
    assert f["machine_cost"] == 6.7             # 67 s × 360 / h
    assert f["net_benefit"] == 418.3
    assert f["break_even_documents_per_month"] is None  # cost grows with volume: no fixed cost to pay off
    assert "worth it at any volume" in f["break_even_note"]


def test_it_prorates_an_entered_monthly_gpu_figure_and_gives_the_break_even_volume():
    config = ReportConfig(labour_cost_per_hour=3000, gpu_cost_per_hour=360, gpu_hours_source="entered",
                          gpu_hours_per_month=100, min_baseline_documents=2)
    docs = [auto_doc(), reviewed_doc(), fallback_doc()]
    month = build_report(docs, period=NOVEMBER, config=config, specs=SPECS, baseline=BASELINE).figures()
    assert month["gpu_hours"] == 100 and month["machine_cost"] == 36000 and month["net_benefit"] == 425 - 36000
    # 36000 a month ÷ (425 / 3 documents) = 254.1 → 255 documents a month.
    assert month["labour_saved_per_document"] == round(425 / 3, 2)
    assert month["break_even_documents_per_month"] == math.ceil(36000 / (425 / 3)) == 255
    half = build_report(docs, period=parse_period("2026-11-16..2026-12-15", TOKYO), config=config, specs=SPECS,
                        baseline=BASELINE).figures()
    assert half["gpu_hours"] == round(100 * (15 / 30 + 15 / 31), 4)


def test_it_scores_the_model_per_field_and_per_prompt_version(report):
    f = report.figures()
    # B's given name was wrong in the machine keying; everything else equal to the result.
    assert f["field_accuracy_model"] == {"family_name": 1.0, "given_name": round(2 / 3, 4), "new_post": 1.0}
    assert f["field_accuracy_model_fields"] == {"family_name": 3, "given_name": 3, "new_post": 3}
    rows = {(r.who, r.prompt_version, r.field): (r.correct, r.total) for r in report.model_accuracy}
    assert rows[("qwen", "1", "given_name")] == (1, 1)
    assert rows[("qwen", "2", "given_name")] == (1, 2)
    assert report.model_persons == {"qwen": {"missed": 0, "extra": 0}}


def test_it_scores_operators_per_field_too(report):
    assert {k: (t.correct, t.total) for k, t in report.operator_field_accuracy.items()} == {
        "family_name": (5, 5), "given_name": (5, 5), "new_post": (3, 5),
    }
    rows = {(r.who, r.field): (r.correct, r.total) for r in report.operator_accuracy}
    assert rows[("op2", "new_post")] == (1, 3) and rows[("op1", "new_post")] == (2, 2)


def test_it_tabulates_confidence_against_observed_accuracy(report):
    by_bucket = {r.bucket: (r.fields, r.correct) for r in report.reliability}
    assert by_bucket["0.95–1.00"] == (4, 4)
    assert by_bucket["0.50–0.70"] == (1, 0)
    assert by_bucket["0.80–0.90"] == (1, 1)
    assert by_bucket["0.00–0.50"] == (0, 0)


def test_it_reports_each_operator_and_reviewer(report):
    op1, op2 = report.operators
    assert (op1.operator, op1.documents, op1.hours) == ("op1", 2, 500 / 3600)
    assert op1.median_seconds_per_document == 250
    assert op1.median_seconds_per_field == pytest.approx((100 + 200 / 3) / 2)
    assert (op1.agreement_with_model, op1.fields_compared_with_model) == (1.0, 3)
    assert (op2.documents, op2.median_seconds_per_document, op2.wall_time_keyings) == (2, 230, 1)
    assert op2.median_seconds_per_field == pytest.approx((40 + 220 / 3) / 2)
    assert (op2.agreement_with_model, op2.fields_compared_with_model) == (pytest.approx(4 / 6), 6)
    assert op2.accuracy == pytest.approx(7 / 9)
    rev1, rev2 = report.reviewers
    assert (rev1.reviewer, rev1.documents, rev1.conflicts, rev1.median_seconds_per_conflict) == ("rev1", 1, 2, 45)
    assert (rev1.machine_chosen, rev1.human_chosen, rev1.typed, rev1.agreement_with_model) == (1, 1, 0, 0.5)
    # Typed corrections count on every document; a two-human document says nothing about the model.
    assert (rev2.typed, rev2.agreement_with_model) == (1, None)


def test_cpu_keyers_time_is_shown_but_not_charged_at_the_gpu_rate():
    cpu = DocumentFacts(**{**vars(auto_doc()), "id": 9, "runs": (MachineRunFacts("textlayer", "ok", 40.0),)})
    report = build_report([auto_doc(), cpu], period=NOVEMBER, config=CONFIG, specs=SPECS, baseline=BASELINE)
    assert report.gpu_seconds_by_keyer == {"vllm": 12.0, "textlayer": 40.0}
    assert report.gpu_seconds_measured == 12.0
    assert report.figures()["machine_cost"] == round(12 / 3600 * 360, 2)


def test_the_per_day_table_stops_at_today():
    report = build_report([auto_doc()], period=NOVEMBER, config=CONFIG, specs=SPECS, today=date(2026, 11, 12))
    assert [r.label for r in report.trend][-1] == "2026-11-12" and len(report.trend) == 12
    weekly = build_report([auto_doc()], period=NOVEMBER, config=CONFIG, specs=SPECS, bucket="week",
                          today=date(2026, 11, 12))
    assert weekly.trend[-1].bucket == date(2026, 11, 9)
    # A past period is shown whole.
    assert len(build_report([], period=NOVEMBER, config=CONFIG, specs=SPECS, today=date(2027, 1, 1)).trend) == 30


def test_it_draws_one_trend_row_per_day_of_the_period(report):
    assert len(report.trend) == 30
    rows = {r.label: r for r in report.trend}
    assert (rows["2026-11-10"].auto, rows["2026-11-20"].reviewed, rows["2026-11-25"].fallback) == (1, 1, 1)
    assert rows["2026-11-20"].hours_saved == 180 / 3600
    assert sum(r.documents for r in report.trend) == 3
    weekly = build_report([auto_doc()], period=NOVEMBER, config=CONFIG, specs=SPECS, bucket="week")
    assert weekly.trend[0].label == "2026-W44" and weekly.trend[0].bucket == date(2026, 10, 26)
    assert sum(r.documents for r in weekly.trend) == 1


def test_no_documents_gives_zeros_and_no_ratios():
    f = build_report([], period=NOVEMBER, config=CONFIG, specs=SPECS).figures()
    assert f["documents"] == 0 and f["hours_saved"] == 0 and f["hours_keying"] == 0
    assert f["auto_accept_rate"] is None and f["reduction"] is None and f["conflicts_per_document"] is None
    assert f["field_accuracy_model"] == {}
    assert (f["labour_saved"], f["machine_cost"], f["net_benefit"]) == (0, 0, 0)
    assert f["break_even_documents_per_month"] is None and "No accepted documents" in f["break_even_note"]


def test_only_fallback_documents_save_nothing_and_say_so():
    report = build_report([fallback_doc()], period=NOVEMBER, config=CONFIG, specs=SPECS)
    f = report.figures()
    assert f["hours_saved"] == 0 and f["reduction"] == 0.0 and f["fallback_documents"] == 1
    assert f["hours_keying"] == round(420 / 3600, 4)
    assert [s.note for s in report.savings] == ["fell back to two humans: nothing saved"]
    # Only one two-human document measured (two needed): the configured 100 s is used, and said so.
    assert f["baseline_review"] == [{"document_type": "pc", "seconds": 100.0, "source": "setting", "documents": 0,
                                     "required": 2}]
    assert f["field_accuracy_model"] == {}


def test_a_review_with_zero_conflicts_costs_its_time_and_divides_by_nothing():
    doc = DocumentFacts(
        id=9, document_type="pc", uploaded_at=at(5), accepted_at=at(5, 13), path="reviewed", result=[A],
        humans=(HumanKeying("op1", 100, 120, [A]),), machine=MachineKeying("textlayer", records=[A]),
        review=ReviewFacts("rev1", 50, 55, conflicts=0),
    )
    report = build_report([doc], period=NOVEMBER, config=CONFIG, specs=SPECS)
    assert report.figures()["conflicts_per_document"] == 0.0
    assert report.savings[0].saved_seconds == 100 - (50 - 100)  # configured baseline review 100 s
    assert report.reviewers[0].median_seconds_per_conflict is None
    assert report.reviewers[0].median_seconds_per_document == 50
    assert report.model_accuracy[0].who == "textlayer"  # no model name: the keyer names it


def test_the_period_starts_and_ends_at_midnight_in_tokyo():
    def doc(i, when):
        return DocumentFacts(id=i, document_type="pc", uploaded_at=when, accepted_at=when, path="auto", result=[A],
                             humans=(HumanKeying("op1", 60, 60, [A]),), machine=MachineKeying("m", records=[A]))

    docs = [
        doc(1, datetime(2026, 10, 31, 23, 59, 59, tzinfo=TOKYO)),        # October in Tokyo
        doc(2, datetime(2026, 10, 31, 15, 0, 0, tzinfo=timezone.utc)),   # = 11-01 00:00 in Tokyo
        doc(3, datetime(2026, 11, 30, 23, 59, 59, tzinfo=TOKYO)),
        doc(4, datetime(2026, 11, 30, 15, 0, 0, tzinfo=timezone.utc)),   # = 12-01 00:00 in Tokyo
    ]
    report = build_report(docs, period=NOVEMBER, config=CONFIG, specs=SPECS)
    assert [s.document_id for s in report.savings] == [2, 3]
    assert report.trend[0].documents == 1 and report.trend[-1].documents == 1
    assert NOVEMBER.start.isoformat() == "2026-11-01T00:00:00+09:00"
    assert NOVEMBER.end.isoformat() == "2026-12-01T00:00:00+09:00"


def test_a_standard_keying_time_replaces_the_operators_own_time():
    config = ReportConfig(standard_keying_seconds={"pc": 180}, baseline_review_seconds=0)
    report = build_report([auto_doc()], period=NOVEMBER, config=config, specs=SPECS)
    assert report.savings[0].second_keying_estimate == 180 and report.savings[0].estimate_source == "standard"
    assert report.figures()["second_keying_estimates"] == {"standard": 1}


def test_a_person_the_machine_missed_counts_against_every_field():
    doc = DocumentFacts(
        id=5, document_type="pc", uploaded_at=at(3), accepted_at=at(3), path="reviewed", result=[A, B],
        humans=(HumanKeying("op1", 100, 100, [A, B]),), machine=MachineKeying("vllm", "qwen", "1", records=[A]),
        review=ReviewFacts("rev1", 30, 30, conflicts=1, decisions={"keep": 1}),
    )
    report = build_report([doc], period=NOVEMBER, config=CONFIG, specs=SPECS)
    assert report.figures()["field_accuracy_model"] == {"family_name": 0.5, "given_name": 0.5, "new_post": 0.5}
    assert report.model_persons == {"qwen": {"missed": 1, "extra": 0}}


@pytest.mark.parametrize("text, first, last, kind", [
    ("2026-11", date(2026, 11, 1), date(2026, 11, 30), "month"),
    ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "month"),
    ("2026-W48", date(2026, 11, 23), date(2026, 11, 29), "week"),
    ("2026-W01", date(2025, 12, 29), date(2026, 1, 4), "week"),
    ("2026-11-30", date(2026, 11, 30), date(2026, 11, 30), "day"),
    ("2026-11-01..2026-11-15", date(2026, 11, 1), date(2026, 11, 15), "range"),
])
def test_it_parses_every_period_form(text, first, last, kind):
    period = parse_period(text, TOKYO)
    assert (period.first_day, period.last_day, period.kind, period.label) == (first, last, kind, text)
    assert period.start.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize("text", ["2026-13", "2026-W54", "2026-02-30", "2026-11-15..2026-11-01", "last month", ""])
def test_it_refuses_a_period_it_cannot_read(text):
    with pytest.raises(PeriodError):
        parse_period(text, TOKYO)


def test_previous_and_next_periods_keep_their_kind():
    assert parse_period("2026-01", TOKYO).shifted(-1).label == "2025-12"
    assert parse_period("2026-W01", TOKYO).shifted(-1).label == "2025-W52"
    assert parse_period("2026-11-01..2026-11-10", TOKYO).shifted(1).label == "2026-11-11..2026-11-20"


def test_every_table_exports_and_the_json_has_the_promised_keys(report):
    data = report_json(report)
    for key in ("documents", "auto_accept_rate", "hours_keying", "hours_review", "hours_saved", "reduction",
                "field_accuracy_model", "labour_saved", "machine_cost", "net_benefit"):
        assert key in data
    assert len(data["tables"]["documents"]) == 3
    for name in TABLES:
        csv_text = table(report, name).csv()
        assert csv_text.splitlines()[0]  # a header row
    assert "2026-11-10" in table(report, "trend").csv()
    text = report_text(report)
    assert "A − B" in text and "418.30 JPY" in text
