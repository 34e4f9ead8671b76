"""Celery tasks of the learning loop: build a training export, select audits (beat)."""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone

from learning import selectors, services
from learning.training import ExportError, ExportOptions, write_export

log = logging.getLogger(__name__)


# An export of a few thousand documents re-encodes every page image: give it far more time
# than the default task limits meant for one document.
@shared_task(name="learning.tasks.build_training_export", acks_late=True, soft_time_limit=3 * 3600,
             time_limit=3 * 3600 + 120)
def build_training_export(job_id: int) -> None:
    job = services.export_job_start(job_id=job_id)
    if job is None:
        return  # finished already (a redelivery) or out of attempts
    options = ExportOptions.from_params(job.params)
    with tempfile.TemporaryDirectory(prefix="twomatch-export-") as tmp:
        folder = Path(tmp) / f"twomatch-training-{job_id}"
        try:
            manifest = write_export(folder, options, progress=lambda done, total: services.export_job_progress(
                job_id=job_id, done=done, total=total))
            # The archive holds one folder, so that unzipping never scatters files.
            archive = shutil.make_archive(str(Path(tmp) / "export"), "zip", root_dir=tmp, base_dir=folder.name)
            services.export_job_finish(job_id=job_id, zip_path=Path(archive), manifest=manifest)
        except ExportError as exc:
            services.export_job_fail(job_id=job_id, error=str(exc))
        except SoftTimeLimitExceeded:
            services.export_job_fail(job_id=job_id, error="the export took longer than the task time limit")
        except Exception as exc:  # a bug must leave the job failed with a reason, never "running" forever
            log.exception("training export %s crashed", job_id)
            services.export_job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc}")


@shared_task(name="learning.tasks.select_audits")
def select_audits() -> int:
    """Daily: top up the audits of this month and the last (documents accepted late on the last day)."""
    current = selectors.period_label(timezone.now())
    created = 0
    for label in (selectors.previous_period(current), current):
        start, end = selectors.month_bounds(label)
        created += len(services.audit_select(start, end))
    return created
