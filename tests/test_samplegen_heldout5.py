"""The fifth held-out set (samplegen/heldout5), written blind: other forms, other words, and truth
that follows samples/README.md exactly, like every other form of the generator."""
from __future__ import annotations

import re
from datetime import date

import pymupdf

from jptext import find_dates, squeeze
from samplegen import DEV_SET, norm_text
from samplegen.heldout import HELD_OUT_SET
from samplegen.heldout2 import HELD_OUT_2_SET
from samplegen.heldout3 import HELD_OUT_3_SET
from samplegen.heldout4 import HELD_OUT_4_SET
from samplegen.heldout5 import HELD_OUT_5_SET
from samplegen.heldout5.bilingual_release import romaji

FORMS = tuple(HELD_OUT_5_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET, HELD_OUT_3_SET, HELD_OUT_4_SET)


def _text(pdf: bytes) -> str:
    with pymupdf.open("pdf", pdf) as doc:
        return "".join(page.get_text() for page in doc)


def _docs(form: str, count: int = 6, seed: int = 7):
    return [HELD_OUT_5_SET.build_document(seed, i, (form,)) for i in range(count)]


def _full(rec: dict) -> str:
    return rec["family_name"] + rec["given_name"]


def test_the_set_shows_the_variety_a_keyer_must_handle():
    docs = [HELD_OUT_5_SET.build_document(11, i) for i in range(6 * len(FORMS))]
    text = "".join(_text(pdf) for _n, pdf, _t, _p in docs)
    records = [r for _n, _pdf, truth, _p in docs for r in truth["records"]]
    for printed in ("▽", "【", "兼務", "（兼務解除）", "★", "前：", "新規採用", "Retired", "New Position", "退職", "退任"):
        assert printed in text, printed
    assert re.search(r"日（[月火水木金土日]）付", text)
    assert re.search(r"[ァ-ヶ]{2}", text) and re.search(r"[ｦ-ﾟ]", text) and re.search(r"[０-９]", text)
    assert {"髙", "﨑", "邉", "濵", "德", "栁"} & set("".join(r["family_name"] for r in records))
    assert any(r["new_post"] == "退任" for r in records) and any(r["old_post"] == "" for r in records)
    assert any(" 兼 " in r["new_post"] for r in records) and any("兼" in r["new_post"] and " 兼 " not in r["new_post"]
                                                               for r in records)
    assert any(r["family_name_kana"] == "" for r in records) and any(r["family_name_kana"] for r in records)
    assert len({r["effective_date"] for r in records}) > 8 and len({r["company"] for r in records}) > 6


def test_the_newsletter_gives_each_entry_the_company_of_the_heading_above_it_and_its_president_is_no_record():
    group = {norm_text(g) for g in HELD_OUT_5_SET.vocab.group_companies}
    seen_group = False
    for _name, pdf, truth, _pages in _docs("shanaiho_columns", 8):
        text = squeeze(_text(pdf))
        president = re.search(r"代表取締役社長(\S+?)人事異動", text)[1]
        assert president not in {_full(r) for r in truth["records"]}
        for rec in truth["records"]:
            at = text.find(_full(rec))
            heading = re.findall(r"【([^】]+)】", text[:at])[-1]
            assert norm_text(heading) == rec["company"], rec
            assert rec["family_name_kana"] == "" and " " not in rec["new_post"] + rec["old_post"]
        seen_group |= any(r["company"] in group for r in truth["records"])
    assert seen_group


def test_concurrent_posts_on_kenmu_rows_are_joined_with_ken_in_the_truth():
    seen_two = False
    for _name, pdf, truth, _pages in _docs("kenmu_rows", 8):
        lines = [s.strip() for s in _text(pdf).splitlines()]
        assert lines.count("本務") == len(truth["records"])  # one main row per person
        added = sum(len(r["new_post"].split(" 兼 ")) - 1 for r in truth["records"])
        assert lines.count("兼務") == added + lines.count("（兼務解除）")
        seen_two |= any(r["new_post"].count(" 兼 ") >= 2 for r in truth["records"])
    assert seen_two


def test_the_bilingual_release_prints_names_in_romaji_but_the_truth_has_no_reading():
    assert (romaji("りょうへい"), romaji("おおくぼ"), romaji("はっとり"), romaji("しんさく")) == \
        ("ryohei", "okubo", "hattori", "shinsaku")
    kana = {(f, g): (fk, gk) for (f, fk) in HELD_OUT_5_SET.vocab.families for (g, gk) in HELD_OUT_5_SET.vocab.givens}
    for _name, pdf, truth, _pages in _docs("bilingual_release"):
        text = _text(pdf)
        assert "Notice of Personnel Changes" in text
        for rec in truth["records"]:
            fk, gk = kana[rec["family_name"], rec["given_name"]]
            assert romaji(fk).upper() in text and romaji(gk).capitalize() in text
            assert rec["family_name_kana"] == rec["given_name_kana"] == ""


def test_the_two_half_tables_are_read_left_then_right_under_a_date_with_its_weekday():
    for _name, pdf, truth, _pages in _docs("kyu_shin_halves"):
        with pymupdf.open("pdf", pdf) as doc:
            spans = [s for b in doc[0].get_text("dict")["blocks"] for line in b.get("lines", ())
                     for s in line["spans"]]
            mid = doc[0].rect.width / 2
        xs = [next(s["bbox"][0] for s in spans if squeeze(s["text"]) == _full(rec)) for rec in truth["records"]]
        left = -(-len(xs) // 2)
        assert all(x < mid for x in xs[:left]) and all(x > mid for x in xs[left:])
        eff = date.fromisoformat(truth["records"][0]["effective_date"])
        text = _text(pdf)
        heading = next(m for m in find_dates(text) if m.date == eff and text[m.end:].startswith("（"))
        assert text[heading.end:heading.end + 4] == f"（{'月火水木金土日'[eff.weekday()]}）付"


def test_only_starred_holders_of_the_line_up_are_records_and_leavers_take_the_day_before():
    seen_leaver = False
    for _name, pdf, truth, _pages in _docs("taisei_star", 8):
        text = _text(pdf)
        assert text.count("★") == len(truth["records"]) + 1  # one per record and one in the legend
        names = re.findall(r"\n(\S+[ 　]\S+)\s*\n", text)  # unmarked holders stand alone on their line
        assert not {squeeze(n) for n in names} & {_full(r) for r in truth["records"]}
        dates_ = sorted({r["effective_date"] for r in truth["records"]})
        if len(dates_) == 2:
            seen_leaver = True
            leave, eff = (date.fromisoformat(d) for d in dates_)
            assert (eff - leave).days == 1
            assert all(r["new_post"] == "退任" for r in truth["records"] if r["effective_date"] == dates_[0])
    assert seen_leaver
