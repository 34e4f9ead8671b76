"""Second held-out set: a group news release whose announcing company appears only as a large
logo-like header; the records sit under one heading per company (■ 当社, ■ each group company),
each heading with a small table, old posts sometimes naming where the person came from."""
from __future__ import annotations

from samplegen.core import BLACK, Canvas, Cell, Ctx, Form, Rec, dates, draw_table, tw

GROUP_POSTS = ("代表取締役社長", "取締役", "常務取締役", "監査役", "取締役 管理部長")
ACCENT = (0.1, 0.3, 0.6)


def setup(ctx: Ctx) -> None:
    ctx.header, ctx.numbered = False, True  # no running header: the logo is the only company mark


def _logo(cv: Canvas, ctx: Ctx, issued: str) -> None:
    """The company name set large in colour with a band under it: the only place it is printed."""
    cv.text(cv.left, cv.y + 6, ctx.company, 20, bold=True, color=ACCENT)
    cv.page.draw_rect((cv.left, cv.y + 14, cv.right, cv.y + 18), color=ACCENT, fill=ACCENT, width=0)
    label = ctx.rng.choice(("NEWS RELEASE", "ニュースリリース", "News Release"))
    cv.text(cv.right - tw(label, 9), cv.y - 10, label, 9, color=ACCENT)
    cv.text(cv.right - tw(issued, 9), cv.y + 32, issued, 9, color=BLACK)
    cv.y += 40


def _row(ctx: Ctx, is_parent: bool, co: str) -> tuple[str, str, str, str]:
    """(new, printed old, old in the truth, departure word) for one person of a section."""
    r = ctx.rng
    if is_parent:
        new, old, dep = ctx.change("ptcohd")
        return new, old, old, dep
    if r.random() < 0.2:
        old = r.choice(GROUP_POSTS)
        return "", ctx.words(old), ctx.words(old), r.choice(("退任", "退任予定"))
    new = ctx.words(r.choice(GROUP_POSTS))
    source = r.choice(("here", "here", "parent", "other"))
    if source == "parent":  # seconded from the announcing company: 当社 is dropped in the truth
        old = ctx.dept_post(rank=0)
        return new, ctx.words("当社") + ctx.sp + old, old, ""
    if source == "other":  # from another group company: its name is dropped too
        other = r.choice([g for g in ctx.vocab.group_companies if g != co])
        old = ctx.dept_post(rank=0)
        return new, ctx.words(other) + ctx.sp + old, old, ""
    old = ctx.words(r.choice([p for p in GROUP_POSTS if ctx.words(p) != new]))
    return new, old, old, ""


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    n = max(n, 3)
    eff, announce, _board = dates(ctx)
    _logo(cv, ctx, ctx.date(announce))
    cv.title(r.choice(("グループ人事異動のお知らせ", "当社グループの人事について")))
    per_section = r.random() < 0.4
    cv.para("当社グループは、", "各社の" if per_section else ctx.date(eff) + "付で",
            "人事異動を下記のとおり決定いたしましたので、お知らせいたします。", kinsoku=True)
    groups = r.sample(ctx.vocab.group_companies, r.randint(1, 3))
    sections = ["当社"] + groups if r.random() < 0.8 else groups
    plan = sorted(r.randrange(len(sections)) for _ in range(n))
    reading = r.random() < 0.6
    recs = []
    for s, co in enumerate(sections):
        count = plan.count(s)
        if not count:
            continue
        heading = f"■\u3000{co}" + (f"（{ctx.date(eff)}付）" if per_section else "")
        cv.ensure(70)
        cv.line_left(heading, 11, gap=28)
        rows = []
        for _ in range(count):
            p = ctx.person()
            new, shown_old, old, dep = _row(ctx, co == "当社", co)
            rows.append([Cell(ctx.named(p, reading), ruby=ctx.ruby(p) if reading else ""), Cell(dep or new),
                         Cell(shown_old or "―")])
            recs.append(Rec(p, eff, ctx.company if co == "当社" else co, new, old, dep, kana=reading))
        draw_table(cv, [118, 182, 183], ["氏名", "新役職", "旧役職"], rows)
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("logo_groups", build, setup=setup)
