"""A spreadsheet export: the family and given name in columns of their own (姓 | 名), their readings
too (セイ | メイ, or none), and each post split into its unit and its title (新所属 | 新役職 | 旧所属 |
旧役職); a 異動区分 column and one date per row. Small type, landscape, thin rules."""
from __future__ import annotations

from samplegen.core import Canvas, Cell, Ctx, Form, Rec, dates, draw_table, format_date


def _split(post: str, sp: str) -> tuple[str, str]:
    """営業部 部長 → (営業部, 部長): the title is the last word, the unit everything before it
    (執行役員 営業部 | 部長)."""
    words = post.split(sp)
    return sp.join(words[:-1]), words[-1]


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    cv.line_right(f"出力日：{format_date(announce, 'slash0')}", 8.5, gap=0)
    cv.title(r.choice(("異動者一覧", "人事異動一覧表", "発令一覧")), 13)
    cv.line_left(f"{ctx.company}　人事部", 9.5, gap=14)
    kana = r.random() < 0.6
    style = r.choice(("slash0", "slash", "dot", "initial"))
    heads = ["No", "社員番号", "姓", "名"] + (["セイ", "メイ"] if kana else []) + \
        ["新所属", "新役職", "旧所属", "旧役職", "区分", r.choice(("発令日", "異動日"))]
    widths = [22, 48, 40, 40] + ([52, 52] if kana else []) + [110, 70, 110, 70, 40, 62]
    scale = (cv.right - cv.left) / sum(widths)
    widths = [w * scale for w in widths]
    rows, recs = [], []
    for i in range(n):
        new, old, dep = ctx.change("ptoh" + "d" * r.randint(0, 1))
        p = ctx.person()
        if " 兼 " in f" {new} ":
            new = new.split(" 兼 ")[0]
        nu, nt = _split(new, ctx.sp) if new else ("", "退職" if dep else "")
        ou, ot = _split(old, ctx.sp) if old else ("―", "―")
        kind = "退職" if dep else "採用" if not old else r.choice(("異動", "昇格", "配置換"))
        cells = [Cell(str(i + 1), center=True), Cell(f"{r.randint(10000, 99999)}"), Cell(p.family), Cell(p.given)]
        if kana:
            cells += [Cell(ctx.ruby(p).split()[0] if ctx.reading != "half" else ctx.ruby(p).split(" ")[0]),
                      Cell(ctx.ruby(p).split()[-1])]
        cells += [Cell(nu or "―"), Cell(nt), Cell(ou), Cell(ot), Cell(kind, center=True), Cell(format_date(eff, style))]
        rows.append(cells)
        recs.append(Rec(p, eff, ctx.company, new, old, dep, kana=kana))
    draw_table(cv, widths, heads, rows, size=8)
    cv.line_right("以上", 9.5, gap=20)
    return recs


FORM = Form("split_columns", build, landscape=True, max_records=14)
