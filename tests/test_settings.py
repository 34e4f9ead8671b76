"""Settings come only from the environment, through strict readers."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int
from tests.conftest import REPO


def test_it_rejects_malformed_values(monkeypatch):
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(ImproperlyConfigured, match="X_INT must be an integer"):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL must be a boolean"):
        env_bool("X_BOOL", False)
    monkeypatch.setenv("X_CHOICE", "gpu")
    with pytest.raises(ImproperlyConfigured, match="one of textlayer, vllm"):
        env_choice("X_CHOICE", "textlayer", ("textlayer", "vllm"))
    monkeypatch.setenv("X_INT", "0")
    with pytest.raises(ImproperlyConfigured, match=">= 1"):
        env_int("X_INT", 5, minimum=1)


DROPPED = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "MACHINE_KEYER", "ALLOW_PLAIN_HTTP",
           "SECURE_SSL_REDIRECT", "SECURE_COOKIES", "SECURE_HSTS_SECONDS", "BEHIND_TLS_PROXY",
           "TWOMATCH_EMBEDDED"}


def run_settings(env: dict, code: str = "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.MACHINE_KEYER)",
                 ) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in DROPPED}
    code = "import django; django.setup(); from django.conf import settings as s; " + code
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
                          capture_output=True, text=True, timeout=60)


def test_it_runs_embedded_with_no_environment(tmp_path):
    out = run_settings({"SECRET_KEY_FILE": str(tmp_path / "secret_key")})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["django.db.backends.sqlite3", "True", "local"]


def test_it_uses_the_real_broker_and_database_when_configured():
    out = run_settings({"DATABASE_URL": "postgres://u@db:5432/x", "REDIS_URL": "redis://r:6379/0", "MACHINE_KEYER": "vllm",
                        "SECRET_KEY": "k" * 50, "SECURE_SSL_REDIRECT": "1", "SECURE_COOKIES": "1",
                        "SECURE_HSTS_SECONDS": "3600"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["django.db.backends.postgresql", "False", "vllm"]


def test_it_refuses_production_without_a_secret_key():
    out = run_settings({"TWOMATCH_EMBEDDED": "0", "DEBUG": "0"})
    assert out.returncode != 0
    assert "SECRET_KEY must be set" in out.stderr


def test_it_refuses_a_real_database_without_a_secret_key():
    out = run_settings({"DATABASE_URL": "postgres://u@db:5432/x"})
    assert out.returncode != 0
    assert "SECRET_KEY must be set" in out.stderr


def test_it_refuses_an_unknown_keyer():
    out = run_settings({"MACHINE_KEYER": "gpt"})
    assert out.returncode != 0 and "MACHINE_KEYER must be one of" in out.stderr


def test_an_embedded_installation_makes_its_own_private_secret_key_and_keeps_it(tmp_path):
    """Hole 5 of issue 12: DEBUG off without DATABASE_URL used to fall back to a key printed in the source."""
    key_file = tmp_path / "var" / "secret_key"
    first = run_settings({"SECRET_KEY_FILE": str(key_file)}, "print(s.SECRET_KEY)")
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50 and "insecure" not in key
    assert key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600, "only the owner may read the key"
    again = run_settings({"SECRET_KEY_FILE": str(key_file), "DEBUG": "1"}, "print(s.SECRET_KEY)")
    assert again.stdout.strip() == key, "sessions survive a restart: the same key is read back"
    elsewhere = run_settings({"SECRET_KEY_FILE": str(tmp_path / "other" / "secret_key")}, "print(s.SECRET_KEY)")
    assert elsewhere.stdout.strip() not in ("", key), "another installation gets another key"


def test_a_real_database_needs_a_secret_key_even_with_debug_on(tmp_path):
    out = run_settings({"DATABASE_URL": "postgres://u@db:5432/x", "DEBUG": "1", "SECRET_KEY_FILE": str(tmp_path / "k")})
    assert out.returncode != 0 and "SECRET_KEY must be set" in out.stderr
    assert not (tmp_path / "k").exists()


def test_it_refuses_an_ocr_data_folder_that_is_not_there(tmp_path):
    out = run_settings({"OCR_TESSDATA_DIR": str(tmp_path / "no-such-folder")})
    assert out.returncode != 0 and "OCR_TESSDATA_DIR must be a folder" in out.stderr
    out = run_settings({"OCR_TESSDATA_DIR": str(tmp_path), "SECRET_KEY_FILE": str(tmp_path / "secret_key")},
                       "print(s.OCR_TESSDATA_DIR)")
    assert out.returncode == 0 and out.stdout.strip() == str(tmp_path)
