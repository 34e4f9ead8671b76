"""Dates as Japanese documents print them: 西暦, 和暦 (明治..令和, 元年), abbreviations
(R7.4.1, r7.4.1), full-width digits, kanji numerals (令和七年四月一日), 2025/4/1.

One era table and one grammar serve both questions asked of dates:

* `parse_date(value)`: what date does a keyed value mean (the whole value is a date);
* `find_dates(text)`: where are dates in running text (…は令和7年4月1日付で…).

Era boundaries are not enforced (平成31年5月1日 → 2019-05-01): documents printed before a
new era name was announced kept the old one, and the date is still clear.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from jptext.width import fold_space, nfkc


@dataclass(frozen=True)
class Era:
    name: str
    letter: str               # the abbreviation (R7.4.1)
    start: datetime.date      # first day of the era
    offset: int               # western year of 元年, minus one


ERAS: tuple[Era, ...] = (
    Era("令和", "R", datetime.date(2019, 5, 1), 2018),
    Era("平成", "H", datetime.date(1989, 1, 8), 1988),
    Era("昭和", "S", datetime.date(1926, 12, 25), 1925),
    Era("大正", "T", datetime.date(1912, 7, 30), 1911),
    Era("明治", "M", datetime.date(1868, 1, 25), 1867),
)
_ERA_OFFSET = {e.name: e.offset for e in ERAS} | {e.letter: e.offset for e in ERAS}
# The single-character era signs, which NFKC expands to the era name.
_ERA_SIGNS = {"㋿": "令和", "㍻": "平成", "㍼": "昭和", "㍽": "大正", "㍾": "明治"}

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_D = r"[0-9０-９]"
_KNUM = r"[〇零一二三四五六七八九十]+"
_NUM = rf"(?:{_D}{{1,2}}|{_KNUM})"
_SP = r"[ \u3000]*"
# an era name may be parted by a space (a scan's word gap: 令 和6年6月16日, its 令 boxed apart from 和)
_ERA_NAMES = "|".join([_SP.join(e.name) for e in ERAS] + list(_ERA_SIGNS))
_ERA_LETTERS = "".join(e.letter + e.letter.lower() for e in ERAS)

# A date written with 年月日 (western or era year, Arabic or kanji numerals).
# The other calendar's year may follow in brackets: 令和7(2025)年, 2025(令和7)年.
_ALSO = rf"(?:{_SP}[(（]{_SP}(?:{_D}{{4}}|(?:{_ERA_NAMES}){_SP}(?:元|{_D}{{1,2}})){_SP}[)）])?"
_KANJI_FORM = (
    rf"(?:(?P<era>{_ERA_NAMES}){_SP}(?P<ey>元|{_NUM})|(?P<y>{_D}{{4}}|[〇零一二三四五六七八九]{{4}}))"
    rf"{_ALSO}{_SP}年{_SP}(?P<m>{_NUM}){_SP}月{_SP}(?P<d>{_NUM}){_SP}日"
)
# A date written with separators: 2025/4/1, 2025.4.1, 2025-04-01, R7.4.1, 令和7.4.1.
_SEP = r"[/.\-－／．]"
_NUMERIC_FORM = (
    rf"(?:(?P<era2>{_ERA_NAMES}|(?<![A-Za-z])[{_ERA_LETTERS}]){_SP}(?P<ey2>元|{_D}{{1,2}})|(?P<y2>(?<!{_D}){_D}{{4}}))"
    rf"{_SP}(?P<s1>{_SEP}|年){_SP}(?P<m2>{_D}{{1,2}}){_SP}(?:(?P=s1)|月){_SP}(?P<d2>{_D}{{1,2}})(?!{_D})(?:{_SP}日)?"
)
_DATE = re.compile(rf"{_KANJI_FORM}|{_NUMERIC_FORM}")
# Decorations after a date that do not change it: a weekday in brackets, then 付 / 付け.
_SUFFIX = re.compile(r"[ \u3000]*(?:[(（][月火水木金土日](?:曜日?)?[)）])?[ \u3000]*(?:付け?)?[ \u3000]*$")


def _to_int(token: str) -> int:
    """'12', '１２', '十二', '二〇二五' or '元' → int."""
    if token == "元":
        return 1
    if token.isdigit():
        return int(token)  # int() reads full-width digits too
    if "十" in token:  # 十, 十二, 二十, 三十一
        tens, _, ones = token.partition("十")
        return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)
    return int("".join(str(_KANJI_DIGITS[c]) for c in token))  # positional: 二〇二五


def _date_of(m: re.Match) -> datetime.date | None:
    try:
        if m["m"] is not None:
            era, ey, y, mo, d = m["era"], m["ey"], m["y"], m["m"], m["d"]
        else:
            era, ey, y, mo, d = m["era2"], m["ey2"], m["y2"], m["m2"], m["d2"]
        if era:
            era = re.sub(_SP, "", era)
            era = _ERA_SIGNS.get(era, era)
            era = era.upper() if len(era) == 1 else era
            n = _to_int(ey)
            if n < 1:
                return None
            year = _ERA_OFFSET[era] + n
        else:
            year = _to_int(y)
        return datetime.date(year, _to_int(mo), _to_int(d))
    except (ValueError, KeyError):  # 2025-02-30, month 13, '十十' …
        return None


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    date: datetime.date

    @property
    def iso(self) -> str:
        return self.date.isoformat()


_COMPACT = re.compile(r"((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])")


def parse_date(value: str) -> datetime.date | None:
    """The date a whole value means (a trailing 付 or weekday is allowed), or None."""
    text = _SUFFIX.sub("", fold_space(value))
    m = _DATE.fullmatch(text)
    if m:
        return _date_of(m)
    compact = _COMPACT.fullmatch(nfkc(text))
    if compact:
        # 20260401: a system export's date (YYYYMMDD), read only as a whole value
        try:
            return datetime.date(*(int(g) for g in compact.groups()))
        except ValueError:
            return None
    return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date printed in `text`, in order, with its position in `text`."""
    out = []
    for m in _DATE.finditer(text):
        d = _date_of(m)
        if d is not None:
            out.append(DateMatch(m.start(), m.end(), d))
    return out


def format_era(day: datetime.date) -> tuple[str, int]:
    """The era name and era year a date is printed with (元年 is year 1)."""
    for era in ERAS:
        if day >= era.start:
            return era.name, day.year - era.offset
    return ERAS[-1].name, day.year - ERAS[-1].offset


def date_forms(day: datetime.date) -> list[str]:
    """The ways a document may print `day`, most common first (ASCII digits; callers add
    full-width forms). Around an era change the old era is listed too (平成31年5月1日)."""
    y, m, d = day.year, day.month, day.day
    forms = [f"{y}年{m}月{d}日", f"{y}/{m}/{d}", f"{y}.{m}.{d}", day.isoformat(), f"{y}年{m:02d}月{d:02d}日",
             f"{y}/{m:02d}/{d:02d}"]
    for i, era in enumerate(ERAS):
        if day >= era.start:
            n = y - era.offset
            forms += [f"{era.name}{'元' if n == 1 else n}年{m}月{d}日", f"{era.name}{n}年{m}月{d}日",
                      f"{era.letter}{n}.{m}.{d}"]
            if i + 1 < len(ERAS) and day.year == era.start.year:
                prev = ERAS[i + 1]
                forms.append(f"{prev.name}{y - prev.offset}年{m}月{d}日")
            break
    unique: list[str] = []
    for f in forms:
        if f not in unique:
            unique.append(f)
    return unique
