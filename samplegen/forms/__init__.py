"""The development forms: the five layouts of ../shared/samples and the newer ones.

Each module defines `FORM`. The order here is the order `build_samples` cycles through, and the
five classic layouts come first, so documents 1-5 of any seed are the same as before the
newer forms were added.
"""
from __future__ import annotations

from importlib import import_module

CLASSIC = ("table_kana", "officer_text", "roster_underline", "multi_date", "two_column")
NEWER = ("prose_notice", "jirei_stacked", "wide_table_rowdates", "paged_roster", "org_bullets_table",
         "remarks_roster", "group_companies", "arrow_lines", "kv_blocks", "merged_dates", "mail_bullets", "card_rows",
         "split_columns", "jirei_pages")
FORMS = {name: import_module(f"samplegen.forms.{name}").FORM for name in CLASSIC + NEWER}
