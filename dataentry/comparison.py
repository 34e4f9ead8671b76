"""Comparison of two keyings of one document (design §4). Pure Python: no Django, no database.

Two entries are lists of records (one mapping field → value per person). They may list the
same people in another order, or a different number of people, so records are *aligned*
first, then compared field by field with `dataentry.normalization.normalize`.

Alignment
---------
* **Identity** of two records: when the type has name fields, the similarity of the
  normalised full names (family + given, whitespace removed, variant kanji folded so that
  髙島 vs 高島 is one field conflict rather than a missing and an extra person); the
  readings (kana) can only raise it (0.5 · name + 0.5 · kana when that is higher), and
  stand in when a name is empty. A type without name or kana fields (an invoice) uses the
  similarity of the whole record. Similarity is difflib's ratio (2·matches / total length).
* Two records may be paired only when their identity exceeds `MATCH_THRESHOLD` (0.5):
  宮﨑奈々 and 宮﨑浩二 (same family name, ratio 0.5) are two people.
* Pairs are chosen greedily, best first, one-to-one. Ties — the same name twice in one
  document, e.g. one person with two posts — are broken by the similarity of all fields,
  then by reading order, so the k-th of several identical records pairs with the k-th on
  the other side even when another person was inserted before them. Greedy rather than a maximum-sum
  assignment on purpose: an identical name always pairs with its twin, instead of two
  half-similar pairs winning on their total.
* Output order: the records of `a` in their order; a record only in `b` is placed right
  after the pair holding its predecessor in `b` (or before its successor, or at the end).
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Iterable

from dataentry.normalization import fold_variants, norm_kana, norm_name, norm_text, normalize
from dataentry.spec import DocumentTypeSpec, FieldKind

MATCH_THRESHOLD = 0.5

MATCHED = "matched"
MISSING_IN_A = "missing_in_a"  # b has a person that a lacks
MISSING_IN_B = "missing_in_b"  # a has a person that b lacks
FIELD = "field"


@dataclass(frozen=True)
class FieldComparison:
    key: str
    a: str          # as keyed
    b: str
    a_norm: str     # comparison keys
    b_norm: str
    agree: bool


@dataclass(frozen=True)
class RecordPair:
    a_index: int | None
    b_index: int | None
    fields: tuple[FieldComparison, ...]

    def __post_init__(self) -> None:
        if self.a_index is None and self.b_index is None:
            raise ValueError("a record pair needs at least one side")

    @property
    def kind(self) -> str:
        if self.a_index is None:
            return MISSING_IN_A
        if self.b_index is None:
            return MISSING_IN_B
        return MATCHED

    @property
    def agree(self) -> bool:
        return self.kind == MATCHED and all(f.agree for f in self.fields)

    def field(self, key: str) -> FieldComparison:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


@dataclass(frozen=True)
class Conflict:
    pair: int              # index into ComparisonResult.pairs
    kind: str              # FIELD | MISSING_IN_A | MISSING_IN_B
    field: str | None      # None for a person conflict
    a: str                 # field: the keyed values; person: a short description ("佐藤 次郎") or ""
    b: str


@dataclass(frozen=True)
class ComparisonResult:
    pairs: tuple[RecordPair, ...]
    conflicts: tuple[Conflict, ...]

    @property
    def agreed(self) -> bool:
        return not self.conflicts

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": [
                {
                    "a_index": p.a_index,
                    "b_index": p.b_index,
                    "kind": p.kind,  # informational; from_dict derives it again
                    "fields": [
                        {"key": f.key, "a": f.a, "b": f.b, "a_norm": f.a_norm, "b_norm": f.b_norm, "agree": f.agree}
                        for f in p.fields
                    ],
                }
                for p in self.pairs
            ],
            "conflicts": [
                {"pair": c.pair, "kind": c.kind, "field": c.field, "a": c.a, "b": c.b} for c in self.conflicts
            ],
            "agreed": self.agreed,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ComparisonResult:
        pairs = tuple(
            RecordPair(
                a_index=p["a_index"],
                b_index=p["b_index"],
                fields=tuple(
                    FieldComparison(
                        key=f["key"], a=f["a"], b=f["b"], a_norm=f["a_norm"], b_norm=f["b_norm"], agree=bool(f["agree"])
                    )
                    for f in p["fields"]
                ),
            )
            for p in data.get("pairs", [])
        )
        conflicts = tuple(
            Conflict(pair=c["pair"], kind=c["kind"], field=c.get("field"), a=c.get("a", ""), b=c.get("b", ""))
            for c in data.get("conflicts", [])
        )
        return cls(pairs=pairs, conflicts=conflicts)


# --- preparing records ----------------------------------------------------------------------

def _value(record: dict, key: str) -> str:
    value = record.get(key, "") if isinstance(record, dict) else ""
    return "" if value is None else str(value)


@dataclass(frozen=True)
class _Prepared:
    raw: tuple[str, ...]     # values in spec field order
    norm: tuple[str, ...]    # comparison keys in spec field order
    name: str                # alignment key: full name, whitespace removed, variants folded
    kana: str                # alignment key: full reading in hiragana


def _prepare(record: dict, spec: DocumentTypeSpec) -> _Prepared:
    raw = tuple(_value(record, f.key) for f in spec.fields)
    norm = tuple(normalize(v, f) for v, f in zip(raw, spec.fields))
    name = "".join(fold_variants(norm_name(v)) for v, f in zip(raw, spec.fields) if f.kind == FieldKind.NAME)
    kana = "".join(norm_kana(v) for v, f in zip(raw, spec.fields) if f.kind == FieldKind.KANA)
    return _Prepared(raw=raw, norm=norm, name=name, kana=kana)


def _ratio(x: str, y: str) -> float:
    if x == y:
        return 1.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


def _record_similarity(a: _Prepared, b: _Prepared) -> float:
    if not a.norm:
        return 1.0
    return sum(_ratio(x, y) for x, y in zip(a.norm, b.norm)) / len(a.norm)


def _identity(a: _Prepared, b: _Prepared) -> float:
    """How likely the two records are the same person (or, without names, the same item)."""
    if a.name and b.name:
        name = _ratio(a.name, b.name)
        if a.kana and b.kana:
            return max(name, (name + _ratio(a.kana, b.kana)) / 2)
        return name
    if a.kana and b.kana:
        return _ratio(a.kana, b.kana)
    return _record_similarity(a, b)


# --- alignment ------------------------------------------------------------------------------

def _match(pa: list[_Prepared], pb: list[_Prepared]) -> dict[int, int]:
    """Greedy best-first one-to-one matching a-index → b-index."""
    candidates = []
    for i, ra in enumerate(pa):
        for j, rb in enumerate(pb):
            identity = _identity(ra, rb)
            if identity > MATCH_THRESHOLD:
                candidates.append((-identity, -_record_similarity(ra, rb), i, j))
    candidates.sort()
    matched: dict[int, int] = {}
    used_b: set[int] = set()
    for *_, i, j in candidates:
        if i not in matched and j not in used_b:
            matched[i] = j
            used_b.add(j)
    return matched


def _place_unmatched_b(rows: list[tuple[int | None, int | None]], unmatched_b: Iterable[int]) -> None:
    for j in unmatched_b:  # ascending, so a run of b-only records keeps its order
        before = [pos for pos, (_, bj) in enumerate(rows) if bj is not None and bj < j]
        if before:
            anchor = max(before, key=lambda pos: rows[pos][1])
            rows.insert(anchor + 1, (None, j))
            continue
        after = [pos for pos, (_, bj) in enumerate(rows) if bj is not None and bj > j]
        if after:
            rows.insert(min(after, key=lambda pos: rows[pos][1]), (None, j))
        else:
            rows.append((None, j))


def _align_prepared(pa: list[_Prepared], pb: list[_Prepared]) -> list[tuple[int | None, int | None]]:
    matched = _match(pa, pb)
    rows: list[tuple[int | None, int | None]] = [(i, matched.get(i)) for i in range(len(pa))]
    used_b = set(matched.values())
    _place_unmatched_b(rows, (j for j in range(len(pb)) if j not in used_b))
    return rows


def align_records(a: list[dict], b: list[dict], spec: DocumentTypeSpec) -> list[tuple[int | None, int | None]]:
    """Pairs (a_index, b_index) in the order of `a`; None on the side that lacks the record."""
    return _align_prepared([_prepare(r, spec) for r in a], [_prepare(r, spec) for r in b])


# --- comparing ------------------------------------------------------------------------------

def describe_record(record: dict, spec: DocumentTypeSpec) -> str:
    """A short label for a person conflict: the name ("佐藤 次郎"), else the reading, else the
    first few values."""
    for kind, norm in ((FieldKind.NAME, norm_name), (FieldKind.KANA, norm_kana)):
        parts = [norm(_value(record, f.key)) for f in spec.fields if f.kind == kind]
        if any(parts):
            return " ".join(p for p in parts if p)
    values = [norm_text(_value(record, f.key)) for f in spec.fields]
    return " / ".join([v for v in values if v][:3])


def _pair(i: int | None, j: int | None, pa: list[_Prepared], pb: list[_Prepared], spec: DocumentTypeSpec) -> RecordPair:
    fields = []
    for k, f in enumerate(spec.fields):
        a_raw, a_norm = (pa[i].raw[k], pa[i].norm[k]) if i is not None else ("", "")
        b_raw, b_norm = (pb[j].raw[k], pb[j].norm[k]) if j is not None else ("", "")
        # A field of a person only one side has agrees with nothing.
        agree = i is not None and j is not None and a_norm == b_norm
        fields.append(FieldComparison(key=f.key, a=a_raw, b=b_raw, a_norm=a_norm, b_norm=b_norm, agree=agree))
    return RecordPair(a_index=i, b_index=j, fields=tuple(fields))


def compare_entries(a: list[dict], b: list[dict], spec: DocumentTypeSpec) -> ComparisonResult:
    """Align the records of two keyings and compare them field by field.

    A matched pair contributes one FIELD conflict per differing field; a record only one
    side has contributes exactly one person conflict (and no field conflicts).
    """
    pa = [_prepare(r, spec) for r in a]
    pb = [_prepare(r, spec) for r in b]
    pairs: list[RecordPair] = []
    conflicts: list[Conflict] = []
    for index, (i, j) in enumerate(_align_prepared(pa, pb)):
        pair = _pair(i, j, pa, pb, spec)
        pairs.append(pair)
        if pair.kind == MATCHED:
            conflicts.extend(Conflict(index, FIELD, f.key, f.a, f.b) for f in pair.fields if not f.agree)
        else:
            conflicts.append(Conflict(
                index, pair.kind, None,
                describe_record(a[i], spec) if i is not None else "",
                describe_record(b[j], spec) if j is not None else "",
            ))
    return ComparisonResult(pairs=tuple(pairs), conflicts=tuple(conflicts))
