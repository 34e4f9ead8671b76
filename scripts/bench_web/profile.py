"""Where a request spends its time: queries and a pyinstrument profile per endpoint, in-process.

Run against a database kept by `run.py --keep` (one request at a time, so the figures are the
cost of the request itself, not of queueing behind others):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/twomatch_bench_NNN MEDIA_ROOT=/tmp/twomatch-bench-XXX/media \\
        .venv/bin/python scripts/bench_web/profile.py [--show "POST keying autosave"] [--repeat 20]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--show", default="", help="print the pyinstrument tree of endpoints containing this text")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    operator = User.objects.filter(username__startswith="bench-operator").order_by("?").first()
    reviewer = User.objects.filter(username__startswith="bench-reviewer").order_by("?").first()
    manager = User.objects.filter(username__startswith="bench-manager").first()
    op, rev, mgr = Client(), Client(), Client()
    op.force_login(operator)
    rev.force_login(reviewer)
    mgr.force_login(manager)

    state: dict = {}

    def claim():
        response = op.post("/keying/next/")
        state["entry"] = re.search(r"/keying/(\d+)/", response["Location"]).group(1)
        return response

    def keying_page():
        response = op.get(f"/keying/{state['entry']}/")
        state["version"] = int(re.search(r'name="version" id="version" value="(\d+)"', response.content.decode()).group(1))
        state["image"] = re.search(r"/documents/\d+/pages/\d+\.png", response.content.decode()).group(0)
        return response

    def autosave():
        data = {"rows": "1", "version": state["version"], "action": "save", "r0-family_name": f"佐藤{time.time()}"}
        response = op.post(f"/keying/{state['entry']}/", data, HTTP_HX_REQUEST="true")
        state["version"] += 1
        return response

    def review_claim():
        response = rev.post("/review/next/")
        state["task"] = re.search(r"/review/(\d+)/", response["Location"]).group(1)
        return response

    endpoints = [
        ("POST keying/next (claim)", claim),
        ("GET keying page", keying_page),
        ("GET page image", lambda: op.get(state["image"])),
        ("POST keying autosave (htmx)", autosave),
        ("POST review/next (claim)", review_claim),
        ("GET review page", lambda: rev.get(f"/review/{state['task']}/")),
        ("GET reports overview", lambda: mgr.get("/reports/")),
        ("GET queues", lambda: mgr.get("/queues/")),
        ("GET documents", lambda: mgr.get("/documents/")),
    ]
    print(f"{'endpoint':32} {'median ms':>9} {'max ms':>7} {'queries':>7}")
    for name, call in endpoints:
        times, queries = [], 0
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = call()
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code in (200, 302), (name, response.status_code)
            queries = len(captured.captured_queries)
        print(f"{name:32} {statistics.median(times):9.1f} {max(times):7.1f} {queries:7d}")
        if args.show and args.show in name:
            profiler = Profiler(interval=0.0005)
            profiler.start()
            for _ in range(args.repeat):
                call()
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        reset_queries()


if __name__ == "__main__":
    main()
