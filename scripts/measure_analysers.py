"""Measure the two morphological analysers considered for the local keyer's names.

    .venv/bin/pip install fugashi==1.5.2 unidic-lite==1.0.8   # only for this measurement
    .venv/bin/python scripts/measure_analysers.py DATASET_DIR [DATASET_DIR ...]

Names and posts come from the ground truth of the datasets (samplegen output, the shared
samples). For each analyser: how often a name printed without a space is split into the
family and given name of the truth; how often a person is found in a line that also carries
posts (執行役員 営業部 部長 山田 太郎（営業部 部長）); how many post values are wrongly tagged as
a person; time per line, and the load time of a fresh process. Variant kanji are folded
(髙→高) for both, as the keyer does.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dataentry.normalization import fold_variants  # noqa: E402


def sudachi():
    from sudachipy import Dictionary, SplitMode

    tok = Dictionary(dict="core").tokenizer(SplitMode.C)
    return lambda s: [(m.surface(), tuple(m.part_of_speech()[2:4])) for m in tok.tokenize(s)]


def mecab():
    import fugashi

    tagger = fugashi.Tagger()
    return lambda s: [(w.surface, (w.feature.pos3, w.feature.pos4)) for w in tagger(s)]


LOADERS = {"sudachipy + sudachidict_core": ("sudachi", sudachi), "fugashi + unidic-lite": ("mecab", mecab)}


def main(dirs: list[str]) -> None:
    names, post_values = set(), set()
    for d in dirs:
        for path in Path(d).glob("*.json"):
            for r in json.loads(path.read_text(encoding="utf-8")).get("records", []):
                names.add((fold_variants(r["family_name"]), fold_variants(r["given_name"])))
                post_values |= {r["new_post"], r["old_post"]} - {"", "退任"}
    names, post_values = sorted(names), sorted(post_values)
    print(f"{len(names)} distinct names, {len(post_values)} distinct posts")
    for label, (key, load) in LOADERS.items():
        try:
            tag = load()
        except ImportError:
            print(f"{label}: not installed")
            continue
        split = sum(
            "".join(s for s, p in tag(f + g) if p == ("人名", "姓")) == f
            and "".join(s for s, p in tag(f + g) if p == ("人名", "名")) == g for f, g in names)
        lines = [f"執行役員 営業部 部長 {f} {g}（{p}）" for (f, g), p in zip(names, post_values * 50)]
        found = sum(any(p[0] == "人名" for _s, p in tag(line)) for line in lines)
        wrong = sum(any(p[0] == "人名" for _s, p in tag(v)) for v in post_values)
        started = time.perf_counter()
        for line in lines * 10:
            tag(line)
        per_line = (time.perf_counter() - started) * 1000 / (len(lines) * 10)
        code = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import measure_analysers as m; m.{key}()('山田太郎')"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        load_s = time.perf_counter() - started
        print(f"{label}: joined names split right {split}/{len(names)} ({split / len(names):.1%}); "
              f"person found in a post line {found}/{len(lines)}; posts tagged as a person {wrong}/{len(post_values)}; "
              f"{per_line:.3f} ms per line; fresh process with the dictionary loaded {load_s:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
