"""The managers' report on documents that went through the real services: the command's JSON and
the pages show the same figures, the figures are the ones the recorded times give, and only
managers see them."""
from __future__ import annotations

import copy
import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dataentry import services
from dataentry.models import Document, DocumentType, Entry, MachineRun
from reports.models import ReportSettings
from reports.selectors import period_from_text, report_for
from review import services as review_services
from tests.conftest import truth_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _english(client):
    """Labels and notes are asserted in English here; tests/test_translations.py checks the Japanese pages."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield

# Seconds the browser reported for each keying and review (active, wall).
AUTO_KEYING = (300, 360)
REVIEWED_KEYING = (200, 230)
REVIEW = (40, 50)
FALLBACK_KEYINGS = ((150, 170), (170, 200))
FALLBACK_REVIEW = (30, 35)


def _key(operator, records, seconds) -> Entry:
    entry = services.keying_claim_next(operator=operator)
    assert entry is not None, "nothing to key"
    return services.entry_submit(entry_id=entry.pk, operator=operator, records=records, version=entry.version,
                                 active_seconds=seconds[0], wall_seconds=seconds[1])


def _review(reviewer, choice, seconds):
    task = review_services.review_claim_next(reviewer=reviewer)
    assert task is not None, "nothing to review"
    decisions = {str(i): {"choice": choice} for i in range(task.comparison.conflict_count)}
    return review_services.review_submit(task_id=task.pk, reviewer=reviewer, decisions=decisions, version=task.version,
                                         active_seconds=seconds[0], wall_seconds=seconds[1])


def _upload(pdf) -> Document:
    return services.document_upload(data=pdf.read_bytes(), filename=pdf.name,
                                    document_type=DocumentType.objects.get(slug="personnel_change"))


def build_documents(people, pdfs, settings) -> dict:
    """Three documents: auto-accepted, reviewed (operator changed one post), and a fallback to two humans."""
    op1, op2, rev = people["operator1"], people["operator2"], people["reviewer1"]
    auto = _upload(pdfs[0])
    machine = auto.entries.get(source=Entry.Source.MACHINE).records
    _key(op1, machine, AUTO_KEYING)

    reviewed = _upload(pdfs[1])
    machine2 = reviewed.entries.get(source=Entry.Source.MACHINE).records
    keyed = copy.deepcopy(machine2)
    keyed[0]["new_post"] += " 代理"
    _key(op1, keyed, REVIEWED_KEYING)
    _review(rev, "second", REVIEW)  # the operator was right: the machine's post counts as wrong

    settings.MACHINE_KEYER = "none"  # the machine cannot key: two humans
    fallback = _upload(pdfs[2])
    truth = truth_for(pdfs[2])
    _key(op1, truth, FALLBACK_KEYINGS[0])
    other = copy.deepcopy(truth)
    other[0]["old_post"] = "顧問"
    _key(op2, other, FALLBACK_KEYINGS[1])
    _review(rev, "first", FALLBACK_REVIEW)
    for doc in (auto, reviewed, fallback):
        doc.refresh_from_db()
        assert doc.status == Document.Status.ACCEPTED
    return {"auto": auto, "reviewed": reviewed, "fallback": fallback, "machine": machine, "machine2": machine2}


def configure(**fields) -> ReportSettings:
    row = ReportSettings.load()
    values = dict(labour_cost_per_hour=Decimal("3000"), gpu_cost_per_hour=Decimal("360"), baseline_review_seconds=100,
                  min_baseline_documents=20, gpu_hours_source="measured") | fields
    for key, value in values.items():
        setattr(row, key, value)
    row.save()
    return row


@pytest.fixture
def documents(people, generated_samples, settings):
    configure()
    return build_documents(people, generated_samples, settings)


def _today_label() -> str:
    return timezone.localdate().strftime("%Y-%m")


def _page_figures(html: str) -> dict:
    return {k: json.loads(v.replace("&quot;", '"')) for k, v in re.findall(r'data-key="([a-z_]+)" data-value="([^"]*)"', html)}


def test_it_reports_the_times_recorded_through_the_services(documents, tmp_path):
    out = tmp_path / "report.json"
    call_command("report", "--period", _today_label(), "--json", str(out), stdout=io.StringIO())
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"] == 3
    assert data["paths"] == {"auto": 1, "reviewed": 1, "auto_humans": 0, "reviewed_humans": 1, "machine_only": 0}
    assert data["auto_accept_rate"] == round(1 / 3, 4)
    # auto: 300 s avoided keying + 100 s expected review (only one two-human document measured: the setting);
    # reviewed: 200 − (40 − 100); fallback: nothing.
    assert data["hours_saved"] == round((400 + 260) / 3600, 4)
    assert data["hours_keying"] == round((300 + 200 + 150 + 170) / 3600, 4)
    assert data["hours_review"] == round((40 + 30) / 3600, 4)
    assert data["reduction"] == round(660 / (660 + 820 + 70), 4)
    assert data["labour_saved"] == 550.0
    assert data["baseline_review"][0] == {"document_type": "personnel_change", "seconds": 100.0,
                                               "source": "setting", "documents": 1, "required": 20}
    people_in = len(documents["machine"]) + len(documents["machine2"])
    accuracy = data["field_accuracy_model"]
    assert accuracy["new_post"] == round((people_in - 1) / people_in, 4)
    assert accuracy["family_name"] == 1.0
    # Measured machine time: the text-layer runs of the two machine documents (the third had none).
    # The text-layer keyer runs on the CPU: its time is shown but not charged at the GPU rate (issue 14).
    runs = MachineRun.objects.filter(document__in=[documents["auto"], documents["reviewed"]])
    seconds = sum(r.latency_ms for r in runs) / 1000
    assert seconds > 0
    # Hours to the report's 6 decimals: a value on a rounding edge may round either way.
    assert data["tables"]["machine_time"] == [{"keyer": "textlayer", "runs_on": "CPU", "seconds": round(seconds, 6),
                                              "hours": pytest.approx(seconds / 3600, abs=1e-6), "charged": "no"}]
    assert data["machine_cost"] == 0.0 and data["gpu_hours"] == 0.0
    assert data["net_benefit"] == 550.0


def test_the_page_shows_the_figures_of_the_command(documents, client, login, people, tmp_path):
    out = tmp_path / "report.json"
    call_command("report", "--period", _today_label(), "--json", str(out), stdout=io.StringIO())
    data = json.loads(out.read_text(encoding="utf-8"))
    login(people["manager1"])
    html = client.get(reverse("reports:overview"), {"period": _today_label()}).content.decode()
    shown = _page_figures(html)
    assert set(shown) >= {"documents", "auto_accept_rate", "hours_keying", "hours_review", "hours_saved", "reduction",
                          "labour_saved", "machine_cost", "net_benefit"}
    for key, value in shown.items():
        assert value == data[key], key
    assert "fell back to two humans: nothing saved" in html
    assert "only 1 two-human documents were measured (20 needed)" in html
    cost = client.get(reverse("reports:cost"), {"period": _today_label()}).content.decode()
    for key, value in _page_figures(cost).items():
        assert value == data[key], key
    accuracy = client.get(reverse("reports:accuracy"), {"period": _today_label()}).content.decode()
    assert "new_post" in accuracy and "local-pipeline" in accuracy
    people_page = client.get(reverse("reports:people"), {"period": _today_label()}).content.decode()
    assert "operator2" in people_page and "reviewer1" in people_page


def test_every_table_downloads_as_csv_with_the_same_numbers(documents, client, login, people):
    login(people["manager1"])
    response = client.get(reverse("reports:csv", args=["documents"]), {"period": _today_label()})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    saved = {int(r["Document"]): float(r["Saved (s)"]) for r in rows}
    assert saved == {documents["auto"].pk: 400.0, documents["reviewed"].pk: 260.0, documents["fallback"].pk: 0.0}
    for name in ("figures", "trend", "baseline", "model_fields", "model_accuracy", "model_persons", "reliability",
                 "operator_accuracy", "cost", "machine_time", "operators", "reviewers"):
        assert client.get(reverse("reports:csv", args=[name]), {"period": _today_label()}).status_code == 200, name
    assert client.get(reverse("reports:csv", args=["nope"])).status_code == 404


def test_the_period_selector_filters_by_acceptance_day_and_type(documents, client, login, people):
    login(people["manager1"])
    day = timezone.localdate()
    html = client.get(reverse("reports:overview"), {"period": day.isoformat(), "type": "personnel_change"}).content.decode()
    assert _page_figures(html)["documents"] == 3
    earlier = client.get(reverse("reports:overview"), {"period": f"{day.year - 1}-01"}).content.decode()
    assert _page_figures(earlier)["documents"] == 0
    bad = client.get(reverse("reports:overview"), {"period": "soon"})
    assert bad.status_code == 200 and "is not a period" in bad.content.decode()
    assert client.get(reverse("reports:csv", args=["trend"]), {"period": "soon"}).status_code == 400


def test_an_expired_report_is_rebuilt_once_while_the_others_get_the_previous_one(
        documents, client, login, people, generated_samples, monkeypatch, settings):
    from django.core.cache import cache

    from reports import selectors

    monkeypatch.setattr(selectors, "REPORT_CACHE_SECONDS", 0)  # every report has expired
    login(people["manager1"])

    def documents_shown() -> int:
        return _page_figures(client.get(reverse("reports:overview"), {"period": _today_label()}).content.decode())["documents"]

    def documents_listed() -> int:
        """Rows of the documents table, which the page keeps rendered per build of the report."""
        page = client.get(reverse("reports:overview"), {"period": _today_label()}).content.decode()
        table = page.split('id="table-documents"', 1)[1].split("</table>", 1)[0]
        return table.split("<tbody>", 1)[1].count("<tr>")

    assert documents_shown() == 3 and documents_listed() == 3
    settings.MACHINE_KEYER = "textlayer"  # the fixture's last document fell back to two humans
    fourth = _upload(generated_samples[3])
    _key(people["operator1"], fourth.entries.get(source=Entry.Source.MACHINE).records, AUTO_KEYING)
    building = selectors.report_cache_key(period_from_text(_today_label())) + ":building"
    assert cache.add(building, 1, 30), "no request is building the report now"
    assert documents_shown() == 3, "while another request rebuilds the report, the page shows the previous one at once"
    cache.delete(building)
    assert documents_shown() == 4, "an expired report nobody is rebuilding is rebuilt"
    assert documents_listed() == 4, "a rebuilt report's tables are rendered anew"
    assert cache.get(building) is None, "the builder lets go of the lock"


def test_the_report_needs_a_fixed_number_of_queries(documents, django_assert_max_num_queries):
    period = period_from_text(timezone.localdate().isoformat())
    with django_assert_max_num_queries(10):
        report = report_for(period)
    assert report.documents == 3


def test_only_managers_see_the_reports(client, login, people):
    for name in ("reports:overview", "reports:accuracy", "reports:cost", "reports:people"):
        anonymous = client.get(reverse(name))
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    assert client.get(reverse("reports:csv", args=["figures"])).status_code == 302
    for who in ("operator1", "reviewer1"):
        login(people[who])
        for name in ("reports:overview", "reports:people"):
            assert client.get(reverse(name)).status_code == 403
        assert client.get(reverse("reports:csv", args=["operators"])).status_code == 403
    login(people["manager1"])
    empty = client.get(reverse("reports:overview"))
    assert empty.status_code == 200 and _page_figures(empty.content.decode())["documents"] == 0


def test_the_settings_row_is_a_singleton_with_defaults():
    row = ReportSettings.load()
    assert row.pk == 1 and row.currency == "JPY" and row.to_config().gpu_hours_source == "measured"
    configure(currency="EUR")
    configure(gpu_hours_source="entered", gpu_hours_per_month=Decimal("720"))
    assert ReportSettings.objects.count() == 1
    config = ReportSettings.load().to_config()
    assert (config.currency, config.gpu_hours_per_month) == ("EUR", 720.0)
    with pytest.raises(PermissionError):
        ReportSettings.load().delete()


def test_the_command_refuses_an_unreadable_period(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a period"):
        call_command("report", "--period", "November", stdout=io.StringIO())


def test_an_administrator_edits_the_settings_in_the_admin(client, people):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("boss", password="x-pass-123")
    client.force_login(admin)
    assert client.get("/admin/reports/reportsettings/add/").status_code == 200
    configure()
    page = client.get("/admin/reports/reportsettings/1/change/")
    assert page.status_code == 200 and "standard_keying_seconds" in page.content.decode()
    assert client.get("/admin/reports/reportsettings/add/").status_code == 403  # one row only
    # The report pages link administrators to it.
    assert "/admin/reports/reportsettings/1/change/" in client.get(reverse("reports:cost")).content.decode()
