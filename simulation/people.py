"""Simulated operators and reviewers: what they type and decide, and how long it takes them.

Keying time is a keystroke-level model (Card, Moran & Newell 1980: K ≈ 0.2 s per keystroke for a
practised typist, M ≈ 1.35 s of mental preparation per unit of work), adapted to Japanese input
through an IME (about 2.5 keystrokes per character: romaji plus conversion), times a personal
speed factor. Review time is a time per document plus a time per conflict, plus typing for a
typed correction. Nobody sleeps: the seconds are handed to the services as the measured times.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

from dataentry.normalization import normalize
from dataentry.spec import DocumentTypeSpec, FieldKind
from simulation.errors import slip

KEYSTROKE = 0.2          # s per keystroke (KLM K, practised typist)
MENTAL = 1.35            # s (KLM M)
IME_KEYSTROKES = 2.5     # keystrokes per Japanese character (romaji + conversion)


@dataclass(frozen=True)
class TimeModel:
    seconds_per_char: float = IME_KEYSTROKES * KEYSTROKE     # 0.5 s
    seconds_per_field: float = MENTAL + KEYSTROKE             # 1.55 s: find the value, Tab
    seconds_per_document: float = 10.0                        # open, orient, submit
    review_seconds_per_conflict: float = 6.0                  # look at both values and the page, one key
    review_seconds_per_document: float = 8.0
    speed_spread: float = 0.15                                # sd of log personal speed factors

    def keying_seconds(self, records: list[dict[str, str]], spec: DocumentTypeSpec, factor: float) -> float:
        chars = sum(len(r.get(f.key, "")) for r in records for f in spec.fields)
        fields = len(records) * len(spec.fields)
        return factor * (self.seconds_per_document + fields * self.seconds_per_field + chars * self.seconds_per_char)

    def review_seconds(self, conflicts: int, typed_chars: int, factor: float) -> float:
        return factor * (self.review_seconds_per_document + conflicts * self.review_seconds_per_conflict
                         + typed_chars * self.seconds_per_char)


@dataclass(frozen=True)
class Person:
    username: str
    speed: float  # multiplies every time of this person


def people(prefix: str, count: int, spread: float, rng: random.Random) -> list[Person]:
    return [Person(f"sim-{prefix}-{i + 1}", round(math.exp(rng.gauss(0, spread)), 3)) for i in range(count)]


def operator_keying(truth: list[dict[str, str]], spec: DocumentTypeSpec, error: float,
                    rng: random.Random) -> tuple[list[dict[str, str]], int]:
    """An operator's blind keying: each field slips with probability `error`; (records, slips)."""
    records, slips = [], 0
    for record in truth:
        row = {}
        for f in spec.fields:
            value = record.get(f.key, "")
            if rng.random() < error:
                value = slip(value, f, rng)
                slips += 1
            row[f.key] = value
        records.append(row)
    return records, slips


def _same_person(record: dict[str, str], truth: dict[str, str], spec: DocumentTypeSpec) -> bool:
    return all(normalize(record.get(f.key, ""), f) == normalize(truth.get(f.key, ""), f)
               for f in spec.fields if f.kind == FieldKind.NAME)


def review_decisions(conflicts, pairs, sides: tuple[list[dict], list[dict]], truth: list[dict[str, str]],
                     spec: DocumentTypeSpec, accuracy: float, rng: random.Random) -> tuple[dict[str, dict], int]:
    """A reviewer's decision per conflict: the value matching the page with probability `accuracy`;
    (decisions, characters typed). `sides` are the records of the first and the second keying."""
    decisions, typed = {}, 0
    for index, conflict in enumerate(conflicts):
        if conflict.kind != "field":
            # A person on one side only: a misspelt name kept the two keyings apart. Keep the
            # record whose name is the one printed (keyings list people in the page's order).
            pair = pairs[conflict.pair]
            row, records = (pair.a_index, sides[0]) if pair.a_index is not None else (pair.b_index, sides[1])
            printed = row < len(truth) and _same_person(records[row], truth[row], spec)
            keep = printed if rng.random() < accuracy else not printed
            decisions[str(index)] = {"choice": "keep" if keep else "drop"}
            continue
        pair = pairs[conflict.pair]
        row = pair.b_index if pair.b_index is not None else pair.a_index
        f = spec.field(conflict.field)
        right = truth[row].get(f.key, "") if row is not None and row < len(truth) else ""
        target = normalize(right, f)
        first_ok, second_ok = normalize(conflict.a, f) == target, normalize(conflict.b, f) == target
        correct = rng.random() < accuracy
        if first_ok or second_ok:
            good, bad = ("first", "second") if first_ok else ("second", "first")
            decisions[str(index)] = {"choice": good if correct else bad}
        else:
            value = right if correct else slip(right, f, rng)
            decisions[str(index)] = {"choice": "typed", "value": value}
            typed += len(value)
    return decisions, typed
