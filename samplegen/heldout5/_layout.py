"""Table drawing for the fifth held-out set: a ruled grid at any x (so two tables can stand side by
side on one page), whose rows come in groups: the first cell of a group is one merged cell over all
of the group's rows (a person with several lines), and a page break never splits a group."""
from __future__ import annotations

import pymupdf

from samplegen.core import BLACK, Canvas, tw, wrap_words

Lines = list[tuple[str, float]]  # a cell: (line, font size) from top to bottom


def wrapped(text: str, width: float, size: float) -> Lines:
    return [(s, size) for _o, s in wrap_words(text, width - 8, size)]


def _height(lines: Lines) -> float:
    return sum(size + 3.5 for _s, size in lines)


def _cell(cv: Canvas, x0: float, x1: float, y0: float, h: float, lines: Lines, center: bool) -> None:
    y = y0 + (h - _height(lines)) / 2
    for s, size in lines:
        y += size + 3.5
        cv.text((x0 + x1 - tw(s, size)) / 2 if center else x0 + 4, y - 3, s, size)


def grid(cv: Canvas, widths: list[float], header: list[str], groups: list[tuple[Lines, list[list[Lines]]]], *,
         x0: float | None = None, centered: tuple[int, ...] = (), size: float = 9.0, continued: str = "（次頁へ続く）"
         ) -> None:
    """`groups`: (merged first cell, rows of the other cells). Breaks to a new page (header repeated)
    before a group that does not fit."""
    left = cv.left if x0 is None else x0
    xs = [left + sum(widths[:i]) for i in range(len(widths) + 1)]

    def head() -> None:
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + 18), color=BLACK, fill=(0.9, 0.9, 0.9), width=0.6)
        for i, text in enumerate(header):
            if i:
                cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + 18), width=0.6)
            cv.text((xs[i] + xs[i + 1] - tw(text, size)) / 2, cv.y + 12.5, text, size, bold=True)
        cv.y += 18

    head()
    for first, rows in groups:
        heights = [max(_height(c) for c in row) + 8 for row in rows]
        total = max(sum(heights), _height(first) + 8)
        heights[-1] += total - sum(heights)
        if cv.y + total > cv.bottom - 22:
            cv.text(xs[-1] - tw(continued, 8.5), cv.y + 13, continued, 8.5)
            cv.new_page()
            cv.y += 10
            head()
        top = cv.y
        cv.page.draw_rect(pymupdf.Rect(xs[0], top, xs[1], top + total), color=BLACK, width=0.6)
        _cell(cv, xs[0], xs[1], top, total, first, 0 in centered)
        for row, h in zip(rows, heights):
            cv.page.draw_rect(pymupdf.Rect(xs[1], cv.y, xs[-1], cv.y + h), color=BLACK, width=0.6)
            for i, cell in enumerate(row, 1):
                if i > 1:
                    cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + h), width=0.6)
                _cell(cv, xs[i], xs[i + 1], cv.y, h, cell, i in centered)
            cv.y += h
