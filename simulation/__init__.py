"""The simulator of issue 15: documents with known truth driven through the real workflow
(upload, the Celery machine-keying task, claims, blind keying, comparison, review, single entry)
by a simulated machine keyer, operators and reviewers. See docs/simulate.md."""
