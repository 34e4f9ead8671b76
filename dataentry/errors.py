"""The refusals of the workflow. Their message is shown to the user as is, so it is translatable."""
from __future__ import annotations


class WorkflowError(Exception):
    """A request the workflow refuses; the message is shown to the user as is."""


class LeaseExpired(WorkflowError):
    """A submit after the claim ran out: refused, and what was typed is kept as the draft."""


class StaleEdit(WorkflowError):
    """A save based on an older version (another tab, another person): refused, never merged."""


class NotYours(WorkflowError):
    """Work of somebody else (or none at all) named by a request: the views answer 403."""
