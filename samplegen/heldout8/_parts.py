"""A personnel move kept in parts (unit, title) for the eighth held-out set, whose forms print the
unit and the title apart (separate cells, a group heading, a concurrent-post row) or mark only one
of them; the truth joins a unit and its title by one space and concurrent posts by 兼."""
from __future__ import annotations

from dataclasses import dataclass

from samplegen.core import Ctx

Post = tuple[str, str]  # (unit, title)


@dataclass(frozen=True)
class Move:
    kind: str                 # p promotion, t transfer, c added concurrent post, h hire, d departure
    new: tuple[Post, ...]     # the post after the change, concurrent posts after the first; () for a departure
    old: Post | None          # None for a hire
    word: str = ""            # 退職 / 退任 for a departure

    def new_text(self, ctx: Ctx) -> str:
        return (ctx.sp + "兼" + ctx.sp).join(ctx.words(*p) for p in self.new)

    def old_text(self, ctx: Ctx) -> str:
        return ctx.words(*self.old) if self.old else ""


def post(ctx: Ctx, dept: tuple[str, str] | None = None, lo: int = 0, hi: int | None = None) -> Post:
    name, kind = dept or ctx.rng.choice(ctx.vocab.depts)
    titles = ctx.vocab.posts[kind]
    return name, titles[ctx.rng.randrange(lo, len(titles) if hi is None else hi)]


def move(ctx: Ctx, kinds: str = "pptcchd") -> Move:
    r = ctx.rng
    kind = r.choice(kinds)
    dept = r.choice(ctx.vocab.depts)
    titles = ctx.vocab.posts[dept[1]]
    if kind == "p" and len(titles) > 1:
        hi = r.randrange(len(titles) - 1)
        return Move("p", (post(ctx, dept, hi, hi + 1),), post(ctx, dept, hi + 1))
    if kind == "c":
        old = post(ctx, dept)
        extra = old
        while extra[0] == old[0]:  # the added post is in another unit
            extra = post(ctx)
        return Move("c", (old, extra), old)
    if kind == "h":
        return Move("h", (post(ctx),), None)
    if kind == "d":
        return Move("d", (), post(ctx), r.choice(("退職", "退任")))
    new = old = post(ctx)
    while new[0] == old[0]:  # a transfer moves to another unit
        new, old = post(ctx), post(ctx)
    return Move("t", (new,), old)
