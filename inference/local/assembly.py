"""Records from what the pipeline found, with a confidence per field."""
from __future__ import annotations

from dataclasses import dataclass, field

from dataentry.spec import DocumentTypeSpec
from jptext import fold_space, squeeze, to_hiragana

# Below this a value is not keyed: an empty field costs one review, a wrong one costs two.
MIN_CONFIDENCE = 0.25


@dataclass
class Found:
    """One person as the pipeline found them; every value with its confidence."""

    order: float
    family: str
    given: str
    name_conf: float
    values: dict[str, str] = field(default_factory=dict)
    conf: dict[str, float] = field(default_factory=dict)
    cue: bool = False            # a change is stated (label, cue word, heading, remarks)
    # Set when the layout itself says whether this person changed (underlined rows of a roster
    # marked 下線部：変更箇所, a remarks column that is the only record of a change).
    decided: bool | None = None
    from_row: bool = False       # read from a table's row (its post columns name no unit of their own)

    def set(self, key: str, value: str, conf: float, *, override: bool = True) -> None:
        if value and (override or not self.values.get(key)):
            self.values[key] = value
            self.conf[key] = conf

    def append(self, key: str, value: str, conf: float) -> None:
        if not value:
            return
        old = self.values.get(key, "")
        self.values[key] = f"{old} {value}".strip()
        self.conf[key] = min(self.conf.get(key, conf), conf)


def is_change(f: Found) -> bool:
    """A person is a record when their post changes: not an unchanged line of a full roster."""
    if f.decided is not None:
        return f.decided
    new, old = squeeze(f.values.get("new_post", "")), squeeze(f.values.get("old_post", ""))
    if not new:
        # name（営業部）: a person named with their unit and nothing said about a new post (a
        # comment's signature, a contact) is no change, unless a cue says one
        return f.cue
    return f.cue or new != old or not old


def to_records(found: list[Found], spec: DocumentTypeSpec) -> tuple[list[dict], list[dict]]:
    records, confidence = [], []
    seen = set()
    for f in sorted(found, key=lambda x: x.order):
        if not is_change(f):
            continue
        key = (f.family, f.given, f.values.get("new_post", ""), f.values.get("old_post", ""))
        if key in seen:
            continue
        seen.add(key)
        values = {"family_name": f.family, "given_name": f.given, **f.values}
        conf = {"family_name": f.name_conf, "given_name": f.name_conf, **f.conf}
        rec, rc = {}, {}
        for k in spec.keys:
            v = values.get(k, "")
            c = conf.get(k, 0.5 if not v else 0.6)
            if v and c < MIN_CONFIDENCE:
                v = ""
            if k.endswith("_kana"):
                v = to_hiragana(squeeze(v))
            elif k in ("family_name", "given_name"):
                v = squeeze(v)
            else:
                v = fold_space(v)
            rec[k] = v
            rc[k] = round(max(0.0, min(1.0, c)), 3)
        records.append(rec)
        confidence.append(rc)
    return records[: spec.max_records], confidence[: spec.max_records]
