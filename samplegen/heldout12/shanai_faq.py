"""Twelfth held-out set: an intranet FAQ page printed out (社内FAQ：…の人事異動と窓口変更について). The
page head has the company, 人事総務部 and an 最終更新 date (a distractor). Questions and answers,
Ｑ１．… then Ａ．…: the first says when the changes take effect (…付) and when the systems follow (a
distractor date); then one question per desk whose contact changes, answered in prose: name
（reading, in about two thirds of the files, in the file's script）が new post に着任します（前職：
old post）, or …（中途入社）が…; a leaver's question is answered name（old post）は…付で退職いたしました
(the day before). Extension numbers (内線) follow each contact. A closing question names the
person to ask (人事総務部の name: no record). Long pages run onto a second page.

Truth: the people in the order they are named; the new post the text before に着任します, the old post
the text after 前職：; a hire's old post ""; a leaver's new post 退任, old post the bracket after the
name, dated by the answer."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Atom, Ctx, Form, Rec, dates, tw

QUESTIONS = ("{d}の問合せ先は変わりますか。", "{d}の担当者が替わると聞きました。新しい担当者は誰ですか。",
             "{d}への申請は、これまでどおりの担当者宛てでよいですか。")


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("western", "western_fw", "era", "slash"))
    ctx.name_sep = ctx.rng.choice(("", " ", "\u3000"))


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    gone = eff - timedelta(days=1)
    kana = r.random() < 0.67
    contact = ctx.people[0]

    def who(p) -> str:
        reading = f"（{ctx.ruby(p)}）" if kana else ""
        return Atom(ctx.named(p, kana) + reading)

    def qa(k: int, q: str, *answer: str) -> None:
        cv.ensure(60)
        cv.y += 10
        cv.line_left(f"Ｑ{str(k).translate(str.maketrans('0123456789', '０１２３４５６７８９'))}．{q}", 10.5)
        cv.para("Ａ．", *answer, kinsoku=True)

    cv.text(cv.left, cv.y - 20, f"{ctx.company}　社内ポータル ＞ 人事・総務 ＞ よくある質問", 8)
    cv.line_right(f"最終更新：{ctx.date(announce)}　人事総務部", 9, gap=0)
    cv.title(f"社内FAQ：{eff.month}月の人事異動と窓口変更について")
    k = 1
    qa(k, "今回の人事異動はいつ発効しますか。", ctx.date(eff), "付です。社内システム上の所属・権限の切り替えは",
       ctx.date(eff + timedelta(days=r.choice((2, 3, 6)))), "の夜間バッチで反映されます。")
    recs = []
    for _ in range(n):
        k += 1
        p = ctx.person()
        new, old, word = ctx.change("ptthhcd")
        desk = (old or new).split(ctx.sp)[0].replace("\u3000", " ").split(" ")[0]
        ext = f"（内線{r.randint(2000, 7999)}）"
        if word:
            qa(k, f"{desk}の{p.family}さんは異動されたのですか。", who(p), "（", Atom(old), "）は", ctx.date(gone),
               "付で退職いたしました。後任が決まるまでは課内の別の者が対応します。")
            recs.append(Rec(p, gone, ctx.company, "", old, word, kana=kana))
            continue
        q = r.choice(QUESTIONS).format(d=desk)
        if old:
            qa(k, q, "はい。", ctx.date(eff), "付で", who(p), "が", Atom(new), "に着任します（前職：", Atom(old), "）。",
               f"今後のお問合せは{ext[1:-1]}までお願いします。")
        else:
            qa(k, q, "はい。", ctx.date(eff), "付で", who(p), "（中途入社）が", Atom(new),
               f"に着任します{ext}。前任者からの引継ぎ期間中は、両名で対応します。")
        recs.append(Rec(p, eff, ctx.company, new, old, kana=kana))
    k += 1
    qa(k, "このFAQに載っていない質問はどこへ聞けばよいですか。", "人事総務部の", Atom(ctx.name(contact, "\u3000")),
       "（内線1100）までお問合せください。")
    cv.line_right("以上", gap=24)
    cv.text(cv.left, cv.bottom + 10, "https://portal.intra.example/hr/faq/idou", 7)
    return recs


FORM = Form("shanai_faq", build, max_records=10, setup=setup)
