"""`make bench-web`: load-test the web app on PostgreSQL behind gunicorn with locust (headless).

1. creates a throw-away database `twomatch_bench_<pid>` on DATABASE_URL's server (default
   postgres://postgres@127.0.0.1:5432), migrates and seeds it (seed.py);
2. starts a private redis-server (cache and login throttle, as in production) and gunicorn
   on a free 127.0.0.1 port;
3. runs locust at each user count (default 10 then 50) for a bounded time and prints requests/s,
   p50/p95/p99 per endpoint and the error count;
4. checks that every autosaved draft and every submit locust saw acknowledged is in the database;
5. stops everything and drops the database (--keep keeps it and prints its URL).

Exit status 1 when a request failed or a draft is missing. The p95 target (100 ms for keying,
review and autosave requests at 50 users) is reported, not enforced: shared machines are noisy.

    .venv/bin/python scripts/bench_web/run.py [--users 10,50] [--duration 60] [--workers 4 --threads 4]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PY = sys.executable
TARGET_MS = 100
TARGETED = ("keying", "review", "autosave")  # endpoint names the 100 ms target applies to

CHECK_DRAFTS = """
import json, sys
import django
django.setup()
from dataentry.models import Entry
drafts = json.load(open(sys.argv[1]))
problems = []
for entry_id, seen in drafts.items():
    entry = Entry.objects.filter(pk=int(entry_id)).first()
    if entry is None:
        problems.append(f"entry {entry_id}: missing")
        continue
    stored = (entry.records or [{}])[0].get("family_name", "")
    if seen["submitted"]:
        if entry.state != "submitted" or stored != seen["marker"][:50]:
            problems.append(f"entry {entry_id}: submit acknowledged but stored {entry.state} {stored!r}")
    elif entry.version < seen["version"] or (entry.version == seen["version"] and stored != seen["marker"][:50]):
        problems.append(f"entry {entry_id}: draft v{seen['version']} {seen['marker']!r} acknowledged, stored v{entry.version} {stored!r}")
print(json.dumps({"checked": len(drafts), "problems": problems}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(server_url: str, sql: str) -> None:
    url = urlparse(server_url)
    subprocess.run(["psql", "-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres",
                    "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        mem_gb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))) / 1_048_576
    except (OSError, StopIteration):
        mem_gb = 0
    return f"{os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GB RAM, {platform.system()} {platform.release()}"


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the app did not answer at {url}")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def report(csv_path: Path, users: int, duration: int) -> tuple[int, list[str]]:
    rows = list(csv.DictReader(open(csv_path)))
    print(f"\n=== {users} users, {duration} s (figures from the end of spawning on: logins excluded) ===")
    print(f"{'endpoint':40} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    errors, missed = 0, []
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        p50, p95, p99 = (row.get(k, "0") for k in ("50%", "95%", "99%"))
        print(f"{name[:40]:40} {row['Request Count']:>8} {row['Failure Count']:>6} {float(row['Requests/s']):>7.1f} "
              f"{p50:>6} {p95:>6} {p99:>6}")
        if name == "ALL":
            errors = int(row["Failure Count"])
        elif any(word in name for word in TARGETED) and p95 not in ("N/A", "") and float(p95) > TARGET_MS:
            missed.append(f"{name}: p95 {p95} ms")
    failures = csv_path.with_name(csv_path.name.replace("_stats.csv", "_failures.csv"))
    if failures.exists():
        for row in csv.DictReader(open(failures)):
            print(f"  error x{row['Occurrences']}: {row['Method']} {row['Name']}: {row['Error'][:150]}")
    return errors, missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", default="10,50")
    parser.add_argument("--duration", type=int, default=60, help="seconds per user count")
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second (each logs in: "
                        "PBKDF2 costs ~0.5 s of CPU, so a login storm would swamp 2 cores)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--documents", type=int, default=1500)
    parser.add_argument("--reviews", type=int, default=300)
    parser.add_argument("--server", default=os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--keep", action="store_true", help="keep the database and files afterwards")
    parser.add_argument("--manager-pages", default="reports,queues,documents",
                        help="manager pages in the mix (leave out reports to see their share of the load)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="twomatch-bench-"))
    db_name = f"twomatch_bench_{os.getpid()}"
    database_url = f"{args.server.rstrip('/')}/{db_name}"
    base_env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    base_env.update({"DATABASE_URL": database_url, "MEDIA_ROOT": str(work / "media"), "DEBUG": "0",
                     "TWOMATCH_EMBEDDED": "0", "ALLOW_PLAIN_HTTP": "1", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
                     "LOG_LEVEL": "WARNING", "MACHINE_KEYER": "textlayer", "STATIC_ROOT": str(work / "static"),
                     "LOGIN_THROTTLE_ATTEMPTS": "1000"})
    redis = gunicorn = None
    failed = False
    print(f"machine: {machine()}; load average before the run: {os.getloadavg()[0]:.1f}")
    psql(args.server, f"CREATE DATABASE {db_name}")
    try:
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=base_env, check=True)
        started = time.monotonic()
        subprocess.run([PY, str(HERE / "seed.py"), "--documents", str(args.documents), "--reviews", str(args.reviews),
                        "--out", str(work / "seed.json")], cwd=REPO, env=base_env, check=True)
        print(f"seeded in {time.monotonic() - started:.0f} s")

        (work / "static").mkdir(exist_ok=True)  # WhiteNoise warns about a missing STATIC_ROOT otherwise
        web_env = dict(base_env)
        if shutil.which("redis-server"):
            redis_port = free_port()
            redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--daemonize", "no"], stdout=subprocess.DEVNULL)
            web_env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        port = free_port()
        gunicorn = subprocess.Popen(
            [PY, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-k", "gthread",
             "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "warning",
             # Longer than a user's pause between requests, as behind a reverse proxy: with gunicorn's
             # default 2 s a client can reuse a connection the server is closing (connection reset).
             "--keep-alive", "75"],
            cwd=REPO, env=web_env,
        )
        host = f"http://127.0.0.1:{port}"
        wait_http(f"{host}/accounts/login/")
        print(f"gunicorn: {args.workers} workers x {args.threads} threads (gthread) on {host}")

        for users in (int(u) for u in args.users.split(",")):
            prefix = work / f"locust-{users}"
            drafts = work / f"drafts-{users}.json"
            locust_env = dict(base_env, BENCH_SEED=str(work / "seed.json"), BENCH_DRAFTS_OUT=str(drafts),
                              BENCH_MANAGER_PAGES=args.manager_pages)
            subprocess.run([PY, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless", "--host", host,
                            "-u", str(users), "-r", str(args.spawn_rate), "-t", f"{args.duration}s", "--reset-stats",
                            "--csv", str(prefix), "--only-summary", "--stop-timeout", "30", "--loglevel", "ERROR"],
                           cwd=REPO, env=locust_env, check=False, stdout=subprocess.DEVNULL,
                           stderr=open(work / f"locust-{users}.log", "w"))
            errors, missed = report(Path(f"{prefix}_stats.csv"), users, args.duration)
            check = subprocess.run([PY, "-c", CHECK_DRAFTS, str(drafts)], cwd=REPO, env=dict(base_env, PYTHONPATH=str(REPO),
                                   DJANGO_SETTINGS_MODULE="config.settings"), capture_output=True, text=True, check=True)
            drafts_result = json.loads(check.stdout.strip().splitlines()[-1])
            print(f"errors: {errors}; drafts and submits checked: {drafts_result['checked']}, "
                  f"missing or wrong: {len(drafts_result['problems'])}")
            for problem in drafts_result["problems"][:10]:
                print("  " + problem)
            if missed:
                print(f"p95 above {TARGET_MS} ms: " + "; ".join(missed))
            failed |= errors > 0 or bool(drafts_result["problems"])
    finally:
        stop(gunicorn)
        stop(redis)
        if args.keep:
            print(f"kept: {database_url} and {work}")
        else:
            psql(args.server, f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
