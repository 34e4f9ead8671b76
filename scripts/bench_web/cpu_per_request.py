"""CPU time, Python function calls and queries per request, per request kind of `make bench-web`.

The bench's p95 on two cores follows the CPU each request costs, but its figures move from run
to run on a shared machine. This measures the cost itself, in-process and one request at a time,
with Django's test client against PostgreSQL, and the settings production runs with (DEBUG off,
cached template loader, sessions from the Redis cache, page images by X-Accel-Redirect):

* CPU ms: `time.process_time()` around each request (this process only: Django, psycopg's client
  side; not PostgreSQL's server), mean per kind within a round, median over the rounds.
* calls: Python function calls per request (cProfile), counted in one extra round. Unlike CPU ms
  it does not move with the machine's load, so it shows a change even on a busy machine.
* queries per request, in the same extra round.
* PG ms: CPU time of the PostgreSQL backend serving the request (`/proc/<pid>/schedstat`, in ns), mean
  per kind within a round, median over the rounds: the database's share of a request, which
  `time.process_time()` does not see.

The requests are those of locustfile.py, in the same order: an operator claims, opens the keying
page and its page images (at most 2), autosaves three times (htmx) and submits; a reviewer claims,
opens the review page and one image, autosaves a decision and submits; a manager opens the
report overview, the queues and the documents list. "mix" weights each kind by its requests per
second in the bench (users 7:2:1; an operator's cycle waits 4 × 2 s, a reviewer's 3 × 2 s, a
manager waits 3.5 s per page, pages 3:2:1) and gives the CPU ms of an average request.

Setup, once (the database is cloned from the template at every run, so runs start equal):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/twomatch_cpu SECRET_KEY=... ALLOW_PLAIN_HTTP=1 \\
        TWOMATCH_EMBEDDED=0 MEDIA_ROOT=/tmp/twomatch-cpu/media MACHINE_KEYER=textlayer LOG_LEVEL=WARNING
    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE twomatch_cpu_seed'
    DATABASE_URL=${DATABASE_URL}_seed .venv/bin/python manage.py migrate
    DATABASE_URL=${DATABASE_URL}_seed .venv/bin/python scripts/bench_web/seed.py --documents 600 --reviews 250 \\
        --users 20 --out /tmp/twomatch-cpu/seed.json

Each run (REDIS_URL: a Redis database of its own; it is flushed):

    REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python scripts/bench_web/cpu_per_request.py \\
        --template twomatch_cpu_seed [--rounds 5] [--cycles 20] [--profile "GET keying page"]
"""
from __future__ import annotations

import sys
from pathlib import Path

# This folder holds profile.py, which would shadow the standard library's (cProfile imports it).
sys.path[0] = str(Path(__file__).resolve().parents[2])

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import time
from collections import defaultdict
from urllib.parse import urlencode, urlparse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("TWOMATCH_EMBEDDED", "0")
os.environ.setdefault("MEDIA_ACCEL_REDIRECT", "1")  # run.py's default: the proxy sends page images
os.environ.setdefault("LOG_LEVEL", "WARNING")

VERSION = re.compile(r'name="version" id="version" value="(\d+)"')
HX_TOKEN = re.compile(r"""hx-headers='\{"X-CSRFToken": "([^"]+)"\}'""")
PAGE_IMAGE = re.compile(r'/documents/\d+/pages/\d+\.png')
CHOICES = re.compile(r'name="c(\d+)-choice" value="(first|keep)"')
FIELDS = {"effective_date": "2025-04-01", "given_name": "太郎", "company": "ベンチ株式会社",
          "family_name_kana": "べんち", "given_name_kana": "たろう", "new_post": "営業部長", "old_post": "営業部次長"}

KINDS = ["POST keying/next (claim)", "GET keying page", "GET page image", "POST keying autosave (htmx)",
         "POST keying submit", "POST review/next (claim)", "GET review page", "POST review autosave (htmx)",
         "POST review submit", "GET reports overview", "GET queues", "GET documents"]


def reset_database(template: str) -> None:
    """The run's database afresh from the seeded template (claims and submits used it up)."""
    import psycopg

    url = urlparse(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    server = url._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def backend_cpu(pid: int) -> float | None:
    """Seconds on the CPU of a (local) PostgreSQL backend process so far."""
    try:
        return int(open(f"/proc/{pid}/schedstat").read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


class Meter:
    """Runs requests through the test client and books their cost under their kind."""

    def __init__(self):
        self.cpu = defaultdict(list)      # kind -> CPU seconds of each request
        self.pg = defaultdict(list)       # kind -> CPU seconds of PostgreSQL's backend for each request
        self.calls = defaultdict(list)    # kind -> function calls of each request (profiled rounds)
        self.queries = defaultdict(list)  # kind -> queries of each request (profiled rounds)
        self.profiled = False
        self.keep_profile: dict[str, pstats.Stats] = {}
        self.show = ""
        self.last_queries: dict[str, list[str]] = {}

    def __call__(self, kind: str, send, *args, **kwargs):
        if not self.profiled:
            from django.db import connection

            connection.ensure_connection()
            backend = connection.connection.info.backend_pid
            pg_before = backend_cpu(backend)
            started = time.process_time()
            response = send(*args, **kwargs)
            self.cpu[kind].append(time.process_time() - started)
            pg_after = backend_cpu(backend)
            if pg_before is not None and pg_after is not None:  # None: the connection was renewed
                self.pg[kind].append(pg_after - pg_before)
        else:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            profile = cProfile.Profile(time.process_time)  # CPU, not waiting for PostgreSQL
            with CaptureQueriesContext(connection) as captured:
                profile.enable()
                response = send(*args, **kwargs)
                profile.disable()
            stats = pstats.Stats(profile)
            self.calls[kind].append(stats.total_calls)
            if self.show and self.show in kind:
                if kind in self.keep_profile:
                    self.keep_profile[kind].add(stats)
                else:
                    self.keep_profile[kind] = stats
            self.queries[kind].append(len(captured.captured_queries))
            if self.show and self.show in kind:
                self.last_queries[kind] = [q["sql"] for q in captured.captured_queries]
        assert response.status_code in (200, 302), (kind, response.status_code, response.content[:300])
        return response


def client_for(user):
    from django.test import Client

    class FormClient(Client):
        """Posts forms url-encoded, as browsers, htmx and locust do (the test client's default is multipart)."""

        def post(self, path, data=None, **extra):
            return super().post(path, urlencode(data or {}), content_type="application/x-www-form-urlencoded", **extra)

    client = FormClient(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/")  # the CSRF cookie, as locust's first request
    return client


def token_of(client) -> str:
    return client.cookies["csrftoken"].value


def operator_cycle(meter: Meter, client, marker: str) -> None:
    headers = {"HTTP_X_CSRFTOKEN": token_of(client)}
    claim = meter("POST keying/next (claim)", client.post, "/keying/next/", **headers)
    url = claim["Location"]
    assert re.search(r"/keying/\d+/$", url), url
    page = meter("GET keying page", client.get, url)
    text = page.content.decode()
    version = int(VERSION.search(text).group(1))
    headers = {"HTTP_X_CSRFTOKEN": HX_TOKEN.search(text).group(1)}
    for image in sorted(set(PAGE_IMAGE.findall(text)))[:2]:
        meter("GET page image", client.get, image)

    def form(n, action, **extra):
        return {"rows": "1", "version": str(version), "action": action, "active_seconds": "20", "wall_seconds": "25",
                "r0-family_name": f"{marker}-{n}"[:50], **{f"r0-{k}": v for k, v in FIELDS.items()}, **extra}

    for n in range(3):
        saved = meter("POST keying autosave (htmx)", client.post, url, form(n, "save"), HTTP_HX_REQUEST="true",
                      **headers)
        version = int(VERSION.search(saved.content.decode()).group(1))
    submitted = meter("POST keying submit", client.post, url, form("final", "submit", then="stop"), **headers)
    assert submitted.status_code == 302 and "/keying/" in submitted["Location"], submitted


def reviewer_cycle(meter: Meter, client) -> None:
    headers = {"HTTP_X_CSRFTOKEN": token_of(client)}
    claim = meter("POST review/next (claim)", client.post, "/review/next/", **headers)
    url = claim["Location"]
    assert re.search(r"/review/\d+/$", url), url
    page = meter("GET review page", client.get, url)
    text = page.content.decode()
    version = int(VERSION.search(text).group(1))
    headers = {"HTTP_X_CSRFTOKEN": HX_TOKEN.search(text).group(1)}
    for image in sorted(set(PAGE_IMAGE.findall(text)))[:1]:
        meter("GET page image", client.get, image)
    decisions = {}
    for index, choice in CHOICES.findall(text):
        decisions.setdefault(f"c{index}-choice", choice)
    saved = meter("POST review autosave (htmx)", client.post, url, {"version": version, "action": "save", **decisions},
                  HTTP_HX_REQUEST="true", **headers)
    version = int(VERSION.search(saved.content.decode()).group(1))
    submitted = meter("POST review submit", client.post, url,
                      {"version": version, "action": "submit", "then": "stop", **decisions}, **headers)
    assert submitted.status_code == 302 and "/review/" in submitted["Location"], submitted


def manager_cycle(meter: Meter, client) -> None:
    for _ in range(3):
        meter("GET reports overview", client.get, "/reports/")
    for _ in range(2):
        meter("GET queues", client.get, "/queues/")
    meter("GET documents", client.get, "/documents/")


def mix_rates(per_cycle: dict[str, float]) -> dict[str, float]:
    """Requests per second of each kind for 10 bench users (7 operators, 2 reviewers, 1 manager)."""
    operator_cycles, reviewer_cycles, manager_pages = 7 / 8.0, 2 / 6.0, 1 / 3.5
    rates = {}
    for kind, count in per_cycle.items():
        if kind.startswith(("POST keying", "GET keying")) or kind == "image (keying)":
            rates[kind] = operator_cycles * count
        elif "review" in kind and "reports" not in kind or kind == "image (review)":
            rates[kind] = reviewer_cycles * count
    rates["GET page image"] = rates.pop("image (keying)", 0) + rates.pop("image (review)", 0)
    rates.update({"GET reports overview": manager_pages * 3 / 6, "GET queues": manager_pages * 2 / 6,
                  "GET documents": manager_pages * 1 / 6})
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--template", required=True, help="seeded database to clone into DATABASE_URL's database")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (the CPU ms is their median)")
    parser.add_argument("--cycles", type=int, default=20, help="operator, reviewer and manager cycles per round")
    parser.add_argument("--profile", default="", help="print the cProfile of the kinds containing this text")
    parser.add_argument("--sort", default="tottime", help="cProfile sort key for --profile")
    parser.add_argument("--queries", action="store_true", help="with --profile: print the SQL of the last such request")
    parser.add_argument("--dump", default="", help="with --profile: write the profile (pstats) to this file too")
    args = parser.parse_args()

    reset_database(args.template)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.cache import cache

    assert not settings.DEBUG, "measure with DEBUG off, as production runs"
    import reports.selectors

    # The report is rebuilt once a minute by one request (cached_report_for); here it is kept for the
    # whole run, so that a rebuild does not land in one round and not in another.
    reports.selectors.REPORT_CACHE_SECONDS = 3600
    cache.clear()  # the run's own Redis database (REDIS_URL)

    operators = list(User.objects.filter(username__startswith="bench-operator").order_by("pk")[:4])
    reviewers = list(User.objects.filter(username__startswith="bench-reviewer").order_by("pk")[:2])
    manager = User.objects.filter(username__startswith="bench-manager").order_by("pk").first()
    op_clients = [client_for(u) for u in operators]
    rev_clients = [client_for(u) for u in reviewers]
    mgr_client = client_for(manager)

    meter = Meter()
    meter.show = args.profile
    images = {"keying": 0, "review": 0}

    def one_round(cycles: int, count_images: bool = False) -> None:
        for i in range(cycles):
            before = len(meter.cpu["GET page image"]) + len(meter.calls["GET page image"])
            operator_cycle(meter, op_clients[i % len(op_clients)], f"cpu-{i}")
            middle = len(meter.cpu["GET page image"]) + len(meter.calls["GET page image"])
            reviewer_cycle(meter, rev_clients[i % len(rev_clients)])
            after = len(meter.cpu["GET page image"]) + len(meter.calls["GET page image"])
            if count_images:
                images["keying"] += middle - before
                images["review"] += after - middle
            if i % 3 == 0:
                manager_cycle(meter, mgr_client)

    one_round(5)  # warm-up: imports, template compilation, the report cache
    meter.cpu.clear()
    meter.pg.clear()
    per_round: dict[str, list[float]] = defaultdict(list)
    pg_round: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        meter.cpu.clear()
        meter.pg.clear()
        one_round(args.cycles, count_images=True)
        for kind, seconds in meter.cpu.items():
            per_round[kind].append(statistics.mean(seconds) * 1000)
        for kind, seconds in meter.pg.items():
            pg_round[kind].append(statistics.mean(seconds) * 1000)
    meter.profiled = True
    one_round(args.cycles)

    cycles = args.rounds * args.cycles
    per_cycle = {"POST keying/next (claim)": 1, "GET keying page": 1, "POST keying autosave (htmx)": 3,
                 "POST keying submit": 1, "POST review/next (claim)": 1, "GET review page": 1,
                 "POST review autosave (htmx)": 1, "POST review submit": 1,
                 "image (keying)": images["keying"] / cycles, "image (review)": images["review"] / cycles}
    rates = mix_rates(per_cycle)
    total_rate = sum(rates.values())
    print(f"{args.rounds} rounds x {args.cycles} cycles; CPU ms = median over rounds of the mean per request")
    print(f"{'request kind':30} {'CPU ms':>7} {'spread':>11} {'calls':>7} {'queries':>7} {'PG ms':>6} {'mix %':>6}")
    weighted_ms = weighted_calls = weighted_pg = 0.0
    for kind in KINDS:
        ms = statistics.median(per_round[kind])
        pg_ms = statistics.median(pg_round[kind]) if pg_round[kind] else float("nan")
        calls = statistics.median(meter.calls[kind])
        queries = statistics.median(meter.queries[kind])
        share = rates[kind] / total_rate
        weighted_ms += share * ms
        weighted_pg += share * pg_ms
        weighted_calls += share * calls
        print(f"{kind:30} {ms:7.2f} {min(per_round[kind]):5.2f}-{max(per_round[kind]):5.2f} {calls:7.0f} "
              f"{queries:7.0f} {pg_ms:6.2f} {share * 100:6.1f}")
    print(f"{'mix-weighted per request':30} {weighted_ms:7.2f} {'':11} {weighted_calls:7.0f} {'':7} {weighted_pg:6.2f}")
    for kind, profile in meter.keep_profile.items():
        out = io.StringIO()
        profile.stream = out
        profile.sort_stats(args.sort).print_stats(45)
        print(f"\n=== {kind}: {len(meter.calls[kind])} requests ===\n{out.getvalue()}")
        if args.dump:
            profile.dump_stats(args.dump if len(meter.keep_profile) == 1 else f"{args.dump}.{KINDS.index(kind)}")
        if args.queries:
            print("\n".join(sql[:300] for sql in meter.last_queries[kind]))


if __name__ == "__main__":
    main()
