"""The seventh held-out set (samplegen/heldout7), written blind: other forms, other words, and truth
that follows samples/README.md exactly, like every other form of the generator. Written without
running any keyer or jptext reader on the documents: the checks below read the text layer with
PyMuPDF and plain string operations only."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pymupdf
import pytest

from samplegen import DEV_SET, norm_text
from samplegen.core import format_date
from samplegen.heldout import HELD_OUT_SET
from samplegen.heldout2 import HELD_OUT_2_SET
from samplegen.heldout3 import HELD_OUT_3_SET
from samplegen.heldout4 import HELD_OUT_4_SET
from samplegen.heldout5 import HELD_OUT_5_SET
from samplegen.heldout6 import HELD_OUT_6_SET
from samplegen.heldout7 import HELD_OUT_7_SET
from samplegen.heldout7._kanji import kanji_date, kanji_number
from tests.heldout_blind import flat as _flat
from tests.heldout_blind import full_name as _full
from tests.heldout_blind import hira as _hira
from tests.heldout_blind import text_of as _text
from tests.heldout_blind import truth_problems

FORMS = tuple(HELD_OUT_7_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET, HELD_OUT_3_SET, HELD_OUT_4_SET, HELD_OUT_5_SET, HELD_OUT_6_SET)
VOCAB = HELD_OUT_7_SET.vocab
STYLES = ("western", "western_fw", "era", "era_fw", "slash")


def _problems(truth: dict, form: str) -> list[str]:
    return truth_problems(truth, form, new_post_never="新任|候補|予定")


def _docs(form: str, count: int = 6, seed: int = 7):
    return [HELD_OUT_7_SET.build_document(seed, i, (form,)) for i in range(count)]


@pytest.mark.parametrize("form", FORMS)
def test_every_truth_value_is_printed_in_the_text_layer_and_follows_the_rules(form):
    shapes = set()
    for seed in (5, 23):
        for name, pdf, truth, pages in (HELD_OUT_7_SET.build_document(seed, i, (form,)) for i in range(3)):
            assert name == form and _problems(truth, form) == []
            with pymupdf.open("pdf", pdf) as doc:
                texts = [page.get_text() for page in doc]
                assert doc.page_count == pages and all(t.strip() for t in texts), "a page without a text layer"
            text = "".join(texts)
            flat, kana = _flat(text), _flat(_hira(text))
            for rec in truth["records"]:
                d = date.fromisoformat(rec["effective_date"])
                assert _full(rec) in flat, rec
                assert any(_flat(f) in flat for f in [kanji_date(d)] + [format_date(d, s) for s in STYLES]), rec
                assert norm_text(rec["company"]) in norm_text(_flat(text)), rec
                for key in ("new_post", "old_post"):
                    if rec[key] != "退任":
                        assert all(_flat(norm_text(w)) in _flat(norm_text(text)) for w in rec[key].split()), rec
                if rec["family_name_kana"]:
                    assert rec["family_name_kana"] + rec["given_name_kana"] in kana, rec
            shapes.add((len(truth["records"]), pages))
    assert len(shapes) > 1


def test_the_rare_kanji_survive_the_text_layer():
    rare = "齋齊濱舘淺條彌巖穰曉"
    assert set(rare) <= set("".join(f + g for (f, _k), (g, _l) in zip(VOCAB.families, VOCAB.givens * 2)))
    docs = [HELD_OUT_7_SET.build_document(3, i) for i in range(8 * len(FORMS))]
    text = "".join(_text(pdf) for _n, pdf, _t, _p in docs)
    names = "".join(_full(r) for _n, _pdf, truth, _p in docs for r in truth["records"])
    used = {c for c in rare if c in names}
    assert used <= set(text) and len(used) >= 7


def test_kanji_numerals_and_kanji_dates_are_written_as_a_ministry_writes_them():
    assert [kanji_number(n) for n in (1, 10, 11, 16, 20, 31)] == ["一", "十", "十一", "十六", "二十", "三十一"]
    assert kanji_date(date(2026, 3, 16)) == "令和八年三月十六日"
    assert kanji_date(date(2019, 5, 1)) == "令和元年五月一日"
    assert kanji_date(date(2019, 4, 1)) == "平成三十一年四月一日"


def test_each_numbered_item_names_the_new_post_before_the_person_and_the_old_post_after():
    seen_hire = seen_leaver = False
    for _name, pdf, truth, _pages in _docs("kajo_ki", 8):
        text = _text(pdf)
        assert "記" in text and "以上" in text
        body = _flat(text[text.index("記\n") + 1:])
        items = re.split(r"(?:^|(?<=[）)]))[一二三四五六七八九十]+、", body)[1:]
        assert len(items) == len(truth["records"])
        for item, rec in zip(items, truth["records"]):
            head, _sep, tail = item.partition(_full(rec))
            if rec["new_post"] == "退任":
                seen_leaver = True
                assert head in ("退職", "退任")
            else:
                assert _flat(norm_text(head)) == _flat(rec["new_post"])
            if rec["old_post"] == "":
                seen_hire = True
                assert tail.startswith("（新規採用）")
            else:
                assert tail.startswith("（現") and _flat(norm_text(rec["old_post"])) in _flat(norm_text(tail))
        assert all(r["family_name_kana"] == "" for r in truth["records"])
    assert seen_hire and seen_leaver


def test_the_only_date_of_a_hatsurei_list_is_its_closing_line_in_kanji_numerals():
    for _name, pdf, truth, _pages in _docs("hatsurei_jiko", 8):
        text = _text(pdf)
        assert not re.search(r"[0-9０-９]+\s*年|[0-9]+/[0-9]+/[0-9]+", text)  # no date in digits anywhere
        (eff,) = {r["effective_date"] for r in truth["records"]}
        closing = kanji_date(date.fromisoformat(eff))
        assert text.count(closing) == 1
        assert text.index(closing) > max(text.rfind(r["family_name"]) for r in truth["records"])
        assert text.index(closing) < text.rindex("以上")
        flat, records = _flat(norm_text(text)), truth["records"]
        assert len(re.findall("(退職|退任)を承認する", flat)) == sum(r["new_post"] == "退任" for r in records)
        assert flat.count("(新規採用)") == sum(r["old_post"] == "" for r in records)
        for rec in records:
            if rec["new_post"] != "退任":
                post = _flat(rec["new_post"])
                assert post + "を命ずる" in flat or post + "に任命する" in flat, rec
        assert text.index("発令事項") < text.index("氏名") < text.index("現職")  # the ministry's column order


def test_a_table_caption_gives_every_record_under_it_its_company():
    seen_group = seen_reading = seen_none = False
    for _name, pdf, truth, _pages in _docs("group_captions", 8):
        flat = _flat(_text(pdf))
        captions = sorted((flat.find(_flat(c)), norm_text(c)) for c in
                          {*VOCAB.companies, *VOCAB.group_companies} if flat.find(_flat(c) + "氏名") >= 0)
        assert len(captions) >= 2
        for rec in truth["records"]:
            at = flat.find(_full(rec))
            assert rec["company"] == [c for pos, c in captions if pos < at][-1]
            seen_group |= rec["company"] in {norm_text(g) for g in VOCAB.group_companies}
        seen_reading |= any(r["family_name_kana"] for r in truth["records"])
        seen_none |= all(r["family_name_kana"] == "" for r in truth["records"])
    assert seen_group and seen_reading and seen_none


def test_every_card_is_a_record_and_the_leavers_after_the_grid_are_dated_the_day_before():
    seen_leaver = seen_pages = False
    for _name, pdf, truth, pages in _docs("photo_cards", 10):
        text = _text(pdf)
        carded = [r for r in truth["records"] if r["new_post"] != "退任"]
        leavers = [r for r in truth["records"] if r["new_post"] == "退任"]
        assert text.count("写真") == len(carded) and truth["records"] == carded + leavers
        assert all(r["family_name_kana"] for r in carded) and all(r["family_name_kana"] == "" for r in leavers)
        if leavers:
            seen_leaver = True
            (day,) = {r["effective_date"] for r in leavers}
            (eff,) = {r["effective_date"] for r in carded}
            assert date.fromisoformat(day) == date.fromisoformat(eff) - timedelta(days=1)
        seen_pages |= pages > 1
    assert seen_leaver and seen_pages
