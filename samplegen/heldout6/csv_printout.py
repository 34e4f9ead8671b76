"""Sixth held-out set: a covering memo from HR to the payroll clerks (人事異動データの送付について)
with the HR system's export printed under it as raw CSV text: a header line of English column
codes (EMP_NO, NAME_KANJI, NAME_KANA, EFF_DATE, CHG_CD, DEPT_NEW, POST_NEW, DEPT_OLD, POST_OLD),
then one quoted, comma-separated line per person, the reading in half-width katakana, the
effective date as 8 digits (20260401), the kind of change as a code, empty fields as "". The memo
explains the codes (10 昇格 / 20 異動 / 30 採用 / 90 退職) and states the effective date and the
leavers' date (the day before) in words; an output timestamp and a record count close the export.

Truth: the new post is DEPT_NEW and POST_NEW joined by a space, the old post likewise (both ""
for a hire); a 90 line (new fields empty) is a departure, dated by its own EFF_DATE."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, dates, kana_as, letterhead, tw

COLUMNS = ("EMP_NO", "NAME_KANJI", "NAME_KANA", "EFF_DATE", "CHG_CD", "DEPT_NEW", "POST_NEW", "DEPT_OLD", "POST_OLD")


def setup(ctx: Ctx) -> None:
    ctx.reading = "half"
    ctx.fw = False  # an export is ASCII
    ctx.name_sep = ctx.rng.choice((" ", "\u3000"))


def _unit(ctx: Ctx, rank: int | None = None) -> tuple[str, str]:
    dept, kind = ctx.rng.choice(ctx.vocab.depts)
    posts = ctx.vocab.posts[kind]
    return dept, posts[ctx.rng.randrange(len(posts)) if rank is None else rank]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    leave = eff - timedelta(days=1)
    letterhead(cv, ctx, announce)
    cv.title(r.choice(("人事異動データの送付について", "発令データ送付のご案内（給与システム連携用）")))
    rows, recs = [], []
    for _ in range(n):
        p, kind = ctx.person(), r.random()
        if kind < 0.3:  # promotion inside the unit
            dept, kind_ = r.choice(ctx.vocab.depts)
            posts = ctx.vocab.posts[kind_]
            hi = r.randrange(len(posts) - 1)
            new, old, code = (dept, posts[hi]), (dept, posts[r.randrange(hi + 1, len(posts))]), "10"
        elif kind < 0.7:
            new = old = _unit(ctx)
            while new == old:
                new = _unit(ctx)
            code = "20"
        elif kind < 0.85:
            new, old, code = _unit(ctx), ("", ""), "30"
        else:
            new, old, code = ("", ""), _unit(ctx), "90"
        when = leave if code == "90" else eff
        rows.append([f"{r.randint(100000, 399999)}", ctx.name(p), kana_as(p.kana_family, "half") + " "
                     + kana_as(p.kana_given, "half"), when.strftime("%Y%m%d"), code, *new, *old])
        recs.append(Rec(p, when, ctx.company, " ".join(new).strip(), " ".join(old).strip(),
                        "退職" if code == "90" else ""))
    has_leavers = any(row[4] == "90" for row in rows)
    cv.para(f"{ctx.date(eff)}付の人事異動について、人事システムから出力した発令データを下記のとおり送付します。"
            + (f"退職者（区分90）の発令日は{ctx.date(leave)}です。" if has_leavers else "")
            + "給与・社会保険の各システムへの取込みをお願いします。", kinsoku=True)
    cv.center("記", gap=22)
    cv.line_left("項目：EMP_NO＝社員番号、NAME_KANJI＝氏名、NAME_KANA＝氏名カナ、EFF_DATE＝発令日（YYYYMMDD）、", 8.5)
    cv.line_left("CHG_CD＝異動区分（10：昇格、20：異動、30：採用、90：退職）、DEPT／POST＝所属／役職（NEW＝異動後、"
                 "OLD＝異動前）", 8.5, gap=13)
    lines = [",".join(COLUMNS)] + [",".join(f'"{v}"' for v in row) for row in rows]
    size = min(8.0, (cv.right - cv.left - 20) / max(tw(s, 1) for s in lines))
    cv.y += 10
    top = cv.y
    for s in lines:
        cv.ensure(size + 6)
        cv.line_left(s, size, gap=size + 5, x=cv.left + 10)
    stamp = f"{announce.year}/{announce.month:02d}/{announce.day:02d} {r.randint(8, 19):02d}:{r.randint(0, 59):02d}"
    cv.line_left(f"# {len(rows)} records exported {stamp} (JINJI-HR v4.2)", size, gap=size + 8, x=cv.left + 10)
    if cv.page.number == 0:  # the export stands in a light frame, as pasted from a text editor
        cv.page.draw_rect((cv.left, top, cv.right, cv.y + 6), color=(0.6, 0.6, 0.6), width=0.5)
    cv.line_left("※ 文字コードはShift_JIS、氏名カナは半角です。取込み後は本ファイルを削除してください。", 8.5, gap=22)
    cv.line_right("以上", gap=20)
    return recs


FORM = Form("csv_printout", build, max_records=16, setup=setup)
