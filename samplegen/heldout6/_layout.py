"""A ruled grid for the sixth held-out set: a header of one or two rows whose cells may span
several columns (現体制 over 役職 | 氏名), body cells made of lines in their own sizes, and a page
break that repeats the header under （次頁へ続く）."""
from __future__ import annotations

import pymupdf

from samplegen.core import BLACK, Canvas, tw, wrap_words

Lines = list[tuple[str, float]]  # a cell: (line, font size) from top to bottom
Head = list[list[tuple[str | None, int]]]  # header rows: (label, columns spanned)


def wrapped(text: str, width: float, size: float) -> Lines:
    return [(s, size) for _o, s in wrap_words(text, width - 8, size)] if text else []


def _height(lines: Lines) -> float:
    return sum(size + 3.5 for _s, size in lines)


def grid(cv: Canvas, widths: list[float], head: Head, rows: list[list[Lines]], *, centered: tuple[int, ...] = (),
         size: float = 9.0, x0: float | None = None) -> None:
    left = cv.left if x0 is None else x0
    xs = [left + sum(widths[:i]) for i in range(len(widths) + 1)]

    def header() -> None:
        # A label of None in the second row merges that column's two header cells (No., 氏名).
        top, rows_h = cv.y, 17 * len(head)
        cv.page.draw_rect(pymupdf.Rect(xs[0], top, xs[-1], top + rows_h), color=BLACK, fill=(0.9, 0.9, 0.9), width=0.6)
        merged = {c for c, (label, _s) in enumerate(head[-1]) if label is None} if len(head) > 1 else set()
        for k, hrow in enumerate(head):
            col, y = 0, top + 17 * k
            for label, span in hrow:
                a, b = xs[col], xs[col + span]
                if label is not None:
                    tall = k == 0 and span == 1 and col in merged
                    if k:
                        cv.page.draw_line((a, y), (b, y), width=0.6)
                    cv.page.draw_line((a, y), (a, top + rows_h if tall else y + 17), width=0.6)
                    cv.text((a + b - tw(label, size)) / 2, y + (12 + 8.5 * (len(head) - 1) if tall else 12), label, size,
                            bold=True)
                col += span
        cv.y = top + rows_h

    header()
    for row in rows:
        h = max([_height(c) for c in row] + [size]) + 8
        if cv.y + h > cv.bottom - 22:
            cv.text(xs[-1] - tw("（次頁へ続く）", 8.5), cv.y + 13, "（次頁へ続く）", 8.5)
            cv.new_page()
            cv.y += 10
            header()
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + h), color=BLACK, width=0.6)
        for i, cell in enumerate(row):
            if i:
                cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + h), width=0.6)
            y = cv.y + (h - _height(cell)) / 2
            for s, fs in cell:
                y += fs + 3.5
                x = (xs[i] + xs[i + 1] - tw(s, fs)) / 2 if i in centered else xs[i] + 4
                cv.text(x, y - 3, s, fs)
        cv.y += h
