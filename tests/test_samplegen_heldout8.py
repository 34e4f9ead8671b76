"""The eighth held-out set (samplegen/heldout8), written blind: other forms, other words, and truth
that follows samples/README.md exactly, like every other form of the generator. Written without
running any keyer or jptext reader on the documents: the checks below read the text layer (and, for
the 見え消し form, the drawn strike lines and the red text) with PyMuPDF and plain string operations
only."""
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
from samplegen.heldout8 import HELD_OUT_8_SET
from tests.heldout_blind import flat as _flat
from tests.heldout_blind import full_name as _full
from tests.heldout_blind import text_of as _text
from tests.heldout_blind import assert_rare_kanji_survive, assert_truth_printed, truth_problems

FORMS = tuple(HELD_OUT_8_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET, HELD_OUT_3_SET, HELD_OUT_4_SET, HELD_OUT_5_SET, HELD_OUT_6_SET,
          HELD_OUT_7_SET)
VOCAB = HELD_OUT_8_SET.vocab
STYLES = ("western", "western_fw", "era", "era_fw", "slash", "era_sp")


def _problems(truth: dict, form: str) -> list[str]:
    return truth_problems(truth, form, new_post_never="新任|候補|予定|退職|辞任")


def _docs(form: str, count: int = 6, seed: int = 7):
    return [HELD_OUT_8_SET.build_document(seed, i, (form,)) for i in range(count)]


def _printed(d: date) -> list[str]:
    return [_flat(format_date(d, s)) for s in STYLES]


def test_the_eighth_held_out_set_has_five_forms_of_its_own():
    assert len(FORMS) == 5
    assert not set(FORMS) & {f for other in OTHERS for f in other.forms}
    assert len({s.namespace for s in (*OTHERS, HELD_OUT_8_SET)}) == 9


def test_its_words_and_post_words_are_in_none_of_the_other_sets():
    for other in (o.vocab for o in OTHERS):
        assert not {f for f, _k in VOCAB.families} & {f for f, _k in other.families}
        assert not {g for g, _k in VOCAB.givens} & {g for g, _k in other.givens}
        assert not set(VOCAB.companies) & (set(other.companies) | set(other.group_companies))
        assert not set(VOCAB.group_companies) & (set(other.companies) | set(other.group_companies))
        assert not {d for d, _k in VOCAB.depts} & {d for d, _k in other.depts}
        assert not {p for ps in VOCAB.posts.values() for p in ps} & {p for ps in other.posts.values() for p in ps}


@pytest.mark.parametrize("form", FORMS)
def test_every_truth_value_is_printed_in_the_text_layer_and_follows_the_rules(form):
    assert_truth_printed(HELD_OUT_8_SET, form, problems=_problems, printed=_printed, per_seed=3, whole_posts=False)


@pytest.mark.parametrize("form", FORMS)
def test_each_form_is_deterministic_for_a_seed(form):
    assert HELD_OUT_8_SET.build_document(9, 0, (form,)) == HELD_OUT_8_SET.build_document(9, 0, (form,))
    assert HELD_OUT_8_SET.build_document(9, 0, (form,))[1] != HELD_OUT_8_SET.build_document(10, 0, (form,))[1]


@pytest.mark.parametrize("form", FORMS)
def test_records_are_listed_in_the_order_the_names_are_printed(form):
    for _name, pdf, truth, _pages in _docs(form, 4):
        flat = _flat(_text(pdf))
        firsts = [flat.find(_full(rec)) for rec in truth["records"]]
        assert -1 not in firsts and firsts == sorted(firsts), truth["records"]


def test_the_rare_kanji_survive_the_text_layer():
    assert_rare_kanji_survive(HELD_OUT_8_SET, "桒曾藏嵜邨嶌圓稻彅澁黑兒萬纐纈壽禮與淸聰遙凜", at_least=15)


def _marks(page: pymupdf.Page) -> tuple[list[tuple[float, str]], list[str], list[tuple[float, str]]]:
    """(names in the 氏名 column with their baseline, struck texts, red spans with their baseline) of a
    見え消し page, read from the text layer's spans, their colour and the drawn lines."""
    strikes = [(it[1], it[2]) for d in page.get_drawings() for it in d["items"]
               if it[0] == "l" and abs(it[1].y - it[2].y) < 0.1]
    spans = [s for b in page.get_text("dict")["blocks"] for ln in b.get("lines", ()) for s in ln["spans"]]
    names, struck, red = [], [], []
    column = max(s["bbox"][0] for s in spans if s["text"] == "氏名") - 70  # the header is centred
    for s in spans:
        x0, y0, x1, y1 = s["bbox"]
        if any(y0 < a.y < y1 and a.x < x0 + 2 and b.x > x1 - 2 for a, b in strikes):
            struck.append(s["text"])
        if s["color"] >> 16 > 0xA0 and s["color"] & 0xFFFF < 0x3000:
            red.append((s["origin"][1], norm_text(s["text"])))
        if x0 > column and s["text"] != "氏名" and re.search(r"\s", s["text"]):
            names.append((s["origin"][1], _flat(s["text"])))
    return names, struck, red


def test_only_rows_marked_in_red_or_struck_through_are_records_of_a_mikeshi_roster():
    seen = set()
    for _name, pdf, truth, _pages in _docs("mikeshi_roster", 10):
        marked, struck_all, red_all, unmarked = [], [], [], 0
        with pymupdf.open("pdf", pdf) as doc:
            for page in doc:
                names, struck, red = _marks(page)
                struck_all += [norm_text(s) for s in struck]
                red_all += [t for _y, t in red]
                for y, name in names:
                    if any(abs(y - ry) < 14 for ry, _t in red) or _flat(name) in map(_flat, struck):
                        marked.append(name)
                    else:
                        unmarked += 1
        assert marked == [_full(r) for r in truth["records"]]
        assert unmarked >= 2  # the unchanged part of the line-up is printed too
        for rec in truth["records"]:
            kept = rec["old_post"] and rec["new_post"].startswith(rec["old_post"] + " 兼 ")
            if rec["new_post"] == "退任":
                seen.add("leaver")
                assert _full(rec) in map(_flat, struck_all) and rec["old_post"] in struck_all, rec
                assert "(退職)" in red_all or "(退任)" in red_all
            elif kept:
                seen.add("concurrent")
                assert "兼 " + rec["new_post"][len(rec["old_post"] + " 兼 "):] in red_all, rec
            elif rec["old_post"]:
                seen.add("move")
                assert rec["old_post"] in struck_all and rec["new_post"] in red_all, rec
            else:
                seen.add("hire")
                assert rec["new_post"] in red_all and _full(rec) in map(_flat, red_all), rec
        assert all(r["family_name_kana"] == "" for r in truth["records"])
    assert seen == {"leaver", "concurrent", "move", "hire"}


def test_minutes_name_many_people_but_only_those_the_resolutions_move_are_records():
    seen_resign = False
    for _name, pdf, truth, _pages in _docs("gijiroku", 10):
        text = _text(pdf)
        flat = _flat(text)
        present = re.search(r"出席取締役(.+?)出席監査役(.+?)4[．.]議", _flat(norm_text(text)))
        attendees = set(present.group(1).split("、")) | set(present.group(2).split("、"))
        records = {_full(r) for r in truth["records"]}
        assert attendees and not attendees & records
        board = re.search(r"日時(.+?)午前", flat).group(1)
        assert all(board not in _printed(date.fromisoformat(r["effective_date"])) for r in truth["records"])
        assert flat.count(board) == 2  # the meeting date, once at the top and once above the signatures
        appointed = [r for r in truth["records"] if r["new_post"] != "退任"]
        resigned = [r for r in truth["records"] if r["new_post"] == "退任"]
        assert truth["records"] == appointed + resigned
        first = flat.index("第１号議案執行役員選任の件")
        assert all(flat.index(_full(r)) > first for r in truth["records"])
        assert appointed[0]["new_post"].startswith("執行役員 ")
        for rec in resigned:
            seen_resign = True
            gone = date.fromisoformat(rec["effective_date"])
            assert gone == date.fromisoformat(appointed[0]["effective_date"]) - timedelta(days=1)
            assert rec["old_post"].startswith("執行役員 ")
            assert re.search(_full(rec) + r"から.+?付をもって(辞任|退任)したい", flat), rec
        assert all(r["family_name_kana"] == "" for r in truth["records"])
    assert seen_resign


def test_each_notice_form_is_one_record_whose_ticked_box_tells_what_happened():
    seen = set()
    for _name, pdf, truth, _pages in _docs("tsuchisho", 8):
        text = _text(pdf)
        flat = _flat(text)
        sheets = flat.split("人事異動通知書")[1:]
        assert len(sheets) == len(truth["records"])
        for sheet, rec in zip(sheets, truth["records"]):
            (ticked,) = re.findall("■(昇進|配置転換|兼務|採用|退職)", sheet)
            seen.add(ticked)
            assert _full(rec) in sheet and rec["family_name_kana"] and rec["given_name_kana"]
            assert (ticked == "退職") == (rec["new_post"] == "退任")
            assert (ticked == "採用") == (rec["old_post"] == "")
            assert (ticked == "兼務") == (" 兼 " in rec["new_post"])
            if ticked == "兼務":
                assert rec["new_post"].startswith(rec["old_post"] + " 兼 ")
            asker = re.search(r"申請者:.+?(長|役|員)(.+?)" + re.escape(_flat(norm_text(rec["company"]))),
                              _flat(norm_text(sheet)))
            assert asker and asker.group(2) not in {_full(r) for r in truth["records"]}
            assert any(d in sheet for d in _printed(date.fromisoformat(rec["effective_date"])))
        leavers = {r["effective_date"] for r in truth["records"] if r["new_post"] == "退任"}
        others = {r["effective_date"] for r in truth["records"] if r["new_post"] != "退任"}
        if leavers and others:
            assert {date.fromisoformat(d) + timedelta(days=1) for d in leavers} == set(map(date.fromisoformat, others))
    assert seen == {"昇進", "配置転換", "兼務", "採用", "退職"}


def test_the_old_unit_of_a_busho_betsu_list_is_the_heading_of_the_group():
    seen_concurrent = seen_hire = seen_reading = seen_none = False
    for _name, pdf, truth, _pages in _docs("busho_betsu", 8):
        flat = _flat(norm_text(_text(pdf)))
        headings = [(m.start(), m.group(1)) for m in re.finditer(r"■(.+?)\((\d+)名\)", flat)]
        assert sum(int(m.group(2)) for m in re.finditer(r"■(.+?)\((\d+)名\)", flat)) == len(truth["records"])
        for rec in truth["records"]:
            heading = [h for pos, h in headings if pos < flat.index(_full(rec))][-1]
            if rec["old_post"]:
                unit, title = rec["old_post"].split(" ")
                assert heading == unit and title in flat
            else:
                seen_hire = True
                assert heading == "社外からの採用"
            if " 兼 " in rec["new_post"]:
                seen_concurrent = True
                assert rec["new_post"].startswith(rec["old_post"] + " 兼 ")
        seen_reading |= all(r["family_name_kana"] for r in truth["records"])
        seen_none |= all(r["family_name_kana"] == "" for r in truth["records"])
    assert seen_concurrent and seen_hire and seen_reading and seen_none


def test_a_portal_printout_names_its_clerk_contact_and_commenters_but_they_are_no_records():
    seen_comments = seen_pages = False
    for _name, pdf, truth, pages in _docs("portal_print", 10):
        with pymupdf.open("pdf", pdf) as doc:
            texts = [page.get_text() for page in doc]
        for k, t in enumerate(texts, 1):  # the browser's header and footer on every page
            assert "https://portal." in t and f"{k}/{pages}" in t
        flat = _flat(norm_text("".join(texts)))
        named = re.findall(r"掲載者:人事部(.+?)\|", flat) + re.findall(r"人事企画グループ(.+?)\(内線", flat)
        named += re.findall(r"(\S{2,8}?)\([^()]+\)\d{4}/\d\d/\d\d\d", flat)
        records = {_full(r) for r in truth["records"]}
        assert len(named) >= 2 and not set(named) & records
        seen_comments |= len(named) > 2
        (eff,) = {r["effective_date"] for r in truth["records"]}
        assert sum(flat.count(d) for d in {norm_text(d) for d in _printed(date.fromisoformat(eff))}) == 1
        seen_pages |= pages > 1
        assert flat.count("(新規入社)") == sum(r["old_post"] == "" for r in truth["records"])
    assert seen_comments and seen_pages
