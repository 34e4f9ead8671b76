from django.core.management.base import BaseCommand

from dataentry.sweeper import sweep


class Command(BaseCommand):
    help = "Re-enqueue documents stuck in rendering or machine keying (also runs from Celery beat)."

    def handle(self, *args, **options):
        self.stdout.write(f"{sweep()} document(s) re-enqueued or failed over")
