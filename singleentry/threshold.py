"""Choosing the single-entry threshold from reviewer-verified fields (pure Python, no database).

A verified field is one machine value that went through double entry: the machine keyed it, an
operator keyed it blind, and the accepted result (agreed, or settled by a reviewer) says whether
the machine was right. For a candidate threshold t, the fields at or above t give an error count
k of n; the upper end of the 95 % Wilson interval of k/n must stay at or under the type's target.
The threshold is the lowest t for which it does (the most documents single entry can take while
the bound holds). Wilson rather than Clopper-Pearson: one interval for the audits, the threshold
and the guard (dataentry.intervals), slightly less conservative for tiny k, which the target
absorbs (0 errors in 765 fields -> 0.50 %).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from dataentry.intervals import trials_needed, wilson_upper

CURVE_POINTS = 40


@dataclass(frozen=True)
class CurvePoint:
    confidence: float   # threshold candidate
    fields: int         # verified fields at or above it
    errors: int         # of which the machine had wrong
    upper: float        # Wilson 95 % upper bound of errors / fields

    @property
    def error_rate(self) -> float:
        return self.errors / self.fields if self.fields else 0.0


@dataclass(frozen=True)
class ThresholdChoice:
    target: float
    threshold: float | None
    fields: int = 0            # verified fields at or above the threshold
    errors: int = 0
    upper: float | None = None
    verified_fields: int = 0   # all verified fields considered
    verified_errors: int = 0
    needed_fields: int = 0     # fewest error-free fields whose bound reaches the target
    more_needed: int | None = 0  # None: more data of this quality cannot reach the target
    curve: tuple[CurvePoint, ...] = field(default_factory=tuple)

    @property
    def note(self) -> str:
        pct = f"{self.target:.2%}"
        if self.threshold is not None:
            return (f"threshold {self.threshold:.4f}: {self.errors} machine error(s) in {self.fields} verified fields at "
                    f"or above it, upper bound {self.upper:.3%} ≤ target {pct}")
        if self.more_needed is None:
            return (f"the machine's error rate is above the target {pct} at every confidence in {self.verified_fields} "
                    f"verified fields: more data of this quality will not switch single entry on")
        return (f"too little verified data: {self.verified_fields} verified fields ({self.verified_errors} machine errors); "
                f"a bound under {pct} needs at least {self.needed_fields} fields above a threshold with no error, so at "
                f"least {self.more_needed} more verified fields are needed; single entry stays off until then")


def _fields_for_rate(rate: float, target: float) -> int | None:
    """Fields needed for the bound of an observed `rate` to reach `target` (None if never)."""
    if rate >= target:
        return None
    n = trials_needed(target)
    while wilson_upper(round(rate * n), n) > target:
        n = int(n * 1.25) + 1
        if n > 10_000_000:
            return None
    return n


def choose_threshold(points: Iterable[tuple[float, bool]], target: float) -> ThresholdChoice:
    """`points` are (machine confidence, machine value was right) of verified fields."""
    data = sorted(((float(c), bool(ok)) for c, ok in points), key=lambda p: -p[0])
    needed = trials_needed(target)
    total, wrong = len(data), sum(1 for _, ok in data if not ok)
    candidates: list[CurvePoint] = []
    n = k = 0
    for i, (confidence, ok) in enumerate(data):
        n += 1
        k += int(not ok)
        if i + 1 < total and data[i + 1][0] == confidence:
            continue  # ties: a threshold takes every field of that confidence or none
        candidates.append(CurvePoint(confidence=confidence, fields=n, errors=k, upper=wilson_upper(k, n)))
    chosen = None
    for point in candidates:  # highest confidence first, so the last one passing is the lowest
        if point.upper <= target:
            chosen = point
    step = max(1, len(candidates) // CURVE_POINTS)
    curve = candidates[::step]
    if chosen is not None and chosen not in curve:
        curve = sorted([*curve, chosen], key=lambda p: -p.confidence)
    if chosen is not None:
        return ThresholdChoice(target=target, threshold=chosen.confidence, fields=chosen.fields, errors=chosen.errors,
                               upper=chosen.upper, verified_fields=total, verified_errors=wrong, needed_fields=needed,
                               more_needed=0, curve=tuple(curve))
    # How much more data: at the candidate with the lowest observed rate among those with a
    # useful number of fields, the fields that rate would need, less what is there already.
    more: int | None
    if total < needed:
        more = needed - total
    else:
        usable = [p for p in candidates if p.fields >= needed // 4] or candidates
        best = min(usable, key=lambda p: (p.error_rate, -p.fields))
        want = _fields_for_rate(best.error_rate, target)
        more = None if want is None else max(1, want - best.fields)
    return ThresholdChoice(target=target, threshold=None, verified_fields=total, verified_errors=wrong,
                           needed_fields=needed, more_needed=more, curve=tuple(curve))
