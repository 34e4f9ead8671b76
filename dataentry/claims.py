"""Claims: who may work on what, for how long, and whose save wins.

Three kinds of work are claimed, and all of them through this module:

| work                  | the lease lives on                      | the draft lives on       | holder field  |
|-----------------------|-----------------------------------------|--------------------------|---------------|
| keying a document     | `dataentry.Document`                    | the operator's `Entry`   | `lease_holder`|
| resolving a conflict  | `review.ReviewTask`                     | the same row             | `reviewer`    |
| a blind audit         | `learning.AuditTask`                    | the same row             | `reviewer`    |

A lease (`Leased`) is a holder, `lease_expires_at` and `claimed_at` (when the current holder
took the work; the same holder claiming again keeps it). A draft (`Drafted`) is a `version` and
the page's running `active_seconds` / `wall_seconds`. `Claimable` is both (the task rows).

Rules
1. Claims are taken only here. `claim_next` locks candidates with
   `SELECT … FOR UPDATE SKIP LOCKED`, so two people asking at the same moment never get the same
   row and never wait for each other; the availability filter of the caller is evaluated again
   by the database on the locked row. `claim` takes one named item (a re-claim after expiry):
   it waits for the row lock instead of skipping, then re-checks availability.
2. A lease lasts `LEASE_MINUTES`. Every save by the holder renews it (`renew`; a keying autosave
   writes the renewal once a thirtieth of the lease has passed, `renewal_due`); a lease that
   expired is never revived by a save, only taken again with `claim` — and only if nobody else
   took it meanwhile.
3. A submit needs a live lease (`require_lease`); otherwise it is refused with `LeaseExpired`
   and what was typed stays saved as the draft.
4. Every save names the version it was based on (`record_work`); another version is refused
   with `StaleEdit`, never merged or overwritten. Taking a task over bumps its version, so the
   previous holder's open page cannot save into the new holder's work.
5. `release` names the holder the caller expects and checks it under the row lock: a manager's
   page that is a few minutes old cannot free the fresh claim of somebody else.

Lock order (every entry point follows it, so two transactions never wait for each other in a
cycle): the row the user works on (`Entry`, `ReviewTask`, `AuditTask`, `MachineRun`) →
`Document` → `Result`. A claim locks only the claimed row (the `Document` for keying).

Every function here runs inside the caller's `transaction.atomic` (the services' durable
entry points); none of them opens a transaction of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar, Sequence

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dataentry.errors import LeaseExpired, StaleEdit, WorkflowError


def lease_until(now=None):
    return (now or timezone.now()) + timedelta(minutes=settings.LEASE_MINUTES)


class Leased(models.Model):
    """Work that one person holds for a while. Subclasses name their holder foreign key."""

    HOLDER_FIELD: ClassVar[str]

    lease_expires_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def holder_id(self) -> int | None:
        return getattr(self, f"{self.HOLDER_FIELD}_id")

    def claim_open(self) -> bool:
        """Whether the work is still to be done (a finished task holds no lease)."""
        return True

    def lease_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.claim_open() and self.lease_expires_at is not None and self.lease_expires_at > now

    def held_by(self, user, now=None) -> bool:
        return self.holder_id is not None and self.holder_id == user.pk and self.lease_active(now)

    def lease_active_for_other(self, user, now=None) -> bool:
        return self.holder_id is not None and self.holder_id != user.pk and self.lease_active(now)


class Drafted(models.Model):
    """Work saved while it is done: optimistic concurrency and the measured time."""

    # Every save must name the version it was based on.
    version = models.PositiveIntegerField(default=0)
    active_seconds = models.FloatField(default=0)
    wall_seconds = models.FloatField(default=0)

    class Meta:
        abstract = True

    def handed_over(self) -> list[str]:
        """Clear what the previous holder left that is not the new holder's; the fields to save
        (with the claim, in its one UPDATE)."""
        return []


class Claimable(Leased, Drafted):
    """A task row that is both the lease and the draft (review tasks, audits)."""

    class Meta:
        abstract = True


@dataclass
class Claim:
    work: Leased
    # False when the holder took back their own work (their draft is theirs to continue).
    new_holder: bool


def _in_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claims are taken inside the caller's transaction")


def _save(work: models.Model, fields: list[str]) -> None:
    names = {f.name for f in work._meta.concrete_fields}
    work.save(update_fields=[f for f in fields if f in names] + (["updated_at"] if "updated_at" in names else []))


def take(work: Leased, holder, now=None) -> Claim:
    """Give `work` (locked by the caller) to `holder` for a new lease."""
    _in_transaction()
    now = now or timezone.now()
    new_holder = work.holder_id != holder.pk
    if new_holder or work.claimed_at is None:
        work.claimed_at = now
    setattr(work, work.HOLDER_FIELD, holder)
    work.lease_expires_at = lease_until(now)
    fields = [work.HOLDER_FIELD, "lease_expires_at", "claimed_at"]
    if new_holder and isinstance(work, Drafted):
        work.version += 1
        fields += ["version", *work.handed_over()]
    _save(work, fields)
    return Claim(work=work, new_holder=new_holder)


# What taking a claim reads and writes of the claimed row (a claim that reads no more selects only these).
LEASE_COLUMNS = ("lease_holder", "lease_expires_at", "claimed_at")


def claim_next(available: QuerySet, *, holder, order_by: Sequence[str], prefer: Sequence[Q] = ()) -> Claim | None:
    """Take the next item of `available` (what `holder` may take now: free, expired or their own).

    The holder's own unfinished item comes first, then the `prefer` filters in turn, then the
    rest, each in `order_by` order. Rows another transaction is claiming are skipped."""
    _in_transaction()
    rows = available.select_for_update(skip_locked=True, of=("self",))
    mine = Q(**{available.model.HOLDER_FIELD: holder})
    # Most people asking for the next item hold none (a lease has an expiry; finished work keeps its
    # holder but not its expiry). A look-up by holder says so for a sixth of the CPU of building and
    # running the availability query for that tier (issue 16); when they hold something, the tier runs
    # as before. A lease given to them after this look-up is as if given after their claim.
    holds = available.model._default_manager.filter(mine, lease_expires_at__isnull=False).exists()
    for tier in ((mine,) if holds else ()) + (*prefer, Q()):
        work = rows.filter(tier).order_by(*order_by).first()
        if work is not None:
            return take(work, holder)
    return None


def claim(available: QuerySet, *, holder, pk: int, unavailable: str) -> Claim:
    """Take one named item if it is still available to `holder`; `unavailable` is the refusal."""
    _in_transaction()
    work = available.select_for_update(of=("self",)).filter(pk=pk).first()
    if work is None:
        raise WorkflowError(unavailable)
    return take(work, holder)


def renew(work: Leased, holder, now=None) -> bool:
    """Extend a live lease of `holder`; an expired or another's lease is left alone. Saved by the caller."""
    if not work.held_by(holder, now):
        return False
    work.lease_expires_at = lease_until(now)
    return True


def renewal_due(work: Leased, now) -> bool:
    """Whether a save should write a renewed lease: once a thirtieth of the lease has passed since it was
    set (a minute of 30), not at every autosave, which comes every few seconds of typing and would
    otherwise write the document's row each time (issue 16). The lease still ends no earlier than
    LEASE_MINUTES minus that thirtieth after the holder's last save."""
    step = timedelta(minutes=settings.LEASE_MINUTES) / 30
    return work.lease_expires_at is None or work.lease_expires_at < lease_until(now) - step


def require_lease(work: Leased, holder, message: str) -> None:
    if not work.held_by(holder):
        raise LeaseExpired(message)


def release(model: type[Leased], pk: int, *, expected_holder_id: int) -> Leased | None:
    """Free the claim on one row if `expected_holder_id` still holds it; returns the row, or
    None when nobody held it. A claim that changed hands is refused."""
    _in_transaction()
    work = model.objects.select_for_update().get(pk=pk)
    if work.holder_id is None:
        return None
    if work.holder_id != expected_holder_id:
        raise WorkflowError(_("This claim changed hands in the meantime; it was not released. Reload the page."))
    setattr(work, work.HOLDER_FIELD, None)
    work.lease_expires_at = None
    _save(work, [work.HOLDER_FIELD, "lease_expires_at"])
    return work


def check_version(draft: Drafted, version: int, stale: str) -> None:
    if draft.version != version:
        raise StaleEdit(stale)


def record_work(draft: Drafted, *, version: int, active_seconds: float, wall_seconds: float, stale: str) -> None:
    """Check the version a save was based on, count it, and keep the larger measured times
    (the page sends running totals; a late request must not lower them). Saved by the caller."""
    check_version(draft, version, stale)
    draft.version += 1
    draft.active_seconds = max(draft.active_seconds, float(active_seconds))
    draft.wall_seconds = max(draft.wall_seconds, float(wall_seconds))
