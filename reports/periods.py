"""Report periods: parse `2026-11`, `2026-W48`, `2026-11-30` or `2026-11-01..2026-11-15`.

Pure Python (no Django). A period is a half-open interval [start, end) of aware datetimes,
both at local midnight in the time zone passed in (settings.TIME_ZONE, Asia/Tokyo by
default), so a document accepted at 00:00 on the 1st belongs to the new month and one
accepted at 23:59:59 the evening before to the old one.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from django.utils.translation import gettext

MONTH = "month"
WEEK = "week"
DAY = "day"
RANGE = "range"

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})", re.IGNORECASE)
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")

# A custom range longer than this is refused: the trend chart has one bucket per day or week.
MAX_RANGE_DAYS = 3 * 366


class PeriodError(ValueError):
    """The period text cannot be understood; the message says which forms are accepted."""


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: date      # local calendar day, inclusive
    last_day: date       # local calendar day, inclusive
    tz: tzinfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time(0), tzinfo=self.tz)

    @property
    def end(self) -> datetime:
        """Exclusive: local midnight after the last day."""
        return datetime.combine(self.last_day + timedelta(days=1), time(0), tzinfo=self.tz)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return f"{self.first_day:%Y-%m}"
        if self.kind == WEEK:
            year, week, _ = self.first_day.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == DAY:
            return self.first_day.isoformat()
        return f"{self.first_day.isoformat()}..{self.last_day.isoformat()}"

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def months_covered(self) -> float:
        """How many calendar months the period spans, day by day (a whole month is exactly 1.0).

        Used to prorate a monthly figure (GPU hours entered per month) to the period."""
        total = 0.0
        day = self.first_day
        while day <= self.last_day:
            total += 1 / calendar.monthrange(day.year, day.month)[1]
            day += timedelta(days=1)
        return total

    def shifted(self, steps: int) -> Period:
        """The period `steps` lengths earlier (negative) or later, of the same kind."""
        if self.kind == MONTH:
            index = self.first_day.year * 12 + self.first_day.month - 1 + steps
            first = date(index // 12, index % 12 + 1, 1)
            return month_period(first, self.tz)
        length = 7 if self.kind == WEEK else self.days
        first = self.first_day + timedelta(days=length * steps)
        return Period(self.kind, first, first + timedelta(days=length - 1), self.tz)


def month_period(day: date, tz: tzinfo) -> Period:
    first = day.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return Period(MONTH, first, last, tz)


def week_period(day: date, tz: tzinfo) -> Period:
    first = day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    return Period(WEEK, first, first + timedelta(days=6), tz)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(gettext("%(text)r is not a calendar date") % {"text": text}) from None


def parse_period(text: str, tz: tzinfo) -> Period:
    """A Period from `2026-11` (month), `2026-W48` (ISO week), `2026-11-30` (day) or
    `2026-11-01..2026-11-15` (both days included). Raises PeriodError."""
    text = (text or "").strip()
    if m := _MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise PeriodError(gettext("%(text)r: the month must be 01 to 12") % {"text": text})
        return month_period(date(year, month, 1), tz)
    if m := _WEEK.fullmatch(text):
        try:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            raise PeriodError(gettext("%(text)r: %(year)s has no ISO week %(week)s") % {"text": text, "year": m[1], "week": m[2]}) from None
        return week_period(monday, tz)
    if _DAY.fullmatch(text):
        day = _date(text)
        return Period(DAY, day, day, tz)
    if m := _RANGE.fullmatch(text):
        first, last = _date(m[1]), _date(m[2])
        if last < first:
            raise PeriodError(gettext("%(text)r: the range ends before it starts") % {"text": text})
        if (last - first).days + 1 > MAX_RANGE_DAYS:
            raise PeriodError(gettext("%(text)r: a range may cover at most %(days)d days") % {"text": text, "days": MAX_RANGE_DAYS})
        return Period(RANGE, first, last, tz)
    raise PeriodError(gettext(
        "%(text)r is not a period; use 2026-11 (month), 2026-W48 (ISO week), 2026-11-30 (day) "
        "or 2026-11-01..2026-11-15 (range)") % {"text": text})
