"""The thirteenth held-out set (samplegen/heldout13), written blind: other forms, other words, and
truth that follows the documented keying rules, like every other form of the generator. Written
without running any keyer or jptext reader on the documents: the checks below read the text layer
with PyMuPDF and plain string operations only (tests/heldout_blind.py). The checks every held-out
set gets are in test_samplegen_heldout_sets.py."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from samplegen import norm_text
from samplegen.core import format_date
from samplegen.heldout13 import DEFAULT_SEED, HELD_OUT_13_SET
from samplegen.heldout13 import vocab as own
from tests.heldout_blind import flat as _flat
from tests.heldout_blind import full_name as _full
from tests.heldout_blind import hira as _hira
from tests.heldout_blind import text_of as _text
from tests.heldout_blind import assert_rare_kanji_survive, assert_truth_printed, other_sets, truth_problems

FORMS = tuple(HELD_OUT_13_SET.forms)
OTHERS = other_sets(HELD_OUT_13_SET)
VOCAB = HELD_OUT_13_SET.vocab
STYLES = ("western", "western_fw", "era", "era_fw", "slash", "slash0", "initial", "dot")
FAMILIES = [f for f, _k in own.FAMILIES]


def _problems(truth: dict, form: str) -> list[str]:
    return truth_problems(truth, form, new_post_never="新任|退職|採用|異動|番号変更|―|前|\\(|命ずる|名刺",
                          old_post_never="採用|新規|入社|―|前|\\(|免ずる|職を")


def _docs(form: str, count: int = 12, seed: int = 7):
    return [HELD_OUT_13_SET.build_document(seed, i, (form,)) for i in range(count)]


def _printed(d: date) -> list[str]:
    return [_flat(norm_text(format_date(d, s))) for s in STYLES]


def _day(rec: dict) -> date:
    return date.fromisoformat(rec["effective_date"])


def _fl(s: str) -> str:
    return _flat(norm_text(s))


def _reading(rec: dict) -> str:
    return rec["family_name_kana"] + rec["given_name_kana"]


def _rows(flat: str) -> list[str]:
    """The families printed in the document, in printed order (each document draws distinct ones)."""
    return sorted((f for f in FAMILIES if f in flat), key=flat.index)


def test_the_thirteenth_held_out_set_has_five_forms_of_its_own():
    assert len(FORMS) == 5
    assert not set(FORMS) & {f for other in OTHERS for f in other.forms}
    assert len(OTHERS) >= 13 and len({s.namespace for s in (*OTHERS, HELD_OUT_13_SET)}) == len(OTHERS) + 1
    assert HELD_OUT_13_SET.namespace == "twomatch-heldout13" and DEFAULT_SEED == 35355


def test_its_names_companies_departments_and_post_words_are_in_none_of_the_other_sets():
    posts = {p for ps in VOCAB.posts.values() for p in ps} | {p for _o, p in VOCAB.outside} | set(own.BANK_POSTS)
    posts |= {w for s in own.BANK_HQ for w in s.split()}
    places = set(VOCAB.companies) | set(VOCAB.group_companies) | {o for o, _p in VOCAB.outside} | set(own.BANKS)
    units = {d for d, _k in VOCAB.depts} | set(VOCAB.new_units) | set(own.BRANCHES)
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
    assert_truth_printed(HELD_OUT_13_SET, form, problems=_problems, printed=_printed, per_seed=5, whole_posts=False)


def test_the_rare_kanji_survive_the_text_layer():
    assert_rare_kanji_survive(HELD_OUT_13_SET, "髙﨑邊寳藏靜濵", at_least=6)


def test_a_directive_keys_each_numbered_order_from_its_wording_not_the_president():
    seen = set()
    for _name, pdf, truth, pages in _docs("tsutatsu_gou", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        president = re.search(r"代表取締役社長(\S+?)人事通達", flat).group(1)
        assert president not in map(_full, recs)
        eff = re.search(r"通達(.+?)付をもって、下記のとおり発令する", flat).group(1)
        assert re.search(r"人通第\d+号(.+?)(関係部署|社員・嘱託)", flat).group(1) != eff
        for number, rec in enumerate(recs, 1):
            at = flat.index(_full(rec))
            assert flat[:at].endswith(f"第{number}号")
            rest = flat[at + len(_full(rec)):]
            if rec["family_name_kana"]:
                m = re.match(r"\((.+?)\)", rest)
                assert m and _flat(_hira(m.group(1))) == _reading(rec)
                rest = rest[m.end():]
                seen.add("kana")
            else:
                seen.add("plain")
            new, old = _flat(rec["new_post"]), _flat(rec["old_post"])
            if rec["new_post"] == "退任":
                seen.add("leaver")
                m = re.match(f"に対し、{re.escape(old)}の職を解き、(.+?)付をもって退職を承認する。", rest)
                assert m and m.group(1) in _printed(_day(rec)) and eff in _printed(_day(rec) + timedelta(days=1))
                continue
            assert eff in _printed(_day(rec))
            if not old:
                seen.add("hire")
                assert rest.startswith(f"を{eff}付をもって社員として採用し、{new}を命ずる。"), rest[:80]
            else:
                assert rest.startswith(f"に対し、{new}を命ずる。なお、{old}の職を免ずる。"), rest[:80]
            seen |= {"concurrent"} if " 兼 " in rec["new_post"] else set()
        seen |= {"two pages"} if pages > 1 else set()
    assert seen == {"kana", "plain", "leaver", "hire", "concurrent", "two pages"}, seen


def test_a_card_order_keys_the_changed_rows_and_skips_extension_only_rows():
    seen = set()
    for _name, pdf, truth, pages in _docs("meishi_irai", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        eff, want = re.search(r"(.+?)付の人事異動に伴い.+?納品希望日は(.+?)です", flat[flat.index("名刺作成依頼書"):]).groups()
        eff = eff.removeprefix("名刺作成依頼書")
        assert want != eff
        rows = _rows(flat)
        keyed = [r["family_name"] for r in recs]
        assert [f for f in rows if f in keyed] == keyed
        skipped = [f for f in rows if f not in keyed]
        assert len(skipped) == flat.count("内線変更のみ")
        seen |= {"extension only"} if skipped else set()
        for rec in recs:
            at = flat.index(_full(rec))
            assert eff in _printed(_day(rec))
            rest = flat[at + len(_full(rec)):]
            assert _flat(_hira(rest)).startswith(_reading(rec)) and rec["family_name_kana"]
            rest = rest[len(_reading(rec)):]
            old = _flat(rec["old_post"]) if rec["old_post"] else "―"
            m = re.match(re.escape(_flat(rec["new_post"]) + old) + r"(100|200)", rest)
            assert m, rest[:60]
            if not rec["old_post"]:
                seen.add("hire")
                assert rest[m.end():].startswith("中途入社")
            seen |= {"concurrent"} if " 兼 " in rec["new_post"] else set()
        seen.add("よみがな" if "よみがな" in flat else "ヨミガナ")
        seen |= {"two pages"} if pages > 1 else set()
    assert seen == {"extension only", "hire", "concurrent", "よみがな", "ヨミガナ", "two pages"}, seen


def test_a_newspaper_column_keys_each_bank_its_own_date_and_the_post_before_the_bracket():
    seen = set()
    for _name, pdf, truth, _pages in _docs("shinbun_ginko", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        issue = re.search(r"^(?:\S*?(?:新聞|かいきょう|タイムス))(.+?)\d+面", flat).group(1)
        banks = re.findall(r"◇(" + "|".join(own.BANKS) + r")\((.+?)\)", flat)
        assert banks and [b for b, _d in banks] == list(dict.fromkeys(r["company"] for r in recs))
        seen |= {"banks"} if len(banks) > 1 else set()
        seen |= {"bank's own date"} if len({d for _b, d in banks}) > 1 else set()
        day_of = dict(banks)
        for rec in recs:
            at = flat.index(_full(rec))
            before = flat[:at]
            bank = re.findall(r"◇(" + "|".join(own.BANKS) + r")\(", before)[-1]
            assert rec["company"] == bank and rec["family_name_kana"] == ""
            assert issue not in _printed(_day(rec))
            old = _flat(rec["old_post"])
            if rec["new_post"] == "退任":
                seen.add("leaver")
                m = re.search(r"▽([^▽]+?)付退任\(前" + re.escape(old) + r"\)$", before)
                assert m and m.group(1) in _printed(_day(rec))
                assert day_of[bank] in _printed(_day(rec) + timedelta(days=1))
                continue
            assert day_of[bank] in _printed(_day(rec))
            assert before.endswith(f"▽{_flat(rec['new_post'])}(前{old})"), before[-60:]
            branch, rank = rec["new_post"].split()
            assert branch in own.BRANCHES and rank in own.BANK_POSTS
            seen |= {"head office"} if rec["old_post"] in map(norm_text, own.BANK_HQ) else set()
    assert seen == {"banks", "bank's own date", "leaver", "head office"}, seen


def test_an_extension_list_keys_moves_hires_and_leavers_but_not_desk_moves():
    seen = set()
    for _name, pdf, truth, pages in _docs("naisen_henko", 16):
        flat = _fl(_text(pdf))
        recs = truth["records"]
        eff = re.search(r"変更のお知らせ(.+?)付の人事異動に伴い", flat).group(1)
        keeper = re.search(r"内線番号表の管理:総務部(\S+?)\(内線3001\)", flat).group(1)
        assert keeper not in map(_full, recs)
        keyed = [r["family_name"] for r in recs]
        rows = [f for f in _rows(flat) if f not in keeper]
        assert [f for f in rows if f in keyed] == keyed
        for f in rows:
            if f not in keyed:
                seen.add("desk move")
                assert flat[:flat.index(f)].endswith("番号変更")
        for rec in recs:
            at = flat.index(_full(rec))
            before, rest = flat[:at], flat[at + len(_full(rec)):]
            assert rec["family_name_kana"] == ""
            if rec["new_post"] == "退任":
                seen.add("leaver")
                assert before.endswith("退職") and rest.startswith("(退職)―" + _flat(rec["old_post"]))
                assert eff in _printed(_day(rec) + timedelta(days=1))
                assert re.search(r"退職者は(.+?)付。", flat).group(1) in _printed(_day(rec))
                continue
            assert eff in _printed(_day(rec))
            if not rec["old_post"]:
                seen.add("hire")
                assert before.endswith("新任") and re.match(re.escape(_flat(rec["new_post"])) + r"\d{4}\(新規\)―", rest)
            else:
                seen.add("move")
                assert before.endswith("異動")
                assert re.match(re.escape(_flat(rec["new_post"])) + r"\d{4}" + re.escape(_flat(rec["old_post"])) + r"\d{4}",
                                rest), rest[:60]
        seen |= {"two pages"} if pages > 1 else set()
    assert seen == {"desk move", "leaver", "hire", "move", "two pages"}, seen


def test_a_relocation_sheet_keys_each_rows_start_date_not_the_moving_day():
    seen = set()
    for _name, pdf, truth, pages in _docs("shataku_tehai", 16):
        text = _text(pdf)
        flat = _fl(text)
        recs = truth["records"]
        made = re.search(r"作成日:([\d/.年月日]+)", flat).group(1)
        for rec in recs:
            at = flat.index(_full(rec))
            rest = flat[at + len(_full(rec)):]
            assert _flat(_hira(rest)).startswith(_reading(rec)) and rec["family_name_kana"]
            rest = rest[re.match(r"[ァ-ヶー\uff61-\uff9f]+", rest).end():]
            run = _flat(rec["new_post"]) + _flat(rec["old_post"])
            assert rest.startswith(run), rest[:60]
            rest = rest[len(run):]
            start = next(d for d in _printed(_day(rec)) if rest.startswith(d))
            moving = rest[len(start):]
            assert not any(moving.startswith(d) for d in _printed(_day(rec)))
            assert made not in _printed(_day(rec))
            seen |= {"concurrent"} if " 兼 " in rec["new_post"] else set()
        seen |= {"row dates"} if len({r["effective_date"] for r in recs}) > 1 else set()
        seen.add("half" if re.search(r"[\uff61-\uff9f]", text) else "kata")
        seen |= {"two pages"} if pages > 1 else set()
    assert seen == {"concurrent", "row dates", "half", "kata", "two pages"}, seen
