"""Confidence intervals for error rates (pure Python): the one definition the audits, the
single-entry threshold and its guard, and the reports share."""
from __future__ import annotations

import math

Z_95 = 1.959963984540054  # two-sided 95 % normal quantile


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | tuple[None, None]:
    """Wilson score interval for a binomial proportion; (None, None) without trials.

    Chosen over the normal approximation because audits are few and errors rare: it never
    leaves [0, 1] and gives a useful upper bound when no error was found (0 of 10 -> 0 to 27.8 %).
    """
    if trials <= 0:
        return None, None
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def wilson_upper(errors: int, trials: int, z: float = Z_95) -> float:
    """Upper end of the Wilson interval; 1.0 without trials (nothing is known)."""
    high = wilson_interval(errors, trials, z)[1]
    return 1.0 if high is None else high


def trials_needed(target: float, z: float = Z_95) -> int:
    """The fewest trials whose Wilson upper bound is at or under `target` when none failed."""
    if not 0 < target < 1:
        raise ValueError(f"a target error rate is between 0 and 1, not {target}")
    # With no failures the upper bound is z²/(n + z²); solve and step up past rounding.
    n = max(1, math.floor(z * z * (1 - target) / target))
    while wilson_upper(0, n, z) > target:
        n += 1
    return n
