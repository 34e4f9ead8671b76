"""Checks shared by the held-out sets written blind (7 to 12): their authors read documents only with
PyMuPDF and plain string operations, never with the app's Japanese text package, so these helpers
do the same. Each set's test file passes the words its own truth must never keep."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from importlib import import_module

import pymupdf

from samplegen import norm_text
from tests.test_samplegen_forms import KEYS


def text_of(pdf: bytes) -> str:
    with pymupdf.open("pdf", pdf) as doc:
        return "".join(page.get_text() for page in doc)


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def hira(s: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in unicodedata.normalize("NFKC", s))


def full_name(rec: dict) -> str:
    return rec["family_name"] + rec["given_name"]


def truth_problems(truth: dict, form: str, *, new_post_never: str, old_post_never: str | None = None) -> list[str]:
    """samples/README.md's rules, checked without the app's date reader. `new_post_never` and
    `old_post_never` are the set's own words a post must not keep (新任, 退職, an employer …)."""
    problems = []
    if list(truth) != ["document_type", "form", "records"] or truth["form"] != form or not truth["records"]:
        problems.append(f"top level {list(truth)} {truth.get('form')}")
    for rec in truth["records"]:
        if list(rec) != KEYS or not all(isinstance(v, str) for v in rec.values()):
            problems.append(f"keys {rec}")
            continue
        date.fromisoformat(rec["effective_date"])
        problems += [f"empty {k}" for k in ("family_name", "given_name", "company", "new_post") if not rec[k]]
        problems += [f"space in {k}" for k in ("family_name", "given_name") if re.search(r"\s", rec[k])]
        problems += [f"{k} not hiragana" for k in ("family_name_kana", "given_name_kana")
                     if not re.fullmatch("[ぁ-ゖー]*", rec[k])]
        if (rec["family_name_kana"] == "") != (rec["given_name_kana"] == ""):
            problems.append("half a reading")
        problems += [f"{k} not normalised" for k, v in rec.items() if v != norm_text(v)]
        if re.match(r"(現職?|当社)( |$)", rec["old_post"]) or re.search(new_post_never, rec["new_post"]):
            problems.append(f"prefix or departure word kept {rec}")
        if old_post_never and re.search(old_post_never, rec["old_post"]):
            problems.append(f"employer or placeholder kept in the old post {rec}")
    return problems


def assert_truth_printed(held, form: str, *, problems, printed, per_seed: int, whole_posts: bool) -> None:
    """Every truth value of `form` is in its text layer: the name, one printed style of the date
    (`printed(date)` lists them), the company, each post (one run, or word by word where a form
    prints a post in two cells) and the reading; the truth follows the rules (`problems`); and the
    form varies its records or pages between documents."""
    shapes = set()
    for seed in (5, 23):
        for name, pdf, truth, pages in (held.build_document(seed, i, (form,)) for i in range(per_seed)):
            assert name == form and problems(truth, form) == []
            with pymupdf.open("pdf", pdf) as doc:
                texts = [page.get_text() for page in doc]
                assert doc.page_count == pages and all(t.strip() for t in texts), "a page without a text layer"
            text = "".join(texts)
            flat_text, kana = flat(norm_text(text)), flat(hira(text))
            for rec in truth["records"]:
                assert full_name(rec) in flat_text, rec
                assert any(d in flat_text for d in printed(date.fromisoformat(rec["effective_date"]))), rec
                assert flat(norm_text(rec["company"])) in flat_text, rec
                for key in ("new_post", "old_post"):
                    if rec[key] != "退任":
                        runs = [rec[key]] if whole_posts else rec[key].split()
                        assert all(flat(norm_text(run)) in flat_text for run in runs), rec
                if rec["family_name_kana"]:
                    assert rec["family_name_kana"] + rec["given_name_kana"] in kana, rec
            shapes.add((len(truth["records"]), pages))
    assert len(shapes) > 1


def assert_rare_kanji_survive(held, rare: str, *, at_least: int) -> None:
    """The set's rare kanji are in its names, and those its documents use come back out of the
    PDF's text layer (a font without the glyph would drop or replace them)."""
    vocab = held.vocab
    assert set(rare) <= set("".join(f for f, _k in vocab.families) + "".join(g for g, _k in vocab.givens))
    docs = [held.build_document(3, i) for i in range(8 * len(held.forms))]
    text = "".join(text_of(pdf) for _n, pdf, _t, _p in docs)
    names = "".join(full_name(r) for _n, _pdf, truth, _p in docs for r in truth["records"])
    used = {c for c in rare if c in names}
    assert used <= set(text) and len(used) >= at_least


def other_sets(this) -> tuple:
    """Every set of the generator but `this`: the development set, then held-out sets 1, 2, … for as long
    as their packages exist (a new set is checked against every one before it, and they against it)."""
    from samplegen import DEV_SET

    sets, n = [DEV_SET], 1
    while True:
        suffix = str(n) if n > 1 else ""
        try:
            module = import_module(f"samplegen.heldout{suffix}")
        except ModuleNotFoundError as exc:
            if exc.name != f"samplegen.heldout{suffix}":
                raise
            break
        sets.append(getattr(module, f"HELD_OUT{'_' + suffix if suffix else ''}_SET"))
        n += 1
    return tuple(s for s in sets if s is not this)
