"""Sixth held-out set: 役員体制の変更について, the whole board and executive line-up as one ruled
comparison table, 現体制 (役職 | 氏名) on the left and 新体制 (役職 | 氏名) on the right, one officer a
row, ordered by rank in the new line-up with leavers last. Officers who stay in the same post are
printed on both sides and are no records. A new officer's 現体制 cells hold ― (and nothing else);
a leaver's 新体制 post cell holds ― with 退任 in the 備考 column, or （退任） when there is no 備考
column. When there is a 備考 column it says 昇任 / 新任 / 担当変更 / 退任, and a new officer who comes
from inside the company has 新任（現 former post）. The 現体制 date (現在) and the 新体制 date (付) are
printed above the table; the board-meeting date in the opening sentence is a distractor.

Truth: the new post is the 新体制 役職 cell; the old post the 現体制 役職 cell, or the post after 現
in 備考 for a new officer (else ""); no readings; the company is the announcing company."""
from __future__ import annotations

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead
from samplegen.heldout6._layout import grid, wrapped

BOARD = ("代表取締役社長", "代表取締役副社長", "取締役専務執行役員", "取締役常務執行役員", "取締役", "社外取締役",
         "常勤監査役", "社外監査役")
EXEC = ("専務執行役員", "常務執行役員", "執行役員")
LADDER = BOARD[:5] + EXEC  # the posts a promotion climbs, highest first
ORDER = BOARD + EXEC  # the order of a line-up


def setup(ctx: Ctx) -> None:
    ctx.name_sep = ctx.rng.choice((" ", "\u3000"))  # no reading is printed, so the name carries its split


def _duty(ctx: Ctx, post: str) -> str:
    """An executive post with the area it is in charge of (常務執行役員 経営管理部担当)."""
    return ctx.words(post, ctx.rng.choice(ctx.vocab.depts)[0] + "担当")


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("役員体制の変更について", "新役員体制に関するお知らせ", "役員の異動および新体制について")))
    cv.para(f"当社は、{ctx.date(board)}開催の取締役会において、下記のとおり役員体制を変更することを決議いたしました"
            "のでお知らせいたします。", kinsoku=True)
    cv.center("記", gap=22)
    remarks = r.random() < 0.6
    # (rank in the new line-up, old post, new post, remark, old post in the truth, person); leavers last.
    rows: list[tuple[int, str, str, str, str, object]] = []
    for _ in range(r.randint(2, 5)):  # officers who stay as they are
        base = r.choice(ORDER)
        post = _duty(ctx, base) if base in EXEC and r.random() < 0.5 else base
        rows.append((ORDER.index(base), post, post, "", post, ctx.person()))
    for _ in range(n):
        p, kind = ctx.person(), r.random()
        if kind < 0.4:  # promotion up the ladder
            hi = r.randrange(len(LADDER) - 1)
            old, new = LADDER[r.randrange(hi + 1, len(LADDER))], LADDER[hi]
            rows.append((ORDER.index(new), old, new, "昇任", old, p))
        elif kind < 0.55:  # same rank, another area
            post = r.choice(EXEC)
            old = new = _duty(ctx, post)
            while new == old:
                new = _duty(ctx, post)
            rows.append((ORDER.index(post), old, new, "担当変更", old, p))
        elif kind < 0.8:  # a new officer
            new = r.choice(ORDER[4:])
            was = ctx.dept_post(rank=0) if remarks and new != "社外取締役" and r.random() < 0.6 else ""
            rows.append((ORDER.index(new), "", new, f"新任（現{ctx.sp}{was}）" if was else "新任", was, p))
        else:
            old = r.choice(ORDER[1:])
            rows.append((len(ORDER), old, "", "退任", old, p))
    rows.sort(key=lambda row: row[0])
    cv.line_left(f"現体制：{ctx.date(announce)}現在\u3000\u3000新体制：{ctx.date(eff)}付", 9.5, gap=18)
    cv.y += 6
    widths = [128.0, 72.0, 128.0, 72.0, 83.0] if remarks else [160.0, 81.0, 160.0, 82.0]
    head = [[("現体制", 2), ("新体制", 2)] + ([("備考", 1)] if remarks else []),
            [("役職", 1), ("氏名", 1), ("役職", 1), ("氏名", 1)] + ([(None, 1)] if remarks else [])]
    body, recs = [], []
    for _rank, old, new, remark, was, p in rows:
        name = [(ctx.name(p), 9.5)]
        if not new:
            right = [[("―", 9)] if remarks else [("（退任）", 9)], []]
        else:
            right = [wrapped(new, widths[2], 9), name]
        left = [wrapped(old, widths[0], 9), name] if old else [[("―", 9)], []]
        note = [wrapped(remark, widths[4], 8.5)] if remarks else []
        body.append(left + right + note)
        if old == new:
            continue
        recs.append(Rec(p, eff, ctx.company, new, was, "退任" if not new else "", kana=False))
    grid(cv, widths, head, body, centered=(1, 3, 4) if remarks else (1, 3), size=9.0)
    cv.line_left("※ 敬称略。取締役および監査役の異動は、定時株主総会での承認を条件とします。", 8.5, gap=16)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("taisei_genshin", build, max_records=10, setup=setup)
