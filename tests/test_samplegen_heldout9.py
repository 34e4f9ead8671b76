"""The ninth held-out set (samplegen/heldout9), written blind: other forms, other words, and truth
that follows samples/README.md exactly, like every other form of the generator. Written without
running any keyer or jptext reader on the documents: the checks below read the text layer (and, for
the correction notice, the drawn underlines; for the schedule, where the words sit) with PyMuPDF and
plain string operations only. The checks every held-out set gets are in
test_samplegen_heldout_sets.py."""
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
from samplegen.heldout9 import vocab as own
from tests.heldout_blind import flat as _flat
from tests.heldout_blind import full_name as _full
from tests.heldout_blind import hira as _hira
from tests.heldout_blind import text_of as _text
from tests.heldout_blind import assert_rare_kanji_survive, assert_truth_printed, truth_problems

FORMS = tuple(HELD_OUT_9_SET.forms)
OTHERS = (DEV_SET, HELD_OUT_SET, HELD_OUT_2_SET, HELD_OUT_3_SET, HELD_OUT_4_SET, HELD_OUT_5_SET, HELD_OUT_6_SET,
          HELD_OUT_7_SET, HELD_OUT_8_SET)
VOCAB = HELD_OUT_9_SET.vocab
STYLES = ("western", "western_fw", "era", "era_fw", "slash", "slash0")


def _problems(truth: dict, form: str) -> list[str]:
    return truth_problems(truth, form, new_post_never="新任|候補|予定|退職|辞任|新卒|採用", old_post_never="病院|センター|採用|新卒|―")


def _docs(form: str, count: int = 8, seed: int = 7):
    return [HELD_OUT_9_SET.build_document(seed, i, (form,)) for i in range(count)]


def _printed(d: date) -> list[str]:
    return [_flat(norm_text(format_date(d, s))) for s in STYLES]


def _spans(page: pymupdf.Page) -> list[dict]:
    return [s for b in page.get_text("dict")["blocks"] for ln in b.get("lines", ()) for s in ln["spans"]]


def test_the_ninth_held_out_set_has_five_forms_of_its_own():
    assert len(FORMS) == 5
    assert not set(FORMS) & {f for other in OTHERS for f in other.forms}
    assert len({s.namespace for s in (*OTHERS, HELD_OUT_9_SET)}) == 10


def test_its_words_post_words_and_hospitals_are_in_none_of_the_other_sets():
    posts = {p for ps in VOCAB.posts.values() for p in ps} | set(own.DOCTOR_POSTS)
    posts |= {p for _h, ps in own.OTHER_HOSPITALS for p in ps}
    places = set(VOCAB.companies) | set(VOCAB.group_companies) | set(own.HOSPITALS)
    places |= {h for h, _ps in own.OTHER_HOSPITALS}
    for other in (o.vocab for o in OTHERS):
        assert not {f for f, _k in VOCAB.families} & {f for f, _k in other.families}
        assert not {g for g, _k in VOCAB.givens} & {g for g, _k in other.givens}
        assert not places & (set(other.companies) | set(other.group_companies) | {o for o, _p in other.outside})
        assert not ({d for d, _k in VOCAB.depts} | set(own.WARDS)) & {d for d, _k in other.depts}
        assert not posts & {p for ps in other.posts.values() for p in ps}


@pytest.mark.parametrize("form", FORMS)
def test_every_truth_value_is_printed_in_the_text_layer_and_follows_the_rules(form):
    assert_truth_printed(HELD_OUT_9_SET, form, problems=_problems, printed=_printed, per_seed=4, whole_posts=False)


def test_the_rare_kanji_survive_the_text_layer():
    assert_rare_kanji_survive(HELD_OUT_9_SET, "槗舩埜苅釼靏碕鄕桺鑓橳峯瀧畠渕蛯讓廸熈昻晉恆鷗瑤", at_least=16)


def _underlined(page: pymupdf.Page) -> list[tuple[float, str]]:
    """(baseline, text) of every span with a drawn line just under it."""
    lines = [(it[1], it[2]) for d in page.get_drawings() for it in d["items"]
             if it[0] == "l" and abs(it[1].y - it[2].y) < 0.1 and d.get("width") and d["width"] < 0.75]
    out = []
    for s in _spans(page):
        x0, _y0, x1, _y1 = s["bbox"]
        base = s["origin"][1]
        if any(0 < a.y - base < 4 and a.x < x0 + 3 and b.x > x1 - 3 for a, b in lines):
            out.append((base, norm_text(s["text"])))
    return out


def _sides(pdf: bytes) -> dict[str, dict[str, list[str]]]:
    """The row numbers and the underlined texts of a correction notice, split at 【訂正後】."""
    out = {side: {"rows": [], "underlined": []} for side in ("before", "after")}
    side = "before"
    with pymupdf.open("pdf", pdf) as doc:
        for page in doc:
            spans = _spans(page)
            split = [s["origin"][1] for s in spans if s["text"].strip() == "【訂正後】"]
            cut = split[0] if split else (-1 if side == "after" else 1e9)
            for s in spans:
                if s["bbox"][0] < 90 and s["text"].strip().isdigit():
                    out["after" if s["origin"][1] > cut else "before"]["rows"].append(s["text"].strip())
            for y, t in _underlined(page):
                out["after" if y > cut else "before"]["underlined"].append(t)
            side = "after" if split or side == "after" else "before"
    return out


def test_a_correction_notice_is_keyed_from_its_corrected_table_only():
    seen = set()
    for _name, pdf, truth, _pages in _docs("teisei_notice", 16):
        flat = _flat(norm_text(_text(pdf)))
        before, after = flat.split("【訂正後】")
        before = before.split("【訂正前】")[1]
        recs = truth["records"]
        records = [_full(r) for r in recs]
        sides = _sides(pdf)
        # Every row of the corrected table is a record, and nothing else is.
        assert sides["after"]["rows"] == [str(k) for k in range(1, len(recs) + 1)]
        missing = [n for n in records if n not in before]
        assert missing in ([], records[-1:])  # a person left out is added as the last row
        strays = {f + g for f, _k in VOCAB.families for g, _l in VOCAB.givens if f + g in before} - set(records)
        assert len(strays) <= 1 and not {n for n in strays if n in after}  # listed by mistake: 訂正前 only
        assert len(sides["before"]["rows"]) == len(recs) - len(missing) + len(strays)
        seen |= ({"added"} if missing else set()) | ({"stray"} if strays else set())
        # The corrected parts are underlined in both tables, and the truth holds the 訂正後 side.
        assert sides["after"]["underlined"] and sides["before"]["underlined"] != sides["after"]["underlined"]
        words = {w for r in recs for k in ("new_post", "old_post") for w in r[k].split()} | {"退職", "退任", "―"}
        readings = {r["family_name_kana"] + r["given_name_kana"] for r in recs}
        dates_ = {d for r in recs for d in _printed(date.fromisoformat(r["effective_date"]))}
        for t in sides["after"]["underlined"]:
            if re.search(r"\d", t):
                seen.add("date")
                assert _flat(t) in dates_, t
            elif re.fullmatch(r"[ァ-ヶぁ-ゖー]+ [ァ-ヶぁ-ゖー]+", t):
                seen.add("reading")
                assert _hira(t).replace(" ", "") in readings, t
            elif _flat(t) in records:
                assert missing == [_flat(t)]
            else:
                seen.add("post")
                assert set(t.split()) <= words, t
        for t in sides["before"]["underlined"]:
            if re.fullmatch(r"[ァ-ヶぁ-ゖー]+ [ァ-ヶぁ-ゖー]+", t) and not strays:
                assert _hira(t).replace(" ", "") not in readings, t  # the misprint is no reading
    assert {"added", "stray", "date", "reading", "post"} <= seen, seen


def test_the_schedule_dates_each_move_by_the_column_it_is_written_in():
    seen_steps, seen_stay = set(), False
    for _name, pdf, truth, _pages in _docs("hiduke_columns", 10):
        with pymupdf.open("pdf", pdf) as doc:
            pages = [_spans(page) for page in doc]
        heads = [(s["bbox"][0], s["bbox"][2], s["text"]) for s in pages[0] if s["text"].endswith("付")]
        assert len(heads) == 3
        flat = _flat(norm_text(_text(pdf)))
        for rec in truth["records"]:
            # The first word of the new post (or 退職 / 退任) sits under the heading of its date.
            word = "退" if rec["new_post"] == "退任" else rec["new_post"].split()[0]
            x = None
            for spans in pages:
                names = [s for s in spans if _flat(s["text"]) == _full(rec)]
                if names:
                    y = names[0]["origin"][1]
                    cells = [s for s in spans if abs(s["origin"][1] - y) < 1 and norm_text(s["text"]).startswith(word)
                             and s["bbox"][0] > heads[0][0] - 45]
                    x = cells[0]["bbox"][0]
            # A cell's text starts 5 pt into its column, half a column left of the heading's centre.
            step = min(range(3), key=lambda i: abs(x + 62.5 - (heads[i][0] + heads[i][1]) / 2))
            assert abs(x + 62.5 - (heads[step][0] + heads[step][1]) / 2) < 20, (rec, heads, x)
            assert _flat(norm_text(heads[step][2])) in [d + "付" for d in _printed(
                date.fromisoformat(rec["effective_date"]))]
            seen_steps.add(step)
        # A row with no date filled in is a person who stays (留任): printed, never a record.
        stays = len(re.findall(r"留任(?!とな)", flat))
        rows = [s for spans in pages for s in spans if s["bbox"][0] < 84 and s["text"].strip().isdigit()]
        assert len(rows) == len(truth["records"]) + stays
        seen_stay |= stays > 0
        assert all(r["family_name_kana"] == "" for r in truth["records"])
        assert flat.count("新規採用") == sum(r["old_post"] == "" for r in truth["records"])
    assert seen_steps == {0, 1, 2} and seen_stay


def test_the_ceremony_programme_names_only_officials_and_the_roster_holds_the_records():
    seen = set()
    for _name, pdf, truth, pages in _docs("koufushiki_shidai", 10):
        with pymupdf.open("pdf", pdf) as doc:
            first, rest = _flat(norm_text(doc[0].get_text())), _flat(norm_text("".join(p.get_text() for p in doc[1:])))
        assert pages >= 2 and "辞令交付者名簿" not in first
        records = [_full(r) for r in truth["records"]]
        host = re.search(r"司会人事部長(\S+?)二、", first).group(1)
        boss = re.search(r"代表取締役社長(\S+?)三、", first).group(1)
        assert host not in records and boss not in records
        assert not any(n in first for n in records)
        (eff,) = {r["effective_date"] for r in truth["records"]}
        title = re.search(r"辞令交付者名簿\((.+?)付\)", rest).group(1)
        assert title in _printed(date.fromisoformat(eff))
        assert re.search(r"日時" + re.escape(title) + r"\(", first)  # the ceremony is held on the day
        assert len(re.findall("◎", rest)) == 2  # the speaker's row and the legend
        mark = re.search(r"◎\d+", rest).end()  # the speaker's row: the next name printed is a record's
        assert min(p for p in (rest.find(n, mark) for n in records) if p >= 0) - mark < 20
        assert rest.count("(新規採用)") == sum(r["old_post"] == "" for r in truth["records"])
        seen |= {"proxy"} if "代理受領" in rest.replace("代理受領」", "") else set()
        seen |= {"kana"} if truth["records"][0]["family_name_kana"] else {"plain"}
    assert seen == {"proxy", "kana", "plain"}


def test_a_hospital_notice_keys_the_hospital_drops_other_hospitals_and_dates_leavers_the_day_before():
    seen = set()
    for _name, pdf, truth, _pages in _docs("ikyoku_haken", 12):
        flat = _flat(norm_text(_text(pdf)))
        recs = truth["records"]
        assert {r["company"] for r in recs} <= set(own.HOSPITALS)
        director = re.search(r"病院長(\S+?)(診療医師|医師)", flat).group(1)
        contact = re.search(r"地域医療連携室(\S+?)\(代表", flat).group(1)
        assert director not in map(_full, recs) and contact not in map(_full, recs)
        heads = [flat.index(h) for h in ("【着任】", "【院内異動・昇任】", "【退任】") if h in flat]
        assert heads == sorted(heads)
        section = {_full(r): max(h for h in heads if h < flat.index(_full(r))) for r in recs}
        assert [section[_full(r)] for r in recs] == sorted(section[_full(r)] for r in recs)
        arriving = "【着任】" in flat and flat.index("【着任】")
        for rec in recs:
            where = section[_full(rec)]
            if rec["new_post"] == "退任":
                seen.add("leaver")
                assert where == flat.index("【退任】")
                arrivals = [date.fromisoformat(r["effective_date"]) for r in recs if r["new_post"] != "退任"]
                gone = date.fromisoformat(rec["effective_date"])
                assert timedelta(days=1) <= min(arrivals) - gone <= timedelta(days=32)
            elif where == arriving:
                after = flat[flat.index(_full(rec)):]
                if rec["old_post"] == "":
                    seen.add("new graduate")
                    assert re.match(_full(rec) + r"\S*?新卒", after)
                else:
                    seen.add("other hospital")
                    hospital = re.search("(" + "|".join(h for h, _t in own.OTHER_HOSPITALS) + ")" +
                                         re.escape(_flat(rec["old_post"])), after)
                    assert hospital and hospital.start() < 60, rec
            else:
                seen.add("promotion")
                assert rec["old_post"].split()[1] in own.DOCTOR_POSTS
        seen |= {"kana"} if recs[0]["family_name_kana"] else {"plain"}
    assert seen == {"leaver", "new graduate", "other hospital", "promotion", "kana", "plain"}, seen


def test_a_handout_dates_each_entry_by_its_slide_and_drops_where_an_outsider_came_from():
    seen = set()
    outside = {o for o, _p in VOCAB.outside}
    for _name, pdf, truth, pages in _docs("slide_handout", 12):
        with pymupdf.open("pdf", pdf) as doc:
            texts = [page.get_text() for page in doc]
        for k, t in enumerate(texts, 1):  # the handout's own header and footer on every page
            assert "経営会議資料" in t and "社外秘" in t and f"{k} / {pages}" in t
        flat = _flat(norm_text("".join(texts)))
        meeting = re.search(r"経営会議(\S+?日|\d+/\d+/\d+)", flat).group(1)
        slides = [(m.start(), m.group(1), m.group(2)) for m in re.finditer(r"(人事異動|退任・退職)\((.+?)付\)", flat)]
        assert slides and all(meeting != d for _pos, _kind, d in slides)
        for rec in truth["records"]:
            at = flat.index("●" + _full(rec))
            _pos, kind, printed = [s for s in slides if s[0] < at][-1]
            assert printed in _printed(date.fromisoformat(rec["effective_date"])), rec
            assert (kind == "退任・退職") == (rec["new_post"] == "退任")
            shown = re.match("●" + _full(rec) + r"([^●\d]+)", flat[at:]).group(1)  # up to the slide number
            if rec["new_post"] == "退任":
                seen.add("leaver")
                assert re.fullmatch(re.escape(_flat(rec["old_post"])) + r"\((退職|退任)\)", shown), shown
            elif rec["old_post"] == "" or "←社外" in shown:
                came = shown.split("←")[1]
                if rec["old_post"]:
                    seen.add("outsider")
                    assert any(came == "社外" + o + _flat(rec["old_post"]) for o in outside), shown
                else:
                    seen.add("hire")
                    assert came == "新規採用", shown
            else:
                seen.add("move")
                assert shown.startswith(_flat(rec["new_post"]) + "←" + _flat(rec["old_post"])), shown
        gone = {r["effective_date"] for r in truth["records"] if r["new_post"] == "退任"}
        came = {r["effective_date"] for r in truth["records"] if r["new_post"] != "退任"}
        if gone and came:
            assert {date.fromisoformat(d) + timedelta(days=1) for d in gone} == set(map(date.fromisoformat, came))
        assert all(r["family_name_kana"] == "" for r in truth["records"])
        seen |= {"pages"} if pages > 2 else set()
    assert seen == {"leaver", "outsider", "hire", "move", "pages"}, seen
