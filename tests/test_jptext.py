"""jptext: the one place dates, eras, kana and widths are read and written."""
from __future__ import annotations

import datetime

import pytest

from jptext import date_forms, find_dates, format_era, is_kana, parse_date, to_halfwidth_katakana, to_hiragana, to_katakana

D = datetime.date


@pytest.mark.parametrize(("printed", "expected"), [
    ("大正5年4月1日", D(1916, 4, 1)),
    ("明治45年7月29日", D(1912, 7, 29)),
    ("r7.4.1", D(2025, 4, 1)),
    ("R7.4.1", D(2025, 4, 1)),
    ("H31.4.30", D(2019, 4, 30)),
    ("令和元年5月1日", D(2019, 5, 1)),
    ("令和７年４月１日", D(2025, 4, 1)),
    ("㋿7年4月1日", D(2025, 4, 1)),
    ("2025/4/1", D(2025, 4, 1)),
    ("2025/04/01", D(2025, 4, 1)),
    ("２０２５年４月１日付", D(2025, 4, 1)),
    ("令和七年十月一日", D(2025, 10, 1)),
    ("二〇二五年四月一日", D(2025, 4, 1)),
    ("2025年4月1日（火）", D(2025, 4, 1)),
    ("令和7(2025)年4月1日", D(2025, 4, 1)),
    ("2025（令和7）年4月1日", D(2025, 4, 1)),
    ("令和7年2月30日", None),
    ("R0.4.1", None),
    ("7.4.1", None),
])
def test_parse_date_reads_every_printed_form(printed, expected):
    assert parse_date(printed) == expected


def test_find_dates_locates_each_date_in_running_text():
    text = "当社は、令和７年３月１０日開催の取締役会において、2025/4/1付及びR7.7.1付の異動を決議"
    found = find_dates(text)
    assert [m.iso for m in found] == ["2025-03-10", "2025-04-01", "2025-07-01"]
    assert text[found[0].start:found[0].end] == "令和７年３月１０日"
    assert text[found[1].end] == "付"


def test_find_dates_ignores_numbers_that_are_not_dates():
    assert find_dates("TEL 052-9174-2779 コード番号 3922") == []
    assert find_dates("第12345/6/7号") == []


def test_era_of_a_date_and_the_forms_it_is_printed_in():
    assert format_era(D(2019, 5, 1)) == ("令和", 1)
    assert format_era(D(2019, 4, 30)) == ("平成", 31)
    forms = date_forms(D(2019, 5, 1))
    assert "令和元年5月1日" in forms and "平成31年5月1日" in forms and "2019/5/1" in forms
    for form in forms:
        assert parse_date(form) == D(2019, 5, 1)


def test_kana_scripts_convert_both_ways():
    assert to_hiragana("ﾔﾏﾀﾞ ﾀﾛｳ") == "やまだ たろう"
    assert to_katakana("じょーじ") == "ジョージ"
    assert to_halfwidth_katakana("がっこう") == "ｶﾞｯｺｳ"
    assert to_hiragana(to_halfwidth_katakana("ぱぴぷ")) == "ぱぴぷ"
    assert is_kana("ｻﾄｳ ｼﾞﾛｳ") and is_kana("さとう　じろう") and is_kana("サトウ")
    assert not is_kana("佐藤") and not is_kana("") and not is_kana("さとう1")


def test_a_system_exports_eight_digit_date_is_read_as_a_whole_value_only():
    # csv_printout (held-out set 6): EFF_DATE 20260401
    assert parse_date("20260401") == datetime.date(2026, 4, 1)
    assert parse_date("２０２６０３３１") == datetime.date(2026, 3, 31)
    assert parse_date("20261301") is None and parse_date("12345678") is None
    assert find_dates("社員番号 20260401") == []  # in running text a number stays a number


def test_a_reading_folded_of_what_a_poor_scan_loses_first():
    from jptext.kana import fold_marks

    assert fold_marks("しみず") == fold_marks("しみす") == "しみす"
    assert fold_marks("じゅんこ") == "しゆんこ" and fold_marks("ペッパー") == "ヘツハー"
    assert fold_marks("やまさき") != fold_marks("やまだ")


def test_a_stroke_read_as_a_bracket_or_bar_in_a_date_s_number_is_1():
    from jptext.ocr import fix_line

    assert parse_date(fix_line("令和3年]月16日")) == datetime.date(2021, 1, 16)
    assert parse_date(fix_line("2024年|2月1日")) == datetime.date(2024, 12, 1)
    assert fix_line("[旧] 営業部") == "[旧] 営業部" and fix_line("3月]") == "3月]"
