"""Seed a bench database: users, rendered documents waiting for keying, and open reviews.

Run by run.py with DATABASE_URL pointing at the bench database and no REDIS_URL (tasks run
in-process). A few generated announcements are uploaded for real (rendered, machine-keyed by the
text-layer keyer); the rest of the queue are copies of those rows that share the page images, so
seeding thousands of documents takes seconds, not an hour of rendering.

    python scripts/bench_web/seed.py --documents 1500 --reviews 300 --out var/bench/seed.json
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

# run.py --baseline seeds an older checkout with this script: BENCH_APP_DIR names its tree.
REPO = Path(os.environ.get("BENCH_APP_DIR") or Path(__file__).resolve().parents[2])
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

PASSWORD = "bench-pass-123"
# The account counts of the first runs, which the simulated users shared (BENCH_SHARE_ACCOUNTS=1).
SHARED = {"operator": 60, "reviewer": 20, "manager": 5}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1500, help="documents waiting for keying")
    parser.add_argument("--reviews", type=int, default=300, help="documents waiting for review")
    parser.add_argument("--users", type=int, default=250, help="the most simulated users: one account each")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.db import connection, transaction

    from dataentry import services
    from dataentry.doctypes import ensure_builtin
    from dataentry.models import Document, DocumentType, Entry, Page
    from samplegen import LAYOUTS, build_samples

    ensure_builtin()
    groups = {name: Group.objects.get(name=name) for name in ("operator", "reviewer", "manager")}
    users = {"operator": [], "reviewer": [], "manager": []}
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    sessions = {}
    hashed = make_password(PASSWORD)  # once: PBKDF2 for each of hundreds of accounts would take minutes
    # locust's weights are 7:2:1; a few spare accounts for its rounding.
    for role, share in (("operator", 0.7), ("reviewer", 0.2), ("manager", 0.1)):
        count = max(SHARED[role], int(args.users * share) + 5)
        made = User.objects.bulk_create([User(username=f"bench-{role}-{i}", password=hashed) for i in range(count)])
        User.groups.through.objects.bulk_create([User.groups.through(user_id=u.pk, group_id=groups[role].pk)
                                                 for u in made])
        users[role] = [u.username for u in made]
        # A session per account, as after the morning's login: PBKDF2 logins (~0.6 s of CPU each)
        # would otherwise swamp two cores whenever a step adds users. (BENCH_LOGIN=1 logs in.)
        # The backend a login stores (the first that is not the throttle's), also in older checkouts.
        login_backend = next(b for b in settings.AUTHENTICATION_BACKENDS if not b.startswith("axes."))
        for user in made:
            store = SessionStore()
            store.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: login_backend,
                          HASH_SESSION_KEY: user.get_session_auth_hash()})
            store.create()
            sessions[user.username] = store.session_key
    seeder = User.objects.create_user("bench-seeder", password=PASSWORD)
    seeder.groups.add(groups["operator"])

    doc_type = DocumentType.objects.get(slug="personnel_change")
    samples = build_samples(args.out.parent / "samples", seed=5, count=8, forms=LAYOUTS)
    originals = [services.document_upload(data=p.read_bytes(), filename=p.name, document_type=doc_type)
                 for p in samples]
    originals = [d for d in Document.objects.filter(pk__in=[d.pk for d in originals],
                                                    machine_state=Document.MachineState.DONE)]
    assert originals, "the text-layer keyer keyed none of the generated samples"

    def clone(source: Document, index: int) -> Document:
        doc = Document.objects.create(
            document_type=doc_type, sha256=f"bench{index:059d}", original=source.original.name,
            filename=f"bench-{index}.pdf", size_bytes=source.size_bytes, page_count=source.page_count,
            status=Document.Status.KEYING, machine_state=Document.MachineState.DONE,
        )
        Page.objects.bulk_create([Page(document=doc, number=p.number, image=p.image.name, width=p.width,
                                       height=p.height, text=p.text, **page_extra(p))
                                  for p in source.pages.all()])
        machine = source.entries.get(source=Entry.Source.MACHINE)
        Entry.objects.create(document=doc, source=Entry.Source.MACHINE, state=Entry.State.SUBMITTED,
                             records=machine.records, keyer=machine.keyer, submitted_at=machine.submitted_at)
        return doc

    # Columns of today's Page that older code (run.py --baseline) does not have yet.
    page_fields = {f.name for f in Page._meta.get_fields()}

    def page_extra(page) -> dict:
        return {name: getattr(page, name) for name in ("body_points",) if name in page_fields}

    with transaction.atomic():
        for i in range(args.documents + args.reviews):
            clone(originals[i % len(originals)], i)
    # Open reviews: a seeding operator keys documents slightly differently from the machine.
    for _ in range(args.reviews):
        entry = services.keying_claim_next(operator=seeder)
        records = [dict(r) for r in entry.document.entries.get(source=Entry.Source.MACHINE).records]
        records[0]["new_post"] = records[0]["new_post"] + "（兼務）"
        services.entry_submit(entry_id=entry.pk, operator=seeder, records=records, version=entry.version)
    if connection.vendor == "postgresql":
        # A production database has its statistics; a freshly seeded one has none until autovacuum
        # comes by (up to a minute, into the first step), and the planner then sorts the whole queue
        # for each claim (4.4 against 2.1 ms of PostgreSQL's CPU per claim, cpu_per_request.py).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    args.out.write_text(json.dumps({"password": PASSWORD, "users": users, "shared": SHARED, "sessions": sessions}, indent=1))
    print(f"seeded {Document.objects.count()} documents, "
          f"{Document.objects.filter(status=Document.Status.IN_REVIEW).count()} in review")


if __name__ == "__main__":
    main()
