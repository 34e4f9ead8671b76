"""The twelfth held-out set (samplegen/heldout12), written blind: other forms, other words, and truth
that follows the documented keying rules, like every other form of the generator. Written without
running any keyer or jptext reader on the documents: the checks below read the text layer with
PyMuPDF and plain string operations only (tests/heldout_blind.py). The checks every held-out set
gets are in test_samplegen_heldout_sets.py."""
from __future__ import annotations

import re
from datetime import date, timedelta

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
from samplegen.heldout9 import HELD_OUT_9_SET
from samplegen.heldout10 import HELD_OUT_10_SET
from samplegen.heldout11 import HELD_OUT_11_SET
from samplegen.heldout12 import DEFAULT_SEED, HELD_OUT_12_SET
from samplegen.heldout12 import vocab as own
from tests.heldout_blind import flat as _flat
from tests.heldout_blind import full_name as _full
from tests.heldout_blind import hira as _hira
from tests.heldout_blind import text_of as _text
from tests.heldout_blind import assert_rare_kanji_survive, assert_truth_printed, truth_problems

FORMS = tuple(HELD_OUT_12_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET, HELD_OUT_3_SET, HELD_OUT_4_SET, HELD_OUT_5_SET, HELD_OUT_6_SET,
          HELD_OUT_7_SET, HELD_OUT_8_SET, HELD_OUT_9_SET, HELD_OUT_10_SET, HELD_OUT_11_SET)
VOCAB = HELD_OUT_12_SET.vocab
STYLES = ("western", "western_fw", "era", "era_fw", "slash", "slash0", "initial", "dot")
RANKS = (*own.NURSE_RANKS, *own.STORE_RANKS, *own.SCHOOL_RANKS, *own.SITE_RANKS)


def _problems(truth: dict, form: str) -> list[str]:
    return truth_problems(truth, form, new_post_never="新任|退職|採用|配属|着任|中途|前職|―|→|〃|\\(",
                          old_post_never="採用|配属|中途|入社|前職|―|→|〃|\\(")


def _docs(form: str, count: int = 12, seed: int = 7):
    return [HELD_OUT_12_SET.build_document(seed, i, (form,)) for i in range(count)]


def _printed(d: date) -> list[str]:
    return [_flat(norm_text(format_date(d, s))) for s in STYLES]


def _day(rec: dict) -> date:
    return date.fromisoformat(rec["effective_date"])


def _fl(s: str) -> str:
    return _flat(norm_text(s))


def _reading(rec: dict) -> str:
    return rec["family_name_kana"] + rec["given_name_kana"]


def _before_name(flat: str, rec: dict) -> str:
    """The flat text before the name, with the reading printed small above it (if any) cut off."""
    before = flat[:flat.index(_full(rec))]
    if rec["family_name_kana"]:
        assert _flat(_hira(before)).endswith(_reading(rec)), before[-30:]
        before = before[:-len(_reading(rec))]
    return before


def test_the_twelfth_held_out_set_has_five_forms_of_its_own():
    assert len(FORMS) == 5
    assert not set(FORMS) & {f for other in OTHERS for f in other.forms}
    assert len({s.namespace for s in (*OTHERS, HELD_OUT_12_SET)}) == 13
    assert HELD_OUT_12_SET.namespace == "twomatch-heldout12" and DEFAULT_SEED == 33166


def test_its_names_companies_departments_and_post_words_are_in_none_of_the_other_sets():
    posts = {p for ps in VOCAB.posts.values() for p in ps} | {p for _o, p in VOCAB.outside} | set(RANKS)
    posts |= {w for s in (*own.NURSE_OFFICE, *own.STORE_HQ, *own.BOARD_UNITS, *own.BUILDER_UNITS) for w in s.split()}
    places = set(VOCAB.companies) | set(VOCAB.group_companies) | {o for o, _p in VOCAB.outside}
    places |= set(own.HOSPITALS) | set(own.RETAILERS) | set(own.BOARDS) | set(own.BUILDERS)
    units = {d for d, _k in VOCAB.depts} | set(VOCAB.new_units) | set(own.WARDS) | set(own.STORES)
    units |= set(own.SCHOOLS) | set(own.SITES) | set(own.DISTRICTS)
    for other in (o.vocab for o in OTHERS):
        other_posts = {p for ps in other.posts.values() for p in ps} | {p for _o, p in other.outside}
        assert not {f for f, _k in VOCAB.families} & {f for f, _k in other.families}
        assert not {g for g, _k in VOCAB.givens} & {g for g, _k in other.givens}
        assert not places & (set(other.companies) | set(other.group_companies) | {o for o, _p in other.outside})
        assert not units & ({d for d, _k in other.depts} | set(other.new_units))
        assert not posts & other_posts
        assert not set(VOCAB.addressees) & set(other.addressees)
    assert len({f for f, _k in VOCAB.families}) == len(VOCAB.families) >= 30


@pytest.mark.parametrize("form", FORMS)
def test_every_truth_value_is_printed_in_the_text_layer_and_follows_the_rules(form):
    assert_truth_printed(HELD_OUT_12_SET, form, problems=_problems, printed=_printed, per_seed=5, whole_posts=False)


def test_the_rare_kanji_survive_the_text_layer():
    assert_rare_kanji_survive(HELD_OUT_12_SET, "邉齋櫻德廣澤嶋圓國槇冨舘栁會瀨峯眞惠彌瀧禮晉昻傳凜", at_least=20)


def test_a_ward_list_keys_the_ward_heading_with_the_rank_and_dates_leavers_the_day_before():
    seen = set()
    for _name, pdf, truth, pages in _docs("byoto_betsu", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        assert {r["company"] for r in recs} <= {norm_text(h) for h in own.HOSPITALS}
        chief = re.search(r"看護部長(\S+?)看護", flat).group(1)
        assert chief not in map(_full, recs)
        eff = re.search(r"(?:お知らせ|について\(通知\))(.+?)付で、下記のとおり", flat).group(1)
        leave_at = flat.find("【退職者】")
        for rec in recs:
            before, at = _before_name(flat, rec), flat.index(_full(rec))
            after = flat[at + len(_full(rec)):]
            if rec["new_post"] == "退任":
                seen.add("leaver")
                assert 0 <= leave_at < at
                day = re.match(r"【退職者】\((.+?)付\)", flat[leave_at:]).group(1)
                assert day in _printed(_day(rec)) and eff in _printed(_day(rec) + timedelta(days=1))
                assert before.endswith(_flat(rec["old_post"]))
                continue
            assert eff in _printed(_day(rec)) and (leave_at < 0 or at < leave_at)
            ward = re.findall(r"■([^■(]+?)(?:\([^)]*\))?職位氏名異動前所属", before)[-1]
            rank = rec["new_post"].split()[-1]
            assert rec["new_post"] == f"{ward} {rank}" and before.endswith(rank), rec
            assert rank in own.NURSE_RANKS
            seen |= {"speciality"} if re.search(re.escape(ward) + r"\(", flat) else set()
            if not rec["old_post"]:
                seen.add("hire")
                assert after.startswith("新規採用")
            else:
                assert after.startswith(_flat(rec["old_post"])), after[:40]
                seen.add("office" if rec["old_post"] in map(norm_text, own.NURSE_OFFICE) else "ward")
        seen |= {"kana"} if recs[0]["family_name_kana"] else {"plain"}
        seen |= {"two pages"} if pages > 1 else set()
    assert seen == {"leaver", "speciality", "hire", "office", "ward", "kana", "plain", "two pages"}, seen


def test_a_store_rotation_keys_store_and_rank_and_the_rows_own_start_date():
    seen = set()
    for _name, pdf, truth, pages in _docs("tenpo_kaiten", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        eff = re.search(r"人事異動一覧\((.+?)付\)", flat).group(1)
        svs = re.findall(r"担当SV:(\S+?)店番", flat)
        assert svs and not set(svs) & set(map(_full, recs))
        for rec in recs:
            at = flat.index(_full(rec))
            store, rank = rec["new_post"].split()
            assert store in own.STORES and rank in own.STORE_RANKS
            assert re.search(r"\d{4}" + re.escape(store + rank) + "$", flat[:at]), flat[at - 40:at]
            after = flat[at + len(_full(rec)):]
            assert _flat(_hira(after)).startswith(_reading(rec)) and rec["family_name_kana"]
            after = after[len(_reading(rec)):] if not after[0].isascii() else after
            after = after[re.search(r"[^\uff61-\uff9f]", after).start():]  # half-width readings are longer
            old = _flat(rec["old_post"]) if rec["old_post"] else "(新規採用)"
            assert after.startswith(old), after[:40]
            day = after[len(old):]
            assert any(day.startswith(d) for d in _printed(_day(rec))), day[:20]
            seen.add("late start" if eff not in _printed(_day(rec)) else "title date")
            seen |= {"hire"} if not rec["old_post"] else set()
            seen |= {"head office"} if rec["old_post"] in map(norm_text, own.STORE_HQ) else set()
        script = "ふりがな" if "ふりがな" in flat else ("half" if re.search(r"[\uff61-\uff9f]", _text(pdf)) else "kata")
        seen.add(script)
        seen |= {"two pages"} if pages > 1 and "(次頁へ続く)" in flat else set()
    assert seen == {"late start", "title date", "hire", "head office", "ふりがな", "half", "kata", "two pages"}, seen


def test_a_school_board_keys_school_and_rank_from_heading_or_cell_and_the_board_as_company():
    seen = set()
    for _name, pdf, truth, _pages in _docs("kyoshokuin_ido", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        assert len({r["company"] for r in recs}) == 1 and recs[0]["company"] in own.BOARDS
        head = re.search(r"教育長(\S+?)(令和|\d{4})", flat).group(1)
        assert head not in map(_full, recs)
        eff = re.search(r"下記のとおり(.+?)付で発令", flat).group(1)
        at = {h: flat.find(h) for h in ("校長学校名氏名", "副校長・教頭学校名", "退職(")}
        for rec in recs:
            where = flat.index(_full(rec))
            before, after = flat[:where], flat[where + len(_full(rec)):]
            assert rec["family_name_kana"] == ""
            if rec["new_post"] == "退任":
                seen.add("leaver")
                day = re.match(r"退職\((.+?)付\)", flat[at["退職("]:]).group(1)
                assert _day(rec).month == 3 and day in _printed(_day(rec))
                assert before.endswith(_flat(rec["old_post"])) and at["退職("] < where
                continue
            assert eff in _printed(_day(rec)) and (_day(rec).month, _day(rec).day) == (4, 1)
            school, rank = rec["new_post"].split()
            assert school in own.SCHOOLS and rank in own.SCHOOL_RANKS
            assert after.startswith(_flat(rec["old_post"])), after[:40]
            if rank == "校長":
                seen.add("rank in heading")
                assert 0 <= at["校長学校名氏名"] < where and before.endswith(school)
                assert at["副校長・教頭学校名"] < 0 or where < at["副校長・教頭学校名"]
            else:
                seen.add("rank in cell")
                assert before.endswith(school + rank)
            seen |= {"board unit"} if rec["old_post"] in map(norm_text, own.BOARD_UNITS) else set()
        seen |= {"padded"} if re.search(r"\u3000\u3000", _text(pdf)) else set()
        seen |= {"元年度"} if "元年度" in flat else set()
    assert seen == {"leaver", "rank in heading", "rank in cell", "board unit", "padded", "元年度"}, seen


def test_a_site_sheet_resolves_the_ditto_mark_to_the_site_above_and_keys_each_rows_date():
    seen = set()
    for _name, pdf, truth, pages in _docs("sagyosho_haichi", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        made = re.search(r"作成日(.+?)担当", flat).group(1)
        current = None
        for number, rec in enumerate(recs, 1):
            at = flat.index(_full(rec))
            before, after = flat[:at], flat[at + len(_full(rec)):]
            site, rank = rec["new_post"].split()
            assert rank in own.SITE_RANKS and before.endswith(rank) and made not in _printed(_day(rec))
            # The rows are numbered 1, 2, … in record order; row `number` starts with its 工事名 or 〃.
            row = list(re.finditer(f"{number}(〃|{'|'.join(own.SITES)})", before))[-1]
            if row.group(1) == "〃":
                seen.add("ditto")
                assert site == current, (site, current)  # the site of the row above
                assert before[row.end():] == rank
            else:
                seen.add("site printed")
                current = row.group(1)
                assert site == current
                assert re.fullmatch(r"\S+?\d{4}\.\d+~\d{4}\.\d+" + rank, before[row.end():]), before[row.end():]
            old = _flat(rec["old_post"]) if rec["old_post"] else "(新規配属)"
            assert after.startswith(old), after[:40]
            assert any(after[len(old):].startswith(d) for d in _printed(_day(rec)))
            seen |= {"hire"} if not rec["old_post"] else set()
        seen |= {"dates"} if len({r["effective_date"] for r in recs}) > 1 else set()
        seen |= {"two pages"} if pages > 1 else set()
    assert seen == {"ditto", "site printed", "hire", "dates", "two pages"}, seen


def test_an_faq_keys_the_people_in_the_answers_not_the_contact_or_the_system_date():
    seen = set()
    for _name, pdf, truth, pages in _docs("shanai_faq", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        contact = re.search(r"人事総務部の(\S+?)\(内線1100\)", flat).group(1)
        assert contact not in map(_full, recs)
        eff, batch = re.search(r"A\.(.+?)付です。.+?切り替えは(.+?)の夜間バッチ", flat).groups()
        assert eff != batch
        for rec in recs:
            at = flat.index(_full(rec))
            rest = flat[at + len(_full(rec)):]
            if rec["family_name_kana"]:
                m = re.match(r"\((.+?)\)", rest)
                assert m and _flat(_hira(m.group(1))) == _reading(rec), rest[:30]
                rest = rest[m.end():]
                seen.add("kana")
            else:
                seen.add("plain")
            if rec["new_post"] == "退任":
                seen.add("leaver")
                m = re.match(r"\((.+?)\)は(.+?)付で退職", rest)
                assert m and m.group(1) == _flat(rec["old_post"]) and m.group(2) in _printed(_day(rec)), rest[:60]
                assert eff in _printed(_day(rec) + timedelta(days=1))
                continue
            assert eff in _printed(_day(rec)) and flat[:at].endswith(eff + "付で")
            new = _flat(rec["new_post"])
            if rec["old_post"]:
                assert rest.startswith(f"が{new}に着任します(前職:{_flat(rec['old_post'])})"), rest[:80]
            else:
                seen.add("hire")
                assert rest.startswith(f"(中途入社)が{new}に着任します"), rest[:80]
            seen |= {"concurrent"} if " 兼 " in rec["new_post"] else set()
        seen |= {"two pages"} if pages > 1 else set()
    assert seen == {"kana", "plain", "leaver", "hire", "concurrent", "two pages"}, seen
