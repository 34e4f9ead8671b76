"""The fourth held-out set (samplegen/heldout4): other forms, other words, and truth that follows
samples/README.md exactly, like every other form of the generator."""
from __future__ import annotations

import re

import pymupdf

from jptext import find_dates, squeeze
from samplegen import DEV_SET, norm_text
from samplegen.heldout import HELD_OUT_SET
from samplegen.heldout2 import HELD_OUT_2_SET
from samplegen.heldout3 import HELD_OUT_3_SET
from samplegen.heldout4 import HELD_OUT_4_SET

FORMS = tuple(HELD_OUT_4_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET, HELD_OUT_3_SET)


def _pages(pdf: bytes) -> list[str]:
    with pymupdf.open("pdf", pdf) as doc:
        return [page.get_text() for page in doc]


def _text(pdf: bytes) -> str:
    return "".join(_pages(pdf))


def _docs(form: str, count: int = 6, seed: int = 7):
    return [HELD_OUT_4_SET.build_document(seed, i, (form,)) for i in range(count)]


def _full(rec: dict) -> str:
    return rec["family_name"] + rec["given_name"]


def test_the_set_shows_the_variety_a_keyer_must_handle():
    docs = [HELD_OUT_4_SET.build_document(11, i) for i in range(6 * len(FORMS))]
    text = "".join(_text(pdf) for _n, pdf, _t, _p in docs)
    records = [r for _n, _pdf, truth, _p in docs for r in truth["records"]]
    for printed in ("令和元年", "平成31年", "兼", "出向", "退職", "退任", "←", "→", "回覧", "略歴", "（新規採用）"):
        assert printed in text, printed
    assert re.search(r"[ァ-ヶ]{2}", text) and re.search(r"[０-９]", text)
    assert {"髙", "﨑", "濵", "眞", "齋", "德", "栁"} & set("".join(r["family_name"] for r in records))
    assert any(r["new_post"] == "退任" for r in records) and any(r["old_post"] == "" for r in records)
    assert any(" 兼 " in r["new_post"] for r in records)
    assert any(r["family_name_kana"] == "" for r in records) and any(r["family_name_kana"] for r in records)
    assert len({r["effective_date"] for r in records}) > 8 and len({r["company"] for r in records}) > 6


def test_the_upper_and_lower_lines_of_one_cell_are_the_new_and_the_old_post_and_the_date_is_in_the_title():
    for _name, pdf, truth, _pages in _docs("jokai_cell"):
        lines = [s.strip() for s in _text(pdf).splitlines()]
        dated = [s for s in lines if find_dates(s)]
        eff = truth["records"][0]["effective_date"]
        title = [s for s in dated if any(m.date.isoformat() == eff for m in find_dates(s))]
        assert len(title) == 1 and "人事異動" in title[0]  # the effective date is printed once: in the title
        for rec in truth["records"]:
            if rec["new_post"] != "退任" and rec["old_post"]:
                assert squeeze(rec["old_post"]) in squeeze(_text(pdf))
                assert "新：" not in _text(pdf) and "旧：" not in _text(pdf)


def test_the_circular_names_posts_in_its_stamp_boxes_and_people_who_are_no_records():
    for _name, pdf, truth, _pages in _docs("kairan_memo"):
        text = _text(pdf)
        names = {_full(r) for r in truth["records"]}
        sender = squeeze(re.search(r"人事部長 (\S+ \S+)", text)[1])
        clerk = squeeze(re.search(r"回覧後は人事部 (\S+ \S+) まで", text)[1])
        assert sender not in names and clerk not in names
        assert all(label in text.splitlines()[:8] for label in ("社長", "部長", "課長", "担当"))
        eff = {r["effective_date"] for r in truth["records"] if r["new_post"] != "退任"}
        assert len(eff) <= 1


def test_the_merged_kubun_cell_is_printed_once_per_kind_and_posted_staff_take_the_group_company():
    group = {norm_text(g) for g in HELD_OUT_4_SET.vocab.group_companies}
    seen_shukko = seen_gannen = False
    for _name, pdf, truth, pages in _docs("kubun_merged", 10):
        lines = [s.strip() for s in _text(pdf).splitlines()]
        for kind in ("昇格", "異動", "出向", "退職"):  # once, or once more on each further page
            assert lines.count(kind) <= pages
        seen_shukko |= any(r["company"] in group for r in truth["records"])
        seen_gannen |= "元年" in _text(pdf)
    assert seen_shukko and seen_gannen


def test_the_release_states_the_effective_date_after_the_table_and_the_reading_only_in_the_profile():
    for _name, pdf, truth, _pages in _docs("daihyo_release"):
        text = _text(pdf)
        eff = truth["records"][0]["effective_date"]
        after = text.split("異動予定日")[1]
        assert any(m.date.isoformat() == eff for m in find_dates(after))
        assert not any(m.date.isoformat() == eff for m in find_dates(text.split("異動予定日")[0]))
        for who in ("代表者名", "問合せ先"):
            officer = squeeze(re.search(who + r"\s+\S+\s+(\S+\s\S+)", text)[1])
            assert officer not in {_full(r) for r in truth["records"]}
        read = [r for r in truth["records"] if r["family_name_kana"]]
        assert len(read) == 1 and read[0]["new_post"] == "代表取締役社長"
