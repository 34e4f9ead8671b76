"""Normalisation rules used to decide whether two keyed values agree."""
from __future__ import annotations

import datetime
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataentry.doctypes import PERSONNEL_CHANGE
from dataentry.normalization import (
    VARIANT_KANJI,
    norm_kana,
    norm_name,
    norm_text,
    normalize,
    parse_date,
    validate,
)
from dataentry.spec import FieldKind, FieldSpec

FAMILY = PERSONNEL_CHANGE.field("family_name")
KANA = PERSONNEL_CHANGE.field("family_name_kana")
DATE = PERSONNEL_CHANGE.field("effective_date")
POST = PERSONNEL_CHANGE.field("new_post")
OLD_POST = PERSONNEL_CHANGE.field("old_post")
AMOUNT = FieldSpec(key="total_amount", label="合計金額", kind=FieldKind.NUMBER, required=True, max_length=20)


def same(a: str, b: str, field: FieldSpec) -> bool:
    return normalize(a, field) == normalize(b, field)


def test_full_width_digits_and_letters_agree_with_ascii():
    assert same("第２営業部", "第2営業部", POST)
    assert same("ＤＸ推進室 室長", "DX推進室 室長", POST)
    assert same("（監査等委員）取締役", "(監査等委員)取締役", POST)


def test_ideographic_and_ascii_spaces_agree_but_joined_words_do_not():
    assert same("研究開発部　部長", "研究開発部 部長", POST)
    assert same("  研究開発部 \u3000 部長\n", "研究開発部 部長", POST)
    assert not same("研究開発部　部長", "研究開発部部長", POST)
    assert not same("営業部長", "営業部 部長", POST)


def test_line_break_inside_a_cell_is_a_word_boundary():
    assert norm_text("データ部 部長\n兼 エンジニア部 顧問") == "データ部 部長 兼 エンジニア部 顧問"


def test_names_lose_every_space_including_even_spacing_padding():
    assert norm_name("佐　藤") == "佐藤"
    assert same("佐 藤", "佐藤", FAMILY)
    assert not same("佐藤", "佐籐", FAMILY)


def test_readings_in_half_width_katakana_katakana_and_hiragana_agree():
    assert norm_kana("ﾔﾏﾀﾞ") == "やまだ"
    assert same("ﾔﾏﾀﾞ", "ヤマダ", KANA)
    assert same("ヤマダ", "やまだ", KANA)
    assert same("やま　だ", "やまだ", KANA)
    assert norm_kana("ｻｲﾄｳ ｼﾞｮｰｼﾞ") == "さいとうじょーじ"
    assert not same("やまだ", "やまた", KANA)


@pytest.mark.parametrize(
    ("keyed", "expected"),
    [
        ("2025-04-01", datetime.date(2025, 4, 1)),
        ("2025/4/1", datetime.date(2025, 4, 1)),
        ("2025年4月1日", datetime.date(2025, 4, 1)),
        ("２０２５年４月１日", datetime.date(2025, 4, 1)),
        ("２０２５－０４－０１", datetime.date(2025, 4, 1)),
        ("令和7年4月1日", datetime.date(2025, 4, 1)),
        ("令和７年４月１日付", datetime.date(2025, 4, 1)),
        ("令和元年5月1日", datetime.date(2019, 5, 1)),
        ("平成31年4月1日", datetime.date(2019, 4, 1)),
        ("平成元年1月8日", datetime.date(1989, 1, 8)),
        ("昭和64年1月7日", datetime.date(1989, 1, 7)),
        ("R7.4.1", datetime.date(2025, 4, 1)),
        ("H31.4.1", datetime.date(2019, 4, 1)),
        ("令和七年十月一日", datetime.date(2025, 10, 1)),
        ("2025年4月1日(火)付", datetime.date(2025, 4, 1)),
        ("2025-02-30", None),
        ("令和0年4月1日", None),
        ("2025年13月1日", None),
        ("4月1日", None),
        ("来月", None),
        ("", None),
    ],
)
def test_parse_date_reads_western_and_era_dates(keyed, expected):
    assert parse_date(keyed) == expected


def test_date_fields_agree_across_writings_and_unparseable_dates_compare_as_text():
    assert same("令和7年4月1日付", "2025-04-01", DATE)
    assert same("２０２５年４月１日", "2025/4/1", DATE)
    assert not same("2025-04-01", "2025-04-02", DATE)
    assert same("追って 通知", "追って　通知", DATE)
    assert not same("2025-02-30", "2025-03-02", DATE)


def test_variant_kanji_differ_by_default_and_agree_when_the_field_opts_in():
    assert not FAMILY.variant_kanji
    assert not same("髙島", "高島", FAMILY)
    assert not same("宮﨑", "宮崎", FAMILY)
    lenient = replace(FAMILY, variant_kanji=True)
    assert same("髙島", "高島", lenient)
    assert same("宮﨑", "宮崎", lenient)
    assert same("渡邊", "渡辺", lenient)
    assert same("渡邉", "渡辺", lenient)
    assert same("齋藤", "斎藤", lenient)
    # distinct characters stay distinct even then
    assert not same("斉藤", "斎藤", lenient)


def test_variant_table_is_stable_under_nfkc_and_folds_in_one_step():
    for variant, standard in VARIANT_KANJI.items():
        assert unicodedata.normalize("NFKC", variant) == variant
        assert standard not in VARIANT_KANJI


def test_variant_folding_does_not_apply_to_kana_fields():
    assert not same("髙", "高", replace(KANA, variant_kanji=True))


@pytest.mark.parametrize("keyed", ["¥1,200", "1200", "１２００円", "1,200円", "￥１，２００", "1200.00", "01200"])
def test_amounts_agree_whatever_the_currency_marks(keyed):
    assert normalize(keyed, AMOUNT) == "1200"


def test_different_amounts_and_signs_differ():
    assert not same("1200", "12000", AMOUNT)
    assert not same("1200", "△1200", AMOUNT)
    assert same("△300", "-300", AMOUNT)
    assert same("12.50", "12.5", AMOUNT)


def test_validate_reports_what_an_operator_must_fix():
    assert validate("", FAMILY) is not None
    assert validate("\u3000", FAMILY) is not None
    assert validate("", OLD_POST) is None
    assert "日付" in validate("来週", DATE)
    assert validate("令和7年4月1日", DATE) is None
    assert validate("2025-02-30", DATE) is not None
    assert validate("ヤマダ", KANA) is None
    assert validate("ﾔﾏﾀﾞ", KANA) is None
    assert validate("やま だ", KANA) is None
    assert validate("さいとう・じょーじ", KANA) is not None
    assert validate("山田", KANA) is not None
    assert validate("¥1,200", AMOUNT) is None
    assert validate("千二百円", AMOUNT) is not None
    assert validate("あ" * 41, FAMILY) is not None
    assert validate("あ" * 40, FAMILY) is None


FIELDS = [
    FAMILY, KANA, DATE, POST, AMOUNT,
    replace(FAMILY, variant_kanji=True), replace(POST, variant_kanji=True),
]
ALPHABET = st.sampled_from(
    list("山田髙高﨑崎邊辺やまだヤマダﾔﾏﾀﾞﾞ゛ー部長第２2 \u3000\n\t¥,円△.-0123456789令和平成元年月日付/()（）ＤＸ")
)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(alphabet=ALPHABET, max_size=16), st.text(max_size=12)), field=st.sampled_from(FIELDS))
def test_normalize_is_idempotent(value, field):
    once = normalize(value, field)
    assert normalize(once, field) == once
