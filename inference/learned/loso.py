"""Leave-one-set-out measurement of the learned tagger (`manage.py loso_keyer`).

Each generated set was written by another person or generator; for every set S the tagger is
trained on all the others and scored on S with `inference.evaluation.score_documents` (the app's
comparison rules), so every figure is blind to the layouts of S. The rules keyer's own output is
kept beside it for the combination (rules first, the tagger where the rules are unavailable or
unsure of a field).
"""
from __future__ import annotations

import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from dataentry.comparison import align_records
from dataentry.doctypes import PERSONNEL_CHANGE
from inference.base import KeyerFailure, KeyerInput
from inference.evaluation import load_dataset, score_documents, score_forms
from inference.learned.tagger import FIELDS, Model, assemble
from inference.learned.units import Doc, doc_tokens, label_doc

SPEC = PERSONNEL_CHANGE
CACHE_VERSION = 6


@dataclass
class Item:
    stem: str
    form: str
    truth: list[dict]
    doc: Doc | None            # None: no page with words
    labels: list[int]
    pages: int
    read_ms: float             # pages → tokens with features
    rules: list[dict] | None = None         # the rules keyer's records (None: unavailable)
    rules_conf: list[dict] | None = None
    extra: dict = field(default_factory=dict)


def pages_of(pdf_path: Path):
    """The same pages the local keyer reads: the text layer, OCR where a page has none."""
    from inference.local.keyer import LocalKeyer

    keyer = LocalKeyer()
    with pymupdf.open(pdf_path) as pdf:
        return [keyer._page(p) for p in pdf]


def prepare(directory: Path, cache_dir: Path, *, with_rules: bool = True, log=print) -> list[Item]:
    cache = cache_dir / f"{directory.name}.pkl"
    if cache.is_file():
        data = pickle.loads(cache.read_bytes())
        if data.get("version") == CACHE_VERSION and data.get("with_rules") == with_rules:
            return data["items"]
    samples, _skipped = load_dataset(directory, SPEC)
    items = []
    rules_cache = cache_dir / f"{directory.name}.rules.pkl"
    rules_out = pickle.loads(rules_cache.read_bytes()) if with_rules and rules_cache.is_file() else {}
    if with_rules:
        from inference.local.keyer import LocalKeyer

        rules_keyer = LocalKeyer()
    for s in samples:
        started = time.perf_counter()
        try:
            pages = pages_of(s.pdf_path)
        except KeyerFailure:
            pages = []
        doc = doc_tokens(pages) if any(p.words for p in pages if p is not None) else None
        read_ms = (time.perf_counter() - started) * 1000
        labels = label_doc(doc, s.truth) if doc else []
        item = Item(s.stem, s.form, s.truth, doc, labels, len(pages), read_ms)
        if with_rules:
            if s.stem not in rules_out:
                try:
                    out = rules_keyer.key(KeyerInput(pdf_path=s.pdf_path, spec=SPEC))
                    rules_out[s.stem] = (out.records, out.confidence)
                except KeyerFailure:
                    rules_out[s.stem] = (None, None)
            item.rules, item.rules_conf = rules_out[s.stem]
        items.append(item)
    log(f"  prepared {directory.name}: {len(items)} documents")
    cache_dir.mkdir(parents=True, exist_ok=True)
    if with_rules:
        rules_cache.write_bytes(pickle.dumps(rules_out))
    cache.write_bytes(pickle.dumps({"version": CACHE_VERSION, "with_rules": with_rules, "items": items}))
    return items


MIN_SETS = 3  # a feature must occur in this many training sets (authors) to be learned


def train(sets: dict[str, list[Item]], *, min_sets: int = MIN_SETS, **kw) -> Model:
    """Features seen in fewer than `min_sets` of the training sets are dropped: each set has its own
    vocabulary (names, units, companies), and what one author printed teaches nothing about the next."""
    support: dict[int, int] = {}
    for items in sets.values():
        seen = {f for it in items if it.doc is not None for t in it.doc.toks for f in t.feats}
        for f in seen:
            support[f] = support.get(f, 0) + 1
    rows, labels, pairs = [], [], []
    for items in sets.values():
        for it in items:
            if it.doc is None:
                continue
            rows += [[f for f in t.feats if support[f] >= min_sets] for t in it.doc.toks]
            labels += it.labels
            pairs += transitions(it)
    model = Model().fit(rows, labels, **kw)
    model.set_transitions(pairs)
    return model


def transitions(item: Item) -> list[tuple[int, int]]:
    """(previous role, role) of neighbouring tokens on one line."""
    out = []
    toks = item.doc.toks
    for k in range(1, len(toks)):
        if toks[k].line == toks[k - 1].line:
            out.append((item.labels[k - 1], item.labels[k]))
    return out


def key_learned(model: Model, item: Item) -> tuple[list[dict] | None, list[dict] | None, float]:
    """Records (None when no person was found), confidences, inference ms (tagging + assembly)."""
    if item.doc is None:
        return None, None, 0.0
    started = time.perf_counter()
    raw = model.proba([t.feats for t in item.doc.toks])
    records, conf = assemble(item.doc, model.decode(item.doc, raw))
    if not records:
        # nobody found: read names more readily before giving the document to two humans
        records, conf = assemble(item.doc, model.decode(item.doc, raw, name_boost=2.0))
    ms = (time.perf_counter() - started) * 1000
    return (records or None), (conf or None), ms


def combine_agree(rules: list[dict] | None, learned: list[dict] | None) -> list[dict] | None:
    """The rules keyer's records where both keyers find the same persons (every record pairs up),
    else the tagger's; chosen on sets 9-12 against the rules keyer of commit 8efbcc9, blind there."""
    if rules is None or not learned:
        return rules if learned is None else learned
    from dataentry.comparison import compare_entries

    pairs = compare_entries(rules, learned, SPEC).pairs
    return rules if all(p.a_index is not None and p.b_index is not None for p in pairs) else learned


def combine(rules: list[dict] | None, rules_conf: list[dict] | None, learned: list[dict] | None,
            *, threshold: float = 0.5) -> list[dict] | None:
    """The rules keyer's records; the tagger's where the rules found nobody, and for each field the
    rules are unsure of (confidence under `threshold`) the tagger's value for the same person."""
    if rules is None:
        return learned
    if not learned or not rules_conf:
        return rules
    out = [dict(r) for r in rules]
    for i, j in align_records(rules, learned, SPEC):
        if i is None or j is None:
            continue
        for key in FIELDS:
            if rules_conf[i].get(key, 1.0) < threshold and learned[j].get(key):
                out[i][key] = learned[j][key]
    return out


def score(items: list[Item], keyed: list[list[dict] | None]) -> dict:
    scores = score_documents([(it.truth, k) for it, k in zip(items, keyed)], SPEC)
    docs = [{**d, "form": it.form} for it, d in zip(items, scores.pop("documents"))]
    return {**scores, "forms": score_forms(docs)}


def load_rules_outputs(items: list[Item], path: Path) -> list[tuple[list[dict] | None, list[dict] | None]]:
    """Another keyer's outputs for the same documents (a JSON of stem → {records, confidence} or
    null), e.g. the rules keyer at a commit that had not seen the set: its blind outputs."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for it in items:
        d = data.get(it.stem)
        out.append((d["records"], d["confidence"]) if d else (None, None))
    return out
