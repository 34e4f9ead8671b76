"""Session fixture: the real vLLM CPU server (../shared/vllm harness via scripts/vllm_harness.py).

Started once per test session on a free port and stopped at the end. When the harness cannot be
installed (no network, no torch+cpu wheel) the tests that use it are skipped with setup.sh's
reason. VLLM_TEST_BASE_URL (+ VLLM_TEST_MODEL) points the same tests at a server that is already
running instead, e.g. a GPU box: `VLLM_TEST_BASE_URL=http://gpu:8000/v1 VLLM_TEST_MODEL=... pytest -m vllm`.
"""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def load_harness():
    spec = importlib.util.spec_from_file_location("vllm_harness", REPO / "scripts" / "vllm_harness.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class VllmServer:
    base_url: str
    model: str
    context_len: int  # the server's max_model_len


@pytest.fixture(scope="session")
def vllm_server():
    if os.environ.get("VLLM_TEST_BASE_URL"):
        yield VllmServer(os.environ["VLLM_TEST_BASE_URL"].rstrip("/"), os.environ.get("VLLM_TEST_MODEL", "tiny"),
                         int(os.environ.get("VLLM_TEST_CONTEXT_LEN", "16384")))
        return
    harness = load_harness()
    try:
        harness.setup()
    except harness.HarnessUnavailable as exc:
        pytest.skip(f"vLLM CPU harness cannot be installed here: {exc}")
    # A harness that installed but does not start is a real failure, not a skip.
    pid, port = harness.start()
    try:
        yield VllmServer(f"http://127.0.0.1:{port}/v1", "tiny", 4096)
    finally:
        harness.stop(pid)
