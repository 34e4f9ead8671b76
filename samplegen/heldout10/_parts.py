"""Pieces shared by the tenth held-out set's forms: a post split into unit and title (for the forms
that print them in two columns) and prose set inside a box narrower than the page."""
from __future__ import annotations

from samplegen.core import Atom, Canvas, Ctx, tw

CLOSERS = "、。，．）」』"


def unit_title(ctx: Ctx, dept: tuple[str, str] | None = None, rank: int | None = None) -> tuple[str, str]:
    name, kind = dept or ctx.rng.choice(ctx.vocab.depts)
    posts = ctx.vocab.posts[kind]
    post = posts[ctx.rng.randrange(len(posts)) if rank is None else min(rank, len(posts) - 1)]
    return ctx.words(name), ctx.words(post)


def move(ctx: Ctx, kinds: str) -> tuple[tuple[str, str], tuple[str, str], str]:
    """((new unit, new title), (old unit, old title), departure word) for p=promotion t=transfer
    h=hire d=departure; a hire's old post and a leaver's new post are ("", "")."""
    r = ctx.rng
    kind = r.choice(kinds)
    dept = r.choice(ctx.vocab.depts)
    ranks = len(ctx.vocab.posts[dept[1]])
    if kind == "p" and ranks > 1:
        hi = r.randrange(ranks - 1)
        return unit_title(ctx, dept, hi), unit_title(ctx, dept, r.randrange(hi + 1, ranks)), ""
    if kind == "h":
        return unit_title(ctx), ("", ""), ""
    if kind == "d":
        return ("", ""), unit_title(ctx), r.choice(("退任", "退職"))
    new = old = ("", "")
    while new == old:  # a transfer must change something
        new, old = unit_title(ctx), unit_title(ctx)
    return new, old, ""


def joined(ctx: Ctx, pair: tuple[str, str]) -> str:
    """The post as the truth keys it: unit and title joined by a space ("" for none)."""
    return ctx.sp.join(w for w in pair if w)


def flow(cv: Canvas, parts: list[str], x0: float, x1: float, size: float = 9.0, gap: float | None = None,
         indent: bool = False) -> None:
    """Prose wrapped between x0 and x1, never inside an Atom (a name, a post, a date); punctuation
    never starts a line."""
    gap = gap or size + 5
    tokens = [t for p in parts for t in ([p] if isinstance(p, Atom) else list(p))]
    line = "\u3000" if indent else ""
    width = tw(line, size)
    for t in tokens:
        if line and width + tw(t, size) > x1 - x0 and t not in CLOSERS:
            cv.line_left(line, size, gap, x=x0)
            line, width = "", 0.0
        line, width = line + t, width + tw(t, size)
    if line:
        cv.line_left(line, size, gap, x=x0)
