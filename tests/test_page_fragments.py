"""Parts of pages kept per process (the "fragments" cache, issue 16) change no byte of any page.

Every page is rendered once with the fragments cache switched off (each part rendered afresh) and
twice with it on (the first fills it, the second reads it), for each role and in both languages; the
three must be the same text. Only the CSRF tokens differ between any two renders (Django masks the
token anew each time), so they are blanked before comparing.
"""
from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from dataentry import services
from review import services as review_services
from tests.test_faults_claims import RECORD, bulk_documents

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def pages(people, keying_url: str, review_url: str) -> dict[tuple[str, str], str]:
    visits = [(None, reverse("login")), ("operator1", reverse("home")), ("operator1", reverse("keying_home")),
              ("operator1", keying_url), ("reviewer1", reverse("review_home")), ("reviewer1", review_url),
              ("manager1", reverse("home")), ("manager1", reverse("queues")), ("manager1", reverse("documents")),
              ("manager1", reverse("results")),
              *[("manager1", reverse(f"reports:{name}")) for name in ("overview", "accuracy", "cost", "people")]]
    seen = {}
    for language in ("ja", "en"):
        for who, url in visits:
            client = Client(HTTP_ACCEPT_LANGUAGE=language)
            if who:
                client.force_login(people[who])
            response = client.get(url)
            assert response.status_code == 200, url
            seen[(language, who or "", url)] = CSRF.sub(r"\1…", response.content.decode())
    return seen


def test_pages_with_kept_parts_are_the_pages_rendered_afresh(people, settings):
    bulk_documents(3)
    keying_entry = services.keying_claim_next(operator=people["operator1"])
    keying_url = reverse("keying", args=[keying_entry.pk])
    entry = services.keying_claim_next(operator=people["operator2"])
    services.entry_submit(entry_id=entry.pk, operator=people["operator2"], records=[dict(RECORD, new_post="課長")],
                          version=entry.version)
    review_url = reverse("review", args=[review_services.review_claim_next(reviewer=people["reviewer1"]).pk])

    kept = {alias: settings.CACHES[alias] for alias in ("fragments", "report_tables")}
    settings.CACHES = {**settings.CACHES, **{alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
                                             for alias in kept}}
    afresh = pages(people, keying_url, review_url)
    settings.CACHES = {**settings.CACHES, **{alias: {**kept[alias], "LOCATION": f"test-{alias}"} for alias in kept}}
    filling = pages(people, keying_url, review_url)
    from_cache = pages(people, keying_url, review_url)
    for key, page in afresh.items():
        assert filling[key] == page, key
        assert from_cache[key] == page, key


def test_a_keyed_value_goes_into_the_kept_field_markup_escaped_and_as_typed():
    from django.utils import translation

    from dataentry.spec import FieldSpec
    from dataentry.templatetags.twomatch_ui import keying_field

    field = FieldSpec(key="new_post", label="新役職", label_en="New post")
    with translation.override("en"):
        html = keying_field(field, '"><script>x</script>\x00i\x00', 2)
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;\x00i\x00"' in html
    assert 'id="r2-new_post"' in html and 'aria-describedby="err-r2-new_post"' in html
    assert '<span class="label">New post</span>' in html and 'data-label="New post · 新役職"' in html


def test_an_agreed_value_and_its_override_are_escaped_on_the_review_page_in_either_language():
    from django.utils import translation

    from dataentry.templatetags.twomatch_ui import agreed_fields

    agreed = [{"label": "新役職", "value": '<b>"{x}"</b>', "name": "o0-new_post", "override": "a&b",
               "reason": "it's", "changed": True}]
    with translation.override("en"):
        html = agreed_fields(agreed)
    assert '<dd lang="ja">&lt;b&gt;&quot;{x}&quot;&lt;/b&gt;' in html and 'data-agreed="&lt;b&gt;&quot;{x}&quot;&lt;/b&gt;"' in html
    assert 'value="a&amp;b"' in html and 'value="it&#x27;s"' in html and '<details class="override" open>' in html
    assert "<summary>Change 新役職</summary>" in html and "Correct value<input" in html
    with translation.override("ja"):
        assert "Correct value" not in agreed_fields(agreed)
