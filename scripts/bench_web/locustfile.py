"""Locust users for `make bench-web` (run.py starts the app and calls locust --headless).

Operators claim the next document, open the keying page and its page image, autosave their typing
a few times (htmx POST with X-CSRFToken, as the page does) and submit. Reviewers claim a conflict,
open it, autosave a decision and submit. Managers open the report, queue and document pages.
Every acknowledged autosave is written to BENCH_DRAFTS_OUT when the run stops, so run.py can check
that every draft is still in the database afterwards.

Every simulated user has an account of its own (seed.py makes as many as the largest step needs):
two simulated users of one account would be handed the same document and refuse each other's
saves, which is what the 409s, 302s and 403s of the first 250-user run were (issue 16). With
BENCH_SHARE_ACCOUNTS=1 they share the seeded accounts round-robin again, to show that.

Environment: BENCH_SEED (seed.json from seed.py), BENCH_DRAFTS_OUT (where to write the drafts),
BENCH_REQUESTS_OUT (one CSV line per request: time, name, ms, ok, status, for the p95 curve),
BENCH_STEPS ("users:seconds,..." : one run that adds users step by step, so each login happens
once), BENCH_SPAWN_RATE, BENCH_MANAGER_PAGES (default reports,queues,documents).
"""
from __future__ import annotations

import csv
import itertools
import json
import os
import re
import time

from http.cookiejar import Cookie
from urllib.parse import urlparse

from locust import FastHttpUser, LoadTestShape, between, events, task

SEED = json.loads(open(os.environ["BENCH_SEED"]).read())
PASSWORD = SEED["password"]
_counters = {role: itertools.count() for role in ("operator", "reviewer", "manager")}
SHARE_ACCOUNTS = os.environ.get("BENCH_SHARE_ACCOUNTS") == "1"
REQUESTS: list[tuple] = []  # (unix time at the end, name, ms, ok, status)
# entry id -> {"version": acknowledged version, "marker": the family_name of that save, "submitted": bool}
DRAFTS: dict[int, dict] = {}

FIELDS = ("effective_date", "family_name", "given_name", "company", "family_name_kana", "given_name_kana",
          "new_post", "old_post")
VERSION = re.compile(r'name="version" id="version" value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HX_TOKEN = re.compile(r"""hx-headers='\{"X-CSRFToken": "([^"]+)"\}'""")
PAGE_IMAGE = re.compile(r'/documents/\d+/pages/\d+\.png')
CHOICES = re.compile(r'name="c(\d+)-choice" value="(first|keep)"')


class Staff(FastHttpUser):
    """A browser. FastHttpUser (geventhttpclient), not HttpUser (requests): the load generator shares the
    two cores with the app, and requests cost it about four times the CPU per request."""
    abstract = True
    role = ""

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.client.cookiejar if c.name == name), "")

    def set_cookie(self, name: str, value: str) -> None:
        host = urlparse(self.host).hostname
        self.client.cookiejar.set_cookie(Cookie(0, name, value, None, False, host, False, False, "/", True, False,
                                                None, False, None, None, {}))

    def on_start(self) -> None:
        names = SEED["users"][self.role]
        n = next(_counters[self.role])
        if SHARE_ACCOUNTS:
            names = names[:SEED["shared"][self.role]]
        elif n >= len(names):
            raise SystemExit(f"seed.json has {len(names)} {self.role} accounts; this step needs more")
        self.username = names[n % len(names)]
        if os.environ.get("BENCH_LOGIN") != "1":
            # The session seed.py made for the account: the users logged in before the measurement.
            self.set_cookie("sessionid", SEED["sessions"][self.username])
            self.get_page("/", name="GET login")  # sets the CSRF cookie
            self.token = self.cookie("csrftoken")
            return
        page = self.client.get("/accounts/login/", name="GET login")
        token = CSRF.search(page.text).group(1)
        with self.client.post("/accounts/login/", {"username": self.username, "password": PASSWORD,
                                                    "csrfmiddlewaretoken": token},
                              name="POST login", allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"login refused: {response.status_code}")
        self.token = self.cookie("csrftoken")

    def get_page(self, url: str, name: str):
        """A page, tried again after Retry-After while the server sheds it (503), as the busy page does."""
        for _ in range(8):
            page = self.client.get(url, name=name)
            if page.status_code != 503:
                return page
            time.sleep(float(page.headers.get("Retry-After", "2")))
        return page

    def post(self, url: str, data: dict, name: str, **kwargs):
        headers = {"X-CSRFToken": self.token, "Referer": self.host + url}
        headers.update(kwargs.pop("headers", {}))
        return self.client.post(url, data, headers=headers, name=name, allow_redirects=False, **kwargs)


class Operator(Staff):
    role = "operator"
    weight = 7
    wait_time = between(1, 3)

    @task
    def key_one_document(self) -> None:
        with self.post("/keying/next/", {}, "POST keying/next (claim)", catch_response=True) as claim:
            match = re.search(r"/keying/(\d+)/$", claim.headers.get("Location", ""))
            if not match and claim.status_code == 302:
                # An empty queue makes a cheap request and an idle user: the step no longer measures the
                # load it names. run.py says so (seed more --documents).
                claim.failure("queue empty")
        if not match:
            self.wait()
            return
        entry = int(match.group(1))
        url = f"/keying/{entry}/"
        page = self.get_page(url, name="GET keying page")
        if page.status_code != 200:
            return
        version = int(VERSION.search(page.text).group(1))
        self.token = HX_TOKEN.search(page.text).group(1)
        for image in sorted(set(PAGE_IMAGE.findall(page.text)))[:2]:
            self.client.get(image, name="GET page image")
        for n in range(3):
            self.wait()
            marker = f"{self.username}-{entry}-{n}"
            for _ in range(8):  # retry.js: a shed save is sent again after Retry-After
                with self.post(url, self.form(marker, version, "save"), "POST keying autosave (htmx)",
                               headers={"HX-Request": "true"}, catch_response=True) as saved:
                    shed = saved.status_code == 503
                    found = VERSION.search(saved.text or "")
                    if shed:
                        saved.failure("shed: 503")
                    elif saved.status_code != 200 or not found:
                        saved.failure(f"autosave failed: {saved.status_code} {saved.headers.get('Location', '')}")
                        return
                    else:
                        version = int(found.group(1))
                        DRAFTS[entry] = {"version": version, "marker": marker, "submitted": False}
                if not shed:
                    break
                time.sleep(float(saved.headers.get("Retry-After", "2")))
            else:
                return
        marker = f"{self.username}-{entry}-final"
        with self.post(url, self.form(marker, version, "submit", then="stop"), "POST keying submit",
                       catch_response=True) as submitted:
            if submitted.status_code != 302 or "/keying/" not in submitted.headers.get("Location", "x/keying/"):
                submitted.failure(f"submit failed: {submitted.status_code}")
                return
            DRAFTS[entry] = {"version": version + 2, "marker": marker, "submitted": True}

    @staticmethod
    def form(marker: str, version: int, action: str, **extra: str) -> dict:
        data = {"rows": "1", "version": str(version), "action": action, "active_seconds": "20", "wall_seconds": "25",
                **extra}
        values = {"effective_date": "2025-04-01", "family_name": marker[:50], "given_name": "太郎",
                  "company": "ベンチ株式会社", "family_name_kana": "べんち", "given_name_kana": "たろう",
                  "new_post": "営業部長", "old_post": "営業部次長"}
        data.update({f"r0-{key}": values[key] for key in FIELDS})
        return data


class Reviewer(Staff):
    role = "reviewer"
    weight = 2
    wait_time = between(1, 3)

    @task
    def resolve_one_conflict(self) -> None:
        with self.post("/review/next/", {}, "POST review/next (claim)", catch_response=True) as claim:
            match = re.search(r"/review/(\d+)/$", claim.headers.get("Location", ""))
            if not match and claim.status_code == 302:
                claim.failure("queue empty")
        if not match:
            self.wait()
            return
        url = f"/review/{match.group(1)}/"
        page = self.get_page(url, name="GET review page")
        if page.status_code != 200:
            return
        version = int(VERSION.search(page.text).group(1))
        self.token = HX_TOKEN.search(page.text).group(1)
        for image in sorted(set(PAGE_IMAGE.findall(page.text)))[:1]:
            self.client.get(image, name="GET page image")
        decisions = {}
        for index, choice in CHOICES.findall(page.text):
            decisions.setdefault(f"c{index}-choice", choice)
        self.wait()
        saved = self.post(url, {"version": version, "action": "save", **decisions}, "POST review autosave (htmx)",
                          headers={"HX-Request": "true"})
        found = VERSION.search(saved.text or "")
        if saved.status_code == 200 and found:
            version = int(found.group(1))
        self.wait()
        self.post(url, {"version": version, "action": "submit", "then": "stop", **decisions}, "POST review submit")


MANAGER_PAGES = set(os.environ.get("BENCH_MANAGER_PAGES", "reports,queues,documents").split(","))


class Manager(Staff):
    role = "manager"
    weight = 1
    wait_time = between(2, 5)

    @task(3)
    def reports(self) -> None:
        if "reports" in MANAGER_PAGES:  # run.py --manager-pages queues,documents leaves the reports out
            self.client.get("/reports/", name="GET reports overview")

    @task(2)
    def queues(self) -> None:
        self.client.get("/queues/", name="GET queues")

    @task(1)
    def documents(self) -> None:
        self.client.get("/documents/", name="GET documents")


@events.test_start.add_listener
def mark_start(environment, **_kwargs) -> None:
    REQUESTS.append((time.time(), "#start", 0, True, 0))


@events.request.add_listener
def log_request(name, response_time, exception, response=None, **_kwargs) -> None:
    REQUESTS.append((time.time(), name, response_time, exception is None, getattr(response, "status_code", 0)))


def _steps() -> list[tuple[int, int]]:
    spec = os.environ.get("BENCH_STEPS", "")
    return [(int(u), int(s)) for u, s in (step.split(":") for step in spec.split(",") if step)]


if _steps():
    class Steps(LoadTestShape):
        """Hold each user count for its seconds; users are only added, so each logs in once."""

        def tick(self):
            elapsed, spawn_rate = self.get_run_time(), float(os.environ.get("BENCH_SPAWN_RATE", "5"))
            for users, seconds in _steps():
                if elapsed < seconds:
                    return users, spawn_rate
                elapsed -= seconds
            return None


@events.quitting.add_listener
def write_drafts(environment, **_kwargs) -> None:
    out = os.environ.get("BENCH_DRAFTS_OUT")
    if out:
        with open(out, "w") as f:
            json.dump(DRAFTS, f)
    out = os.environ.get("BENCH_REQUESTS_OUT")
    if out:
        with open(out, "w", newline="") as f:
            csv.writer(f).writerows(REQUESTS)
