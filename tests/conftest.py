"""Shared fixtures: demo-like users, sample PDFs, and settings that keep tests isolated.

Celery runs eagerly in tests unless a test is marked `celery_worker` (those start real workers
against REDIS_URL). Media files go to a temporary folder per test.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User

# One definition of the browser fixtures for the whole session: importing them into several test
# modules would start a second Playwright inside the first one's event loop.
pytest_plugins = ["tests.browser", "tests.vllm_fixtures"]

REPO = Path(__file__).resolve().parent.parent
# What the tests need is in the repository (tests/data/README.md says where it came from).
DATA = REPO / "tests" / "data"
SAMPLES = DATA / "samples" / "personnel_change"
CAPTURES = DATA / "vllm" / "captures"
PASSWORD = "test-pass-123"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, request):
    settings.MEDIA_ROOT = tmp_path / "media"
    if "celery_worker" not in request.keywords:
        settings.CELERY_TASK_ALWAYS_EAGER = True
    # The default is `local`; the suite keys with the text layer only, so that the many scanned
    # fixtures fail over to two humans at once (tests/test_ocr.py covers `local` and `ocr`).
    settings.MACHINE_KEYER = "textlayer"
    from django.core.cache import cache

    try:
        cache.clear()
    except Exception:
        pass
    yield
    # A request with Accept-Language: en leaves English active in this thread (LocaleMiddleware
    # activates and never deactivates), and the next test's messages would come out in English.
    from django.utils import translation

    translation.deactivate()


def make_user(username: str, *roles: str) -> User:
    # Transactional tests flush the database, which also removes the rows the data migration
    # seeded (role groups, personnel_change): put them back first.
    from dataentry.doctypes import ensure_builtin

    ensure_builtin()
    user = User.objects.create_user(username=username, password=PASSWORD)
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def people(db):
    return {
        "operator1": make_user("operator1", "operator"),
        "operator2": make_user("operator2", "operator"),
        "reviewer1": make_user("reviewer1", "reviewer"),
        "manager1": make_user("manager1", "manager"),
    }


@pytest.fixture
def login(client):
    def _login(user: User):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session")
def generated_samples(tmp_path_factory) -> list[Path]:
    from samplegen import LAYOUTS, build_samples

    return build_samples(tmp_path_factory.mktemp("samples"), seed=11, count=10, forms=LAYOUTS)


@pytest.fixture(scope="session")
def scanned_pdf(tmp_path_factory) -> Path:
    from samplegen import build_scanned_sample

    return build_scanned_sample(tmp_path_factory.mktemp("scanned") / "scanned.pdf")


def truth_for(pdf: Path) -> list[dict]:
    return json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["records"]


def form_data(records: list[dict], *, version: int, action: str = "submit", **extra) -> dict:
    data = {"rows": str(len(records)), "version": str(version), "action": action,
            "active_seconds": "30", "wall_seconds": "40", **extra}
    for i, record in enumerate(records):
        for key, value in record.items():
            data[f"r{i}-{key}"] = value
    return data


def page_as_read(html: str) -> str:
    """The page's HTML followed by the decoded contents of its JSON blocks: `json_script` writes
    non-ASCII as \\uXXXX, so a Japanese value leaked there is invisible to a plain `in` check."""
    blocks = re.findall(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', html, re.S)
    return "\n".join([html, *(json.dumps(json.loads(block), ensure_ascii=False) for block in blocks)])


def assert_blind(html: str, records: list[dict], spec) -> None:
    """No value of `records` anywhere in the page, markup or JSON. The page legitimately carries
    the keying rules (which quote posts such as 取締役), so values quoted there are not evidence."""
    page = page_as_read(html)
    rules = " ".join(f.keying_rule + f.label for f in spec.fields)
    for record in records:
        assert record["family_name"] + record["given_name"] not in page
        for value in record.values():
            if value and value not in rules:
                assert value not in page, f"{value!r} is in a page that must not show it"


def uses_postgres() -> bool:
    return django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture
def in_english():
    """Messages asserted in English (the Japanese ones are in locale/ja): services' messages and pages."""
    from django.test import Client
    from django.utils import translation

    with translation.override("en"):
        yield Client(HTTP_ACCEPT_LANGUAGE="en")


# --- one line at the end of the run: what was skipped, and for want of which service ----------------

SERVICES = (("PostgreSQL", "PostgreSQL"), ("REDIS_URL", "Redis"), ("redis-server", "Redis"),
            ("Chromium", "Chromium"), ("vLLM", "vLLM CPU harness in ../shared/vllm"),
            ("schemathesis", "schemathesis"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    counts: dict[str, int] = {}
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        service = next((name for needle, name in SERVICES if needle in reason), reason)
        counts[service] = counts.get(service, 0) + 1
    terminalreporter.write_line("Skipped, service absent: " + "; ".join(
        f"{name} ({n} test{'s' if n > 1 else ''})" for name, n in counts.items()))
