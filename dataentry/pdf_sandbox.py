"""MuPDF on untrusted files in a child process with CPU, memory and wall-clock limits.

`dataentry.pdf` opens every uploaded file; a crafted PDF can make MuPDF spin or allocate without
bound (or crash it), and in the web process or a Celery worker that takes the process down with
it. `run(name, ...)` calls the named function of `dataentry.pdf` in a child process that first
limits itself (RLIMIT_CPU, RLIMIT_AS, no core files) and only then parses the file. What comes
back is JSON bytes, never unpickled: a child that MuPDF let an attacker control must not be able
to run code in the parent. A limit that is hit becomes `PdfRejected` with a clear message, like
any other refused file.

Settings: PDF_SANDBOX (on by default), PDF_SANDBOX_CPU_SECONDS, PDF_SANDBOX_MEMORY_MB,
PDF_SANDBOX_WALL_SECONDS.
"""
from __future__ import annotations

import base64
import dataclasses
import json
import logging
import os
import resource
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from operator import attrgetter
from pathlib import Path

# What a child may run; anything else is refused before a process starts.
ALLOWED = frozenset({"check_pdf", "check_upload", "render_pdf", "render_page", "clean_pages", "replace_pages"})
# The functions that take the uploaded bytes (and the file name for messages).
DATA_TAKERS = frozenset({"check_pdf", "check_upload"})
# The settings dataentry.pdf reads; the child gets their values, not the whole Django setup.
LIMIT_SETTINGS = ("UPLOAD_MAX_BYTES", "UPLOAD_MAX_PAGES", "UPLOAD_MAX_PAGE_POINTS", "UPLOAD_MAX_OBJECTS",
                  "UPLOAD_MAX_IMAGE_PIXELS", "RENDER_DPI", "RENDER_MAX_PIXELS")
REPO = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


def run(name: str, *, data: bytes = b"", filename: str = "", **kwargs):
    """`dataentry.pdf.<name>(data?, **kwargs)` in a limited child; raises PdfRejected like the function."""
    from django.conf import settings

    from dataentry import pdf

    if name not in ALLOWED:
        raise ValueError(f"{name} is not run in the sandbox")
    if not settings.PDF_SANDBOX:
        return getattr(pdf, name)(*((data,) if name in DATA_TAKERS else ()), **_call_kwargs(name, filename, kwargs))
    cpu, wall, memory_mb = settings.PDF_SANDBOX_CPU_SECONDS, settings.PDF_SANDBOX_WALL_SECONDS, settings.PDF_SANDBOX_MEMORY_MB
    header = json.dumps({
        "name": name, "filename": filename, "kwargs": _encode(kwargs), "cpu": cpu, "memory": memory_mb * 1024 * 1024,
        "settings": dict(zip(LIMIT_SETTINGS, attrgetter(*LIMIT_SETTINGS)(settings))),
    }).encode()
    what = filename or "the stored PDF"
    # A child that dies without a word is asked once more, by a server started afresh if this
    # one is gone: a server lost between two files (or a fork refused under load) must not fail
    # a good file, and a file that really kills MuPDF kills the second child too.
    for attempt in (1, 2):
        try:
            raw = _ask(header, data, wall)
            break
        except TimeoutError:
            raise pdf.PdfRejected(f"{what} took longer than {wall} s to process; it cannot be used.") from None
        except (EOFError, ConnectionError, FileNotFoundError) as exc:
            log.warning("the PDF sandbox child for %s of %s ended without an answer (attempt %s: %r)",
                        name, what, attempt, exc)
            if attempt == 2:
                raise pdf.PdfRejected(f"{what} could not be processed: the PDF reader stopped (more than {cpu} s "
                                      f"of processing or {memory_mb} MB of memory, or a crash).") from None
    answer = json.loads(raw)
    if "rejected" in answer:
        raise pdf.PdfRejected(answer["rejected"])
    if "error" in answer:
        raise pdf.PdfRejected(f"{what} could not be processed ({answer['error']}).")
    if "limit" in answer:
        limit = f"{cpu} s of processing time" if answer["limit"] == "cpu" else f"{memory_mb} MB of memory"
        raise pdf.PdfRejected(f"{what} needed more than {limit}; it cannot be used.")
    return _decode(answer["result"])


def _ask(header: bytes, data: bytes, wall: int) -> bytes:
    """One request to one child: its answer's raw JSON. The child is killed when the wall clock runs out."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(wall)
        conn.connect(_server_address())
        pid = None
        try:
            (pid,) = struct.unpack("!I", _read_exactly(conn, 4))
            conn.sendall(struct.pack("!I", len(header)) + header + struct.pack("!Q", len(data)))
            conn.sendall(data)
            (size,) = struct.unpack("!Q", _read_exactly(conn, 8))
            return _read_exactly(conn, size)
        except TimeoutError:
            if pid:
                _kill(pid)
            raise


def _read_exactly(conn: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = conn.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# --- the server: one per web or worker process, started on first use -------------------------------
# Children fork from a small server that has MuPDF loaded already (a few ms per file instead of
# the 0.5 s an interpreter needs to import it) and runs no threads, so forking it is safe, unlike
# forking a threaded web process. It exits when its parent does (its stdin closes).

_lock = threading.Lock()
_server: dict = {}


def _server_address() -> str:
    with _lock:
        proc = _server.get("proc")
        if proc is None or proc.poll() is not None or _server.get("pid") != os.getpid():
            directory = tempfile.mkdtemp(prefix="twomatch-pdf-")
            path = os.path.join(directory, "socket")
            proc = subprocess.Popen(
                [sys.executable, "-m", "dataentry.pdf_sandbox", path], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
            )
            if proc.stdout.readline() != b"ready\n":
                proc.kill()
                raise RuntimeError("the PDF sandbox server did not start")
            _server.update(proc=proc, pid=os.getpid(), path=path)
        return _server["path"]


def _serve(path: str) -> None:
    import django.conf  # noqa: F401 - loaded once here, not in every child
    import PIL.Image  # noqa: F401
    import pymupdf  # noqa: F401

    import dataentry.pdf  # noqa: F401 - reads its settings only when called
    # numpy and Tesseract (page clean-up) are not preloaded: their mappings would count against
    # every child's address-space limit, and only `clean_pages` children need them.

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    sys.stdout.buffer.write(b"ready\n")
    sys.stdout.flush()
    watch = selectors.DefaultSelector()
    watch.register(listener, selectors.EVENT_READ)
    watch.register(sys.stdin.buffer, selectors.EVENT_READ)
    while True:
        for key, _ in watch.select():
            if key.fileobj is sys.stdin.buffer:
                if not os.read(sys.stdin.fileno(), 1024):  # the parent is gone
                    listener.close()
                    os.unlink(path)
                    os.rmdir(os.path.dirname(path))
                    return
                continue
            try:
                conn, _ = listener.accept()
            except OSError:  # the client gave up before we took its connection
                continue
            try:
                child = os.fork()
            except OSError:  # no process to spare now: this client sees the connection close and asks again
                conn.close()
                continue
            if child == 0:
                listener.close()
                try:
                    _child(conn)
                finally:
                    os._exit(0)
            conn.close()


def _call_kwargs(name: str, filename: str, kwargs: dict) -> dict:
    return {**kwargs, "filename": filename} if name in DATA_TAKERS else kwargs


def _last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


# --- values across the process boundary: JSON with bytes, tuples, paths and dataentry.pdf dataclasses --

def _encode(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__dataclass__": type(value).__name__,
                "fields": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, (bytes, bytearray)):
        return {"__bytes__": base64.b64encode(value).decode("ascii")}
    if isinstance(value, Path):
        return {"__path__": str(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


def _decode(value):
    from dataentry import pdf

    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__bytes__" in value:
        return base64.b64decode(value["__bytes__"])
    if "__path__" in value:
        return Path(value["__path__"])
    if "__tuple__" in value:
        return tuple(_decode(v) for v in value["__tuple__"])
    if "__dataclass__" in value:
        cls = getattr(pdf, value["__dataclass__"])
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == pdf.__name__):
            raise ValueError(f"unexpected type {value['__dataclass__']!r} from the PDF sandbox")
        return cls(**{k: _decode(v) for k, v in value["fields"].items()})
    return {k: _decode(v) for k, v in value.items()}


# --- the child ----------------------------------------------------------------------------------

class _CpuLimit(Exception):
    pass


def _on_cpu_limit(signum, frame):
    raise _CpuLimit


def _limit_self(cpu_seconds: int, memory_bytes: int) -> None:
    # SIGXCPU at the soft limit lets the child answer; the hard limit kills one stuck in C code.
    signal.signal(signal.SIGXCPU, _on_cpu_limit)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 2))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(conn: socket.socket) -> None:
    """Runs in the forked child: read the request, limit this process, then touch the file."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    conn.sendall(struct.pack("!I", os.getpid()))
    (size,) = struct.unpack("!I", _read_exactly(conn, 4))
    header = json.loads(_read_exactly(conn, size))
    (size,) = struct.unpack("!Q", _read_exactly(conn, 8))
    data = _read_exactly(conn, size)
    _limit_self(header["cpu"], header["memory"])
    from django.conf import settings

    settings.configure(**header["settings"])
    from dataentry import pdf

    name = header["name"]
    try:
        if name not in ALLOWED:
            raise ValueError(name)
        args = (data,) if name in DATA_TAKERS else ()
        result = getattr(pdf, name)(*args, **_call_kwargs(name, header["filename"], _decode(header["kwargs"])))
        answer = {"result": _encode(result)}
    except pdf.PdfRejected as exc:
        answer = {"rejected": str(exc)}
    except _CpuLimit:
        answer = {"limit": "cpu"}
    except MemoryError:
        answer = {"limit": "memory"}
    except Exception as exc:  # a fault of ours or of MuPDF's bindings: said, not a silent death
        answer = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    raw = json.dumps(answer).encode()
    conn.sendall(struct.pack("!Q", len(raw)) + raw)
    conn.close()


if __name__ == "__main__":
    _serve(sys.argv[1])
