"""Second held-out set: an e-mail notice printed as plain text (件名 / 差出人 / 宛先 header, greeting),
one ■ entry per person with 氏名 / 新 / 旧 on a line each and the separators mixed (：, :, ／), a …付
heading per group, departures dated in the entry itself, and the company only in the signature."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import GRAY, Canvas, Ctx, Form, Rec, dates, format_date, tw, wrap_words

LABELS = (("氏名", "新", "旧"), ("氏名", "新所属", "旧所属"), ("名前", "異動先", "異動元"))


def _field(cv: Canvas, label: str, sep: str, value: str) -> None:
    head = f"\u3000{label}{sep}"
    for k, (_o, s) in enumerate(wrap_words(value, cv.right - cv.left - tw(head, 10.5) - 20, 10.5)):
        cv.line_left((head if k == 0 else "\u3000" * 2) + s, gap=16, x=cv.left + (0 if k == 0 else tw(head, 10.5) - 21))


def _sep(ctx: Ctx, usual: str) -> str:
    """Typed by hand: mostly the document's separator, now and then another one."""
    return usual if ctx.rng.random() < 0.8 else ctx.rng.choice(("：", ":", "／"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    second = eff + timedelta(days=r.choice((14, 30))) if n > 2 and r.random() < 0.4 else None
    contact = ctx.person()
    group = r.choice(("人事企画グループ", "人事課", "労務・人事チーム"))
    sep = r.choice(("：", ": ", "／"))
    labels = r.choice(LABELS)
    reading = r.random() < 0.7
    for k, v in (("件名", f"【人事】{ctx.date(eff)}付 人事異動のお知らせ"), ("差出人", f"人事部 {group}"),
                 ("宛先", r.choice(("全社員", "all-staff", "管理職各位"))),
                 ("送信日時", f"{format_date(announce, 'slash')} {r.randint(9, 17)}:{r.randint(0, 59):02d}")):
        cv.line_left(f"{k}{r.choice(('：', ': '))}{v}", 9.5, gap=15)
    cv.y += 8
    cv.page.draw_line((cv.left, cv.y), (cv.right, cv.y), color=GRAY, width=0.5)
    cv.line_left(r.choice(("全社員各位", "各位", "皆様")), gap=24)
    cv.line_left(f"お疲れ様です。人事部の{contact.family}です。", gap=22)
    cv.line_left("下記のとおり人事異動を発令しますので、お知らせいたします。")
    recs = []
    for i in range(n):
        d = second if second and i >= n // 2 else eff
        if i == 0 or (second and i == n // 2):
            cv.ensure(80)
            cv.line_left(f"【{ctx.date(d)}付】", gap=28)
        new, old, dep = ctx.change()
        p = ctx.person()
        if dep:  # a departure carries its own date, the last working day
            d = d - timedelta(days=1)
            new_shown = f"{dep}（{format_date(d, r.choice(('slash', 'western')))}付）"
        else:
            new_shown = new
        cv.ensure(70)
        name = ctx.named(p, reading) + (f"（{ctx.ruby(p)}）" if reading else "")
        cv.line_left(f"■{labels[0]}{_sep(ctx, sep)}{name}", gap=24)
        _field(cv, labels[1], _sep(ctx, sep), new_shown)
        if old or r.random() < 0.5:
            _field(cv, labels[2], _sep(ctx, sep), old or r.choice(("―（新規入社）", "なし（キャリア採用）")))
        recs.append(Rec(p, d, ctx.company, new, old, dep, kana=reading))
    cv.line_left("以上、よろしくお願いいたします。", gap=30)
    cv.ensure(90)
    rule = "━" * 24
    tel = f"TEL: 0{r.randint(3, 6)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}（内線 {r.randint(100, 999)}）"
    for k, s in enumerate((rule, ctx.company, f"人事部 {group}\u3000{ctx.name(contact, chr(0x3000))}", tel,
                           "Mail: jinji@example.co.jp", rule)):
        cv.line_left(s, 9.5, gap=24 if k == 0 else 14)
    return recs


FORM = Form("mail_text", build, max_records=9)
