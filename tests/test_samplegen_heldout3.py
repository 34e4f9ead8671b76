"""The third held-out set (samplegen/heldout3): other forms, other words, and truth that follows
samples/README.md exactly, like every other form of the generator."""
from __future__ import annotations

import re

import pymupdf

from jptext import squeeze
from samplegen import DEV_SET, norm_text
from samplegen.heldout import HELD_OUT_SET
from samplegen.heldout2 import HELD_OUT_2_SET
from samplegen.heldout3 import HELD_OUT_3_SET
# The development forms' own checks (text layer, README rules, everything in the truth printed,
# same seed → same bytes), run here on this set's forms.

FORMS = tuple(HELD_OUT_3_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET)


def _pages(pdf: bytes) -> list[str]:
    with pymupdf.open("pdf", pdf) as doc:
        return [page.get_text() for page in doc]


def _text(pdf: bytes) -> str:
    return "".join(_pages(pdf))


def _docs(form: str, count: int = 6, seed: int = 7):
    return [HELD_OUT_3_SET.build_document(seed, i, (form,)) for i in range(count)]


def _full(rec: dict) -> str:
    return rec["family_name"] + rec["given_name"]


def test_the_set_shows_the_variety_a_keyer_must_handle():
    docs = [HELD_OUT_3_SET.build_document(11, i) for i in range(4 * len(FORMS))]
    text = "".join(_text(pdf) for _n, pdf, _t, _p in docs)
    records = [r for _n, _pdf, truth, _p in docs for r in truth["records"]]
    for printed in ("平成", "令和", "兼", "嘱託", "委嘱", "出向", "帰任", "殿", "┌", "│", "（現", "新", "旧", "※",
                    "（前頁より続く）", "（新規採用）", "退職"):
        assert printed in text, printed
    assert re.search(r"[ｦ-ﾟ]", text) and re.search(r"[ァ-ヶ]{2}", text) and re.search(r"[０-９]", text)
    assert re.search(r"\d{4}/\d+/\d+", text)
    assert re.search(r"[^\s　]\u3000{2,}[^\s　]", text), "no name padded to equal width"
    assert {"髙", "﨑", "邊", "齋", "德", "濵", "眞"} <= set("".join(r["family_name"] for r in records))
    assert any(r["new_post"] == "退任" for r in records) and any(r["old_post"] == "" for r in records)
    assert any(" 兼 " in r["new_post"] for r in records)
    assert any(r["family_name_kana"] == "" for r in records) and any(r["family_name_kana"] for r in records)
    assert len({r["effective_date"] for r in records}) > 8 and len({r["company"] for r in records}) > 6


def test_the_title_dates_without_a_year_and_the_sentence_gives_it():
    for _name, pdf, truth, _pages in _docs("genshoku_cell", 4):
        text = _text(pdf)
        eff = truth["records"][0]["effective_date"]
        month, day = int(eff[5:7]), int(eff[8:10])
        assert re.search(rf"(?m)^[^0-9年]*{month}月{day}日付", text)
        assert all(r["effective_date"] == eff for r in truth["records"])


def test_each_person_of_the_two_row_table_is_printed_once_with_a_new_and_an_old_row():
    for _name, pdf, truth, _pages in _docs("rowspan_shinkyu", 4):
        lines = [s.strip() for s in _text(pdf).splitlines()]
        assert lines.count("新") == lines.count("旧") == len(truth["records"])
        assert all(len(r["new_post"].split()) >= 2 or r["new_post"] == "退任" for r in truth["records"])


def test_leavers_in_the_sections_take_the_day_before():
    seen = False
    for _name, pdf, truth, _pages in _docs("kubun_unruled", 8):
        dates = {r["effective_date"] for r in truth["records"] if r["new_post"] != "退任"}
        leavers = {r["effective_date"] for r in truth["records"] if r["new_post"] == "退任"}
        assert len(dates) == 1 and len(leavers) <= 1
        seen |= bool(leavers)
        if leavers:
            assert leavers != dates
    assert seen


def test_the_president_signing_every_slip_is_no_record():
    for _name, pdf, truth, _pages in _docs("jirei_slips"):
        text = _text(pdf)
        president = squeeze(re.search(r"代表取締役社長(.+)", text)[1])
        assert president not in {_full(r) for r in truth["records"]}
        assert text.count("辞\u3000\u3000令") == len(truth["records"])
        assert all(r["family_name_kana"] == "" for r in truth["records"])


def test_posted_staff_belong_to_the_group_company_and_returning_staff_to_the_announcer():
    group = {norm_text(g) for g in HELD_OUT_3_SET.vocab.group_companies}
    for _name, pdf, truth, _pages in _docs("shukko_group"):
        text = _text(pdf)
        announcer = {r["company"] for r in truth["records"]} - group
        assert len(announcer) == 1 and squeeze(next(iter(announcer))) in squeeze(text)
        assert any(r["company"] in group for r in truth["records"])
        for rec in truth["records"]:
            assert not any(rec["old_post"].startswith(g) for g in group), rec


def test_the_mail_reader_and_sender_are_no_records_and_the_table_is_typed():
    for _name, pdf, truth, _pages in _docs("email_ascii"):
        text = _text(pdf)
        reader = squeeze(text.splitlines()[0])
        sender = squeeze(re.search(r"From:\s*人事部(.+)", text)[1])
        names = {_full(r) for r in truth["records"]}
        assert reader not in names and sender not in names
        assert text.count("└") == 1 and "Subject:" in text


def test_the_landscape_table_prints_its_header_once_even_over_two_pages():
    two = False
    for _name, pdf, truth, pages in _docs("landscape_twolevel", 8):
        texts = _pages(pdf)
        assert "".join(texts).count("フリガナ") == 1
        if pages > 1:
            two = True
            assert "（前頁より続く）" in texts[1]
    assert two


def test_officers_are_one_bullet_each_and_only_new_officers_carry_a_reading():
    for _name, pdf, truth, _pages in _docs("officer_colon", 8):
        text = _text(pdf)
        assert len(re.findall(r"(?m)^・", text)) == len(truth["records"])
        names = {_full(r) for r in truth["records"]}
        for note in re.findall(r"※ (.+?)氏は", text):  # named again: not another record
            assert squeeze(note) in names
        new_section = squeeze(text.split("新任")[1].split("．")[0]) if "．新任" in text else ""
        for rec in truth["records"]:
            assert bool(rec["family_name_kana"]) == (_full(rec) in new_section), rec
        assert len({r["effective_date"] for r in truth["records"]}) <= 2
