"""Plain-Python description of a document type, shared by keyers, comparison and evaluation.

Models (dataentry.models.DocumentType) turn into these specs with `DocumentType.spec()`;
code that must run without a database (comparison, keyers, the evaluation command)
only ever sees specs.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class FieldKind:
    TEXT = "text"
    NAME = "name"
    KANA = "kana"
    DATE = "date"
    NUMBER = "number"

    ALL = (TEXT, NAME, KANA, DATE, NUMBER)


class ResultPath:
    """How a document's result was accepted (`Result.path`): declared here once, for the model
    and for the code that runs without a database (reports.calc)."""

    AUTO = "auto"                        # machine = human
    AUTO_HUMANS = "auto_humans"          # human = human (the machine could not key)
    REVIEWED = "reviewed"                # machine vs human, resolved by a reviewer
    REVIEWED_HUMANS = "reviewed_humans"  # human vs human, resolved by a reviewer
    MACHINE_ONLY = "machine_only"        # single entry: the machine's keying alone (issue 15)

    ALL = (AUTO, REVIEWED, AUTO_HUMANS, REVIEWED_HUMANS, MACHINE_ONLY)
    AUTOMATIC = frozenset({AUTO, AUTO_HUMANS})         # accepted without a reviewer
    FALLBACK = frozenset({AUTO_HUMANS, REVIEWED_HUMANS})  # two humans keyed it


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str = FieldKind.TEXT
    required: bool = False
    keying_rule: str = ""
    # Opt-in: treat variant kanji (髙/高, 﨑/崎, …) as equal when comparing. Off by default:
    # names must be keyed as printed.
    variant_kanji: bool = False
    max_length: int = 200
    label_en: str = ""


@dataclass(frozen=True)
class DocumentTypeSpec:
    slug: str
    name: str
    fields: tuple[FieldSpec, ...]
    prompt: str = ""
    prompt_version: str = "1"
    max_records: int = 50
    extra: dict = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.fields]

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)
