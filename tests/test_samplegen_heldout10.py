"""The tenth held-out set (samplegen/heldout10), written blind: other forms, other words, and truth
that follows samples/README.md exactly, like every other form of the generator. Written without
running any keyer or jptext reader on the documents: the checks below read the text layer (and, for
the 稟議書, where the seals sit) with PyMuPDF and plain string operations only. The checks every
held-out set gets are in test_samplegen_heldout_sets.py."""
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
from samplegen.heldout9 import HELD_OUT_9_SET
from samplegen.heldout10 import DEFAULT_SEED, HELD_OUT_10_SET
from samplegen.heldout10 import vocab as own
from tests.heldout_blind import flat as _flat
from tests.heldout_blind import full_name as _full
from tests.heldout_blind import hira as _hira
from tests.heldout_blind import text_of as _text
from tests.heldout_blind import assert_rare_kanji_survive, assert_truth_printed, truth_problems

FORMS = tuple(HELD_OUT_10_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET, HELD_OUT_3_SET, HELD_OUT_4_SET, HELD_OUT_5_SET, HELD_OUT_6_SET,
          HELD_OUT_7_SET, HELD_OUT_8_SET, HELD_OUT_9_SET)
VOCAB = HELD_OUT_10_SET.vocab
STYLES = ("western", "western_fw", "era", "era_fw", "slash", "slash0")
PREFECTURES = "|".join(p for p, _posts in own.PREFECTURES)
EMPLOYERS = "|".join(o for o, _p in VOCAB.outside)


def _problems(truth: dict, form: str) -> list[str]:
    return truth_problems(truth, form, new_post_never="新任|退職|辞任|採用|異動|担当者|―",
                          old_post_never=f"{PREFECTURES}|{EMPLOYERS}|採用|入社|前所属|―")


def _docs(form: str, count: int = 8, seed: int = 7):
    return [HELD_OUT_10_SET.build_document(seed, i, (form,)) for i in range(count)]


def _printed(d: date) -> list[str]:
    return [_flat(norm_text(format_date(d, s))) for s in STYLES]


def _day(rec: dict) -> date:
    return date.fromisoformat(rec["effective_date"])


def _fl(s: str) -> str:
    return _flat(norm_text(s))


def _ends_with(before: str, post: str, rec: dict) -> bool:
    """`before` ends with `post`, then the reading printed small above the name (when there is one)."""
    return _flat(_hira(before)).endswith(_flat(_hira(post)) + rec["family_name_kana"] + rec["given_name_kana"])


def test_the_tenth_held_out_set_has_five_forms_of_its_own():
    assert len(FORMS) == 5
    assert not set(FORMS) & {f for other in OTHERS for f in other.forms}
    assert len({s.namespace for s in (*OTHERS, HELD_OUT_10_SET)}) == 11
    assert HELD_OUT_10_SET.namespace == "twomatch-heldout10" and DEFAULT_SEED == 28284


def test_its_names_companies_departments_and_post_words_are_in_none_of_the_other_sets():
    posts = {p for ps in VOCAB.posts.values() for p in ps} | {p for _o, p in VOCAB.outside}
    places = set(VOCAB.companies) | set(VOCAB.group_companies) | {o for o, _p in VOCAB.outside} | set(own.CITIES)
    places |= {p for p, _posts in own.PREFECTURES}
    units = {d for d, _k in VOCAB.depts} | set(VOCAB.new_units) | set(own.BUREAUS)
    units |= {s for ss in own.BUREAUS.values() for s in ss}
    for other in (o.vocab for o in OTHERS):
        assert not {f for f, _k in VOCAB.families} & {f for f, _k in other.families}
        assert not {g for g, _k in VOCAB.givens} & {g for g, _k in other.givens}
        assert not places & (set(other.companies) | set(other.group_companies) | {o for o, _p in other.outside})
        assert not units & ({d for d, _k in other.depts} | set(other.new_units))
        assert not posts & ({p for ps in other.posts.values() for p in ps} | {p for _o, p in other.outside})
    assert len({f for f, _k in VOCAB.families}) == len(VOCAB.families) >= 20


@pytest.mark.parametrize("form", FORMS)
def test_every_truth_value_is_printed_in_the_text_layer_and_follows_the_rules(form):
    assert_truth_printed(HELD_OUT_10_SET, form, problems=_problems, printed=_printed, per_seed=4, whole_posts=True)


def test_the_rare_kanji_survive_the_text_layer():
    assert_rare_kanji_survive(HELD_OUT_10_SET, "髙﨑邉德栁硲椛杣嵩鰐鴫忽禎將壯萠靜皓絢鐵昊柾", at_least=18)


def test_the_reorganisation_part_names_no_one_and_the_name_comes_last_in_each_row():
    seen = set()
    for _name, pdf, truth, _pages in _docs("soshiki_kaisei", 12):
        flat = _fl(_text(pdf))
        org, people = flat.split("2.人事異動(")
        recs = truth["records"]
        assert not any(_full(r) in org for r in recs)
        heading = re.match(r"(.+?)付\)", people).group(1)
        org_day = re.search(r"1.組織改正\((.+?)付\)", org).group(1)
        seen |= {"two dates"} if org_day != heading else {"one date"}
        note = re.search(r"※退職者の発令日は(.+?)付です", people)
        for rec in recs:
            at = people.index(_full(rec))
            before = people[:at]
            if rec["old_post"]:
                assert _ends_with(before, _flat(rec["old_post"]), rec), rec  # ... | 旧所属 | 旧役職 | 氏名
            else:
                seen.add("hire")
                assert _ends_with(before, "(新規採用)―", rec), rec
            if rec["new_post"] == "退任":
                seen.add("leaver")
                assert _ends_with(before, "退職―" + _flat(rec["old_post"]), rec) or \
                    _ends_with(before, "退任―" + _flat(rec["old_post"]), rec), rec
                dated = note.group(1) if note else heading
                seen |= {"noted leaver"} if note else set()
                assert dated in _printed(_day(rec))
            else:
                assert heading in _printed(_day(rec))
        if note:  # the note dates the leavers the day before the heading
            assert all(heading in _printed(_day(r) + timedelta(days=1)) for r in recs if r["new_post"] == "退任")
        seen |= {"kana"} if recs[0]["family_name_kana"] else {"plain"}
    assert seen == {"two dates", "one date", "hire", "leaver", "noted leaver", "kana", "plain"}, seen


def test_a_magazine_page_keys_the_bold_post_and_the_former_post_without_an_outside_employer():
    seen = set()
    for _name, pdf, truth, _pages in _docs("intra_news", 12):
        flat = _fl(_text(pdf))
        eff = re.search(r"\((.+?)付人事異動\)", flat).group(1)
        assert re.search(r"Vol.\d+\d{4}年\d+月号", flat)  # the issue, not a date of any record
        for rec in truth["records"]:
            at = flat.index(_full(rec))
            if rec["new_post"] == "退任":
                seen.add("leaver")
                box = re.search(r"」([^」]+?)付で次の方が退職されました", flat)
                assert box and box.end() < at and box.group(1) in _printed(_day(rec))
                assert flat[:at].endswith("・" + _flat(rec["old_post"])) and rec["family_name_kana"] == ""
                continue
            assert eff in _printed(_day(rec))
            caption = flat.index("写真:" + _full(rec) + "さん")
            block = flat[caption:]
            assert block.startswith("写真:" + _full(rec) + "さん" + _flat(rec["new_post"]) + _full(rec))
            former = re.search(r"前職:(.+?)\d{4}年入社", block).group(1)
            if former == _flat(rec["old_post"]):
                seen.add("inside")
            else:
                seen.add("outside")
                assert re.fullmatch(f"({EMPLOYERS})" + re.escape(_flat(rec["old_post"])), former), former
            if rec["family_name_kana"]:
                seen.add("kana")
                assert _flat(_hira(block)).find(rec["family_name_kana"] + rec["given_name_kana"]) < 60
    assert seen == {"leaver", "inside", "outside", "kana"}, seen


def test_a_letter_to_partners_keys_the_successor_then_the_predecessor_and_no_signatory():
    seen = set()
    for _name, pdf, truth, _pages in _docs("torihiki_aisatsu", 12):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        boss = re.search(r"代表取締役社長(\S+?)(担当者|営業担当者)", flat).group(1)
        contact = re.search(r"総務部(\S+?)\(TEL", flat).group(1)
        assert boss not in map(_full, recs) and contact not in map(_full, recs)
        assert flat.index("拝啓") < flat.index("敬具記【ご担当:") < flat.index(_full(recs[0]))
        eff = re.search(r"弊社では(.+?)付の人事異動", flat).group(1)
        assert len(recs) == 2 * flat.count("【ご担当:")
        for succ, pred in zip(recs[::2], recs[1::2]):
            block = flat[flat.index(_full(succ)) - len(_flat(succ["new_post"])) - 5:]
            assert block.startswith("新任担当者" + _flat(succ["new_post"]) + _full(succ)), block[:60]
            assert eff in _printed(_day(succ))
            if succ["old_post"]:
                assert "(前所属" + _flat(succ["old_post"]) + ")" in block
            else:
                seen.add("hire")
                assert block.split("前任担当者")[0].endswith("(中途入社)")
            rest = block.split("前任担当者", 1)[1]
            assert rest.startswith(_flat(pred["old_post"]) + _full(pred)) and pred["family_name_kana"] == ""
            fate = re.match(re.escape(_flat(pred["old_post"]) + _full(pred)) + r"\((.+?)付で(.+?)\)", rest)
            assert fate.group(1) in _printed(_day(pred))
            if pred["new_post"] == "退任":
                seen.add("leaver")
                assert fate.group(2) in ("退職", "退任") and _day(pred) == _day(succ) - timedelta(days=1)
            else:
                assert fate.group(2) == _flat(pred["new_post"]) + "へ異動"
            seen |= {"same post"} if succ["new_post"] == pred["old_post"] else {"other post"}
            seen |= {"kana"} if succ["family_name_kana"] else {"plain"}
    assert seen == {"hire", "leaver", "same post", "other post", "kana", "plain"}, seen


def _seals(pdf: bytes) -> list[str]:
    """The red texts inside the approval boxes at the top of the first page."""
    with pymupdf.open("pdf", pdf) as doc:
        spans = [s for b in doc[0].get_text("dict")["blocks"] for ln in b.get("lines", ()) for s in ln["spans"]]
    red = [s for s in spans if (s["color"] >> 16) > 150 and (s["color"] >> 8) & 255 < 80]
    return [s["text"] for s in red if s["origin"][1] < 110 and not re.search(r"\d", s["text"])]


def test_an_approval_request_keys_the_table_not_the_seals_or_the_drafting_dates():
    seen = set()
    for _name, pdf, truth, _pages in _docs("ringi_sho", 12):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        seals = _seals(pdf)
        assert seals and not {r["family_name"] for r in recs} & set(seals)
        drafter = re.search(r"起案部署\S+?起案者(\S+?)件名", flat).group(1)
        assert drafter not in map(_full, recs) and drafter.startswith(seals[-1])  # 起案者 seals the last box
        eff = re.search(r"1.発令日(.+?)2.対象者", flat).group(1)
        assert re.search(r"件名" + re.escape(eff) + "付人事異動の件", flat)
        for label in ("起案日", "決裁日"):
            assert re.search(label + r"(.+?)(決裁日|起案部署)", flat).group(1) != eff
        for rec in recs:
            after = flat[flat.index(_full(rec)) + len(_full(rec)):]
            if rec["new_post"] == "退任":
                seen.add("leaver")
                m = re.match(re.escape(_flat(rec["old_post"])) + r"(退職|退任)\((.+?)付\)", after)
                assert m and m.group(2) in _printed(_day(rec)), after[:60]
                assert eff in _printed(_day(rec) + timedelta(days=1))  # the day before 発令日
                continue
            assert eff in _printed(_day(rec))
            old = _flat(rec["old_post"]) if rec["old_post"] else "(中途採用)"
            seen |= {"hire"} if not rec["old_post"] else {"move"}
            assert after.startswith(old + _flat(rec["new_post"])), after[:80]  # the old post first
        seen |= {"blank box"} if len(seals) < 5 else {"all sealed"}
    assert seen == {"leaver", "hire", "move", "blank box", "all sealed"}, seen


def test_a_city_release_keys_the_city_drops_the_prefecture_and_counts_what_it_lists():
    seen = set()
    for _name, pdf, truth, _pages in _docs("kisha_happyo", 12):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        assert {r["company"] for r in recs} <= set(own.CITIES) and len({r["company"] for r in recs}) == 1
        officer = re.search(r"人事課(\S+?)電話", flat).group(1)
        assert officer not in map(_full, recs)
        eff = re.search(r"1.発令日(.+?)2.異動の規模", flat).group(1)
        stay = [r for r in recs if r["new_post"] != "退任"]
        counts = re.search(r"今回(\d+)人(\d+)人(\d+)人(\d+)人", flat).groups()
        heads = {rank: flat.find(f"【{rank}】") for rank in own.RANKS}
        for rank, count in zip(own.RANKS, counts):
            assert (heads[rank] >= 0) == (int(count) > 0)
        assert int(counts[3]) == len(stay)
        for rec in stay:
            assert eff in _printed(_day(rec))
            at = flat.index(_full(rec))
            assert _ends_with(flat[:at], _flat(rec["new_post"]), rec), rec
            shown = flat[at + len(_full(rec)):]
            if re.match(PREFECTURES, shown):
                seen.add("prefecture")
                assert re.match(f"({PREFECTURES})" + re.escape(_flat(rec["old_post"])), shown)
            else:
                assert shown.startswith(_flat(rec["old_post"]))
            seen |= {"concurrent"} if " 兼 " in rec["new_post"] else set()
        gone = [r for r in recs if r["new_post"] == "退任"]
        if gone:
            seen.add("leaver")
            heading = re.search(r"4.退職者\((.+?)付\)", flat).group(1)
            assert all(heading in _printed(_day(r)) for r in gone)
            assert {_day(r) + timedelta(days=1) for r in gone} == {_day(r) for r in stay} or not stay
            assert flat.index("4.退職者") < min(flat.index(_full(r)) for r in gone)
        seen |= {"kana"} if recs[0]["family_name_kana"] else {"plain"}
    assert seen == {"prefecture", "concurrent", "leaver", "kana", "plain"}, seen
