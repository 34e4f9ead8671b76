"""Sixth held-out set: 昇格・昇進者一覧, the yearly list of grade promotions: a ruled table No. | 氏名 |
所属 | 資格（旧 | 新） | 役職（旧 | 新） under a two-level header. Everyone listed moves up a grade
(資格: 主事補 → 主事, or codes such as M2 → M1), which is not a post; only those whose 役職 changes as
well (課長 → 部長 in the same 所属) are records. A grade-only row prints the same 役職 twice, or ― twice
for staff without a post, and the note under the table says so. The 所属 does not change. The
reading is in hiragana brackets under the name in about half the files.

Truth: new post = 所属 and the new 役職 joined by a space, old post = 所属 and the old 役職; rows
whose 役職 is unchanged are no records; the date is the one in the title (…付)."""
from __future__ import annotations

from samplegen.core import Canvas, Ctx, Form, Rec, dates, letterhead
from samplegen.heldout6._layout import grid, wrapped

GRADES = (("一般職3級", "一般職2級", "一般職1級", "主事補", "主事", "副参事", "参事"),
          ("J3", "J2", "J1", "M3", "M2", "M1", "E1"))  # lowest first
WIDTHS = [24.0, 84.0, 119.0, 64.0, 64.0, 64.0, 64.0]


def setup(ctx: Ctx) -> None:
    ctx.reading = "hira"
    ctx.name_sep = ctx.rng.choice((" ", "\u3000"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    grades = r.choice(GRADES)
    letterhead(cv, ctx, announce)
    cv.title(f"{ctx.date(eff)}付\u3000{r.choice(('昇格・昇進者一覧', '昇格者および役職任用者一覧'))}", 13)
    cv.para("本年度の昇格審査の結果、下記の者の資格等級を昇格させ、"
            "あわせて役職を任用しますので通知します。", kinsoku=True)
    reading = r.random() < 0.5
    plan = [True] * n + [False] * r.randint(2, 6)
    r.shuffle(plan)
    rows, recs = [], []
    for i, changes in enumerate(plan):
        p = ctx.person()
        dept, kind = r.choice(ctx.vocab.depts)
        posts = ctx.vocab.posts[kind]
        g = r.randrange(len(grades) - 1)
        if changes:
            hi = r.randrange(len(posts) - 1)
            new, old = posts[hi], posts[r.randrange(hi + 1, len(posts))]
            recs.append(Rec(p, eff, ctx.company, f"{dept} {new}", f"{dept} {old}", kana=reading))
        else:
            new = old = r.choice(posts[1:] + ("―", "―"))
        name = [(ctx.name(p), 9.5)] + ([(f"（{ctx.ruby(p)}）", 6.5)] if reading else [])
        rows.append([[(str(i + 1), 8.5)], name, wrapped(dept, WIDTHS[2], 9), [(grades[g], 8.5)],
                     [(grades[g + 1], 8.5)], [(old, 8.5)], [(new, 8.5)]])
    cv.y += 8
    grid(cv, WIDTHS, [[("No.", 1), ("氏名", 1), ("所属", 1), ("資格", 2), ("役職", 2)],
                      [(None, 1), (None, 1), (None, 1), ("旧", 1), ("新", 1), ("旧", 1), ("新", 1)]],
         rows, centered=(0, 3, 4, 5, 6), size=9.0)
    cv.line_left("※ 役職欄の新旧が同じ者（―は役職なし）は資格のみの昇格であり、役職・所属に変更はありません。", 8.5, gap=16)
    cv.line_left("※ 所属は発令日現在のものです。昇格に伴う給与改定は別途通知します。", 8.5, gap=13)
    cv.line_right("以上", gap=22)
    return recs


FORM = Form("shikaku_shokaku", build, max_records=12, setup=setup)
