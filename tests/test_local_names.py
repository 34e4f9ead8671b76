"""Names by the morphological analyser (inference/local/names.py)."""
from __future__ import annotations

import pytest

from inference.local.names import find_names, kana_pair, split_name


@pytest.mark.parametrize(("printed", "family", "given"), [
    ("藤井博", "藤井", "博"),            # joined
    ("林　　　浩", "林", "浩"),           # padded to equal width
    ("勅使河原 奈々", "勅使河原", "奈々"),
    ("髙島圭", "髙島", "圭"),            # variant kanji kept as printed
    ("森太郎", "森", "太郎"),            # the dictionary holds the whole name as one entry
    ("林次郎", "林", "次郎"),
])
def test_a_name_is_split_into_family_and_given_name(printed, family, given):
    assert split_name(printed)[:2] == (family, given)


def test_names_are_found_in_lines_with_posts_and_posts_are_not_names():
    found = find_names("執行役員 財務部 部長 髙島 圭（財務部 部長）")
    assert [(n.family, n.given) for n in found] == [("髙島", "圭")]
    assert find_names("新任 林次郎（営業部長）")[0].family == "林"
    # given names the dictionary does not know, after a printed space
    for printed, given in (("佐藤 陽翔", "陽翔"), ("田中 湊斗", "湊斗"), ("渡辺 心愛", "心愛")):
        assert [(n.family, n.given) for n in find_names(f"営業部 部長 {printed}（営業部 次長）")] == [(printed[:2], given)]
    for post in ("人事部 部長", "代表取締役社長", "名古屋支店長", "物流センター センター長", "新：生産技術部 課長"):
        assert find_names(post) == []


def test_the_printed_reading_splits_whichever_kana_script_it_is_in():
    assert kana_pair("ﾊﾔｼ ﾋﾛｼ", "林", "浩") == ("はやし", "ひろし")
    assert kana_pair("ハヤシヒロシ", "林", "浩") == ("はやし", "ひろし")  # no space: the analyser's reading of 林
    assert split_name("佐藤次郎", "さとう じろう")[:2] == ("佐藤", "次郎")


@pytest.mark.parametrize(("line", "expected"), [
    ("榎並 晉也 財務部 部長", [("榎並", "晉也")]),   # 晉也 read as 晋也, one given name
    ("黑田 櫂 営業部 部長", [("黑田", "櫂")]),       # 黑田 read as 黒田
    ("澁谷 逞 営業部 部長", [("澁谷", "逞")]),       # the dictionary's own old form (澁谷) is kept: 渋谷 is a place
    ("外商部 部長 ← 社外 北嶺学院大学 教授", []),    # 北嶺 runs on into a university's name
    ("総務 林 部長", []),                              # a surname and a title, not 総務 as a family name
])
def test_old_character_forms_are_read_by_their_standard_form_only_where_that_reads_more_names(line, expected):
    assert [(n.family, n.given) for n in find_names(line)] == expected


def test_a_reading_with_its_lost_space_is_parted_the_same_way_in_every_process():
    # remarks_roster, seed 7, fax: ことうだいき for 古藤 大樹 — 大樹 reads たいき and だいき, alike once the voicing
    # marks are folded, and the first of the set was taken: the same page keyed だいき in one worker and たいき in
    # another. The reading whose marks the scan kept is taken, and the tail as read where none is closer.
    import os
    import subprocess
    import sys

    script = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup();"
              "from inference.local.names import split_lost_space as s;"
              "print(s('ことうだいき', '大樹'), s('ことうたいき', '大樹'))")
    seen = set()
    for seed in ("1", "3", "4", "5"):
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")} | {"PYTHONHASHSEED": seed}
        seen.add(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True,
                                cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))).stdout.strip())
    assert seen == {"('ことう', 'だいき') ('ことう', 'たいき')"}
