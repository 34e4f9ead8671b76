"""The sixth held-out set (samplegen/heldout6), written blind: other forms, other words, and truth
that follows samples/README.md exactly, like every other form of the generator."""
from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date

import pymupdf

from jptext import to_hiragana
from samplegen import DEV_SET, norm_text
from samplegen.heldout import HELD_OUT_SET
from samplegen.heldout2 import HELD_OUT_2_SET
from samplegen.heldout3 import HELD_OUT_3_SET
from samplegen.heldout4 import HELD_OUT_4_SET
from samplegen.heldout5 import HELD_OUT_5_SET
from samplegen.heldout6 import HELD_OUT_6_SET
from samplegen.heldout6.shikaku_shokaku import GRADES

FORMS = tuple(HELD_OUT_6_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET, HELD_OUT_3_SET, HELD_OUT_4_SET, HELD_OUT_5_SET)
VOCAB = HELD_OUT_6_SET.vocab
# Any name of this set as printed: family, an optional space, given.
NAME = re.compile("(%s)[ \u3000]?(%s)" % ("|".join(sorted((f for f, _k in VOCAB.families), key=len, reverse=True)),
                                         "|".join(sorted((g for g, _k in VOCAB.givens), key=len, reverse=True))))


def _text(pdf: bytes) -> str:
    with pymupdf.open("pdf", pdf) as doc:
        return "".join(page.get_text() for page in doc)


def _docs(form: str, count: int = 6, seed: int = 7):
    return [HELD_OUT_6_SET.build_document(seed, i, (form,)) for i in range(count)]


def _full(rec: dict) -> str:
    return rec["family_name"] + rec["given_name"]


def _printed_names(text: str) -> Counter:
    return Counter(m[1] + m[2] for m in NAME.finditer(text))


def test_the_rare_kanji_survive_the_text_layer():
    rare = "櫻冨瀨槇國澤嶋邊廣髙惠曻榮實"
    assert set(rare) <= set("".join(f + g for (f, _k), (g, _l) in zip(VOCAB.families, VOCAB.givens * 2)))
    docs = [HELD_OUT_6_SET.build_document(3, i) for i in range(8 * len(FORMS))]
    text = "".join(_text(pdf) for _n, pdf, _t, _p in docs)
    names = "".join(_full(r) for _n, _pdf, truth, _p in docs for r in truth["records"])
    assert {c for c in rare if c in names} <= set(text) and len({c for c in rare if c in names}) >= 8


def test_the_set_shows_the_variety_a_keyer_must_handle():
    docs = [HELD_OUT_6_SET.build_document(11, i) for i in range(6 * len(FORMS))]
    text = "".join(_text(pdf) for _n, pdf, _t, _p in docs)
    records = [r for _n, _pdf, truth, _p in docs for r in truth["records"]]
    for printed in ("現体制", "新体制", "（退任）", "新任（現", "EMP_NO,NAME_KANJI", "CHG_CD", "（注１）", "留任とする",
                    "現職を引き続き兼務する", "資格", "資格のみの昇格", "―"):
        assert printed in text, printed
    assert re.search(r'"20\d{6}"', text) and re.search(r"[ｦ-ﾟ]", text) and re.search(r"[ァ-ヶ]{2}", text)
    assert any(r["new_post"] == "退任" for r in records) and any(r["old_post"] == "" for r in records)
    assert any(" 兼 " in r["new_post"] for r in records)
    assert any(r["family_name_kana"] == "" for r in records) and any(r["family_name_kana"] for r in records)
    assert len({r["effective_date"] for r in records}) > 8 and len({r["company"] for r in records}) > 5
    assert any(len({r["effective_date"] for r in truth["records"]}) > 1 for _n, _pdf, truth, _p in docs)


def test_officers_who_keep_their_post_are_printed_on_both_sides_but_are_no_records():
    for _name, pdf, truth, _pages in _docs("taisei_genshin", 8):
        printed = _printed_names(_text(pdf))
        stayers = {n for n in printed if n not in {_full(r) for r in truth["records"]}}
        assert stayers and all(printed[n] == 2 for n in stayers)
        assert len(printed) == len(stayers) + len(truth["records"])
        for rec in truth["records"]:
            if rec["new_post"] == "退任" or rec["old_post"] == "":
                assert printed[_full(rec)] == 1  # a leaver's 新体制 cells and a newcomer's 現体制 cells hold only ―
            assert rec["family_name_kana"] == "" and rec["company"] in {norm_text(c) for c in VOCAB.companies}


def test_every_csv_line_of_the_export_is_one_record_with_the_posts_joined_and_its_own_date():
    seen_leaver = False
    for _name, pdf, truth, _pages in _docs("csv_printout", 8):
        lines = [s.strip() for s in _text(pdf).splitlines() if s.strip().startswith('"')]
        rows = list(csv.reader(lines))
        assert len(rows) == len(truth["records"])
        for row, rec in zip(rows, truth["records"]):
            emp, kanji, kana, eff, code, dept_new, post_new, dept_old, post_old = row
            assert re.sub(r"\s", "", kanji) == _full(rec)
            assert to_hiragana(norm_text(kana)).replace(" ", "") == rec["family_name_kana"] + rec["given_name_kana"]
            assert rec["effective_date"] == date(int(eff[:4]), int(eff[4:6]), int(eff[6:])).isoformat()
            if code == "90":
                seen_leaver = True
                assert rec["new_post"] == "退任" and not dept_new + post_new
            else:
                assert rec["new_post"] == norm_text(f"{dept_new} {post_new}")
            assert rec["old_post"] == norm_text(f"{dept_old} {post_old}")
    assert seen_leaver


def test_notes_under_the_table_change_the_date_or_add_the_old_post_and_the_person_staying_is_no_record():
    seen_date = seen_kenmu = False
    for _name, pdf, truth, _pages in _docs("chuki_notes", 10):
        text = _text(pdf)
        stay = re.search(r"（注）敬称略。(\S+)\u3000(\S+?)（", text)
        assert stay and stay[1] + stay[2] not in {_full(r) for r in truth["records"]}
        notes = dict(re.findall(r"（注([０-９]+)）(.+)", text))
        dated = [n for n, s in notes.items() if s.startswith("発令日は")]
        kenmu = [n for n, s in notes.items() if s.startswith("現職を引き続き兼務")]
        dates_ = Counter(r["effective_date"] for r in truth["records"])
        if dated:
            seen_date = True
            later = max(dates_)
            assert len(dates_) == 2 and dates_[later] == text.count(f"注{dated[0]}\n")
        else:
            assert len(dates_) == 1
        for rec in truth["records"]:
            if " 兼 " in rec["new_post"]:
                assert rec["new_post"].endswith(" 兼 " + rec["old_post"])
        if kenmu:
            seen_kenmu = True
            assert text.count(f"注{kenmu[0]}\n") == sum(" 兼 " in r["new_post"] for r in truth["records"])
    assert seen_date and seen_kenmu


def test_a_grade_promotion_alone_is_no_record_and_grades_never_enter_the_posts():
    grades = {g for ladder in GRADES for g in ladder}
    for _name, pdf, truth, _pages in _docs("shikaku_shokaku", 6):
        printed = _printed_names(_text(pdf))
        records = {_full(r) for r in truth["records"]}
        assert len(set(printed) - records) >= 2  # grade-only rows
        for rec in truth["records"]:
            dept_new, _sp, post_new = rec["new_post"].rpartition(" ")
            dept_old, _sp, post_old = rec["old_post"].rpartition(" ")
            assert dept_new == dept_old and post_new != post_old
            assert not set(rec["new_post"].split() + rec["old_post"].split()) & grades


def test_a_handover_row_gives_the_post_to_the_successor_and_takes_it_from_the_predecessor():
    seen_new_post = seen_pair = False
    for _name, pdf, truth, _pages in _docs("kounin_rows", 8):
        text, records = _text(pdf), truth["records"]
        text = text[:text.index("※ 前任者欄")]  # the legend explains （→ ） and （前 ）
        successors = text.count("（前") + text.count("（新規採用）")  # one a row
        predecessors = text.count("（→")
        assert successors + predecessors == len(records)
        for rec, nxt in zip(records, records[1:]):
            if rec["new_post"] == "退任":  # a predecessor leaving: the successor in the same row follows
                assert nxt["new_post"] == rec["old_post"]
                seen_pair = True
        seen_new_post |= "（新設）" in text
        assert all(r["family_name_kana"] == "" for r in records)
    assert seen_new_post and seen_pair
