"""The one module that talks HTTP to vLLM's OpenAI-compatible server.

Why httpx and not the `openai` client: httpx is already a dependency (the `openai` package
would add ~10 more); we set every timeout explicitly and own the retry loop (the openai client
retries by itself, with its own rules, on top of ours); and vLLM-only fields of the response
(`stop_reason`, logprob `bytes`, error bodies with integer `code`) come back as plain JSON
instead of being squeezed through the openai client's pydantic models.

Everything that can go wrong on the wire ends as a `KeyerFailure`:

| what happened                                | kind          | retried here |
|----------------------------------------------|---------------|--------------|
| connection refused / reset, dropped response | SERVER_ERROR  | yes          |
| connect/read/write timeout                   | TIMEOUT       | yes          |
| HTTP 5xx (and 429, from a load balancer)     | SERVER_ERROR  | yes          |
| other HTTP 4xx: our request is wrong         | CLIENT_ERROR  | no           |
| HTTP 200 whose body is not JSON              | INVALID_OUTPUT| no           |

After the last attempt (or earlier, when another attempt could not finish within `budget_s`,
by default 80 % of the Celery soft time limit) the failure is raised with `retryable=True` for
the first three rows,
so the Celery task can retry later and finally hand the document to a second human keyer.

Concurrency: every HTTP attempt holds a process-wide semaphore of `max_concurrency` slots per
server URL, so the threads of one process never have more than that many requests in flight
(vLLM batches them). The semaphore is released while backing off. Celery's prefork workers are
separate processes: there the bound is the worker's `--concurrency` (see docker-compose.yml).
"""
from __future__ import annotations

import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from inference.base import FailureKind, KeyerFailure

log = logging.getLogger(__name__)

_SEMAPHORES: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_SEMAPHORES_LOCK = threading.Lock()
_RETRYABLE_STATUS = {429}  # plus every 5xx


def _semaphore(base_url: str, limit: int) -> threading.BoundedSemaphore:
    """One semaphore per (server, limit) for the whole process, shared by every client instance."""
    with _SEMAPHORES_LOCK:
        key = (base_url, limit)
        if key not in _SEMAPHORES:
            _SEMAPHORES[key] = threading.BoundedSemaphore(limit)
        return _SEMAPHORES[key]


def backoff_delay(retry: int, base_s: float, cap_s: float, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry number `retry` (0-based): exponential, capped, with jitter.

    "Equal jitter": half the exponential step is fixed, half random, so many workers that failed
    together (server restart) do not come back in lockstep, yet nobody retries immediately.
    """
    step = min(cap_s, base_s * (2 ** retry))
    return step / 2 + (rng or random).uniform(0, step / 2)


def server_error_message(response: httpx.Response) -> str:
    """The server's own explanation: vLLM sends {"error": {"message": ...}}; fall back to the text."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:500] or response.reason_phrase
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])
        if isinstance(body.get("detail"), str):  # plain FastAPI errors
            return body["detail"]
    return response.text.strip()[:500]


def client_settings(**overrides: Any) -> dict[str, Any]:
    """VllmClient keyword arguments from settings.VLLM_*, with `overrides` applied."""
    from django.conf import settings

    resolved: dict[str, Any] = {
        "base_url": settings.VLLM_BASE_URL,
        "api_key": settings.VLLM_API_KEY,
        "timeout_s": settings.VLLM_TIMEOUT_S,
        "max_retries": settings.VLLM_MAX_RETRIES,
        "max_concurrency": settings.VLLM_MAX_CONCURRENCY,
        "budget_s": task_budget_s(),
    }
    resolved.update(overrides)
    return resolved


def task_budget_s() -> float | None:
    """Time the retries of one keying may use: 80 % of Celery's soft time limit.

    With the defaults (60 s timeout, 3 retries, backoff up to 20 s) a dead-slow server could
    otherwise outlast the 240 s soft limit and be killed mid-retry; stopping early raises the
    same retryable failure and lets the task's own (longer-spaced) retry take over.
    """
    from django.conf import settings

    limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
    return 0.8 * limit if limit else None


@dataclass
class ChatResult:
    body: dict[str, Any]   # the parsed response JSON
    text: str              # the response body exactly as received (stored as raw_response)
    elapsed_ms: int        # of the successful attempt
    attempts: int


class VllmClient:
    """Thread-safe client for one vLLM server. Reuse one instance: it pools connections."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        timeout_s: float = 60.0,
        max_retries: int = 3,
        max_concurrency: int = 4,
        backoff_base_s: float = 1.0,
        backoff_cap_s: float = 20.0,
        budget_s: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.max_concurrency = max_concurrency
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self.budget_s = budget_s
        self._slots = _semaphore(self.base_url, max_concurrency)
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # Connect fails fast (a dead server should not eat the whole budget); read covers the
        # whole generation because vLLM sends a non-streamed answer in one piece at the end.
        timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0))
        limits = httpx.Limits(max_connections=max_concurrency + 2, max_keepalive_connections=max_concurrency)
        self._http = httpx.Client(headers=headers, timeout=timeout, limits=limits, transport=transport)

    @classmethod
    def from_settings(cls, **overrides: Any) -> "VllmClient":
        return cls(**client_settings(**overrides))

    def close(self) -> None:
        self._http.close()

    # --- public calls ---------------------------------------------------------------------

    def chat(self, body: dict[str, Any]) -> ChatResult:
        """POST /chat/completions with retries; the parsed JSON of a 200 answer, else KeyerFailure."""
        response, elapsed_ms, attempts = self._send("POST", f"{self.base_url}/chat/completions", json_body=body)
        try:
            parsed = response.json()
        except ValueError:
            raise KeyerFailure(
                FailureKind.INVALID_OUTPUT, "vLLM answered HTTP 200 with a body that is not JSON",
                raw_response=response.text,
            ) from None
        if not isinstance(parsed, dict):
            raise KeyerFailure(FailureKind.INVALID_OUTPUT, "vLLM answered with JSON that is not an object",
                               raw_response=response.text)
        return ChatResult(body=parsed, text=response.text, elapsed_ms=elapsed_ms, attempts=attempts)

    def models(self) -> list[str]:
        """Ids the server serves (GET /models), e.g. ["tiny"]."""
        response, _, _ = self._send("GET", f"{self.base_url}/models")
        try:
            return [m["id"] for m in response.json()["data"]]
        except (ValueError, KeyError, TypeError):
            raise KeyerFailure(FailureKind.INVALID_OUTPUT, "unexpected /models answer",
                               raw_response=response.text) from None

    def health(self, timeout_s: float = 5.0) -> bool:
        """True when GET /health (at the server root, not under /v1) answers 200. Never raises."""
        root = self.base_url[: -len("/v1")] if self.base_url.endswith("/v1") else self.base_url
        try:
            return self._http.get(f"{root}/health", timeout=timeout_s).status_code == 200
        except httpx.HTTPError:
            return False

    # --- retry loop ---------------------------------------------------------------------

    def _send(self, method: str, url: str, json_body: dict | None = None) -> tuple[httpx.Response, int, int]:
        attempts = self.max_retries + 1
        first_started = time.monotonic()
        content = json.dumps(json_body, ensure_ascii=False).encode() if json_body is not None else None
        headers = {"Content-Type": "application/json"} if content is not None else None
        for attempt in range(1, attempts + 1):
            try:
                with self._slots:
                    started = time.monotonic()
                    response = self._http.request(method, url, content=content, headers=headers)
                    elapsed_ms = int((time.monotonic() - started) * 1000)
                failure = self._failure_for_status(response)
            except httpx.TimeoutException as exc:
                failure = KeyerFailure(FailureKind.TIMEOUT, f"no answer from vLLM at {url} within "
                                       f"{self.timeout_s:g} s ({type(exc).__name__})")
            except httpx.TransportError as exc:  # refused, reset, DNS, dropped mid-response
                failure = KeyerFailure(FailureKind.SERVER_ERROR, f"cannot reach vLLM at {url}: "
                                       f"{type(exc).__name__}: {exc}")
            if failure is None:
                return response, elapsed_ms, attempt
            delay = backoff_delay(attempt - 1, self.backoff_base_s, self.backoff_cap_s)
            out_of_time = (self.budget_s is not None
                           and time.monotonic() - first_started + delay + self.timeout_s > self.budget_s)
            if not failure.retryable or attempt == attempts or out_of_time:
                if failure.retryable:
                    why = " (no time left for another within the task's time limit)" if attempt < attempts else ""
                    failure = KeyerFailure(failure.kind, f"{failure.message} (gave up after {attempt} attempt{'s' * (attempt > 1)}{why})",
                                           raw_response=failure.raw_response)
                raise failure
            log.warning("vLLM attempt %d/%d failed (%s); retrying in %.1f s", attempt, attempts, failure, delay)
            time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _failure_for_status(response: httpx.Response) -> KeyerFailure | None:
        status = response.status_code
        if status < 400:
            return None
        message = f"HTTP {status}: {server_error_message(response)}"
        if status >= 500 or status in _RETRYABLE_STATUS:
            return KeyerFailure(FailureKind.SERVER_ERROR, message, raw_response=response.text)
        return KeyerFailure(FailureKind.CLIENT_ERROR, message, raw_response=response.text)
