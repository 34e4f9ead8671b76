"""Third held-out set: an e-mail printed from a mail client (From / Sent / To / Subject, the printing
user's name on top), a 組織変更 list that names units but no persons, then the 人事異動 as a table
typed with box-drawing characters (┌─┬─┐ │ …) whose long cells continue on the next text line;
no readings; the sender's signature is no record."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, dates, format_date, tw, wrap_words

SIZE = 9.0
COLS = (9.0, 20.0, 17.0)  # column widths in ems


def _pad(s: str, em: float) -> str:
    """Fill with full-width spaces (and one ASCII space for a half em) to `em` ems."""
    gap = em - tw(s, 1)
    return s + "\u3000" * int(gap) + (" " if gap - int(gap) >= 0.5 else "")


def _rule(left: str, mid: str, right: str) -> str:
    return left + mid.join("─" * int(c) for c in COLS) + right


def _row(cells: list[str]) -> list[str]:
    parts = [[s for _o, s in wrap_words(c, em * SIZE, SIZE)] for c, em in zip(cells, COLS)]
    height = max(len(p) for p in parts)
    return ["│" + "│".join(_pad(p[k] if k < len(p) else "", em) for p, em in zip(parts, COLS)) + "│"
            for k in range(height)]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    sender = ctx.person()
    reader = ctx.person()
    cv.text(cv.left, cv.y, ctx.name(reader, " "), 11, bold=True)
    cv.page.draw_line((cv.left, cv.y + 5), (cv.right, cv.y + 5), width=1.5)
    tag = r.choice(("人事", "通知", "重要"))
    subject = f"【{tag}】{format_date(eff, r.choice(('slash', 'slash0', 'western')))}付 組織変更及び人事異動"
    sent = announce + timedelta(days=r.randint(0, 2))
    wd = "月火水木金土日"[sent.weekday()]
    for k, v in (("From", f"人事部 {ctx.name(sender, ' ')}"), ("Sent", f"{sent.year}年{sent.month}月{sent.day}日({wd}) "
                 f"{r.randint(8, 18)}:{r.randint(0, 59):02d}"), ("To", r.choice(("全社員", "管理職メーリングリスト"))),
                 ("Subject", subject)):
        cv.text(cv.left, cv.y + 22, f"{k}:", 9.5, bold=True)
        cv.text(cv.left + 70, cv.y + 22, v, 9.5)
        cv.y += 15
    cv.y += 14
    for s in ("各位", "", f"お疲れさまです。人事部の{sender.family}です。",
              f"{ctx.date(eff)}付の組織変更及び人事異動についてお知らせします。", ""):
        cv.line_left(s, 10, gap=15)
    cv.line_left("1. 組織変更", 10, gap=17)
    for unit in r.sample(ctx.vocab.new_units, 2):
        cv.line_left(f"・{ctx.words(unit)}を新設し、{r.choice(ctx.vocab.depts)[0]}の所管とする", 10, gap=15)
    cv.line_left("2. 人事異動", 10, gap=22)
    cv.y += 4
    lines = [_rule("┌", "┬", "┐"), *_row(["氏名", "新", "旧"]), _rule("├", "┼", "┤")]
    recs = []
    for i in range(n):
        p = ctx.person()
        new, old, dep = ctx.change()
        lines += _row([ctx.name(p, ctx.name_sep or "\u3000"), dep or new, old or "（新卒採用）"])
        lines.append(_rule("├", "┼", "┤") if i < n - 1 else _rule("└", "┴", "┘"))
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=False))
    for s in lines:
        if cv.y + 14 > cv.bottom:
            cv.new_page()
        cv.y += 12.5
        cv.text(cv.left, cv.y, s, SIZE)
    cv.ensure(90)
    for k, s in enumerate(("以上、よろしくお願いします。", "", "--", f"{ctx.company} 人事部 {ctx.name(sender, ' ')}",
                           f"内線 {r.randint(2000, 7999)} / jinji-{r.randint(10, 99)}@example.jp")):
        cv.line_left(s, 9.5, gap=15)
    return recs


FORM = Form("email_ascii", build, max_records=10)
