"""docker-compose.yml and Dockerfile: the production stack has what the vLLM keyer needs.

A wrong flag here only shows up on a GPU box; these checks catch it on CI.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.test_security_web import check_deploy

REPO = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "Qwen/Qwen2.5-VL-7B-Instruct"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def vllm(compose) -> dict:
    return compose["services"]["vllm"]


def default_of(value: str) -> str:
    """`${NAME:-default}` -> default (what compose uses when .env does not set NAME)."""
    match = re.fullmatch(r"\$\{\w+:-(.*)\}", value)
    return match.group(1) if match else value


def flag(command: list[str], name: str) -> str:
    for i, arg in enumerate(command):
        if arg == name:
            return command[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    raise AssertionError(f"{name} missing from the vllm command")


def test_all_services_are_there(compose):
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "web", "worker", "beat", "vllm"} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert "gunicorn" in services["web"]["command"] and "config.wsgi:application" in services["web"]["command"]
    command = services["web"]["command"]
    assert command[command.index("--worker-class") + 1] == "gthread", "the web service runs what make bench-web measures"
    assert default_of(command[command.index("--workers") + 1]) == "4" and default_of(command[command.index("--threads") + 1]) == "4"
    assert services["migrate"]["command"][:3] == ["python", "manage.py", "migrate"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]


def test_vllm_image_is_pinned_to_a_release_that_has_structured_outputs_config(vllm):
    match = re.fullmatch(r"vllm/vllm-openai:v(\d+)\.(\d+)\.(\d+)", vllm["image"])
    assert match, f"{vllm['image']} is not a pinned vllm/vllm-openai release"
    assert tuple(map(int, match.groups())) >= (0, 12, 0)  # guided_json gone, --structured-outputs-config in


def test_vllm_serves_qwen_by_default_under_the_name_the_keyer_sends(compose, vllm):
    command = vllm["command"]
    assert default_of(command[0]) == DEFAULT_MODEL
    served = flag(command, "--served-model-name")
    for service in ("web", "worker"):
        assert compose["services"][service]["environment"]["VLLM_MODEL"] == served


def test_vllm_flags_match_what_the_keyer_sends(vllm):
    command = vllm["command"]
    assert int(flag(command, "--max-model-len")) == 16384
    assert json.loads(flag(command, "--limit-mm-per-prompt")) == {"image": 4}
    assert json.loads(flag(command, "--limit-mm-per-prompt"))["image"] >= settings.VLLM_MAX_PAGES
    # the server must not shrink pages the keyer already sized to VLLM_MAX_IMAGE_TOKENS
    assert json.loads(flag(command, "--mm-processor-kwargs"))["max_pixels"] >= settings.VLLM_MAX_IMAGE_TOKENS * 28 * 28
    assert json.loads(flag(command, "--structured-outputs-config")) == {
        "backend": "xgrammar", "disable_any_whitespace": True}
    assert not any("guided" in arg for arg in command)


def test_vllm_gets_a_gpu_a_model_cache_and_a_health_check(vllm):
    devices = vllm["deploy"]["resources"]["reservations"]["devices"]
    assert devices and devices[0]["driver"] == "nvidia" and "gpu" in devices[0]["capabilities"]
    assert any(v.endswith(":/root/.cache/huggingface") for v in vllm["volumes"])
    assert any("/health" in part for part in vllm["healthcheck"]["test"])


@pytest.mark.parametrize("service", ["web", "worker"])
def test_web_and_worker_point_at_vllm_with_production_settings(compose, service):
    env = compose["services"][service]["environment"]
    assert env["VLLM_BASE_URL"] == "http://vllm:8000/v1"
    assert env["MACHINE_KEYER"] == "vllm"
    assert env["DEBUG"] == "0" and env["TWOMATCH_EMBEDDED"] == "0"
    assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert env["SECRET_KEY"].startswith("${SECRET_KEY")  # from .env, never a literal
    assert {"ALLOWED_HOSTS", "MEDIA_ROOT"} <= set(env)
    assert f"media:{env['MEDIA_ROOT']}" in compose["services"][service]["volumes"]


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_a_model_server_that_is_down_never_blocks_the_app(compose, service):
    assert "vllm" not in compose["services"][service].get("depends_on", {})


def test_worker_concurrency_is_the_vllm_concurrency(compose):
    command = compose["services"]["worker"]["command"]
    assert command[:4] == ["celery", "-A", "config", "worker"]
    assert flag(command, "--concurrency") == "${VLLM_MAX_CONCURRENCY:-4}"
    assert compose["services"]["worker"]["environment"]["VLLM_MAX_CONCURRENCY"] == "${VLLM_MAX_CONCURRENCY:-4}"


def test_dockerfile_builds_the_app_on_python_311_slim():
    lines = [line.strip() for line in (REPO / "Dockerfile").read_text().splitlines()]
    assert lines[next(i for i, line in enumerate(lines) if line.startswith("FROM"))] == "FROM python:3.11-slim"
    text = "\n".join(lines)
    assert "pip install -r requirements.txt" in text
    assert "collectstatic --noinput" in text
    assert re.search(r"^USER (?!root)\w+", text, re.M)  # not root at run time
    ignored = (REPO / ".dockerignore").read_text().split()
    assert ".venv" in ignored and ".env" in ignored  # no local venv or secrets in the image


# --- TLS in front of the app (issue 12, hole 4) ---------------------------------------------------

ENV_REFERENCE = re.compile(r"\$\{(\w+)(?::?([-?])([^}]*))?\}")


def resolved(value: str, dot_env: dict[str, str]) -> str:
    """A compose value as the container sees it with this `.env`: `${X:-default}` and `${X:?message}`."""
    def substitute(match: re.Match) -> str:
        name, op, rest = match.groups()
        if name in dot_env:
            return dot_env[name]
        assert op == "-", f"compose requires {name} in .env"
        return rest
    return ENV_REFERENCE.sub(substitute, str(value))


def container_env(compose: dict, service: str, **overrides: str) -> dict[str, str]:
    """The process environment of `service` under the minimal `.env` the README asks for."""
    dot_env = {"SECRET_KEY": secrets.token_urlsafe(50), "POSTGRES_PASSWORD": "pw", "TWOMATCH_HOST": "twomatch.example.com",
               "ALLOWED_HOSTS": "twomatch.example.com"}
    env = {k: v for k, v in os.environ.items() if k not in APP_VARIABLES}
    env.update({k: resolved(v, dot_env) for k, v in compose["services"][service]["environment"].items()})
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


APP_VARIABLES = {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "DATABASE_URL", "REDIS_URL", "TWOMATCH_EMBEDDED", "ALLOW_PLAIN_HTTP",
                 "PYTEST_CURRENT_TEST", "DJANGO_ALLOW_ASYNC_UNSAFE", "STATIC_ROOT"}


def test_check_deploy_passes_with_the_compose_environment(compose):
    out = check_deploy(container_env(compose, "web"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_production_refuses_to_start_without_https_settings_unless_told_it_is_plain_http_on_purpose(compose):
    for missing in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES", "SECURE_HSTS_SECONDS"):
        out = check_deploy(container_env(compose, "web", **{missing: None}))
        assert out.returncode != 0 and "HTTPS is not configured" in out.stderr and missing in out.stderr
    plain = check_deploy(container_env(compose, "web", SECURE_SSL_REDIRECT=None, ALLOW_PLAIN_HTTP="1"))
    assert "HTTPS is not configured" not in plain.stderr and "security.W008" in plain.stdout + plain.stderr


def test_only_the_tls_proxy_is_published_and_it_enforces_the_apps_body_limit(compose):
    services = compose["services"]
    assert "ports" not in services["web"], "gunicorn is reached through the proxy only"
    assert services["proxy"]["image"].startswith("caddy:2")
    assert {"80:80", "443:443"} <= set(services["proxy"]["ports"])
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    assert services["proxy"]["environment"]["REQUEST_MAX_BYTES"] == services["web"]["environment"]["REQUEST_MAX_BYTES"]
    assert services["collectstatic"]["command"][-2:] == ["collectstatic", "--noinput"]
    static_root = services["web"]["environment"]["STATIC_ROOT"]
    assert f"static:{static_root}" in services["collectstatic"]["volumes"]
    assert "static:/srv/static:ro" in services["proxy"]["volumes"]


def caddy_json(env: dict[str, str]) -> dict:
    """deploy/Caddyfile as Caddy itself reads it (the Debian package's `caddy adapt`)."""
    if shutil.which("caddy") is None:
        pytest.skip("caddy is not installed (apt-get install caddy; .ci/run installs it)")
    out = subprocess.run(["caddy", "adapt", "--config", str(REPO / "deploy" / "Caddyfile"), "--validate"],
                         env={**os.environ, **env}, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def handlers(node):
    if isinstance(node, dict):
        if "handler" in node:
            yield node
        for value in node.values():
            yield from handlers(value)
    elif isinstance(node, list):
        for value in node:
            yield from handlers(value)


def test_the_caddyfile_limits_bodies_sets_timeouts_and_passes_the_client_address(compose):
    proxy_env = container_env(compose, "proxy")
    config = caddy_json({"TWOMATCH_HOST": proxy_env["TWOMATCH_HOST"], "REQUEST_MAX_BYTES": proxy_env["REQUEST_MAX_BYTES"]})
    server = config["apps"]["http"]["servers"]["srv0"]
    assert server["listen"] == [":443"]
    assert server["routes"][0]["match"] == [{"host": ["twomatch.example.com"]}]
    assert all(server[key] > 0 for key in ("read_timeout", "read_header_timeout", "write_timeout", "idle_timeout"))
    found = {h["handler"]: h for h in handlers(server)}
    assert found["request_body"]["max_size"] == int(proxy_env["REQUEST_MAX_BYTES"])
    proxy = found["reverse_proxy"]
    assert proxy["upstreams"] == [{"dial": "web:8000"}]
    assert proxy["headers"]["request"]["set"]["X-Real-Ip"] == ["{http.request.remote.host}"]
    assert proxy["transport"]["response_header_timeout"] > 60 * 10**9
    assert found["file_server"] and found["vars"]["root"] == "/srv/static"
