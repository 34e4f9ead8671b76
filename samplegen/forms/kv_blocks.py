"""A 人事発令通知 printed as one labelled block per person (発令日 / 氏名 / ふりがな / 新 / 旧 / 発令内容),
blocks separated by rules; each block states its own date; long notices run onto more pages."""
from __future__ import annotations

from datetime import timedelta

from samplegen.core import GRAY, Canvas, Ctx, Form, Rec, dates, format_date, tw, wrap_words

LABELS = (("発令日", "氏名", "ふりがな", "新所属・役職", "旧所属・役職", "発令内容"),
          ("発令日", "氏　名", "よみがな", "異動後", "異動前", "発令事項"))


def build(cv: Canvas, ctx: Ctx, n: int) -> list[Rec]:
    r = ctx.rng
    eff, announce, _board = dates(ctx)
    later = eff + timedelta(days=r.choice((14, 30, 31)))
    cv.line_right(f"通知日　{ctx.date(announce)}", 9.5, gap=0)
    cv.line_right(f"{ctx.company}　人事部", 9.5)
    cv.title(r.choice(("人事発令通知", "人事異動通知書", "発令通知")))
    labels = r.choice(LABELS)
    style = r.choice(("era", "western", "slash0", "era_fw"))
    colon = r.choice(("：", "　"))
    label_w = max(tw(x, 10.5) for x in labels) + tw(colon, 10.5) + 6
    recs = []
    for _ in range(n):
        new, old, dep = ctx.change()
        p = ctx.person()
        d = later if r.random() < 0.3 else eff
        what = "退職" if dep else "採用" if not old else "兼務" if "兼" in new else r.choice(("異動", "昇格"))
        values = [format_date(d, style), ctx.name(p, ctx.name_sep or "\u3000"), ctx.ruby(p),
                  "退職" if dep else new, old or "―", what]
        lines = [(label, s) for label, v in zip(labels, values)
                 for s in [s for _k, s in wrap_words(v, cv.right - cv.left - label_w - 20, 10.5)]]
        cv.ensure(len(lines) * 16 + 24)
        cv.y += 8
        shown = set()
        for label, s in lines:
            cv.y += 16
            if label not in shown:
                cv.text(cv.left + 10, cv.y, label + colon, 10.5)
                shown.add(label)
            cv.text(cv.left + 10 + label_w, cv.y, s, 10.5)
        cv.y += 10
        cv.page.draw_line((cv.left, cv.y), (cv.right, cv.y), color=GRAY, width=0.5)
        recs.append(Rec(p, d, ctx.company, new, old, "退職" if dep else ""))
    cv.line_right("以上", gap=24)
    return recs


FORM = Form("kv_blocks", build)
