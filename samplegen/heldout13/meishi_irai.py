"""Thirteenth held-out set: a business-card order (名刺作成依頼書) that general affairs sends to its
printer after a reshuffle. Top left the printer (株式会社…印刷 御中: not the company), top right the
order date (a distractor) and the ordering company with 総務課; the title; a sentence naming the
reshuffle's date (…付の人事異動に伴い) and the delivery date wanted (納品希望日, a distractor, before
the reshuffle); then a ruled table No. | 氏名 | よみがな | 新肩書（名刺記載） | 旧肩書 | 枚数 | 備考. The
reading column is in hiragana (よみがな) or katakana (ヨミガナ); 枚数 is 100 or 200 (a distractor). A
hire's 旧肩書 is 「―」 with 備考 中途入社. The cards of a person whose title is unchanged but whose
extension is (備考 内線変更のみ) are ordered too: such rows are not records. Long orders run onto a
second page.

Truth: the records the rows whose 備考 is not 内線変更のみ, in order; the date the reshuffle's date;
the new post the 新肩書 cell, the old post the 旧肩書 cell (― → ""); readings from the reading
column."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import Cell, Ctx, Form, Rec, dates, draw_table, tw

PRINTERS = ("株式会社こもれび印刷", "有限会社ひかり堂印刷", "株式会社ことのは名刺センター")
WIDTHS = [28.0, 70.0, 80.0, 120.0, 105.0, 34.0, 46.0]


def setup(ctx: Ctx) -> None:
    ctx.date_style = ctx.rng.choice(("western", "slash", "era", "dot"))
    ctx.name_sep = ctx.rng.choice(("\u3000", " "))
    ctx.reading = ctx.rng.choice(("hira", "kata"))


def build(cv, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    want = eff - timedelta(days=r.randint(2, 6))
    cv.text(cv.left, cv.y, f"{r.choice(PRINTERS)}　御中", 11)
    cv.line_right(ctx.date(announce), 10, gap=0)
    cv.line_right(ctx.company, 10)
    cv.line_right("総務部 総務課", 10)
    cv.title("名刺作成依頼書", 16)
    cv.para(ctx.date(eff), "付の人事異動に伴い、下記のとおり名刺の作成をお願いいたします。納品希望日は", ctx.date(want),
            "です。校正刷りは総務課までお送りください。", kinsoku=True)
    label = "よみがな" if ctx.reading == "hira" else "ヨミガナ"
    rows, recs = [], []
    for k in range(1, n + 1):
        p = ctx.person()
        if r.random() < 0.15 and k > 1:
            post = ctx.dept_post()
            note, new, shown_old = "内線変更のみ", post, post
        else:
            new, old, _w = ctx.change("ppttch")
            note, shown_old = ("中途入社", "―") if not old else ("兼務" if "兼" in new else "", old)
            recs.append(Rec(p, eff, ctx.company, new, old))
        rows.append([Cell(str(k), center=True), Cell(ctx.name(p)), Cell(ctx.ruby(p)), Cell(new), Cell(shown_old),
                     Cell(str(r.choice((100, 200))), center=True), Cell(note)])
    draw_table(cv, WIDTHS, ["No.", "氏名", label, "新肩書（名刺記載）", "旧肩書", "枚数", "備考"], rows, size=9)
    cv.y += 10
    cv.line_left("※ 書体・レイアウトは従来どおり。裏面英文表記は各人から別途連絡します。", 9)
    cv.line_right("以上", gap=20)
    s = "担当：総務課　内線2210"
    cv.text(cv.right - tw(s, 9), cv.y + 18, s, 9)
    return recs


FORM = Form("meishi_irai", build, max_records=16, setup=setup)
