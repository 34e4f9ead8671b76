"""``manage.py loso_keyer [--sets var/devset var/heldout …] [--unseen var/heldout13] [--json OUT]``

The learned tagger's experiment (docs/keyer.md, "Learned tagger (experiment)"): leave-one-set-out
over the generated sets — for each set, train on all the others, key it, score it with the app's
comparison rules — for the tagger alone and for the rules keyer with the tagger filling in where
the rules are unavailable or unsure. With ``--unseen DIR`` the tagger is trained on every set
given and scored once on DIR instead.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from inference.learned import loso

DEFAULT_SETS = ["var/devset", "var/heldout"] + [f"var/heldout{n}" for n in range(2, 13)]


def _pct(v) -> str:
    return "   —  " if v is None else f"{v:.3f}"


class Command(BaseCommand):
    help = "Leave-one-set-out figures of the learned tagger (an experiment; no keyer is changed)."
    # "rules" is today's rules keyer: blind only on a set it was not developed on (--unseen)
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--sets", nargs="+", default=DEFAULT_SETS, help="dataset folders (one per author)")
        parser.add_argument("--unseen", type=Path, help="train on all --sets, score this folder once")
        parser.add_argument("--cache", type=Path, default=Path("var/learned"), help="prepared tokens and rules output")
        parser.add_argument("--epochs", type=int, default=6)
        parser.add_argument("--threshold", type=float, default=0.5,
                            help="combination: a rules field under this confidence takes the tagger's value")
        parser.add_argument("--json", type=Path, help="write the figures as JSON")
        parser.add_argument("--blind-rules", type=Path,
                            help="folder of SET.json: the rules keyer's outputs from a commit that had not seen SET "
                                 "(scripts/dump_rules_outputs.py); adds the blind rules and their combination")

    def handle(self, *args, **o):
        log = lambda s: self.stdout.write(s)  # noqa: E731
        sets = {Path(d).name: loso.prepare(Path(d), o["cache"], log=log) for d in o["sets"]}
        folds = {}
        if o["unseen"]:
            folds[o["unseen"].name] = (sets, loso.prepare(o["unseen"], o["cache"], log=log))
        else:
            for name, items in sets.items():
                folds[name] = ({k: v for k, v in sets.items() if k != name}, items)
        report, train_s, infer_ms, pages = {}, [], [], 0
        for name, (train_sets, items) in folds.items():
            started = time.perf_counter()
            model = loso.train(train_sets, epochs=o["epochs"])
            train_s.append(time.perf_counter() - started)
            learned, combined, agreed = [], [], []
            for it in items:
                records, _conf, ms = loso.key_learned(model, it)
                learned.append(records)
                combined.append(loso.combine(it.rules, it.rules_conf, records, threshold=o["threshold"]))
                agreed.append(loso.combine_agree(it.rules, records))
                infer_ms.append((it.read_ms + ms) / max(it.pages, 1))
                pages += it.pages
            report[name] = {
                "learned": loso.score(items, learned),
                "combined": loso.score(items, combined),
                "agree": loso.score(items, agreed),
                "rules": loso.score(items, [it.rules for it in items]),
                "rules_unavailable_docs": sum(it.rules is None for it in items),
            }
            r = report[name]
            r["keyed"] = {it.stem: k for it, k in zip(items, learned)}  # the tagger's records, for other combinations
            blind_path = o["blind_rules"] / f"{name}.json" if o["blind_rules"] else None
            extra = ""
            if blind_path is not None and blind_path.is_file():
                blind = loso.load_rules_outputs(items, blind_path)
                r["blind_rules"] = loso.score(items, [b[0] for b in blind])
                r["blind_combined"] = loso.score(items, [loso.combine(b[0], b[1], k, threshold=o["threshold"])
                                                         for b, k in zip(blind, learned)])
                r["blind_agree"] = loso.score(items, [loso.combine_agree(b[0], k) for b, k in zip(blind, learned)])
                extra = (f"  blind rules {_pct(r['blind_rules']['overall_field_accuracy'])}"
                         f"  + tagger (fill) {_pct(r['blind_combined']['overall_field_accuracy'])}"
                         f"  (agree) {_pct(r['blind_agree']['overall_field_accuracy'])}")
            log(f"{name:<10} learned {_pct(r['learned']['overall_field_accuracy'])}  "
                f"combined {_pct(r['combined']['overall_field_accuracy'])}  agree {_pct(r['agree']['overall_field_accuracy'])}  "
                f"rules {_pct(r['rules']['overall_field_accuracy'])}{extra}  train {train_s[-1]:.1f}s")
        log("")
        log(f"{'set':<10} {'form':<24} {'learned':>8} {'combined':>9} {'agree':>7} {'rules':>7}"
            f"{'  blind rules / +tagger fill / agree' if any('blind_rules' in r for r in report.values()) else ''}")
        for name, r in report.items():
            for form, f in list(r["learned"]["forms"].items()) + [("(overall)", r["learned"])]:
                def fig(kind):
                    src = r[kind] if form == "(overall)" else r[kind]["forms"][form]
                    return _pct(src["overall_field_accuracy"])
                line = (f"{name:<10} {form:<24} {fig('learned'):>8} {fig('combined'):>9} {fig('agree'):>7} "
                        f"{fig('rules'):>7}")
                if "blind_rules" in r:
                    line += f"  {fig('blind_rules')} / {fig('blind_combined')} / {fig('blind_agree')}"
                if form != "(overall)":
                    line += f"   unavailable {f['unavailable']}"
                log(line)
        infer_ms.sort()
        summary = {
            "train_s_mean": sum(train_s) / len(train_s),
            "infer_ms_per_page_p50": infer_ms[len(infer_ms) // 2] if infer_ms else None,
            "infer_ms_per_page_p95": infer_ms[int(len(infer_ms) * 0.95)] if infer_ms else None,
        }
        log(f"\ntraining {summary['train_s_mean']:.1f} s per fold; reading + tagging + assembly "
            f"{summary['infer_ms_per_page_p50']:.0f} ms/page p50, {summary['infer_ms_per_page_p95']:.0f} ms p95")
        if o["json"]:
            o["json"].write_text(json.dumps({"folds": report, "summary": summary}, ensure_ascii=False, indent=1))
