"""Report rebuilds through the real broker: the page answers with the previous report at once and
a Celery worker builds the new one (issue 16: a build in a web worker stalled its other threads)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from dataentry.models import Entry
from reports import selectors
from tests.test_faults_support import broker, wait_for, workers  # noqa: F401 (fixtures)
from tests.test_reports import AUTO_KEYING, _key, _page_figures, _today_label, _upload, build_documents, configure

pytestmark = [pytest.mark.celery_worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_it_rebuilds_an_expired_report_in_a_worker_while_the_page_shows_the_previous_one(
        broker, workers, settings, client, login, people, generated_samples, monkeypatch):
    # The page and the worker share the report cache, as web and worker do in production.
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "config.cache.RedisCache", "LOCATION": broker.url}}
    configure()
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the documents are keyed in this process
    build_documents(people, generated_samples, settings)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    login(people["manager1"])

    def documents_shown() -> int:
        page = client.get(reverse("reports:overview"), {"period": _today_label()})
        assert page.status_code == 200
        return _page_figures(page.content.decode())["documents"]

    assert documents_shown() == 3, "a period nobody has looked at is built by the request"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MACHINE_KEYER = "textlayer"
    fourth = _upload(generated_samples[3])
    _key(people["operator1"], fourth.entries.get(source=Entry.Source.MACHINE).records, AUTO_KEYING)
    settings.CELERY_TASK_ALWAYS_EAGER = False

    monkeypatch.setattr(selectors, "REPORT_CACHE_SECONDS", 0)  # every report has expired
    assert documents_shown() == 3, "no worker is running: the page shows the previous report at once"
    assert broker.queue_length() == 1, "the rebuild waits in the queue"
    assert documents_shown() == 3 and broker.queue_length() == 1, "a rebuild under way is asked for once"

    worker = workers(CACHE_IN_REDIS="1")
    if not wait_for(lambda: documents_shown() == 4, timeout=90):
        pytest.fail(f"the worker did not rebuild the report; its log:\n{worker.log()[-3000:]}")
