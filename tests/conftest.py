"""Shared fixtures: demo-like users, sample PDFs, and settings that keep tests isolated.

Celery runs eagerly in tests unless a test is marked `celery_worker` (those start real workers
against REDIS_URL). Media files go to a temporary folder per test.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User

# One definition of the browser fixtures for the whole session: importing them into several test
# modules would start a second Playwright inside the first one's event loop.
pytest_plugins = ["tests.browser", "tests.vllm_fixtures"]

REPO = Path(__file__).resolve().parent.parent
SHARED_SAMPLES = REPO.parent / "shared" / "samples" / "personnel_change"
PASSWORD = "test-pass-123"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, request):
    settings.MEDIA_ROOT = tmp_path / "media"
    if "celery_worker" not in request.keywords:
        settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MACHINE_KEYER = "textlayer"
    from django.core.cache import cache

    try:
        cache.clear()
    except Exception:
        pass
    yield


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
    from dataentry.samplegen import build_samples

    return build_samples(tmp_path_factory.mktemp("samples"), seed=11, count=10)


@pytest.fixture(scope="session")
def scanned_pdf(tmp_path_factory) -> Path:
    from dataentry.samplegen import build_scanned_sample

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


def shared_samples_or_skip() -> Path:
    if not SHARED_SAMPLES.is_dir():
        pytest.skip(f"shared samples not present at {SHARED_SAMPLES}")
    return SHARED_SAMPLES


def uses_postgres() -> bool:
    return django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture
def in_english():
    """Messages asserted in English (the Japanese ones are in locale/ja): services' messages and pages."""
    from django.test import Client
    from django.utils import translation

    with translation.override("en"):
        yield Client(HTTP_ACCEPT_LANGUAGE="en")
