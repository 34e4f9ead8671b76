"""Eighth held-out set: an extract of board minutes (取締役会議事録（抜粋）), the copy a company
circulates or files when the board has appointed officers and senior staff: 日時 (the meeting, a
distractor date), 場所, 出席者 (the directors and auditors present, named: no records), 議長 (the
president, named: no record), then 議事の経過の要領及びその結果 with 第n号議案 each resolved in a
sentence that states its own …付 date: 執行役員選任の件 (the new officers listed under it, each
name（現 old post） new post), 重要な使用人の異動の件 (senior staff, same listing, （新規採用） for a
hire), sometimes 組織変更の件 (a new unit, no person) and 執行役員の辞任の件 (…付をもって辞任 /
退任したい旨の申出があり, dated the day before). It closes with the 記名押印 sentence, the meeting
date and the signatures of everyone present (no records) and 上記は原本と相違ありません.

Truth: the listed persons in 議案 order, each dated by its 議案's sentence; an officer's new post is
執行役員 and the post printed after the name (執行役員 unit title); 辞任 / 退任 → 退任 with the post
named before the name as old post; attendees, the chair and the signatories are never records;
no readings are printed."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Atom, Canvas, Ctx, Form, Rec, dates, fullwidth, tw
from samplegen.heldout8._parts import move, post

NUMS = "１２３４５６７８９"


def setup(ctx: Ctx) -> None:
    ctx.name_sep = "\u3000"  # no reading is printed, so the name carries its own split


def item(cv: Canvas, ctx: Ctx, k: int, name: str, new: str, old: str) -> None:
    line = f"（{fullwidth(str(k))}）{name}\u3000{new}"
    tail = f"（現{ctx.sp}{old}）" if old else "（新規採用）"
    x = cv.left + 28
    cv.ensure(36)
    if x + tw(line + tail, 10.5) > cv.right:
        cv.line_left(line, gap=18, x=x)
        cv.line_left(tail, gap=15, x=x + tw("（１）", 10.5))
    else:
        cv.line_left(line + tail, gap=18, x=x)


def seal(cv: Canvas, x: float, y: float) -> None:
    """印: the place of a seal, a small circle round 印 (㊞ has no glyph in the fallback font)."""
    cv.page.draw_circle((x, y - 3.5), 7, color=(0.2, 0.2, 0.2), width=0.5)
    cv.text(x - 4, y, "印", 8)


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, board = dates(ctx)
    cv.title(r.choice(("取締役会議事録（抜粋）", "第{}回 取締役会議事録（抜粋）".format(r.randint(102, 388)))))
    directors = [ctx.person() for _ in range(r.randint(3, 5))]
    auditors = [ctx.person() for _ in range(r.choice((1, 2)))]
    chair = directors[0]
    cv.y += 10
    cv.line_left(f"１．日　　時　　{ctx.date(board)}　午前{r.choice(('9', '10', '11'))}時00分～")
    cv.line_left("２．場　　所　　当社本社　" + r.choice(("第１会議室", "大会議室", "役員会議室")))
    cv.line_left(f"３．出 席 者　　取締役{len(directors)}名中{len(directors)}名出席、監査役{len(auditors)}名中"
                 f"{len(auditors)}名出席")
    cv.line_left("　　　　　　　　出席取締役　" + "、".join(ctx.name(p) for p in directors), size=9.5)
    cv.line_left("　　　　　　　　出席監査役　" + "、".join(ctx.name(p) for p in auditors), size=9.5)
    cv.line_left(f"４．議　　長　　代表取締役社長　{ctx.name(chair)}")
    cv.line_left("５．議事の経過の要領及びその結果", gap=24)
    cv.para("定刻、議長は開会を宣し、本日の出席取締役及び出席監査役は上記のとおりであり、本会議は適法に成立した"
            "旨を告げ、議案の審議に入った。", kinsoku=True)
    quit_ = r.randint(0, min(2, n - 1)) if n > 1 else 0
    officers = r.randint(1, max(1, (n - quit_) // 2)) if n - quit_ > 1 else n - quit_
    staff = n - quit_ - officers
    recs, no, k = [], 0, 0

    def agenda(title: str) -> None:
        nonlocal no
        cv.ensure(60)
        cv.line_left(f"第{NUMS[no]}号議案　{title}", gap=24, x=cv.left + 10)
        no += 1

    agenda("執行役員選任の件")
    cv.para(f"議長は、{ctx.date(eff)}付をもって下記の者を執行役員に選任したい旨を述べ、その理由を説明した後、"
            "これを諮ったところ、出席取締役全員一致をもって原案どおり承認可決した。", kinsoku=True)
    for _ in range(officers):
        p, unit = ctx.person(), post(ctx, lo=0, hi=1)
        old = post(ctx, (unit[0], dict(ctx.vocab.depts)[unit[0]]), lo=1) if r.random() < 0.6 else post(ctx)
        k += 1
        new = ctx.words("執行役員", *unit)
        item(cv, ctx, k, ctx.name(p), new, ctx.words(*old))
        recs.append(Rec(p, eff, ctx.company, new, ctx.words(*old), kana=False))
    if staff:
        agenda(r.choice(("重要な使用人の異動の件", "重要な使用人の選任及び異動の件")))
        cv.para(f"議長は、{ctx.date(eff)}付をもって下記のとおり重要な使用人の異動を行いたい旨を述べ、これを諮った"
                "ところ、出席取締役全員異議なく承認可決した。", kinsoku=True)
        k = 0
        for _ in range(staff):
            p, m = ctx.person(), move(ctx, "pptcch")
            k += 1
            item(cv, ctx, k, ctx.name(p), m.new_text(ctx), m.old_text(ctx))
            recs.append(Rec(p, eff, ctx.company, m.new_text(ctx), m.old_text(ctx), kana=False))
    if r.random() < 0.5:
        agenda("組織変更の件")
        cv.para(f"議長は、{ctx.date(eff)}付をもって{r.choice(ctx.vocab.new_units)}を新設したい旨を述べ、これを諮った"
                "ところ、出席取締役全員異議なく承認可決した。", kinsoku=True)
    if quit_:
        agenda("執行役員の辞任の件")
        gone = eff - timedelta(days=1)
        for _ in range(quit_):
            p, old = ctx.person(), post(ctx, lo=0, hi=1)
            word = r.choice(("辞任", "退任"))
            oldtext = ctx.words("執行役員", *old)
            cv.para("議長より、", Atom(oldtext), "　", Atom(ctx.name(p)), "から", Atom(ctx.date(gone)),
                    f"付をもって{word}したい旨の申出があった旨の報告があり、出席取締役全員異議なくこれを承認した。",
                    kinsoku=True)
            recs.append(Rec(p, gone, ctx.company, "", oldtext, word, kana=False))
    cv.para("議長は、以上をもって本日の議事を終了した旨を述べ、閉会を宣した。", kinsoku=True)
    cv.para("上記の決議を明確にするため、この議事録を作成し、議長及び出席取締役並びに出席監査役がこれに記名押印する。",
            kinsoku=True)
    cv.ensure(40 + 20 * (len(directors) + len(auditors)))
    cv.line_left(ctx.date(board), gap=26, x=cv.left + 20)
    cv.line_right(ctx.company, gap=20)
    sig = [("議長　代表取締役社長", chair)] + [("取締役", p) for p in directors[1:]] + [("監査役", p) for p in auditors]
    for label, p in sig:
        cv.line_left(f"{label}\u3000{ctx.name(p)}", gap=19, x=cv.right - 230)
        seal(cv, cv.right - 30, cv.y)
    cv.line_left("上記は原本と相違ありません。", size=9.5, gap=28)
    cv.line_right(ctx.words("総務部長", ctx.name(ctx.person())) + "\u3000\u3000", size=9.5, gap=16)
    seal(cv, cv.right - 9, cv.y)
    return recs


FORM = Form("gijiroku", build, max_records=8, setup=setup)
