"""Table drawing shared by the third held-out set's forms: cells made of lines in their own sizes,
rules chosen per form (full grid, horizontal rules only, or none), page breaks with or without
the header repeated."""
from __future__ import annotations

from typing import Callable

import pymupdf

from samplegen.core import BLACK, GRAY, Canvas, tw, wrap_words

Lines = list[tuple[str, float]]  # a cell: (line, font size) from top to bottom


def wrapped(text: str, width: float, size: float) -> Lines:
    """A value broken only between words to fit `width`."""
    return [(s, size) for _o, s in wrap_words(text, width - 10, size)]


def cell_height(lines: Lines) -> float:
    return sum(size + 4 for _s, size in lines)


def draw_cell(cv: Canvas, x0: float, x1: float, y0: float, h: float, lines: Lines, center: bool = False) -> None:
    """The lines centred vertically in the cell's height."""
    y = y0 + (h - cell_height(lines)) / 2
    for s, size in lines:
        y += size + 4
        x = (x0 + x1 - tw(s, size)) / 2 if center else x0 + 5
        cv.text(x, y - 3.5, s, size)


def table(cv: Canvas, widths: list[float], header: list[str], rows: list[list[Lines]], *, rules: str = "grid",
          repeat_header: bool = True, centered: tuple[int, ...] = (), size: float = 9.5,
          on_break: Callable[[Canvas], None] | None = None) -> None:
    """rules: grid (every cell boxed), rows (horizontal rules only), none (aligned columns, a rule
    under the header). A row that does not fit goes to the next page."""
    xs = [cv.left + sum(widths[:i]) for i in range(len(widths) + 1)]

    def head() -> None:
        h = 18.0
        if rules == "grid":
            cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + h), color=BLACK, fill=(0.9, 0.9, 0.9), width=0.6)
            for x in xs[1:-1]:
                cv.page.draw_line((x, cv.y), (x, cv.y + h), width=0.6)
        else:
            cv.page.draw_line((xs[0], cv.y), (xs[-1], cv.y), width=1.2 if rules == "rows" else 0.4)
            cv.page.draw_line((xs[0], cv.y + h), (xs[-1], cv.y + h), width=0.6)
        for i, text in enumerate(header):
            cv.text((xs[i] + xs[i + 1] - tw(text, size)) / 2, cv.y + 13, text, size, bold=True)
        cv.y += h

    cv.y += 6
    head()
    for row in rows:
        h = max(cell_height(c) for c in row) + 10
        if cv.y + h > cv.bottom - 20:
            if rules == "rows":
                cv.page.draw_line((xs[0], cv.y), (xs[-1], cv.y), width=1.2)
            cv.new_page()
            if on_break:
                on_break(cv)
            cv.y += 10
            if repeat_header:
                head()
        if rules == "grid":
            cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + h), color=BLACK, width=0.6)
            for x in xs[1:-1]:
                cv.page.draw_line((x, cv.y), (x, cv.y + h), width=0.6)
        elif rules == "rows":
            cv.page.draw_line((xs[0], cv.y + h), (xs[-1], cv.y + h), color=GRAY, width=0.5)
        for i, lines in enumerate(row):
            draw_cell(cv, xs[i], xs[i + 1], cv.y, h, lines, center=i in centered)
        cv.y += h
    if rules == "rows":
        cv.page.draw_line((xs[0], cv.y), (xs[-1], cv.y), width=1.2)
