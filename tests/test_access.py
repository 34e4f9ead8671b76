"""Who may open what (issue 6, point 11).

Every URL of the URLconf is visited as an anonymous user and as each role. The table ACCESS says
which roles a page is for; a URL that is not in the table fails the test, so a new page must be
classified before it ships. Object-level rules (another operator's document, a review that is
someone else's, page images of documents one is not working on) are checked separately, and files
are only ever served by views that check, with `X-Content-Type-Options: nosniff`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dataentry import services
from dataentry.models import DocumentType, Entry, HistoryEvent
from review import services as review_services
from review.models import ReviewTask
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

ANON, OPERATOR, REVIEWER, MANAGER = "anonymous", "operator", "reviewer", "manager"
ROLES = (OPERATOR, REVIEWER, MANAGER)
PUBLIC = "public"      # anyone: the login page, the language switch, logout, the API's description
TOKEN = "token"        # the intake API: a bearer token and nothing else (no session)
STAFF = "staff"        # Django admin: is_staff users only (none of the roles)

# URL name -> roles that may use it. Object-level checks come on top (see the tests below).
ACCESS: dict[str, set[str] | str] = {
    "login": PUBLIC, "logout": PUBLIC, "set_language": PUBLIC, "api:schema": PUBLIC,
    "admin:login": PUBLIC, "admin:logout": PUBLIC,
    "api:documents": TOKEN, "api:document": TOKEN,
    "home": {OPERATOR, REVIEWER, MANAGER},
    "documents": {MANAGER}, "document_detail": {MANAGER}, "original_pdf": {MANAGER}, "release_claim": {MANAGER},
    "queues": {MANAGER}, "results": {MANAGER}, "results_export": {MANAGER},
    # Page images are per document: in the matrix below the document is the one operator1 holds.
    "page_image": {OPERATOR, MANAGER}, "ui_page_image_hd": {OPERATOR, MANAGER},
    # issue 11: the file as uploaded goes with the pages (whoever may see the document).
    "source_file": {OPERATOR, MANAGER},
    "keying_home": {OPERATOR}, "keying_next": {OPERATOR}, "keying": {OPERATOR}, "keying_reclaim": {OPERATOR},
    "ui_keying_validate": {OPERATOR}, "ui_keying_lease": {OPERATOR}, "ui_keying_prefetch": {OPERATOR},
    "ui_keying_release_ahead": {OPERATOR},
    "review_home": {REVIEWER}, "review_next": {REVIEWER}, "review": {REVIEWER},
    "ui_review_evidence": {REVIEWER}, "ui_review_reclaim": {REVIEWER},
    "reports:overview": {MANAGER}, "reports:accuracy": {MANAGER}, "reports:cost": {MANAGER},
    "reports:people": {MANAGER}, "reports:csv": {MANAGER},
    "learning:exports": {MANAGER}, "learning:export_status": {MANAGER}, "learning:export_download": {MANAGER},
    "learning:audits": {REVIEWER, MANAGER}, "learning:audit_next": {REVIEWER}, "learning:audit": {REVIEWER},
    "learning:audit_claim": {REVIEWER},
    # issue 14: the managers' document tools and the operators' "cannot key".
    "documents_export": {MANAGER}, "document_priority": {MANAGER}, "document_reassign": {MANAGER},
    "document_withdraw": {MANAGER}, "document_return": {MANAGER}, "document_rerun": {MANAGER},
    "correction_propose": {MANAGER}, "correction_decide": {MANAGER}, "keying_set_aside": {OPERATOR},
    "keying_words": {OPERATOR},
}


def all_urls() -> list[tuple[str, object]]:
    """(name, URLPattern) of every route, namespaces joined with ':'; admin routes named 'admin:*'."""
    found: list[tuple[str, object]] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or f"<unnamed {prefix}{pattern.pattern}>"
                found.append((f"{namespace}:{name}" if namespace else name, pattern))

    walk(get_resolver().url_patterns, "", "")
    return found


@pytest.fixture
def world(people, generated_samples, settings):
    """A claimed document per operator, one open review held by reviewer1, one accepted document."""
    settings.UPLOAD_MAX_PAGES = 50
    doc_type = DocumentType.objects.get(slug="personnel_change")
    docs = [services.document_upload(data=p.read_bytes(), filename=p.name, document_type=doc_type)
            for p in generated_samples[:4]]
    op1, op2, reviewer, manager = people["operator1"], people["operator2"], people["reviewer1"], people["manager1"]
    # Document 2 goes to review (operator2 keyed something else), document 3 is accepted.
    for doc, agree in ((docs[2], False), (docs[3], True)):
        entry = services.keying_claim(operator=op2, document_id=doc.pk)
        records = [dict(r) for r in doc.entries.get(source=Entry.Source.MACHINE).records]
        if not agree:
            records[0]["new_post"] += "（代理）"
        services.entry_submit(entry_id=entry.pk, operator=op2, records=records, version=entry.version)
    task = review_services.review_claim_next(reviewer=reviewer)
    mine = services.keying_claim(operator=op1, document_id=docs[0].pk)
    theirs = services.keying_claim(operator=op2, document_id=docs[1].pk)
    return {
        "docs": docs, "mine": mine, "theirs": theirs, "task": task, "op1": op1, "op2": op2, "reviewer": reviewer,
        "reviewer2": make_user("reviewer2", "reviewer"), "manager": manager,
    }


def url_for(name: str, pattern, world) -> str:
    """A concrete URL for the route, with ids of objects in `world`; "" when it cannot be built."""
    values = {
        "document_id": world["docs"][0].pk, "number": 1, "dpi": 300, "entry_id": world["mine"].pk,
        "task_id": world["task"].pk, "job_id": 1, "correction_id": 1, "fmt": "csv", "name": "documents",
        "object_id": "1", "app_label": "dataentry", "content_type_id": 1, "model_name": "document",
    }
    if name.split(":")[-1].startswith("<unnamed"):
        return ""  # the admin's catch-all redirects; reached through named admin routes anyway
    try:
        return reverse(name, kwargs={key: values[key] for key in pattern.pattern.converters})
    except Exception:
        return ""


def user_for(role: str, world):
    return {OPERATOR: world["op1"], REVIEWER: world["reviewer"], MANAGER: world["manager"]}[role]


def refused(response, role: str) -> bool:
    """Nothing was shown or done: not authenticated, forbidden, or a method the view does not take."""
    if response.status_code in (401, 403, 405):
        return True
    if role == ANON and response.status_code == 302:
        return "/accounts/login/" in response.url or "/admin/login/" in response.url
    return False


def test_every_url_is_classified():
    unknown = [name for name, _ in all_urls() if not name.startswith("admin:") and name not in ACCESS]
    assert len(all_urls()) > len(ACCESS), "the walk found the URLconf"
    assert not unknown, f"classify these URLs in ACCESS (tests/test_access.py): {unknown}"


def test_every_url_refuses_anonymous_users_and_roles_it_is_not_for(world):
    failures = []
    for name, pattern in all_urls():
        url = url_for(name, pattern, world)
        if not url:
            continue
        rule = ACCESS.get(name, STAFF if name.startswith("admin:") else None)
        if rule == PUBLIC:
            continue
        for role in (ANON, *ROLES):
            client = Client()
            if role != ANON:
                client.force_login(user_for(role, world))
            allowed = isinstance(rule, set) and role in rule
            for method in ("get", "post"):
                history = HistoryEvent.objects.count()
                response = getattr(client, method)(url)
                if rule == STAFF and role != ANON:
                    ok = response.status_code == 302 and "/admin/login/" in response.url
                elif allowed:
                    ok = response.status_code not in (401, 403) and not (
                        response.status_code == 302 and "/login/" in response.url)
                else:
                    # Refused, and without side effects (a claim, an export… would write history).
                    ok = refused(response, role) and HistoryEvent.objects.count() == history
                if not ok:
                    failures.append(f"{method.upper()} {url} ({name}) as {role}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_the_api_ignores_sessions_and_answers_401_without_a_token(world):
    client = Client()
    client.force_login(world["manager"])
    for url in (reverse("api:documents"), reverse("api:document", args=[world["docs"][0].pk])):
        response = client.get(url)
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_an_operator_sees_only_the_document_they_hold(client, world):
    client.force_login(world["op1"])
    mine, theirs = world["mine"], world["theirs"]
    assert client.get(reverse("keying", args=[mine.pk])).status_code == 200
    assert client.get(reverse("page_image", args=[mine.document_id, 1])).status_code == 200
    for url in (reverse("keying", args=[theirs.pk]), reverse("ui_keying_lease", args=[theirs.pk]),
                reverse("page_image", args=[theirs.document_id, 1]),
                reverse("ui_page_image_hd", args=[theirs.document_id, 1, 300]),
                reverse("source_file", args=[theirs.document_id]),
                reverse("keying_words", args=[theirs.pk, 1])):
        assert client.get(url).status_code == 403, url
    for url in (reverse("keying", args=[theirs.pk]), reverse("ui_keying_validate", args=[theirs.pk]),
                reverse("ui_keying_prefetch", args=[theirs.pk]), reverse("ui_keying_release_ahead", args=[theirs.pk]),
                reverse("keying_reclaim", args=[theirs.pk]), reverse("keying_set_aside", args=[theirs.pk])):
        assert client.post(url, {"version": 0, "rows": 1, "r0-family_name": "乗っ取り"}).status_code in (403, 404), url
    theirs.refresh_from_db()
    assert theirs.records == [] and theirs.version == 0
    # Documents in review or accepted, and the original PDF, are not the operator's business.
    for doc in world["docs"][2:]:
        assert client.get(reverse("page_image", args=[doc.pk, 1])).status_code == 403
    assert client.get(reverse("original_pdf", args=[mine.document_id])).status_code == 403
    # Once submitted, the operator's access to the page ends.
    records = mine.document.entries.get(source=Entry.Source.MACHINE).records
    services.entry_submit(entry_id=mine.pk, operator=world["op1"], records=records, version=mine.version)
    assert client.get(reverse("page_image", args=[mine.document_id, 1])).status_code == 403


def test_a_reviewer_sees_only_what_they_review(client, world):
    task = world["task"]
    client.force_login(world["reviewer2"])
    for url in (reverse("review", args=[task.pk]), reverse("ui_review_evidence", args=[task.pk]),
                reverse("page_image", args=[task.document_id, 1])):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("review", args=[task.pk]), {"version": task.version, "action": "save",
                                                               "c0-choice": "first"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    client.force_login(world["reviewer"])
    assert client.get(reverse("review", args=[task.pk])).status_code == 200
    assert client.get(reverse("page_image", args=[task.document_id, 1])).status_code == 200
    for doc in (world["docs"][0], world["docs"][1], world["docs"][3]):
        assert client.get(reverse("page_image", args=[doc.pk, 1])).status_code == 403
    for name in ("keying_home", "documents", "results", "reports:overview"):
        assert client.get(reverse(name)).status_code == 403, name
    task.refresh_from_db()
    review_services.review_submit(task_id=task.pk, reviewer=world["reviewer"], decisions={"0": {"choice": "second"}},
                                  version=task.version)
    assert client.get(reverse("page_image", args=[task.document_id, 1])).status_code == 403
    assert ReviewTask.objects.get(pk=task.pk).status == ReviewTask.Status.DONE


def test_files_are_served_only_by_checking_views_with_nosniff(client, world):
    doc = world["docs"][0]
    client.force_login(world["manager"])
    image = client.get(reverse("page_image", args=[doc.pk, 1]))
    pdf = client.get(reverse("original_pdf", args=[doc.pk]))
    hd = client.get(reverse("ui_page_image_hd", args=[doc.pk, 1, 300]))
    for response, kind in ((image, "image/png"), (pdf, "application/pdf"), (hd, "image/png")):
        assert response.status_code == 200
        assert response["Content-Type"] == kind
        assert response["X-Content-Type-Options"] == "nosniff"
    assert pdf["Content-Disposition"].startswith("attachment")
    assert "private" in image["Cache-Control"]

    # The media folder itself is not a public URL, not even for a manager.
    stored = Path(doc.original.name)
    for path in (f"{settings.MEDIA_URL}{stored}", f"/media/{stored}", f"/static/../var/media/{stored}"):
        assert client.get(path).status_code == 404, path
    media = Path(settings.MEDIA_ROOT).resolve()
    for public in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]:
        assert not media.is_relative_to(public.resolve()), "uploads must never sit under a static folder"
