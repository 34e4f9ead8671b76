"""Normalisation rules for comparing keyed values — the one place they are written down.

Normalisation is used for *comparison only*: what is stored is always what was keyed.
Two values of a field agree when ``normalize(a, field) == normalize(b, field)``.
The same rules serve the app's comparison, the operators' form validation and the
evaluation command, so a keyer is scored exactly the way the app would judge it.

Rules (each with examples)
==========================

1. **NFKC** for every kind. Full-width Latin letters, digits and brackets become ASCII,
   half-width katakana becomes full-width:
   ``第２営業部`` → ``第2営業部``, ``ＤＸ推進室`` → ``DX推進室``, ``（監査等委員）`` → ``(監査等委員)``,
   ``ﾔﾏﾀﾞ`` → ``ヤマダ``. CJK compatibility ideographs that Unicode itself declares
   equivalent (e.g. U+FA10 塚 → 塚) are unified by NFKC; the variant kanji in names
   (髙 﨑 濵 德 邉 栁 …) are *not* touched by NFKC — see rule 6.

2. **text** (`norm_text`): any run of whitespace — ASCII space, ideographic space U+3000,
   tab, a line break inside a table cell — becomes one ASCII space; leading and trailing
   whitespace is dropped. Words printed joined stay joined:
   ``研究開発部　部長`` == ``研究開発部 部長`` but != ``研究開発部部長``;
   ``データ部 部長\\n兼 エンジニア部 顧問`` → ``データ部 部長 兼 エンジニア部 顧問``.

3. **name** (`norm_name`): every whitespace character is removed, which also removes
   均等割り padding: ``佐　藤`` == ``佐藤`` == ``佐 藤``.

4. **kana** (`norm_kana`): NFKC, all whitespace removed, katakana → hiragana:
   ``ﾔﾏﾀﾞ`` == ``ヤマダ`` == ``やまだ`` == ``やま だ``. The long-vowel mark ``ー`` is kept.

5. **date** (`parse_date`): the comparison key is the ISO date ``YYYY-MM-DD``. Accepted:
   ``2025-04-01``, ``2025/4/1``, ``2025.4.1``, ``2025年4月1日``, full-width digits
   (``２０２５年４月１日``), kanji numerals (``令和七年四月一日``), era dates
   ``令和7年4月1日`` = 2025-04-01, ``令和元年5月1日`` = 2019-05-01, ``平成31年4月1日`` = 2019-04-01,
   ``昭和64年1月7日`` = 1989-01-07, abbreviations ``R7.4.1`` / ``H31.4.1`` / ``S64.1.7``, the
   single-character era signs (㋿ ㍻ ㍼, via NFKC), 大正/明治 (``大正5年4月1日`` = 1916-04-01), lower-case
   initials (``r7.4.1``), the other calendar's year in brackets (``令和7(2025)年4月1日``). The grammar and
   the one era table are in ``jptext.dates``. A trailing ``付`` / ``付け`` and a weekday
   in brackets (``(火)``) are ignored. Impossible dates (``2025-02-30``) do not parse.
   Era *boundaries* are not enforced (``平成31年5月1日`` → 2019-05-01): documents printed
   before a new era name was announced used the old one, and the date is still clear.
   A value that does not parse is compared as text (rule 2), so two identical
   unparseable values still agree.

6. **number**: NFKC, then ``,`` ``¥`` ``\\`` (a yen sign on Japanese keyboards) ``円`` and
   whitespace are removed; ``△``/``▲``/``−`` mark a negative amount; the value is
   compared as a canonical decimal: ``¥1,200`` == ``1200`` == ``１２００円`` == ``1200.00``.
   A value that is not a number is compared as text (rule 2).

7. **Variant kanji** (`VARIANT_KANJI`): *off by default*. Names must be keyed as printed
   (入力ルール: 髙 は 高 ではない), so ``髙島`` != ``高島`` unless the field opts in with
   ``FieldSpec.variant_kanji = True``; then text and name fields fold each variant to its
   standard form (髙→高, 﨑→崎, 邊/邉→辺, 齋→斎, 齊→斉, 濵/濱→浜, 德→徳, 栁→柳, 澤→沢, …).
   Decision on 旧字体 such as 澤/沢, 邊/辺, 齋/斎: they are forms of the *same* character,
   so they are in the table — a field that opts in wants exactly these treated as equal.
   Distinct characters that are merely confused are *not* equated: 斎 and 斉 stay
   different (齋 folds to 斎, 齊 folds to 斉). Kana, date and number fields ignore the table.

Every rule is idempotent: ``normalize(normalize(x, f), f) == normalize(x, f)``.
"""
from __future__ import annotations

import re

from django.utils.translation import gettext as _

from dataentry.spec import FieldKind, FieldSpec
from jptext import fold_space, nfkc, parse_date, squeeze, to_hiragana

__all__ = ["norm_text", "norm_name", "norm_kana", "parse_date", "normalize", "validate", "fold_variants"]

# Variant (旧字体 / 異体字) → standard form. Keys and values are NFKC-stable, and no value is
# also a key, so folding once is enough (idempotent).
VARIANT_KANJI: dict[str, str] = {
    "髙": "高",   # はしごだか
    "﨑": "崎",   # たつさき (U+FA11, untouched by NFKC)
    "嵜": "崎",
    "𥔎": "崎",
    "邊": "辺",
    "邉": "辺",
    "齋": "斎",
    "齊": "斉",
    "濵": "浜",
    "濱": "浜",
    "德": "徳",
    "栁": "柳",
    "澤": "沢",
    "廣": "広",
    "國": "国",
    "櫻": "桜",
    "實": "実",
    "惠": "恵",
    "藏": "蔵",
    "嶋": "島",
    "嶌": "島",
    "槇": "槙",
    "冨": "富",
    "曾": "曽",
    "瀨": "瀬",
    "眞": "真",
    "𠮷": "吉",  # つちよし
}
_VARIANT_TABLE = str.maketrans(VARIANT_KANJI)



def norm_text(s: str) -> str:
    """NFKC; every whitespace run (incl. U+3000 and line breaks) → one ASCII space; trimmed."""
    return fold_space(s)


def norm_name(s: str) -> str:
    """NFKC with all whitespace removed (also 均等割り padding: 佐　藤 → 佐藤)."""
    return squeeze(s)


def norm_kana(s: str) -> str:
    """NFKC, all whitespace removed, katakana → hiragana (ﾔﾏﾀﾞ → やまだ)."""
    return to_hiragana(squeeze(s))


def fold_variants(s: str) -> str:
    """Replace each variant kanji of `VARIANT_KANJI` by its standard form."""
    return s.translate(_VARIANT_TABLE)


# --- dates: jptext.dates (one era table and one grammar for the whole project) ---------------------


# --- numbers -----------------------------------------------------------------------------

_NUMBER_NOISE = re.compile(r"[,¥\\円\s]")
_NUMBER = re.compile(r"(?P<sign>[-−△▲])?(?P<int>[0-9]*)(?:\.(?P<frac>[0-9]+))?")


def canonical_number(s: str) -> str | None:
    """The canonical decimal string of a keyed amount (¥1,200 / １２００円 / 1200.00 → '1200',
    △300 → '-300'), or None when it is not a number. Pure string work, so long values are exact."""
    m = _NUMBER.fullmatch(_NUMBER_NOISE.sub("", norm_text(s)))
    if not m or not (m["int"] or m["frac"]):
        return None
    integer = m["int"].lstrip("0") or "0"
    fraction = (m["frac"] or "").rstrip("0")
    digits = f"{integer}.{fraction}" if fraction else integer
    return f"-{digits}" if m["sign"] and digits != "0" else digits


# --- per field -----------------------------------------------------------------------------

def normalize(value: str, field: FieldSpec) -> str:
    """The comparison key of `value` for `field` (its kind, and its variant-kanji opt-in)."""
    value = "" if value is None else str(value)
    kind = field.kind
    if kind == FieldKind.KANA:
        return norm_kana(value)
    if kind == FieldKind.DATE:
        parsed = parse_date(value)
        return parsed.isoformat() if parsed else norm_text(value)
    if kind == FieldKind.NUMBER:
        number = canonical_number(value)
        return number if number is not None else norm_text(value)
    result = norm_name(value) if kind == FieldKind.NAME else norm_text(value)
    return fold_variants(result) if field.variant_kanji else result


_KANA_ONLY = re.compile(r"[\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FC-\u30FE\s]*")


def validate(value: str, field: FieldSpec) -> str | None:
    """A message for the operator when `value` cannot be right for `field`, else None; in the
    active language (Japanese msgstr in locale/ja)."""
    value = "" if value is None else str(value)
    if not norm_text(value):
        return _("this field is required") if field.required else None
    if len(value) > field.max_length:
        return _("at most %(n)d characters") % {"n": field.max_length}
    if field.kind == FieldKind.DATE and parse_date(value) is None:
        return _("not a date (e.g. 2025-04-01)")
    if field.kind == FieldKind.KANA and not _KANA_ONLY.fullmatch(nfkc(value)):
        return _("kana only (hiragana or katakana)")
    if field.kind == FieldKind.NUMBER and canonical_number(value) is None:
        return _("not a number (e.g. 1200)")
    return None
