"""CSRF with htmx, login throttling, session expiry, and `check --deploy` (issue 6, point 12)."""
from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dataentry import services
from dataentry.models import DocumentType
from tests.conftest import PASSWORD, REPO

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def claimed(people, generated_samples):
    doc_type = DocumentType.objects.get(slug="personnel_change")
    services.document_upload(data=generated_samples[0].read_bytes(), filename="a.pdf", document_type=doc_type)
    return services.keying_claim_next(operator=people["operator1"])


def page_csrf_token(html: str) -> str:
    """The token as base.html hands it to htmx: <body hx-headers='{"X-CSRFToken": "..."}'>."""
    match = re.search(r"""hx-headers='\{"X-CSRFToken": "([^"]+)"\}'""", html)
    assert match, "base.html must carry the CSRF token in hx-headers"
    return match.group(1)


def test_a_post_without_the_csrf_token_is_refused_and_an_htmx_post_with_the_header_succeeds(people, claimed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["operator1"])
    url = reverse("keying", args=[claimed.pk])
    autosave = {"rows": "1", "version": str(claimed.version), "action": "save", "r0-family_name": "佐藤"}

    refused = client.post(url, autosave, HTTP_HX_REQUEST="true")
    assert refused.status_code == 403
    claimed.refresh_from_db()
    assert claimed.version == 0 and claimed.records == []
    assert client.post(reverse("keying_next")).status_code == 403
    assert client.post(url, autosave, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN="forged-token-" + "x" * 20).status_code == 403

    token = page_csrf_token(client.get(url).content.decode())
    accepted = client.post(url, autosave, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200
    claimed.refresh_from_db()
    assert claimed.version == 1 and claimed.records[0]["family_name"] == "佐藤"


def test_the_login_form_itself_needs_the_csrf_token(people):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "operator1", "password": PASSWORD})
    assert response.status_code == 403 and "_auth_user_id" not in client.session


def log_in(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_login_attempts_are_throttled_per_user_and_address(people, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    client = Client()
    for _ in range(2):
        assert log_in(client, "operator1", "wrong-password").status_code == 200
    assert log_in(client, "operator1", "wrong-password").status_code == 429, "the third failure reaches the limit"
    blocked = log_in(client, "operator1", PASSWORD)
    assert blocked.status_code == 429, "even the right password waits once the limit is reached"
    assert "Too many failed attempts" in blocked.content.decode() or "失敗が続いた" in blocked.content.decode()
    assert not logged_in(client)
    # Another account from the same address is not locked out by someone guessing operator1.
    assert log_in(Client(), "operator2", PASSWORD).status_code == 302


def test_respelling_the_user_name_does_not_buy_more_attempts(people, settings):
    """Issue 12 hole 1: the login form strips and NFKC-normalises the name, the count did not."""
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    client = Client()
    for spelling in ("operator1 ", "ｏｐｅｒａｔｏｒ１", "OPERATOR1"):
        log_in(client, spelling, "wrong-password")
    for spelling in ("operator1", "  operator1  ", "ｏｐｅｒａｔｏｒ１"):
        response = log_in(client, spelling, PASSWORD)
        assert response.status_code == 429 and not logged_in(client), spelling


def test_the_admin_login_is_throttled_the_same_way(people, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    boss = people["manager1"]
    boss.is_staff = boss.is_superuser = True
    boss.save()
    client = Client()
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "manager1", "password": "wrong-password"})
    response = client.post(url, {"username": "Manager1 ", "password": PASSWORD})
    assert response.status_code == 429 and not logged_in(client)
    assert "form" in response.content.decode(), "the admin's own login page, with the message"


def test_an_address_that_tries_many_names_is_throttled_but_not_the_others(people, settings):
    settings.LOGIN_THROTTLE_IP_ATTEMPTS = 4
    spraying = Client(REMOTE_ADDR="198.51.100.7")
    for name in ("operator1", "operator2", "reviewer1", "manager1"):
        log_in(spraying, name, "Summer2026!")
    assert log_in(spraying, "operator2", PASSWORD).status_code == 429
    assert log_in(Client(REMOTE_ADDR="198.51.100.8"), "operator2", PASSWORD).status_code == 302
    # Each name failed once only: below the per-user limit, so the people themselves are not locked out.
    assert log_in(Client(), "operator1", PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_comes_from_its_header_only(people, settings):
    settings.LOGIN_THROTTLE_IP_ATTEMPTS = 2
    # Without the proxy a client-sent X-Real-IP means nothing: it cannot pose as a fresh address.
    direct = Client(HTTP_X_REAL_IP="203.0.113.1")
    for name in ("operator1", "reviewer1"):
        log_in(direct, name, "wrong-password")
    assert log_in(Client(HTTP_X_REAL_IP="203.0.113.2"), "operator2", PASSWORD).status_code == 429

    settings.BEHIND_TLS_PROXY = True  # every request now arrives from the proxy's REMOTE_ADDR
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    first = Client(HTTP_X_REAL_IP="203.0.113.1")
    for name in ("operator1", "reviewer1"):
        log_in(first, name, "wrong-password")
    assert log_in(first, "operator2", PASSWORD).status_code == 429
    assert log_in(Client(HTTP_X_REAL_IP="203.0.113.2"), "operator2", PASSWORD).status_code == 302


def test_a_lock_ends_after_the_window_and_attempts_while_locked_do_not_extend_it(people, settings):
    from axes.models import AccessAttempt

    settings.LOGIN_THROTTLE_ATTEMPTS = 2
    client = Client()
    for _ in range(2):
        log_in(client, "operator1", "wrong-password")
    almost_over = timezone.now() - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_S - 5)
    AccessAttempt.objects.update(attempt_time=almost_over)
    for _ in range(3):
        assert log_in(client, "operator1", "wrong-password").status_code == 429
    attempt = AccessAttempt.objects.get()
    assert attempt.attempt_time == almost_over and attempt.failures_since_start == 2, "guesses while locked are not counted"
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_S + 1))
    assert log_in(client, "operator1", PASSWORD).status_code == 302, "back off, not locked out for good"


@pytest.mark.parametrize("password", ["password123", "1234567890123", "operator1!", "short"])
def test_weak_passwords_are_refused(people, password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password, user=people["operator1"])
    validate_password("kumo-ni-noru-tanuki-48", user=people["operator1"])


def test_sessions_expire_and_logging_out_ends_the_session(people):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600, "a session lasts at most one long shift"
    client = Client()
    assert log_in(client, "manager1", PASSWORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    assert client.get(reverse("documents")).status_code == 200
    store = client.session
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    if hasattr(store, "cache_key"):  # cached_db: the cached copy times out at the same moment as the row
        caches[settings.SESSION_CACHE_ALIAS].delete(store.cache_key)
    expired = client.get(reverse("documents"))
    assert expired.status_code == 302 and reverse("login") in expired.url

    assert log_in(client, "manager1", PASSWORD).status_code == 302
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert replay.get(reverse("documents")).status_code == 302, "a logged-out session cookie is worthless"


def production_env(**overrides: str) -> dict:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' fixture in this process, never in production.
    dropped = {"DEBUG", "SECRET_KEY", "REDIS_URL", "PYTEST_CURRENT_TEST", "DJANGO_ALLOW_ASYNC_UNSAFE", "ALLOW_PLAIN_HTTP"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({
        "DEBUG": "0", "TWOMATCH_EMBEDDED": "0", "SECRET_KEY": secrets.token_urlsafe(64),
        "SECURE_SSL_REDIRECT": "1", "SECURE_COOKIES": "1", "SECURE_HSTS_SECONDS": "31536000",
        "DATABASE_URL": "postgres://twomatch@db.invalid:5432/twomatch", "ALLOWED_HOSTS": "twomatch.example.com",
    })
    env.update(overrides)
    return env


def check_deploy(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_passes_with_the_production_settings():
    out = check_deploy(production_env())
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_check_deploy_fails_when_a_production_setting_is_missing():
    """The check above is only worth something if it can fail: without HSTS and the SSL redirect it does."""
    out = check_deploy(production_env(SECURE_HSTS_SECONDS="0", SECURE_SSL_REDIRECT="0", ALLOW_PLAIN_HTTP="1"))
    assert out.returncode != 0
    assert "security.W004" in out.stdout + out.stderr and "security.W008" in out.stdout + out.stderr


def test_a_session_from_before_the_login_backend_changed_stays_valid_and_new_logins_read_user_and_roles_at_once(people):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    # A session Django's ModelBackend made before dataentry.backends was deployed (as a running shift has).
    old = SessionStore()
    old.update({SESSION_KEY: str(people["manager1"].pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: people["manager1"].get_session_auth_hash()})
    old.create()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = old.session_key
    assert client.get(reverse("documents")).status_code == 200, "nobody is logged out by the deploy"

    fresh = Client()
    assert log_in(fresh, "operator1", PASSWORD).status_code == 302
    assert fresh.session[BACKEND_SESSION_KEY] == "dataentry.backends.SessionUserBackend"
    assert fresh.get(reverse("keying_home")).status_code == 200
    assert fresh.get(reverse("documents")).status_code == 403, "the roles read with the user are the user's own"
    people["operator1"].groups.clear()
    assert fresh.get(reverse("keying_home")).status_code == 403, "a role taken away counts at the next request"
    people["operator1"].set_password("kumo-ni-noru-tanuki-48")
    people["operator1"].save()
    assert fresh.get(reverse("keying_home")).status_code == 302, "a changed password ends the other sessions"


class CountingHasher(MD5PasswordHasher):
    encoded = 0

    def encode(self, password, salt):
        CountingHasher.encoded += 1
        return super().encode(password, salt)


def test_a_wrong_password_is_refused_counted_once_and_hashed_once(people, settings):
    from axes.models import AccessAttempt

    client = Client()
    assert log_in(client, "operator1", "wrong-password").status_code == 200
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.encoded = 0
    assert log_in(client, "nobody-of-that-name", "wrong-password").status_code == 200
    assert CountingHasher.encoded == 1, "an unknown name costs one hash (as a known one does), not one per backend"
    assert [a.failures_since_start for a in AccessAttempt.objects.order_by("username")] == [1, 1]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    people["operator1"].is_active = False
    people["operator1"].save()
    assert log_in(client, "operator1", PASSWORD).status_code == 200, "an inactive account cannot log in"
