"""Eighth held-out set: a 見え消し line-up (管理職配置表（見え消し版）), the way a revised list is
circulated in Japanese offices: the whole line-up, one row a person (No. | 所属・職位 | 氏名), with
every change made visibly on the old list. A deleted post is struck through (a line drawn through
the printed words, which stay in the text layer) and the post that replaces it is printed in red
on the line below; an added concurrent post is a red 兼 line under the post kept (black); a person who joins the line-up is printed wholly in red (name and post), a person
who leaves has the name and post struck through and （退職） / （退任） added in red. A legend
under the title explains the marks (取消線：変更前　赤字：変更後). Rows without any mark are
unchanged and are not records. The …付 date is in the subtitle; the list's issue date above it is
a distractor.

Truth: only rows with a strike-through or red text are records, in row order; the struck post is
the old post, the red post the new post; a black post with a red 兼 line under it gives new post
"kept 兼 added" and old post the kept one; a red row without struck text is a hire (old post "");
a struck row with （退職） / （退任） is a departure (new post 退任, old post the struck post);
no readings are printed."""
from __future__ import annotations

import pymupdf

from samplegen.core import BLACK, Canvas, Ctx, Form, Rec, dates, tw
from samplegen.heldout8._parts import move, post

RED = (0.82, 0.0, 0.0)
WIDTHS = [34.0, 300.0, 149.0]


def setup(ctx: Ctx) -> None:
    ctx.name_sep = ctx.rng.choice((" ", "\u3000"))  # no reading is printed, so the name keeps its split


def fit(s: str, width: float, size: float) -> float:
    return min(size, size * (width - 10) / max(tw(s, size), 1))


def struck(cv: Canvas, x: float, y: float, s: str, size: float) -> None:
    cv.text(x, y, s, size)
    cv.page.draw_line((x - 1, y - size * 0.33), (x + tw(s, size) + 1, y - size * 0.33), color=BLACK, width=0.8)


def head(cv: Canvas) -> None:
    xs = [cv.left + sum(WIDTHS[:i]) for i in range(4)]
    cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + 18), color=BLACK, fill=(0.9, 0.9, 0.9), width=0.6)
    for i, h in enumerate(("No.", "所属・職位", "氏名")):
        cv.text((xs[i] + xs[i + 1] - tw(h, 9.5)) / 2, cv.y + 13, h, 9.5, bold=True)
        if i:
            cv.page.draw_line((xs[i], cv.y), (xs[i], cv.y + 18), width=0.6)
    cv.y += 18


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    cv.line_right(ctx.date(announce), gap=0)
    cv.line_right(ctx.company)
    cv.line_right(r.choice(("人事部", "総務人事部", "人事部 人事企画グループ")))
    cv.title(r.choice(("管理職配置表（見え消し版）", "幹部職員名簿（新旧見え消し）", "組織・職位一覧（見え消し）")))
    cv.center(f"（{ctx.date(eff)}付 人事異動反映）", 10)
    cv.y += 8
    legend = "※ 取消線：変更前　　赤字：変更後"
    cv.line_left(legend, 9, gap=16)
    cv.page.draw_line((cv.left + tw("※ ", 9), cv.y - 3), (cv.left + tw("※ 取消線", 9), cv.y - 3), width=0.8)
    cv.y += 6
    # The whole line-up: n changed rows among 2-6 unchanged ones, in the order the list is kept.
    rows = [("same", None)] * r.randint(2, 6) + [("move", move(ctx, "pptcchd")) for _ in range(n)]
    r.shuffle(rows)
    xs = [cv.left + sum(WIDTHS[:i]) for i in range(4)]
    head(cv)
    recs = []
    for k, (what, m) in enumerate(rows, 1):
        p = ctx.person()
        name = ctx.name(p)
        lines: list[tuple[str, str]] = []  # (post, mark) with mark "", "strike" or "red"
        if m is None:
            lines.append((ctx.words(*post(ctx)), ""))
        elif m.kind == "c":  # an added concurrent post: the post kept stays black, the addition is red
            lines += [(m.old_text(ctx), ""), (ctx.words("兼", *m.new[1]), "red")]
        else:
            if m.old:
                lines.append((m.old_text(ctx), "strike"))
            lines.append((f"（{m.word}）" if m.word else m.new_text(ctx), "red"))
        h = 16.0 * len(lines) + 8
        if cv.y + h > cv.bottom - 20:
            cv.text(cv.right - tw("（次頁へ続く）", 9), cv.y + 14, "（次頁へ続く）", 9)
            cv.new_page()
            cv.y += 10
            head(cv)
        cv.page.draw_rect(pymupdf.Rect(xs[0], cv.y, xs[-1], cv.y + h), color=BLACK, width=0.6)
        for x in xs[1:3]:
            cv.page.draw_line((x, cv.y), (x, cv.y + h), width=0.6)
        no = str(k)
        cv.text((xs[0] + xs[1] - tw(no, 9.5)) / 2, cv.y + h / 2 + 4, no, 9.5)
        for j, (s, mark) in enumerate(lines):
            size = fit(s, WIDTHS[1], 9.5)
            y = cv.y + 4 + 16 * (j + 1) - 3
            if mark == "strike":
                struck(cv, xs[1] + 5, y, s, size)
            else:
                cv.text(xs[1] + 5, y, s, size, color=RED if mark else BLACK)
        ny = cv.y + h / 2 + 4
        if m is not None and m.word:
            struck(cv, xs[2] + 8, ny, name, 10)
        else:
            cv.text(xs[2] + 8, ny, name, 10, color=RED if m is not None and m.kind == "h" else BLACK)
        cv.y += h
        if m is not None:
            recs.append(Rec(p, eff, ctx.company, m.new_text(ctx), m.old_text(ctx), m.word, kana=False))
    cv.line_right("以上", gap=26)
    return recs


FORM = Form("mikeshi_roster", build, max_records=10, setup=setup)
