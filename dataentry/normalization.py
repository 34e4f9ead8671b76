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
   single-character era signs (㋿ ㍻ ㍼, via NFKC). A trailing ``付`` / ``付け`` and a weekday
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

import datetime
import re
import unicodedata

from django.utils.translation import gettext as _

from dataentry.spec import FieldKind, FieldSpec

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

_WS_RUN = re.compile(r"\s+")
_KATAKANA_TO_HIRAGANA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}  # ァ..ヶ → ぁ..ゖ
_KATAKANA_TO_HIRAGANA.update({0x30FD: 0x309D, 0x30FE: 0x309E})      # ヽヾ → ゝゞ


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def norm_text(s: str) -> str:
    """NFKC; every whitespace run (incl. U+3000 and line breaks) → one ASCII space; trimmed."""
    return _WS_RUN.sub(" ", _nfkc(s)).strip()


def _squeeze(s: str) -> str:
    # NFKC a second time after removing whitespace: NFKC turns the spacing dakuten ゛ into
    # " " + U+3099, and once the space is gone the mark composes with the kana before it.
    return _nfkc(_WS_RUN.sub("", _nfkc(s)))


def norm_name(s: str) -> str:
    """NFKC with all whitespace removed (also 均等割り padding: 佐　藤 → 佐藤)."""
    return _squeeze(s)


def norm_kana(s: str) -> str:
    """NFKC, all whitespace removed, katakana → hiragana (ﾔﾏﾀﾞ → やまだ)."""
    return _squeeze(s).translate(_KATAKANA_TO_HIRAGANA)


def fold_variants(s: str) -> str:
    """Replace each variant kanji of `VARIANT_KANJI` by its standard form."""
    return s.translate(_VARIANT_TABLE)


# --- dates -------------------------------------------------------------------------------

_ERA_START_YEAR = {  # 西暦 year of each era's 元年, minus one
    "令和": 2018, "R": 2018,
    "平成": 1988, "H": 1988,
    "昭和": 1925, "S": 1925,
    "大正": 1911, "T": 1911,
    "明治": 1867, "M": 1867,
}
_NUM = r"[0-9〇零一二三四五六七八九十]+"
_SEP_Y = r"\s*(?:年|[-/.])\s*"
_SEP_M = r"\s*(?:月|[-/.])\s*"
_WESTERN_DATE = re.compile(rf"(?P<y>[0-9]{{4}}|[〇零一二三四五六七八九]{{4}}){_SEP_Y}(?P<m>{_NUM}){_SEP_M}(?P<d>{_NUM})\s*日?")
_ERA_DATE = re.compile(
    rf"(?P<era>令和|平成|昭和|大正|明治|[RHSTMrhstm])\s*(?P<y>元|{_NUM}){_SEP_Y}(?P<m>{_NUM}){_SEP_M}(?P<d>{_NUM})\s*日?"
)
# Trailing decorations that do not change the date: a weekday in brackets, then 付 / 付け.
_DATE_SUFFIX = re.compile(r"\s*(?:\([月火水木金土日](?:曜日?)?\))?\s*(?:付け?)?$")
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _to_int(token: str) -> int:
    """'12', '十二', '二〇二五' or '元' → int."""
    if token == "元":
        return 1
    if token.isdigit():
        return int(token)
    if "十" in token:  # 十, 十二, 二十, 三十一
        tens, _, ones = token.partition("十")
        return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)
    return int("".join(str(_KANJI_DIGITS[c]) for c in token))  # positional: 二〇二五


def parse_date(s: str) -> datetime.date | None:
    """The date a keyed value means, or None (see rule 5 in the module docstring)."""
    text = _DATE_SUFFIX.sub("", norm_text(s))
    try:
        if m := _ERA_DATE.fullmatch(text):
            era = m["era"].upper() if len(m["era"]) == 1 else m["era"]
            era_year = _to_int(m["y"])
            if era_year < 1:
                return None
            year = _ERA_START_YEAR[era] + era_year
        elif m := _WESTERN_DATE.fullmatch(text):
            year = _to_int(m["y"])
        else:
            return None
        return datetime.date(year, _to_int(m["m"]), _to_int(m["d"]))
    except (ValueError, KeyError):  # 2025-02-30, month 13, '十十' …
        return None


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
    if field.kind == FieldKind.KANA and not _KANA_ONLY.fullmatch(_nfkc(value)):
        return _("kana only (hiragana or katakana)")
    if field.kind == FieldKind.NUMBER and canonical_number(value) is None:
        return _("not a number (e.g. 1200)")
    return None
