"""Helpers for the fault tests (issue 6): a private Redis, Celery workers and beat started by the
test, and pointing this process's Celery app at that Redis. No tests live here.

The shared Redis and PostgreSQL of the machine are never stopped or flushed: every test that
breaks a broker starts its own `redis-server` on a free port. Workers and beat are subprocesses
with DATABASE_URL pointing at pytest's test database, so they see the rows the test writes.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import REPO, uses_postgres


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


def needs_postgres_and_redis() -> None:
    if not uses_postgres():
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL (set by .ci/run)")
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL (set by .ci/run); the test starts its own redis-server besides")
    if shutil.which("redis-server") is None:
        pytest.skip("needs the redis-server binary to start a private broker")


class PrivateRedis:
    """A redis-server of our own that a test may stop, freeze, flush and start again on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        assert wait_for(self.ping, 10), "private redis-server did not start"

    def ping(self) -> bool:
        return self.cli("PING").strip() == "PONG"

    def cli(self, *args: str) -> str:
        out = subprocess.run(["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True, timeout=10)
        return out.stdout

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)  # in case a test froze it
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None

    def flush(self) -> None:
        self.cli("FLUSHALL")

    def queue_length(self) -> int:
        return int(self.cli("LLEN", "celery").strip() or 0)

    def unacked(self) -> int:
        return int(self.cli("HLEN", "unacked").strip() or 0)


def app_uses_broker(url: str) -> None:
    """Point this process's Celery app (used by services.enqueue) at `url`, dropping pooled connections."""
    from config.celery import app

    app.conf.broker_url = url
    app.conf.broker_write_url = url
    app.conf.broker_read_url = url
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


def process_env(media_root: Path, redis_url: str, **extra: str) -> dict:
    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update({
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(media_root),
        "MACHINE_KEYER": "textlayer",
        "CACHE_IN_REDIS": "0",
        "CELERY_TRACE_LOG_LEVEL": "WARNING",
        "ALLOW_PLAIN_HTTP": "1",  # a real database with DEBUG off; nothing here speaks HTTP
    })
    env.update(extra)
    return env


class Worker:
    """One `celery worker` subprocess (solo pool: the task runs in the process we kill)."""

    def __init__(self, env: dict, log_path: Path, pool: str = "solo") -> None:
        self.env = env
        self.log_path = log_path
        self.pool = pool
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Worker":
        log = open(self.log_path, "a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", f"--pool={self.pool}", "--concurrency=1", "-l", "info",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"faults{free_port()}@%h"],
            cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        assert wait_for(lambda: "ready." in self.log() or self.proc.poll() is not None, 60), self.log()[-2000:]
        assert self.proc.poll() is None, self.log()[-2000:]
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def children(self) -> list[int]:
        """Pool processes (prefork): the processes that run the tasks."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                found.append(int(stat.parent.name))
        return found

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, no acknowledgement, no restore of the message."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@contextmanager
def beat(env: dict, tmp_path: Path):
    """`celery beat` with the project's schedule (the sweeper), period from SWEEPER_PERIOD_SECONDS."""
    log = open(tmp_path / "beat.log", "a")
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "beat", "-l", "info", "-s", str(tmp_path / "beat-schedule")],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    log.close()
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def manage(env: dict, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def broker(transactional_db, settings, tmp_path):
    """A private Redis with this process's Celery app pointed at it; restored afterwards."""
    needs_postgres_and_redis()
    from config.celery import app

    redis = PrivateRedis()
    redis.start()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    old = app.conf.broker_url
    app_uses_broker(redis.url)
    try:
        yield redis
    finally:
        app_uses_broker(old)
        redis.stop()


@pytest.fixture
def workers(broker, settings, tmp_path):
    """Factory for workers against the private broker; every one started is stopped at teardown."""
    started: list[Worker] = []

    def start(pool: str = "solo", **extra: str) -> Worker:
        env = process_env(settings.MEDIA_ROOT, broker.url, **extra)
        worker = Worker(env, tmp_path / f"worker{len(started)}.log", pool=pool).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
