"""``manage.py select_audits [--period YYYY-MM] [--share 0.02] [--seed N]``

Chooses the blind audits of a period (default: the previous and the current month, as the
daily beat task does). Idempotent: running it again only tops up to the target share.
"""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from learning import selectors, services


class Command(BaseCommand):
    help = "Select a random share of auto-accepted documents for blind audit."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="calendar month YYYY-MM (default: previous and current month)")
        parser.add_argument("--share", type=float, help="share of auto-accepted documents (default: the AUDIT_SHARE setting)")
        parser.add_argument("--seed", type=int, help="random seed (reproducible choice)")

    def handle(self, *args, **options):
        if options["period"]:
            labels = [options["period"]]
        else:
            current = selectors.period_label(timezone.now())
            labels = [selectors.previous_period(current), current]
        for label in labels:
            try:
                start, end = selectors.month_bounds(label)
                created = services.audit_select(start, end, share=options["share"], seed=options["seed"])
            except ValueError as exc:
                raise CommandError(str(exc)) from None
            counts = selectors.period_audit_counts(label)
            self.stdout.write(f"{label}: {len(created)} audit(s) selected now; "
                              f"open {counts['open']}, checking {counts['checking']}, done {counts['done']}")
