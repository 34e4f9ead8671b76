"""A ruled grid for the fourth held-out set: cells made of lines in their own sizes, and optionally
the first column merged over consecutive rows with the same value (printed once, in the middle of
its run, and again after a page break)."""
from __future__ import annotations

import pymupdf

from samplegen.core import BLACK, Canvas, tw, wrap_words

Lines = list[tuple[str, float]]  # a cell: (line, font size) from top to bottom


def wrapped(text: str, width: float, size: float) -> Lines:
    return [(s, size) for _o, s in wrap_words(text, width - 10, size)]


def _height(lines: Lines) -> float:
    return sum(size + 4 for _s, size in lines)


def _cell(cv: Canvas, x0: float, x1: float, y0: float, h: float, lines: Lines, center: bool) -> None:
    y = y0 + (h - _height(lines)) / 2
    for s, size in lines:
        y += size + 4
        cv.text((x0 + x1 - tw(s, size)) / 2 if center else x0 + 5, y - 3.5, s, size)


def grid(cv: Canvas, widths: list[float], header: list[str], rows: list[list[Lines]], *, merge_first: bool = False,
         centered: tuple[int, ...] = (), size: float = 9.5) -> None:
    xs = [cv.left + sum(widths[:i]) for i in range(len(widths) + 1)]

    def head() -> None:
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + 20), color=BLACK, fill=(0.88, 0.88, 0.88), width=0.7)
        for i, text in enumerate(header):
            if i:
                cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + 20), width=0.7)
            cv.text((xs[i] + xs[i + 1] - tw(text, size)) / 2, cv.y + 14, text, size, bold=True)
        cv.y += 20

    def close_run(run: list[float], lines: Lines) -> None:
        # The merged cell: one box over the run's rows, its value in the middle.
        if run:
            cv.page.draw_rect(pymupdf.Rect(xs[0], run[0], xs[1], run[1]), color=BLACK, width=0.7)
            _cell(cv, xs[0], xs[1], run[0], run[1] - run[0], lines, True)

    cv.y += 6
    head()
    run: list[float] = []
    current: Lines = []
    for row in rows:
        h = max(_height(c) for c in row) + 10
        if cv.y + h > cv.bottom - 24:
            if merge_first:
                close_run(run, current)
                run = []
            cv.new_page()
            cv.y += 10
            head()
        if merge_first and (row[0] != current or not run):
            close_run(run, current)
            run, current = [cv.y, cv.y], row[0]
        start = 1 if merge_first else 0
        cv.page.draw_rect(pymupdf.Rect(xs[start], cv.y, xs[-1], cv.y + h), color=BLACK, width=0.7)
        for i in range(start, len(row)):
            if i > start:
                cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + h), width=0.7)
            _cell(cv, xs[i], xs[i + 1], cv.y, h, row[i], i in centered)
        cv.y += h
        if merge_first:
            run[1] = cv.y
    if merge_first:
        close_run(run, current)
