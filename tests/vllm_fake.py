"""A fake vLLM server that replays what the real one (vLLM 0.32.0, CPU harness) answered.

It is a real HTTP server on a loopback port (so timeouts, refused connections and dropped
responses are real socket events), and every body it sends is a captured body from
tests/data/vllm/captures/ (copied from ../shared/vllm/captures): the fake only decides *which* capture a request deserves, with the
same rules the real server applies (unknown model -> 404, more than 4 images -> 400, bad base64
or not an image -> 400, json_schema -> schema-valid JSON, anything else -> unconstrained text,
max_tokens below the answer's length -> cut off with finish_reason "length").

Faults the captures cannot show (500, a hang, a dropped connection) are queued with `script`.
"""
from __future__ import annotations

import base64
import binascii
import copy
import io
import json
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from PIL import Image

CAPTURES = Path(os.environ.get("VLLM_CAPTURES_DIR", Path(__file__).resolve().parent / "data" / "vllm" / "captures"))


def load_capture(name: str, variant: str = "shaped") -> dict[str, Any]:
    """{"status": int, "body": ...} of captures/<variant>/<name>.response.json."""
    return json.loads((CAPTURES / variant / f"{name}.response.json").read_text())


@dataclass
class Reply:
    status: int
    body: Any


@dataclass
class Sleep:
    seconds: float  # then answer normally (the client has usually given up by then)


@dataclass
class Drop:
    """Close the connection without answering (server crashed mid-request)."""


# vLLM's shape for an internal error; not in captures because the harness never fails this way.
SERVER_ERROR_500 = Reply(500, {"error": {"message": "EngineCore encountered an issue.", "type": "InternalServerError",
                                         "param": None, "code": 500}})


@dataclass
class Recorded:
    method: str
    path: str
    body: Any
    image_sizes: list[tuple[int, int]] = field(default_factory=list)


class FakeVllm:
    def __init__(self, variant: str = "shaped", served_model: str = "tiny", image_limit: int = 4):
        self.variant = variant
        self.served_model = served_model
        self.image_limit = image_limit
        self.script: deque[Reply | Sleep | Drop] = deque()
        self.requests: list[Recorded] = []
        self.delay_s = 0.0
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def __enter__(self) -> "FakeVllm":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- what the real server would answer -----------------------------------------------

    def capture(self, name: str) -> Reply:
        captured = load_capture(name, self.variant)
        return Reply(captured["status"], copy.deepcopy(captured["body"]))

    def answer_chat(self, body: dict[str, Any], recorded: Recorded) -> Reply:
        if body.get("model") != self.served_model:
            reply = self.capture("err_unknown_model")
            error = reply.body["error"]
            error["message"] = error["message"].replace("no-such-model", str(body.get("model")))
            return reply
        parts = [p for m in body.get("messages", []) if isinstance(m.get("content"), list) for p in m["content"]]
        images = [p["image_url"]["url"] for p in parts if p.get("type") == "image_url"]
        if len(images) > self.image_limit:
            return self.capture("err_too_many_images")
        for url in images:
            try:
                encoded = url.split(",", 1)[1]
                data = base64.b64decode(encoded, validate=True)
            except (IndexError, binascii.Error):
                return self.capture("err_malformed_data_url")
            try:
                with Image.open(io.BytesIO(data)) as image:
                    recorded.image_sizes.append(image.size)
            except OSError:
                return self.capture("err_not_an_image")
        response_format = (body.get("response_format") or {}).get("type")
        if response_format == "json_schema":
            reply = self.capture("so_response_format_json_schema")
        elif response_format == "json_object":
            reply = self.capture("so_response_format_json_object")
        else:  # includes guided_json, which vLLM >= 0.12 ignores
            reply = self.capture("no_constraint")
        needed = reply.body["usage"]["completion_tokens"]
        if body.get("max_tokens") is not None and body["max_tokens"] < needed:
            reply = self.capture("max_tokens_cutoff")
        return reply

    # --- HTTP plumbing --------------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep pytest output clean
                pass

            def _send(self, reply: Reply) -> None:
                payload = b"" if reply.body == "" else json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    if payload:
                        self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                fake.requests.append(Recorded("GET", self.path, None))
                if self.path == "/health":
                    self._send(Reply(200, ""))
                elif self.path == "/v1/models":
                    reply = fake.capture("get_models")
                    reply.body["data"][0]["id"] = fake.served_model
                    self._send(reply)
                else:
                    self._send(Reply(404, {"detail": "Not Found"}))

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                recorded = Recorded("POST", self.path, body)
                fake.requests.append(recorded)
                with fake._lock:
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                try:
                    action = fake.script.popleft() if fake.script else None
                    if isinstance(action, Drop):
                        self.close_connection = True
                        return
                    if isinstance(action, Sleep):
                        time.sleep(action.seconds)
                    if fake.delay_s:
                        time.sleep(fake.delay_s)
                    if isinstance(action, Reply):
                        self._send(action)
                    elif self.path == "/v1/chat/completions" and isinstance(body, dict):
                        self._send(fake.answer_chat(body, recorded))
                    else:
                        self._send(Reply(404, {"detail": "Not Found"}))
                finally:
                    with fake._lock:
                        fake.in_flight -= 1

        return Handler
