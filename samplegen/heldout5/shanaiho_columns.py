"""Fifth held-out set: the 人事 page of a group newsletter (社内報), set like a newspaper's personnel
column. A masthead (title, issue number, issue date, publisher), a short message from the president
(named: no record), then the 人事異動 heading, one full date (…付), and three columns of run-on text
read top to bottom, left column first: 【company】 headings (the company, then its own subsidiaries), each person one ▽ entry in newspaper
order, new post（old post）name, posts written solid (営業管理部長, 製品開発部課長, A兼B). A line breaks
anywhere except inside a name. 退任 / 退職 stand where the new post would; a hire has no bracket.

Truth: the company is the 【heading】 the entry stands under; posts are as printed (solid, no
spaces); no readings are printed."""
from __future__ import annotations

from samplegen.core import Atom, Canvas, Ctx, Form, Rec, dates, tw
from samplegen.heldout5.vocab import GROUP_OF

GAP = 14.0
SIZE = 9.0


def solid(dept: str, post: str) -> str:
    """As newspapers write it: 営業管理部 + 部長 → 営業管理部長, 高崎支店 + 支店長 → 高崎支店長, 事業企画部 + 部付部長
    → 事業企画部付部長; otherwise the two run together (製品開発部課長)."""
    dept = dept.replace(" ", "")
    for k in range(len(post) - 1, 0, -1):
        if dept.endswith(post[:k]):
            return dept + post[k:]
    return dept + post


def setup(ctx: Ctx) -> None:
    ctx.name_sep = ctx.rng.choice(("", "", "", "\u3000"))
    ctx.fw = False


def _post(ctx: Ctx, dept=None) -> str:
    name, kind = dept or ctx.rng.choice(ctx.vocab.depts)
    return solid(name, ctx.rng.choice(ctx.vocab.posts[kind]))


def _change(ctx: Ctx) -> tuple[str, str, str]:
    r = ctx.rng
    kind = r.choice("pttcohd")
    if kind == "c":
        dept = r.choice(ctx.vocab.depts)
        other = r.choice([d for d in ctx.vocab.depts if d != dept])  # the added post is in another unit
        old = _post(ctx, dept)
        return old + "兼" + _post(ctx, other), old, ""
    if kind == "o":
        old = _post(ctx)
        return r.choice(("執行役員", "常務執行役員")) + old, old, ""
    if kind == "h":
        return _post(ctx), "", ""
    if kind == "d":
        return "", _post(ctx), r.choice(("退任", "退職"))
    new = old = ""
    while new == old:
        new, old = _post(ctx), _post(ctx)
    return new, old, ""


class _Columns:
    """Run-on lines set in three balanced columns, read top to bottom, left column first; a page
    holds as many lines as fit, the rest go on to the next page's columns."""

    def __init__(self, cv: Canvas):
        self.cv, self.lines = cv, []
        self.width = (cv.right - cv.left - 2 * GAP) / 3

    def line(self, s: str, bold: bool = False, gap: float = SIZE + 5) -> None:
        self.lines.append((s, bold, gap))

    def flow(self, tokens: list[str]) -> None:
        """Breaks between any two tokens (a name is one token), but a closing bracket never starts a
        line (it hangs into the gutter instead) and an opening one never ends a line."""
        line = ""
        for t in tokens:
            if line and tw(line + t, SIZE) > self.width and t != "）":
                carry = "（" if line.endswith("（") else ""  # nor does an opening bracket end one
                self.line(line[:len(line) - len(carry)])
                line = carry
            line += t
        if line:
            self.line(line)

    def set(self) -> None:
        cv, todo = self.cv, self.lines
        while todo:
            room = cv.bottom - cv.y
            fit = 0
            while fit < len(todo) and sum(g for _s, _b, g in todo[:fit + 1]) <= 3 * room - 40:
                fit += 1
            page, todo = todo[:fit], todo[fit:]
            per = -(-sum(g for _s, _b, g in page) // 3)  # balanced: each column about a third
            col, y, top = 0, cv.y, cv.y
            for s, bold, gap in page:
                if y + gap > top + per + 1 and col < 2:
                    col, y = col + 1, top
                y += gap
                cv.text(cv.left + col * (self.width + GAP), y, s, SIZE, bold=bold)
            for c in (1, 2):
                x = cv.left + c * (self.width + GAP) - GAP / 2
                cv.page.draw_line((x, top + 4), (x, top + per + 4), width=0.4)
            if todo:
                cv.new_page()
                cv.y += 10


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 3)
    eff, announce, _board = dates(ctx)
    title = r.choice(("グループ報", "社内報", "ニュースレター"))
    cv.text(cv.left, cv.y + 16, f"{title}\u3000{ctx.company.replace('株式会社', '')}", 18, bold=True)
    issue = f"第{r.randint(40, 420)}号\u3000{ctx.date(announce)}発行"
    cv.text(cv.right - tw(issue, 9), cv.y + 6, issue, 9)
    pub = f"発行：{ctx.company}\u3000広報部"
    cv.text(cv.right - tw(pub, 8), cv.y + 18, pub, 8)
    cv.y += 26
    cv.page.draw_line((cv.left, cv.y), (cv.right, cv.y), width=1.6)
    cv.page.draw_line((cv.left, cv.y + 3), (cv.right, cv.y + 3), width=0.5)
    cv.y += 6
    president = ctx.person()
    cv.line_left("◆トップメッセージ", 11, gap=22)
    cv.para(r.choice(("新しい期を迎えるにあたり、グループ一丸となって変革に挑戦してまいります。",
                      "お客さまの期待を超える価値を届けるため、一人ひとりの挑戦を後押しします。")),
            "現場の声を大切にしながら、次の成長に向けた基盤づくりを進めていきましょう。", size=9.5, kinsoku=True)
    cv.line_right(f"代表取締役社長\u3000{ctx.name(president, chr(0x3000))}", 9.5)
    cv.y += 8
    cv.page.draw_rect((cv.left, cv.y + 4, cv.right, cv.y + 24), color=None, fill=(0.15, 0.15, 0.15))
    cv.text(cv.left + 8, cv.y + 19, "人事異動", 12, bold=True, color=(1, 1, 1))
    cv.y += 28
    cols = _Columns(cv)
    cols.flow([Atom(f"（{ctx.date(eff)}付）")])
    own = GROUP_OF[ctx.company]
    companies = [ctx.company] + r.sample(own, r.randint(0, len(own)))
    share = [1] * len(companies)
    for _ in range(n - len(companies)):
        share[r.randrange(len(companies))] += 1
    recs = []
    for company, k in zip(companies, share):
        cols.line(f"【{company}】", bold=True, gap=SIZE + 9)
        for _ in range(k):
            p = ctx.person()
            new, old, dep = _change(ctx)
            head = dep or new
            tokens = ["▽", *head] + ([*f"（{old}）"] if old else []) + [ctx.name(p)]
            cols.flow(tokens)
            recs.append(Rec(p, eff, company, new, old, dep, kana=False))
    cols.line("（敬称略）", gap=SIZE + 7)
    cols.set()
    return recs


FORM = Form("shanaiho_columns", build, max_records=16, setup=setup)
