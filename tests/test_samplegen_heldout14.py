"""The fourteenth held-out set (samplegen/heldout14), written blind: other forms, other words, and
truth that follows the documented keying rules, like every other form of the generator. Written
without running any keyer or jptext reader on the documents: the checks below read the text layer
with PyMuPDF and plain string operations only (tests/heldout_blind.py). The checks every held-out
set gets are in test_samplegen_heldout_sets.py."""
from __future__ import annotations

import re
from datetime import date

import pymupdf
import pytest

from samplegen import norm_text
from samplegen.core import format_date
from samplegen.heldout14 import DEFAULT_SEED, HELD_OUT_14_SET
from samplegen.heldout14 import vocab as own
from samplegen.heldout14.aisatsujo_tate import kanji_date
from tests.heldout_blind import flat as _flat
from tests.heldout_blind import full_name as _full
from tests.heldout_blind import hira as _hira
from tests.heldout_blind import text_of as _text
from tests.heldout_blind import assert_rare_kanji_survive, assert_truth_printed, other_sets, truth_problems

FORMS = tuple(HELD_OUT_14_SET.forms)
OTHERS = other_sets(HELD_OUT_14_SET)
VOCAB = HELD_OUT_14_SET.vocab
STYLES = ("western", "western_fw", "era", "era_fw", "slash", "slash0", "initial", "dot")
FAMILIES = [f for f, _k in own.FAMILIES]


def _problems(truth: dict, form: str) -> list[str]:
    return truth_problems(truth, form, new_post_never="新任|再任|前|出向|株式会社|採用|退職|\\(|配属|―",
                          old_post_never="新任|新規|採用|前|株式会社|\\(|―")


def _docs(form: str, count: int = 12, seed: int = 7):
    return [HELD_OUT_14_SET.build_document(seed, i, (form,)) for i in range(count)]


def _printed(d: date) -> list[str]:
    return [_flat(norm_text(format_date(d, s))) for s in STYLES] + [kanji_date(d, w) for w in (False, True)]


def _day(rec: dict) -> date:
    return date.fromisoformat(rec["effective_date"])


def _fl(s: str) -> str:
    return _flat(norm_text(s))


def _reading(rec: dict) -> str:
    return rec["family_name_kana"] + rec["given_name_kana"]


def _rows(flat: str) -> list[str]:
    """The families printed in the document, in printed order (each document draws distinct ones)."""
    return sorted((f for f in FAMILIES if f in flat), key=flat.index)


def test_the_fourteenth_held_out_set_has_five_forms_of_its_own():
    assert len(FORMS) == 5
    assert not set(FORMS) & {f for other in OTHERS for f in other.forms}
    assert len(OTHERS) >= 14 and len({s.namespace for s in (*OTHERS, HELD_OUT_14_SET)}) == len(OTHERS) + 1
    assert HELD_OUT_14_SET.namespace == "twomatch-heldout14" and DEFAULT_SEED == 37416


def test_its_names_companies_departments_and_post_words_are_in_none_of_the_other_sets():
    posts = {p for ps in VOCAB.posts.values() for p in ps} | {p for _o, p in VOCAB.outside} | set(own.KAI_POSTS)
    places = (set(VOCAB.companies) | set(VOCAB.group_companies) | {o for o, _p in VOCAB.outside}
              | set(own.ASSOCIATIONS) | set(own.MEMBER_FIRMS) | set(own.SCHOOLS))
    units = {d for d, _k in VOCAB.depts} | set(VOCAB.new_units) | set(own.SUBUNITS)
    for other in (o.vocab for o in OTHERS):
        other_posts = {p for ps in other.posts.values() for p in ps} | {p for _o, p in other.outside}
        assert not {f for f, _k in VOCAB.families} & {f for f, _k in other.families}
        assert not {g for g, _k in VOCAB.givens} & {g for g, _k in other.givens}
        assert not places & (set(other.companies) | set(other.group_companies) | {o for o, _p in other.outside})
        assert not units & ({d for d, _k in other.depts} | set(other.new_units))
        assert not posts & other_posts
        assert not set(VOCAB.addressees) & set(other.addressees)
    assert len(set(FAMILIES)) == len(FAMILIES) >= 30


@pytest.mark.parametrize("form", FORMS)
def test_every_truth_value_is_printed_in_the_text_layer_and_follows_the_rules(form):
    assert_truth_printed(HELD_OUT_14_SET, form, problems=_problems, printed=_printed, per_seed=5, whole_posts=False)


def test_the_rare_kanji_survive_the_text_layer():
    assert_rare_kanji_survive(HELD_OUT_14_SET, "髙﨑邊德鴇鵤雫礒", at_least=6)


def test_kanji_dates_are_written_as_cards_write_them():
    assert kanji_date(date(2025, 6, 27), False) == "令和七年六月二十七日"
    assert kanji_date(date(2019, 5, 1), False) == "令和元年五月一日"
    assert kanji_date(date(2019, 4, 1), False) == "平成三十一年四月一日"
    assert kanji_date(date(2025, 10, 10), True) == "二〇二五年十月十日"
    assert kanji_date(date(2026, 12, 1), False, day=False) == "令和八年十二月"


def test_a_vertical_greeting_card_keys_the_marked_officers_and_the_leavers():
    seen = set()
    for _name, pdf, truth, _pages in _docs("aisatsujo_tate", 16):
        with pymupdf.open("pdf", pdf) as doc:
            assert doc[0].rect.width > doc[0].rect.height  # landscape, set in columns
            lines = [ln for ln in doc[0].get_text().splitlines() if ln.strip()]
        assert max(len(ln) for ln in lines) <= 2, "one glyph a line: the card is set vertically"
        flat = _fl(_text(pdf))
        recs = truth["records"]
        eff = re.search(r"弊社におきましては(.+?)付をもちまして", flat).group(1)
        assert all(eff in _printed(_day(rec)) for rec in recs)
        seen.add("western" if eff.startswith("二") else "era")
        month = re.search(r"謹白(.+?)記", flat).group(1)
        assert month.endswith("月") and "日" not in month
        lineup = flat[flat.index("謹白") + len(month) + 3:]
        body = lineup[:lineup.rfind("代表取締役社長")]
        keyed = [_full(r) for r in recs]
        for f in _rows(body):
            at = body.index(f)
            if not any(body.startswith(k, at) for k in keyed):  # in the line-up without a mark: stays
                seen.add("stays")
                assert not re.match(r"\S{1,3}(新任|\(前)", body[at + len(f):])
        signer = flat[flat.rfind("代表取締役社長") + len("代表取締役社長"):]
        assert lineup.startswith("代表取締役社長" + signer)
        for rec in recs:
            at = body.index(_full(rec))
            before, rest = body[:at], body[at + len(_full(rec)):]
            assert flat.endswith(rec["company"] + "代表取締役社長" + signer) and rec["family_name_kana"] == ""
            if rec["new_post"] == "退任":
                seen.add("leaver")
                assert "退任" in before and before.endswith(_flat(rec["old_post"]))
                continue
            assert before.endswith(_flat(rec["new_post"]))
            if rec["old_post"]:
                seen.add("changed")
                assert rest.startswith(f"(前{_flat(rec['old_post'])})")
            else:
                seen.add("new")
                assert rest.startswith("新任")
    assert seen == {"western", "era", "stays", "leaver", "changed", "new"}, seen


def test_an_association_keys_new_and_changed_officers_not_reelected_ones_or_their_firms():
    seen = set()
    for _name, pdf, truth, _pages in _docs("yakuin_kaisen", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        association = next(a for a in own.ASSOCIATIONS if _fl(a) in flat)
        clerk = re.search(r"事務局長(\S+?)役員改選", flat).group(1)
        meeting, eff = re.search(r"さて、(.+?)に開催いたしました.+?互選を経て、(.+?)付をもって", flat).groups()
        assert meeting != eff
        keyed = [_full(r) for r in recs]
        assert clerk not in keyed
        for f in _rows(flat[flat.index("1.新役員"):]):
            if not any(k.startswith(f) for k in keyed):
                seen.add("re-elected")
                at = flat.index(f)
                assert "再任" in flat[at:flat.find("再任", at) + 2] and f not in clerk
        for rec in recs:
            assert rec["company"] == norm_text(association)
            at = flat.index(_full(rec))
            before, rest = flat[:at], flat[at + len(_full(rec)):]
            if rec["family_name_kana"]:
                seen.add("kana")
                assert _flat(_hira(before)).endswith(_reading(rec))
                before = before[:len(before) - len(_reading(rec))]
            else:
                seen.add("plain")
            firm = next((f for f in ("(常勤)", "(学識経験者)", *own.MEMBER_FIRMS) if rest.startswith(f)), None)
            assert firm, rest[:40]
            rest = rest[len(firm):]
            if firm in own.MEMBER_FIRMS:  # the officer's own firm and post there: never the record's
                title = max((t for t in own.FIRM_POSTS if rest.startswith(t)), key=len)
                rest = rest[len(title):]
            note = rest
            if rec["new_post"] == "退任":
                seen.add("leaver")
                gone = re.search(r"2.退任役員\((.+?)付退任\)", flat).group(1)
                assert gone in _printed(_day(rec)) and gone == meeting and note.startswith("任期満了")
                assert before.endswith(rec["old_post"])
                continue
            assert eff in _printed(_day(rec)) and before.endswith(rec["new_post"])
            if rec["old_post"]:
                seen.add("changed")
                assert note.startswith("前" + rec["old_post"])
            else:
                seen.add("new")
                assert note.startswith("新任")
    assert seen == {"re-elected", "kana", "plain", "leaver", "changed", "new"}, seen


def test_a_new_graduates_list_keys_each_section_its_own_day_not_the_day_they_joined():
    seen = set()
    for _name, pdf, truth, _pages in _docs("shinjin_haizoku", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        joined = re.search(r"(?:のお知らせ|について)(.+?)に入社した新入社員(\d+)名", flat)
        assert int(joined.group(2)) == len(recs)
        sections = re.findall(r"(1.事務系|2.技術系|全員)\((.+?)付配属\)", flat)
        seen.add("two sections" if len(sections) == 2 else "one section")
        coaches = set(re.findall(r"(?:" + "|".join(own.SUBUNITS) + r")(\S{2,8}?)(?=\d+\S|※)", flat))
        keyed = [_full(r) for r in recs]
        assert coaches and not coaches & set(keyed)
        for rec in recs:
            at = flat.index(_full(rec))
            head = [d for _h, d in re.findall(r"(1.事務系|2.技術系|全員)\((.+?)付配属\)", flat[:at])][-1]
            assert head in _printed(_day(rec)) and joined.group(1) not in _printed(_day(rec))
            assert rec["old_post"] == "" and rec["company"] in flat
            rest = flat[at + len(_full(rec)):]
            assert _flat(_hira(rest)).startswith(_reading(rec)) and rec["family_name_kana"]
            rest = rest[len(_reading(rec)):]
            school = next(s for s in own.SCHOOLS if rest.startswith(s))
            assert rest[len(school):].startswith(_flat(rec["new_post"]))
            unit, sub = rec["new_post"].split()
            assert sub in own.SUBUNITS and unit in {d for d, _k in VOCAB.depts}
        seen.add("hira" if "ふりがな" in flat else "kata")
    assert seen == {"two sections", "one section", "hira", "kata"}, seen


def test_a_screen_hard_copy_keys_each_screen_from_its_boxes_without_the_codes():
    seen = set()
    for _name, pdf, truth, pages in _docs("hatsurei_gamen", 16):
        text = _text(pdf)
        flat = _fl(text)
        recs = truth["records"]
        screens = flat.split("人事給与システム[JHR420]発令内容照会")[1:]
        assert len(screens) == len(recs)
        operator = re.search(r"ログイン:(\S+?)\(", screens[0]).group(1)
        assert operator not in [_full(r) for r in recs]
        for rec, s in zip(recs, screens):
            m = re.search(r"印刷日時:(\S+?)\d\d:\d\d:\d\d会社\d\d(\S+?)社員番号\d{6}発令番号H\d{4}-\d{4}氏名\(漢字\)(\S+?)"
                          r"氏名\(カナ\)(\S+?)発令日(\S+?)登録日(\S+?)発令区分(\d\d)(\S\S)項目発令前発令後", s)
            assert m, s[:200]
            stamp, company, name, kana, day, registered, code, kind = m.groups()
            assert company == rec["company"] and name == _full(rec) and _flat(_hira(kana)) == _reading(rec)
            assert day in _printed(_day(rec)) and registered not in _printed(_day(rec))
            assert stamp not in _printed(_day(rec))
            grid = s[m.end():s.index("F1:ヘルプ")]
            g = re.fullmatch(r"所属(?:(\d{4})(\S+?))?(?:(\d{4})(\S+?))?役職(?:(\d\d)(\S+?))?(?:(\d\d)(\S+?))?"
                             r"兼務所属(?:(\d{4})(\S+?))?兼務役職(?:(\d\d)(\S+?))?", grid)
            assert g, grid
            _c1, old_unit, _c2, new_unit, _c3, old_title, _c4, new_title, _c5, extra_unit, _c6, extra_title = g.groups()
            if kind == "退職":
                seen.add("leaver")
                assert code == "09" and rec["new_post"] == "退任" and new_unit is None
                # The grid reads the old boxes only: which side they stand on is in the layout, not the text.
                assert rec["old_post"] == f"{old_unit} {old_title}"
                continue
            if kind == "採用":
                seen.add("hire")
                assert rec["old_post"] == "" and new_unit is None
                new_unit, new_title = old_unit, old_title  # only the 発令後 boxes hold text
            else:
                assert rec["old_post"] == f"{old_unit} {old_title}"
            main = f"{new_unit} {new_title}"
            if kind == "兼務":
                seen.add("concurrent")
                assert rec["new_post"] == f"{main} 兼 {extra_unit} {extra_title}" and main == rec["old_post"]
            else:
                assert rec["new_post"] == main and extra_unit is None
        seen |= {"screen dates"} if len({r["effective_date"] for r in recs}) > 1 else set()
        seen.add("half" if re.search(r"[\uff61-\uff9f]", text) else "kata")
        seen |= {"pages"} if pages > 1 else set()
    assert seen == {"leaver", "hire", "concurrent", "screen dates", "half", "kata", "pages"}, seen


def test_a_meeting_schedule_keys_the_titles_date_and_a_secondments_company_not_the_interviewers():
    seen = set()
    for _name, pdf, truth, pages in _docs("naiji_mendan", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        header = flat[:flat.index("人事部")]
        company = next(_fl(c) for c in VOCAB.companies if _fl(c) in header)
        made = re.search(r"作成:(.+?)" + re.escape(company), header).group(1)
        eff = re.search(r"人事部(.+?)付人事異動内示面談日程表", flat).group(1)
        assert made != eff
        keyed = [_full(r) for r in recs]
        contact = re.search(r"ご質問は人事部(\S+?)\(内線4127\)", flat).group(1)
        assert contact not in keyed
        for f in _rows(flat):
            if not any(k.startswith(f) for k in keyed) and not contact.startswith(f):
                seen.add("interviewer")
                assert re.search(r"(長|アドバイザー)" + re.escape(f), flat)
        for number, rec in enumerate(recs, 1):
            assert eff in _printed(_day(rec))
            at = flat.index(_full(rec))
            before, rest = flat[:at], flat[at + len(_full(rec)):]
            if rec["family_name_kana"]:
                seen.add("kana")
                m = re.search(r"\(([^()]+)\)$", before)
                assert m and _flat(_hira(m.group(1))) == _reading(rec)
                before = before[:m.start()]
            else:
                seen.add("plain")
            assert re.search(rf"{number}\d+/\d+\([月火水木金]\)\d+:\d\d$", before), before[-30:]
            assert rest.startswith(_flat(rec["old_post"]))
            rest = rest[len(_flat(rec["old_post"])):]
            if rec["company"] != company:
                seen.add("secondment")
                assert rec["company"] in own.GROUP_COMPANIES
                assert rest.startswith("出向" + rec["company"] + _flat(rec["new_post"]))
            else:
                assert rest.startswith(_flat(rec["new_post"]))
        seen |= {"pages"} if pages > 1 else set()
    assert seen == {"interviewer", "kana", "plain", "secondment", "pages"}, seen
