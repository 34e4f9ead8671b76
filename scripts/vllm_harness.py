#!/usr/bin/env python3
"""Start/stop the real vLLM CPU server (tiny random Qwen2.5-VL) from ../shared/vllm, and bench against it.

    python scripts/vllm_harness.py setup                 # install/refresh the harness (idempotent)
    python scripts/vllm_harness.py start [--port P]      # prints "PID PORT"; server runs in the background
    python scripts/vllm_harness.py stop PID
    python scripts/vllm_harness.py bench [--dataset DIR] [--concurrency 4] [--json OUT]

The harness venv and models live in ~/.cache/twomatch-vllm (HARNESS_DIR), outside the repo, so
reruns take seconds. The server gets the production flags of docker-compose.yml that matter to
the protocol (xgrammar without free whitespace, the max_pixels cap); only the model and its
4096-token context differ. Used by `make bench-vllm` and by tests/test_vllm_integration.py.
No dependency outside the standard library: tests import it with importlib.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HARNESS_SRC = Path(os.environ.get("VLLM_HARNESS_SRC", REPO.parent / "shared" / "vllm"))
HARNESS_DIR = Path(os.environ.get("HARNESS_DIR", Path.home() / ".cache" / "twomatch-vllm"))
SAMPLES = REPO / "tests" / "data" / "samples" / "personnel_change"

# The tiny model's context is 4096 tokens and its byte-level tokenizer spends ~2,400 of them on the
# Japanese system prompt (a real Qwen tokenizer: a few hundred), so CPU runs cap pages at 512
# image tokens; the server's own cap is the production one, so it never resizes what we send.
CPU_ENV = {"VLLM_MODEL": "tiny", "VLLM_MAX_IMAGE_TOKENS": "512", "VLLM_MAX_TOKENS": "1024",
           "VLLM_TIMEOUT_S": "120", "VLLM_MAX_PAGES": "2"}
PRODUCTION_FLAGS = [
    "--structured-outputs-config", '{"backend": "xgrammar", "disable_any_whitespace": true}',
    "--mm-processor-kwargs", json.dumps({"max_pixels": 1280 * 28 * 28}),
]


class HarnessUnavailable(RuntimeError):
    """The CPU vLLM harness cannot be installed or started here; the message says why."""


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def setup(timeout_s: float = 1800) -> Path:
    """Run ../shared/vllm/setup.sh HARNESS_DIR (idempotent: ~10 s when already installed)."""
    script = HARNESS_SRC / "setup.sh"
    if not script.is_file():
        raise HarnessUnavailable(f"no harness at {script}")
    try:
        done = subprocess.run(["bash", str(script), str(HARNESS_DIR)], capture_output=True, text=True,
                              timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise HarnessUnavailable(f"setup.sh did not finish within {timeout_s:.0f} s") from None
    if done.returncode != 0:
        raise HarnessUnavailable(f"setup.sh failed (exit {done.returncode}; no network or no torch+cpu wheel?):\n"
                                 f"{_tail(done.stderr or done.stdout)}")
    return HARNESS_DIR


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port: int | None = None, extra_args: list[str] | None = None, *, model: str = "model-shaped") -> tuple[int, int]:
    """Start the server and wait for /health; returns (pid, port). The pid leads its own process group."""
    port = port or free_port()
    env = {**os.environ, "HARNESS_DIR": str(HARNESS_DIR), "MODEL_DIR": str(HARNESS_DIR / model)}
    done = subprocess.run([str(HARNESS_DIR / "serve.sh"), str(port), *PRODUCTION_FLAGS, *(extra_args or [])],
                          capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise HarnessUnavailable(f"serve.sh failed (exit {done.returncode}):\n{_tail(done.stderr)}")
    return int(done.stdout.strip().splitlines()[-1]), port


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def stop(pid: int, timeout_s: float = 30) -> None:
    """SIGTERM the server's process group (serve.sh starts it with setsid), SIGKILL if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.2)


def bench(dataset: Path, concurrency: int, json_out: Path | None) -> int:
    setup()
    pid, port = start()
    print(f"vLLM CPU harness: pid {pid}, http://127.0.0.1:{port}/v1", file=sys.stderr)
    try:
        env = {**os.environ, **CPU_ENV, "VLLM_BASE_URL": f"http://127.0.0.1:{port}/v1"}
        command = [sys.executable, str(REPO / "manage.py"), "bench_keyer", "--keyer", "vllm",
                   "--dataset", str(dataset), "--concurrency", str(concurrency)]
        if json_out:
            command += ["--json", str(json_out)]
        return subprocess.run(command, env=env, cwd=REPO).returncode
    finally:
        stop(pid)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup")
    p_start = sub.add_parser("start")
    p_start.add_argument("--port", type=int)
    p_start.add_argument("--random-model", action="store_true", help="plain random weights (never stops)")
    p_stop = sub.add_parser("stop")
    p_stop.add_argument("pid", type=int)
    p_bench = sub.add_parser("bench")
    p_bench.add_argument("--dataset", type=Path, default=SAMPLES)
    p_bench.add_argument("--concurrency", type=int, default=4)
    p_bench.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "setup":
            print(setup())
        elif args.command == "start":
            setup()
            pid, port = start(args.port, model="model" if args.random_model else "model-shaped")
            print(pid, port)
        elif args.command == "stop":
            stop(args.pid)
        else:
            return bench(args.dataset, args.concurrency, args.json)
    except HarnessUnavailable as exc:
        print(f"vLLM harness unavailable: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
