"""Third held-out set: 役員人事 of a listed company (証券コード under the company name), sections
昇格 / 新任 / 委嘱業務の変更 / 退任, one bullet line per person with the name first: 氏名：新役職
（現 旧役職）; a reading in brackets for new officers only; the board changes take effect at the
general meeting, the executive-officer changes on a later date stated in their own heading; ※ notes
name outside directors again (no records)."""
from __future__ import annotations

from datetime import date, timedelta

from samplegen.core import Canvas, Ctx, Form, Rec, letterhead, tw, wrap_words
from samplegen.heldout3.vocab import OFFICER_POSTS

BOARD = ("取締役副社長", "専務取締役", "常務取締役", "取締役")
EXEC = ("専務執行役員", "常務執行役員", "執行役員")


def _duty(ctx: Ctx) -> str:
    name, kind = ctx.rng.choice([d for d in ctx.vocab.depts if d[1] in ("honbu", "bu", "shitsu")])
    head = ctx.vocab.posts[kind][0]
    # The head of a unit is written as one word: 営業本部長, 監査部長, 経営管理室長.
    return ctx.words(name + "長" if name.endswith(head[:-1]) else name + head)


def _bullet(cv: Canvas, head: str, rest: str, size: float = 10.5) -> None:
    """`head` (・氏名：) then the posts, continued under the posts when too long (never inside a word)."""
    x = cv.left + 14
    indent = tw(head, size)
    cv.ensure(40)
    for k, (_o, s) in enumerate(wrap_words(rest, cv.right - x - indent, size)):
        cv.y += 17
        if k == 0:
            cv.text(x, cv.y, head, size)
        cv.text(x + indent, cv.y, s, size)


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 3)
    year = r.choice((2019, 2022, 2024, 2025, 2026))
    meeting = date(year, 6, r.choice((20, 24, 26, 27)))
    later = date(year, 7, 1)
    announce = meeting - timedelta(days=r.randint(30, 50))
    letterhead(cv, ctx, announce, company=False)
    cv.line_right(ctx.company)
    code = f"{r.choice(('証券コード', 'コード番号'))}：{r.randint(1300, 9999)}"
    market = r.choice(("プライム", "スタンダード") if year >= 2022 else ("第一部", "第二部"))  # markets renamed in 2022
    cv.line_right(f"（{code}\u3000東証{market}）", 9)
    cv.title(r.choice(("役員人事に関するお知らせ", "役員の異動および執行役員人事について")))
    cv.para("当社は、", ctx.date(announce), "開催の取締役会において、下記のとおり役員人事を内定いたしましたので、"
            "お知らせいたします。なお、取締役の選任は", ctx.date(meeting), "開催予定の定時株主総会において正式に決定される予定です。",
            kinsoku=True)
    cv.center("記", gap=24)
    counts = [0, 0, 0, 0]
    for _ in range(n):
        counts[r.randrange(4)] += 1
    counts[0] = counts[0] or 1
    recs, notes, number = [], [], 0
    for section, k in zip(("昇格", "新任", "委嘱業務の変更", "退任"), counts):
        if not k:
            continue
        number += 1
        d = later if section == "委嘱業務の変更" or (section == "昇格" and r.random() < 0.3) else meeting
        cv.ensure(70)
        cv.line_left(f"{number}．{section}（{ctx.date(d)}付）", 11, gap=28)
        for _ in range(k):
            p = ctx.person()
            reading = section == "新任"
            name = ctx.named(p, reading) + (f"（{ctx.ruby(p)}）" if reading else "")
            old_shown = ""
            dep = ""
            if section == "昇格":
                hi = r.randrange(len(BOARD) - 1)
                new, old = BOARD[hi], r.choice(BOARD[hi + 1:] + EXEC)
                if r.random() < 0.6:
                    duty = _duty(ctx)
                    new, old = ctx.words(new, duty), ctx.words(old, duty)
            elif section == "新任":
                if r.random() < 0.35:
                    firm, post = r.choice(ctx.vocab.outside)
                    new, old, old_shown = "社外取締役", post, f"{firm}\u3000{post}"
                    notes.append(ctx.name(p))
                else:
                    title = r.choice(("取締役", "執行役員", "常勤監査役"))
                    new = ctx.words(title) if title == "常勤監査役" else ctx.words(title, _duty(ctx))
                    old = _duty(ctx)
            elif section == "委嘱業務の変更":
                title = r.choice(("取締役", "常務取締役", "取締役 常務執行役員"))
                a, b = _duty(ctx), _duty(ctx)
                while b == a:
                    b = _duty(ctx)
                old = ctx.words(title, a)
                new = old + ctx.sp + "兼" + ctx.sp + b if r.random() < 0.5 else ctx.words(title, b)
            else:
                old = ctx.words(r.choice(OFFICER_POSTS[1:]))
                new, dep = "", r.choice(("退任", "退任予定"))
            gen = r.choice(("現", "現\u3000", "現 "))
            shown = f"{dep or new}（{gen}{old_shown or old}）" if section != "退任" else f"（{gen}{old}）"
            _bullet(cv, f"・{name}：" if section != "退任" else f"・{name}", shown)
            recs.append(Rec(p, d, ctx.company, new, old, dep, kana=reading))
    if notes:
        cv.line_left("", gap=8)
        for who in notes:
            cv.line_left(f"※ {who}氏は、会社法第2条第15号に定める社外取締役の候補者であります。", 9, gap=15)
    cv.line_right("以上", gap=26)
    tel = f"0{r.randint(3, 9)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
    cv.line_left(f"本件に関するお問い合わせ先：{ctx.words('秘書・広報室')}\u3000TEL {tel}", 9, gap=30)
    return recs


FORM = Form("officer_colon", build, max_records=10)
