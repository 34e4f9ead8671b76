"""A plain-text e-mail pasted into a PDF: mail headers (件名 / 送信日時 / 宛先), a greeting,
bracketed section headings and one ・ bullet per person. Posts come before or after the name, the
old post in brackets (前 / 現 / 旧), concurrent posts joined with 兼. The subject gives the date
without a year, the body with it; departures say 退職 / 退任 in the brackets.
The sender's own name is in the signature and is no record."""
from __future__ import annotations

from samplegen.core import GRAY, Canvas, Ctx, Form, Rec, dates, format_date

SIZE = 10.0


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    short = f"{eff.month}月{eff.day}日"
    sender = ctx.person()
    mono = 10.0
    for label, value in (("件名", f"{r.choice(('人事異動のお知らせ', '【人事】異動のご連絡', '人事異動について'))}（{short}付）"),
                         ("送信日時", f"{format_date(announce, r.choice(('western', 'slash')))} 10:{r.randint(10, 59)}"),
                         ("差出人", f"{ctx.company} 人事部 {ctx.name(sender, ' ')}"),
                         ("宛先", r.choice(ctx.vocab.addressees))):
        cv.line_left(f"{label}：{value}", mono, gap=15 if label != "件名" else 0)
    cv.y += 8
    cv.page.draw_line((cv.left, cv.y), (cv.right, cv.y), color=GRAY, width=0.5)
    cv.line_left(r.choice(ctx.vocab.addressees), SIZE, gap=24)
    cv.line_left("お疲れさまです。人事部の" + sender.family + "です。", SIZE, gap=20)
    cv.line_left(r.choice((f"{ctx.date(eff)}付で下記の人事異動が発令されますので、お知らせします。",
                           f"標記の件、{ctx.date(eff)}付の異動を下記のとおりご連絡いたします。")), SIZE)
    sections = [("異動", "ptco"), ("新任・採用", "h"), ("退職", "d")]
    r.shuffle(sections)
    recs: list[Rec] = []
    left = n
    style = r.choice(("post_first", "name_first"))
    for k, (title, kinds) in enumerate(sections):
        m = left if k == len(sections) - 1 else r.randint(0, left)
        left -= m
        if not m:
            continue
        cv.line_left(r.choice(("【{}】", "■{}", "＜{}＞")).format(title), SIZE, gap=26)
        for _ in range(m):
            new, old, dep = ctx.change(kinds)
            p = ctx.person()
            name = ctx.name(p, ctx.name_sep or " ")
            if dep:
                line = f"・{name}（{old} {dep}）" if style == "name_first" else f"・{old}　{name}（{dep}）"
            elif not old:
                line = f"・{name}　{new}（{r.choice(('新規採用', '中途採用'))}）" if style == "name_first" \
                    else f"・{new}　{name}（新規採用）"
            else:
                label = r.choice(("前", "現", "旧"))
                line = f"・{name}　{new}（{label}：{old}）" if style == "name_first" else f"・{new}　{name}（{label} {old}）"
            cv.ensure(30)
            cv.line_left(line, SIZE, gap=18, x=cv.left + 8)
            recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=False))
    cv.line_left("以上、よろしくお願いいたします。", SIZE, gap=28)
    cv.line_left("――――――――――――――", SIZE, gap=22)
    cv.line_left(f"{ctx.company}　人事部", SIZE, gap=16)
    cv.line_left(f"{ctx.name(sender, ' ')}（内線 {r.randint(1000, 9999)}）", SIZE, gap=16)
    return recs


FORM = Form("mail_bullets", build, max_records=11)
