"""Comparing two keyings of one document: alignment of persons and field-by-field agreement."""
from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from dataentry.comparison import ComparisonResult, align_records, compare_entries
from dataentry.doctypes import PERSONNEL_CHANGE
from dataentry.spec import DocumentTypeSpec, FieldKind, FieldSpec

SPEC = PERSONNEL_CHANGE

INVOICE = DocumentTypeSpec(
    slug="invoice",
    name="請求書",
    fields=(
        FieldSpec(key="issuer", label="発行者", kind=FieldKind.TEXT, required=True),
        FieldSpec(key="invoice_number", label="請求書番号", kind=FieldKind.TEXT, required=True),
        FieldSpec(key="issue_date", label="発行日", kind=FieldKind.DATE, required=True),
        FieldSpec(key="total_amount", label="合計金額", kind=FieldKind.NUMBER, required=True),
    ),
)


def person(family, given, new_post, old_post="", *, kana=("", ""), date="2025-04-01", company="青葉ネットワークス株式会社"):
    return {
        "effective_date": date, "family_name": family, "given_name": given, "company": company,
        "family_name_kana": kana[0], "given_name_kana": kana[1], "new_post": new_post, "old_post": old_post,
    }


SATO = person("佐藤", "次郎", "データ部 部長 兼 エンジニア部 顧問", "データ部 部長", kana=("さとう", "じろう"))
TAKASHIMA = person("髙島", "圭", "執行役員 財務部 部長", "財務部 部長")
TANAKA = person("田中", "陽子", "執行役員 購買部 部長", "購買部 部長", kana=("たなか", "ようこ"))
MIYAZAKI = person("宮﨑", "奈々", "退任", "社外監査役", date="2025-06-22")


def test_identical_entries_agree():
    result = compare_entries([SATO, TANAKA], [dict(SATO), dict(TANAKA)], SPEC)
    assert result.agreed
    assert [p.kind for p in result.pairs] == ["matched", "matched"]
    assert all(p.agree for p in result.pairs)


def test_the_same_document_keyed_with_other_spacing_width_and_script_agrees():
    human = [person("佐　藤", "次郎", "データ部　部長　兼　エンジニア部　顧問", "データ部 部長",
                    kana=("ｻﾄｳ", "ジロウ"), date="令和７年４月１日")]
    assert compare_entries([SATO], human, SPEC).agreed


def test_reordered_persons_agree_and_are_paired_by_name():
    result = compare_entries([SATO, TAKASHIMA, TANAKA], [TANAKA, SATO, TAKASHIMA], SPEC)
    assert result.agreed
    assert [(p.a_index, p.b_index) for p in result.pairs] == [(0, 1), (1, 2), (2, 0)]


def test_a_missing_person_gives_exactly_one_person_conflict():
    result = compare_entries([SATO, TAKASHIMA, TANAKA], [SATO, TANAKA], SPEC)
    assert not result.agreed
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.kind == "missing_in_b"
    assert conflict.field is None
    assert (conflict.a, conflict.b) == ("髙島 圭", "")
    assert result.pairs[conflict.pair].a_index == 1
    assert result.pairs[conflict.pair].b_index is None


def test_an_extra_person_gives_exactly_one_person_conflict_placed_after_its_neighbour():
    result = compare_entries([SATO, TANAKA], [SATO, TAKASHIMA, TANAKA], SPEC)
    assert [(c.kind, c.a, c.b) for c in result.conflicts] == [("missing_in_a", "", "髙島 圭")]
    assert [(p.a_index, p.b_index) for p in result.pairs] == [(0, 0), (None, 1), (1, 2)]


def test_a_single_differing_field_gives_exactly_one_field_conflict():
    machine = [SATO, dict(TANAKA, new_post="執行役員 購買部長")]
    result = compare_entries([SATO, TANAKA], machine, SPEC)
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert (conflict.kind, conflict.field) == ("field", "new_post")
    assert (conflict.a, conflict.b) == ("執行役員 購買部 部長", "執行役員 購買部長")
    assert result.pairs[conflict.pair].a_index == 1


def test_variant_kanji_in_a_name_is_a_field_conflict_not_a_missing_person():
    takasaki = person("髙﨑", "圭", "部長")
    result = compare_entries([takasaki], [dict(takasaki, family_name="高崎")], SPEC)
    assert [(c.kind, c.field, c.a, c.b) for c in result.conflicts] == [("field", "family_name", "髙﨑", "高崎")]


def test_variant_kanji_agree_when_the_name_field_opts_in():
    fields = tuple(replace(f, variant_kanji=True) if f.kind == FieldKind.NAME else f for f in SPEC.fields)
    lenient = replace(SPEC, fields=fields)
    assert compare_entries([TAKASHIMA], [dict(TAKASHIMA, family_name="高島")], lenient).agreed


def test_same_family_name_different_given_name_are_different_people():
    other = person("宮﨑", "浩二", "退任", "監査役", date="2025-06-22")
    result = compare_entries([MIYAZAKI], [other], SPEC)
    assert sorted(c.kind for c in result.conflicts) == ["missing_in_a", "missing_in_b"]


def test_misread_kanji_with_matching_reading_still_pairs_the_person():
    hayashi = person("林", "望", "部長", kana=("はやし", "のぞむ"))
    misread = dict(hayashi, family_name="材")
    result = compare_entries([hayashi], [misread], SPEC)
    assert [(c.kind, c.field) for c in result.conflicts] == [("field", "family_name")]


def test_the_same_name_twice_aligns_one_to_one_by_its_other_fields():
    first_post = person("山田", "太郎", "営業部 部長", "営業部 次長")
    second_post = person("山田", "太郎", "企画部 部長", "")
    result = compare_entries([first_post, second_post], [second_post, first_post], SPEC)
    assert result.agreed
    assert [(p.a_index, p.b_index) for p in result.pairs] == [(0, 1), (1, 0)]


def test_identical_twins_pair_in_reading_order():
    twin = person("山田", "太郎", "営業部 部長")
    assert align_records([twin, twin, SATO], [twin, twin, SATO], SPEC) == [(0, 0), (1, 1), (2, 2)]
    # another person inserted before the twins does not cross them over
    assert align_records([twin, twin], [SATO, twin, twin], SPEC) == [(None, 0), (0, 1), (1, 2)]


def test_the_same_name_twice_with_one_keyed_once_leaves_one_person_missing():
    first_post = person("山田", "太郎", "営業部 部長")
    second_post = person("山田", "太郎", "企画部 部長")
    result = compare_entries([first_post, second_post], [second_post], SPEC)
    assert [(c.kind, c.pair) for c in result.conflicts] == [("missing_in_b", 0)]


def test_empty_entries():
    assert compare_entries([], [], SPEC).agreed
    assert compare_entries([], [], SPEC).pairs == ()
    only_a = compare_entries([SATO, TANAKA], [], SPEC)
    assert [c.kind for c in only_a.conflicts] == ["missing_in_b", "missing_in_b"]
    only_b = compare_entries([], [SATO], SPEC)
    assert [(c.kind, c.b) for c in only_b.conflicts] == [("missing_in_a", "佐藤 次郎")]


def test_missing_keys_and_none_values_count_as_empty():
    sparse = {k: v for k, v in SATO.items() if k != "old_post"}
    assert compare_entries([dict(SATO, old_post="")], [dict(sparse, family_name_kana="さとう")], SPEC).agreed
    result = compare_entries([dict(SATO, old_post=None)], [dict(SATO, old_post="")], SPEC)
    assert result.agreed


def invoice(issuer, number, date, amount):
    return {"issuer": issuer, "invoice_number": number, "issue_date": date, "total_amount": amount}


def test_invoice_amounts_and_dates_agree_across_writings():
    a = [invoice("株式会社青葉", "INV-0001", "2025-04-01", "¥1,200")]
    b = [invoice("株式会社青葉", "INV-0001", "令和7年4月1日", "1200")]
    assert compare_entries(a, b, INVOICE).agreed


def test_invoices_without_names_align_by_whole_record():
    a = [
        invoice("株式会社青葉", "INV-0001", "2025-04-01", "1200"),
        invoice("四葉商事株式会社", "A-77", "2025-05-10", "58,000"),
    ]
    b = [
        invoice("四葉商事株式会社", "A-77", "2025-05-10", "58000"),
        invoice("株式会社青葉", "INV-0001", "2025-04-01", "1300"),
    ]
    result = compare_entries(a, b, INVOICE)
    assert [(p.a_index, p.b_index) for p in result.pairs] == [(0, 1), (1, 0)]
    assert [(c.kind, c.field, c.a, c.b) for c in result.conflicts] == [("field", "total_amount", "1200", "1300")]


def test_unrelated_invoice_is_a_missing_and_an_extra_record():
    a = [invoice("株式会社青葉", "INV-0001", "2025-04-01", "1200")]
    b = [invoice("Yonyon商会", "9/88", "2024-12-24", "77")]
    result = compare_entries(a, b, INVOICE)
    assert sorted(c.kind for c in result.conflicts) == ["missing_in_a", "missing_in_b"]
    assert "株式会社青葉" in next(c.a for c in result.conflicts if c.kind == "missing_in_b")


def test_result_round_trips_through_json():
    result = compare_entries([SATO, TAKASHIMA, TANAKA], [dict(TANAKA, old_post="購買部長"), SATO, MIYAZAKI], SPEC)
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["agreed"] is False
    restored = ComparisonResult.from_dict(data)
    assert restored == result
    assert [p.kind for p in restored.pairs] == [p.kind for p in result.pairs]


# --- properties ---------------------------------------------------------------------------

NAMES = st.sampled_from(["佐藤", "髙島", "高島", "宮﨑", "田中", "山田"])
GIVEN = st.sampled_from(["次郎", "圭", "陽子", "太郎"])
POSTS = st.sampled_from(["部長", "営業部 部長", "営業部長", "退任", "", "第２営業部 課長", "第2営業部 課長"])
RECORD = st.builds(
    lambda fam, giv, new, old, kana: person(fam, giv, new, old, kana=(kana, "")),
    NAMES, GIVEN, POSTS, POSTS, st.sampled_from(["", "さとう", "サトウ", "たかしま"]),
)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), records=st.lists(RECORD, max_size=8))
def test_a_shuffled_copy_always_agrees(data, records):
    shuffled = data.draw(st.permutations(records))
    result = compare_entries(records, list(shuffled), SPEC)
    assert result.agreed
    assert sorted(p.b_index for p in result.pairs) == list(range(len(records)))


@settings(max_examples=100, deadline=None)
@given(a=st.lists(RECORD, max_size=6), b=st.lists(RECORD, max_size=6))
def test_alignment_uses_every_record_exactly_once(a, b):
    rows = align_records(a, b, SPEC)
    assert sorted(i for i, _ in rows if i is not None) == list(range(len(a)))
    assert sorted(j for _, j in rows if j is not None) == list(range(len(b)))
    assert [i for i, _ in rows if i is not None] == list(range(len(a)))  # a's order is kept
