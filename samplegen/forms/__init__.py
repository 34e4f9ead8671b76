"""The development forms: the five layouts of ../shared/samples and the newer ones.

Each module defines `FORM`. The order here is the order `build_samples` cycles through, and the
five classic layouts come first, so documents 1-5 of any seed are the same as before the
newer forms were added.
"""
from __future__ import annotations

from importlib import import_module

CLASSIC = ("table_kana", "officer_text", "roster_underline", "multi_date", "two_column")
NEWER: tuple[str, ...] = ()
FORMS = {name: import_module(f"samplegen.forms.{name}").FORM for name in CLASSIC + NEWER}
