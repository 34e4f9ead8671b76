"""The eleventh held-out set (samplegen/heldout11), written blind: other forms, other words, and truth
that follows samples/README.md exactly, like every other form of the generator. Written without
running any keyer or jptext reader on the documents: the checks below read the text layer with
PyMuPDF and plain string operations only (tests/heldout_blind.py). The checks every held-out set
gets are in test_samplegen_heldout_sets.py."""
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
from samplegen.heldout10 import HELD_OUT_10_SET
from samplegen.heldout11 import DEFAULT_SEED, HELD_OUT_11_SET
from samplegen.heldout11 import vocab as own
from tests.heldout_blind import flat as _flat
from tests.heldout_blind import full_name as _full
from tests.heldout_blind import hira as _hira
from tests.heldout_blind import text_of as _text
from tests.heldout_blind import assert_rare_kanji_survive, assert_truth_printed, truth_problems

FORMS = tuple(HELD_OUT_11_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET, HELD_OUT_3_SET, HELD_OUT_4_SET, HELD_OUT_5_SET, HELD_OUT_6_SET,
          HELD_OUT_7_SET, HELD_OUT_8_SET, HELD_OUT_9_SET, HELD_OUT_10_SET)
VOCAB = HELD_OUT_11_SET.vocab
STYLES = ("western", "western_fw", "era", "era_fw", "slash", "slash0", "initial")
EMPLOYERS = "|".join((*(o for o, _p in VOCAB.outside), *own.OTHER_UNIVERSITIES))


def _problems(truth: dict, form: str) -> list[str]:
    return truth_problems(truth, form, new_post_never="新任|退職|辞任|採用|異動|命ずる|免ずる|前|―|→",
                          old_post_never=f"{EMPLOYERS}|採用|入社|中途|免ずる|前|―|→")


def _docs(form: str, count: int = 12, seed: int = 7):
    return [HELD_OUT_11_SET.build_document(seed, i, (form,)) for i in range(count)]


def _printed(d: date) -> list[str]:
    return [_flat(norm_text(format_date(d, s))) for s in STYLES]


def _day(rec: dict) -> date:
    return date.fromisoformat(rec["effective_date"])


def _fl(s: str) -> str:
    return _flat(norm_text(s))


def _reading(rec: dict, text: str, at: int) -> str:
    """The flat text after the name at `at`, with the reading printed right after it skipped."""
    rest = text[at + len(_full(rec)):]
    if rec["family_name_kana"]:
        m = re.match(r"\((.+?)\)", rest)
        assert m and _flat(_hira(m.group(1))) == rec["family_name_kana"] + rec["given_name_kana"], rest[:40]
        rest = rest[m.end():]
    return rest


def _ends_with(before: str, post: str, rec: dict) -> bool:
    """`before` ends with `post`, then the reading printed small above the name (when there is one)."""
    return _flat(_hira(before)).endswith(_flat(_hira(post)) + rec["family_name_kana"] + rec["given_name_kana"])


def test_the_eleventh_held_out_set_has_five_forms_of_its_own():
    assert len(FORMS) == 5
    assert not set(FORMS) & {f for other in OTHERS for f in other.forms}
    assert len({s.namespace for s in (*OTHERS, HELD_OUT_11_SET)}) == 12
    assert HELD_OUT_11_SET.namespace == "twomatch-heldout11" and DEFAULT_SEED == 31622


def test_its_names_companies_departments_and_post_words_are_in_none_of_the_other_sets():
    posts = {p for ps in VOCAB.posts.values() for p in ps} | {p for _o, p in VOCAB.outside}
    places = set(VOCAB.companies) | set(VOCAB.group_companies) | {o for o, _p in VOCAB.outside}
    places |= set(own.UNIVERSITIES) | set(own.OTHER_UNIVERSITIES)
    units = {d for d, _k in VOCAB.depts} | set(VOCAB.new_units) | set(own.FACULTIES) | set(own.GRAD_SCHOOLS)
    deans = {f"{u}長" for u in (*own.FACULTIES, *own.GRAD_SCHOOLS)}
    for other in (o.vocab for o in OTHERS):
        other_posts = {p for ps in other.posts.values() for p in ps} | {p for _o, p in other.outside}
        assert not {f for f, _k in VOCAB.families} & {f for f, _k in other.families}
        assert not {g for g, _k in VOCAB.givens} & {g for g, _k in other.givens}
        assert not places & (set(other.companies) | set(other.group_companies) | {o for o, _p in other.outside})
        assert not units & ({d for d, _k in other.depts} | set(other.new_units))
        assert not (posts | deans) & other_posts
        # The academic ranks are the one shared word list (vocab.py says why): only outside posts elsewhere.
        assert not set(own.RANKS) & {p for ps in other.posts.values() for p in ps}
    assert len({f for f, _k in VOCAB.families}) == len(VOCAB.families) >= 30


@pytest.mark.parametrize("form", FORMS)
def test_every_truth_value_is_printed_in_the_text_layer_and_follows_the_rules(form):
    assert_truth_printed(HELD_OUT_11_SET, form, problems=_problems, printed=_printed, per_seed=5, whole_posts=True)


def test_the_rare_kanji_survive_the_text_layer():
    assert_rare_kanji_survive(HELD_OUT_11_SET, "龜靑寳鹽黃穗榊椙藪楢樫﨑髙濱諒堯豐晧衞滉旻錬綸乘壹", at_least=20)


def test_a_university_keys_its_own_name_drops_the_former_employer_and_dates_leavers_the_day_before():
    seen = set()
    heads = ("部局長の就任", "昇任", "採用", "退職")
    for _name, pdf, truth, _pages in _docs("kyoin_jinji"):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        assert {r["company"] for r in recs} <= set(own.UNIVERSITIES) and len({r["company"] for r in recs}) == 1
        eff = re.search(r"では、(.+?)付で下記のとおり教員人事", flat).group(1)
        at = {h: flat.find(f".{h}") for h in heads}
        shown = [h for h in heads if at[h] >= 0]
        assert [at[h] for h in shown] == sorted(at[h] for h in shown)  # the sections in this order
        for rec in recs:
            where = flat.index(_full(rec))
            section = max((h for h in shown if at[h] < where), key=lambda h: at[h])
            before, after = flat[:where], flat[where + len(_full(rec)):]
            if section == "退職":
                seen.add("leaver")
                day = re.search(r"4?\.?退職\((.+?)付\)", flat[at["退職"]:]).group(1)
                assert rec["new_post"] == "退任" and day in _printed(_day(rec))
                assert eff in _printed(_day(rec) + timedelta(days=1))
                assert _ends_with(before, rec["old_post"], rec), rec
                seen |= {"emeritus"} if after.startswith("定年退職(名誉教授") else set()
                continue
            assert eff in _printed(_day(rec)) and _ends_with(before, rec["new_post"], rec), rec
            if section == "部局長の就任":
                seen.add("dean")
                assert rec["new_post"][:-1] in (*own.FACULTIES, *own.GRAD_SCHOOLS) and rec["new_post"][-1] == "長"
                assert after.startswith(_flat(rec["old_post"]) + eff + "~"), after[:60]  # 任期 from the day
            elif section == "昇任":
                seen.add("promotion")
                assert after.startswith(_flat(rec["old_post"]))
                unit = rec["new_post"].split()[0]
                assert own.RANKS.index(rec["new_post"].split()[1]) + 1 == own.RANKS.index(rec["old_post"].split()[1])
                assert rec["old_post"].split()[0] == unit
            elif not rec["old_post"]:
                seen.add("first post")
                assert after.startswith("―")
            else:
                m = re.match(f"({EMPLOYERS})" + re.escape(_flat(rec["old_post"])), after)
                assert m, after[:60]
                seen.add("other university" if m.group(1) in own.OTHER_UNIVERSITIES else "outside")
        seen |= {"kana"} if recs[0]["family_name_kana"] else {"plain"}
    assert seen == {"leaver", "emeritus", "dean", "promotion", "first post", "other university", "outside", "kana",
                    "plain"}, seen


def test_an_order_ledger_keys_one_record_per_person_from_its_two_rows():
    seen = set()
    for _name, pdf, truth, pages in _docs("hatsureibo", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        keeper = re.search(r"取扱者(\S+?)発令番号", flat).group(1)
        assert keeper not in map(_full, recs)
        for rec in recs:
            at = flat.index(_full(rec))
            before, after = flat[:at], flat[at + len(_full(rec)):]
            assert any(re.search(r"第\d+号" + re.escape(d) + "$", before) for d in _printed(_day(rec))), before[-40:]
            assert rec["family_name_kana"] == ""
            if rec["new_post"] == "退任":
                seen.add("leaver")
                assert re.match(re.escape(_flat(rec["old_post"])) + "(依願により退職を承認する|定年により退職とする|退任を承認する)",
                                after), after[:60]
                continue
            if not rec["old_post"]:
                seen.add("hire")
                assert after.startswith("―社員に採用する")
            else:
                old, new = _flat(rec["old_post"]), _flat(rec["new_post"])
                assert after.startswith(old + old + "を免ずる") or after.startswith(old + new + "を命ずる"), after[:80]
                seen.add("quit first" if after.startswith(old + old + "を免ずる") else "appoint first")
            second = re.match(r".+?第\d+号(.+?)(〃|" + re.escape(_full(rec)) + ")", after)
            assert second and second.group(1) in _printed(_day(rec))  # both rows carry the same date
            seen.add("ditto" if second.group(2) == "〃" else "named twice")
            assert _flat(rec["new_post"]) + "を命ずる" in after
        assert [_day(r) for r in recs] == sorted(_day(r) for r in recs)  # a ledger runs in date order
        seen |= {"dates"} if len({_day(r) for r in recs if r["new_post"] != "退任"}) > 1 else set()
        seen |= {"two pages"} if pages > 1 and "(次頁へ続く)" in flat else set()
    assert seen == {"leaver", "hire", "quit first", "appoint first", "ditto", "named twice", "dates", "two pages"}, seen


def test_a_fax_keys_the_announcement_after_the_cover_sheet_not_the_sender_or_the_send_date():
    seen = set()
    for _name, pdf, truth, pages in _docs("fax_soshinhyo"):
        with pymupdf.open("pdf", pdf) as doc:
            texts = [_fl(page.get_text()) for page in doc]
        recs = truth["records"]
        assert pages >= 2 and all(re.search(rf"P\.{i + 1:03d}/{pages:03d}", t) for i, t in enumerate(texts))
        assert not any(_full(r) in texts[0] for r in recs)  # the cover names no one but the sender
        sender = re.search(r"送信元.+?人事部(\S+?)FAX\(送信元\)", texts[0]).group(1)
        assert sender not in map(_full, recs) and f"本票を含め{pages}枚" in texts[0]
        eff = re.search(r"件名人事異動のお知らせ\((.+?)付\)", texts[0]).group(1)
        body = "".join(texts[1:])
        assert re.search("弊社では" + re.escape(eff) + "付で下記のとおり", body)
        for rec in recs:
            rest = _reading(rec, body, body.index("◆" + _full(rec)) + 1)
            if rec["new_post"] == "退任":
                seen.add("leaver")
                m = re.match(r"新\)(退職|退任)\((.+?)付\)旧\)" + re.escape(_flat(rec["old_post"])), rest)
                assert m and m.group(2) in _printed(_day(rec)), rest[:60]
                assert eff in _printed(_day(rec) + timedelta(days=1))
                continue
            assert eff in _printed(_day(rec))
            old = _flat(rec["old_post"]) if rec["old_post"] else "(中途入社)"
            assert rest.startswith("新)" + _flat(rec["new_post"]) + "旧)" + old), rest[:80]
            seen |= {"hire"} if not rec["old_post"] else set()
            seen |= {"concurrent"} if " 兼 " in rec["new_post"] else set()
        seen |= {"kana"} if recs[0]["family_name_kana"] else {"plain"}
        seen |= {"three pages"} if pages > 2 else set()
    assert seen == {"leaver", "hire", "concurrent", "kana", "plain", "three pages"}, seen


def test_a_party_invitation_keys_the_guests_not_the_organiser_or_the_party_date():
    seen = set()
    for _name, pdf, truth, _pages in _docs("kansogeikai", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        organiser = re.search(r"親睦会幹事(\S+?)歓送迎会のご案内", flat).group(1)
        assert organiser not in map(_full, recs)
        eff = re.search(r"さて、(.+?)付の人事異動に伴い", flat).group(1)
        party = re.search(r"1.日時(.+?)\(.\)18時30分", flat).group(1)
        assert party != eff
        outs, ins = flat.find("【転出される方】"), flat.find("【転入される方】")
        for rec in recs:
            at = flat.index("・" + _full(rec)) + 1
            rest = _reading(rec, flat, at)
            assert rest.startswith("さん")
            rest = rest[2:]
            if ins < 0 or at < ins:  # leaving the unit
                assert 0 <= outs < at
                if rec["new_post"] == "退任":
                    seen.add("leaver")
                    m = re.match(re.escape(_flat(rec["old_post"])) + r"\((.+?)付で(退職|退任)\)", rest)
                    assert m and m.group(1) in _printed(_day(rec)), rest[:60]
                    assert eff in _printed(_day(rec) + timedelta(days=1))
                else:
                    seen.add("out")
                    assert eff in _printed(_day(rec))
                    assert rest.startswith(_flat(rec["old_post"]) + "→" + _flat(rec["new_post"])), rest[:80]
            else:
                assert eff in _printed(_day(rec))
                old = "前" + _flat(rec["old_post"]) if rec["old_post"] else "中途入社"
                seen.add("in" if rec["old_post"] else "hire")
                assert rest.startswith(_flat(rec["new_post"]) + "(" + old + ")"), rest[:80]
        seen |= {"kana"} if recs[0]["family_name_kana"] else {"plain"}
    assert seen == {"leaver", "out", "in", "hire", "kana", "plain"}, seen


def test_a_chat_printout_keys_the_hr_post_not_the_poster_or_the_colleagues():
    seen = set()
    for _name, pdf, truth, pages in _docs("chat_log", 16):
        with pymupdf.open("pdf", pdf) as doc:
            texts = [_fl(page.get_text()) for page in doc]
        flat = "".join(texts)
        recs = truth["records"]
        company = recs[0]["company"]
        assert all(f"#人事-お知らせ|{_flat(company)}|TalkSpace" in t and f"{i + 1}/{pages}" in t
                   for i, t in enumerate(texts))
        post = flat.index("【人事異動のお知らせ】")
        officer = re.search(r"(\S+?)\d+:\d\d【人事異動のお知らせ】", flat).group(1)
        assert officer not in map(_full, recs)
        seen |= {"earlier post"} if re.search(r"【(リマインド|お知らせ|ご案内)】", flat[:post]) else set()
        eff = re.search(r"【人事異動のお知らせ】(.+?)付で、下記のとおり人事異動を発令します", flat).group(1)
        gone = re.search(r"【退職のお知らせ】以下の方が(.+?)付で退職されます", flat)
        for rec in recs:
            at = flat.index("・" + _full(rec)) + 1
            assert at > post
            rest = _reading(rec, flat, at)
            if rec["new_post"] == "退任":
                seen.add("leaver")
                assert gone and gone.end() < at and gone.group(1) in _printed(_day(rec))
                assert eff in _printed(_day(rec) + timedelta(days=1)) and rest.startswith(_flat(rec["old_post"]))
                continue
            assert eff in _printed(_day(rec)) and (not gone or at < gone.start())
            old = "前:" + _flat(rec["old_post"]) if rec["old_post"] else "新規入社"
            seen |= {"hire"} if not rec["old_post"] else set()
            assert rest.startswith(_flat(rec["new_post"]) + "(" + old + ")"), rest[:80]
        cheers = re.findall(r"\d:\d\d(\D{1,4}?)さん、", flat)
        assert cheers and set(cheers) <= {r["family_name"] for r in recs}  # surnames only, of records
        seen |= {"kana"} if recs[0]["family_name_kana"] else {"plain"}
        seen |= {"two pages"} if pages > 1 else set()
    assert seen == {"earlier post", "leaver", "hire", "kana", "plain", "two pages"}, seen
