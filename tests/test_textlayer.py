"""Behaviour of the text-layer keyer (inference/local: visible text layer -> the local pipeline).

Two sources of documents: the samples with their ground truth (tests/data/samples, copied from
the project's shared samples), and small PDFs these tests write
themselves with PyMuPDF's built-in Japanese font, with names, posts and dates that are
not in the samples — so the rules are checked on content they were not written against.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pymupdf
import pytest

import samplegen
from dataentry.doctypes import PERSONNEL_CHANGE
from inference.base import FailureKind, KeyerFailure, KeyerInput
from inference.keyers import get_keyer
from inference.local.keyer import TextLayerKeyer
from jptext import parse_date
from tests.conftest import SAMPLES

KANA_FIELDS = {"family_name_kana", "given_name_kana"}


# --- scoring, as the README defines it ---------------------------------------------------

def _norm(key: str, value: str) -> str:
    v = unicodedata.normalize("NFKC", value)
    if key in KANA_FIELDS:
        v = "".join(chr(ord(c) - 0x60) if 0x30A1 <= ord(c) <= 0x30F6 else c for c in v)
        return re.sub(r"\s+", "", v)
    return re.sub(r"\s+", " ", v).strip()


def _score(truth: list[dict], predicted: list[dict]) -> tuple[int, int]:
    """(correct fields, total fields); records aligned in order by name, a missing or extra
    person counts all of its fields wrong."""
    used: set[int] = set()
    correct = matched = 0
    for t in truth:
        name = _norm("", t["family_name"] + t["given_name"])
        j = next((i for i, p in enumerate(predicted)
                  if i not in used and _norm("", p["family_name"] + p["given_name"]) == name), None)
        if j is None:
            continue
        used.add(j)
        matched += 1
        correct += sum(_norm(k, t[k]) == _norm(k, predicted[j].get(k, "")) for k in t)
    return correct, 8 * (len(truth) + len(predicted) - matched)


def _key(pdf: Path, spec=PERSONNEL_CHANGE):
    return TextLayerKeyer().key(KeyerInput(pdf_path=pdf, spec=spec))


def _normalised(records: list[dict]) -> list[dict]:
    return [{k: _norm(k, v) for k, v in r.items()} for r in records]


def _samples_of(layout: str) -> list[str]:
    if not SAMPLES.is_dir():
        return []
    with open(SAMPLES / "manifest.csv", encoding="utf-8") as fh:
        return [row["stem"] for row in csv.DictReader(fh) if row["layout"] == layout]


# --- the samples -------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["table_kana", "officer_text", "roster_underline", "multi_date", "two_column"])
def test_it_keys_every_shared_sample_of_a_layout_exactly(layout):
    stems = _samples_of(layout)
    assert stems, f"manifest lists no {layout} sample"
    for stem in stems:
        truth = json.loads((SAMPLES / f"{stem}.json").read_text(encoding="utf-8"))["records"]
        out = _key(SAMPLES / f"{stem}.pdf")
        assert _normalised(out.records) == _normalised(truth), f"{stem}.pdf ({layout})"


def test_overall_field_accuracy_on_shared_samples_is_at_least_90_percent():
    correct = total = 0
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["records"]
        try:
            predicted = _key(pdf).records
        except KeyerFailure:
            predicted = []
        c, n = _score(truth, predicted)
        correct, total = correct + c, total + n
    assert total and correct / total >= 0.9, f"field accuracy {correct}/{total}"


def test_output_carries_keyer_metadata_and_raw_json():
    out = _key(SAMPLES / "01.pdf")
    assert (out.keyer, out.model, out.prompt_version) == ("textlayer", "local-pipeline", "pipeline-1")
    assert len(out.confidence) == len(out.records)
    assert all(set(c) == set(PERSONNEL_CHANGE.keys) and all(0 <= v <= 1 for v in c.values()) for c in out.confidence)
    assert json.loads(out.raw_response)["records"] == out.records
    assert all(list(r) == PERSONNEL_CHANGE.keys for r in out.records)


# --- documents from the project's own generator (samplegen/) ------------------



def test_overall_field_accuracy_on_generated_documents_of_all_layouts_is_at_least_90_percent(tmp_path):
    pdfs = samplegen.build_samples(tmp_path, seed=7, count=10, forms=samplegen.LAYOUTS)
    correct = total = 0
    for pdf in pdfs:
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["records"]
        try:
            predicted = _key(pdf).records
        except KeyerFailure:
            predicted = []
        c, n = _score(truth, predicted)
        correct, total = correct + c, total + n
    assert total and correct / total >= 0.9, f"field accuracy {correct}/{total}"


def test_a_generated_scan_is_unavailable(tmp_path):
    scan = samplegen.build_scanned_sample(tmp_path / "scan.pdf", seed=3)
    with pytest.raises(KeyerFailure) as err:
        _key(scan)
    assert err.value.kind == FailureKind.UNAVAILABLE
    assert "no text layer" in err.value.message


# --- documents written by the tests ------------------------------------------------------

A4 = (595.28, 841.89)


def write_pdf(path: Path, pages: list[list[tuple]]) -> Path:
    """Each page is a list of ("t", x, baseline_y, text, size) and ("l", x0, y0, x1, y1, width)."""
    doc = pymupdf.open()
    for items in pages:
        page = doc.new_page(width=A4[0], height=A4[1])
        for item in items:
            if item[0] == "t":
                _, x, y, text, size = item
                page.insert_text((x, y), text, fontname="japan", fontsize=size)
            else:
                _, x0, y0, x1, y1, width = item
                page.draw_line((x0, y0), (x1, y1), width=width)
    doc.save(str(path))
    doc.close()
    return path


def _table(top: float, rows: list[tuple[str, str, str, str]], cols=(62, 190, 361, 533), pitch=30.0,
           underline_rows: set[int] = frozenset(), reading_size=7.0) -> list[tuple]:
    """Header 氏名/新役職/旧役職 and rows (reading, name, new, old) with grid rules."""
    x0, x1, x2, x3 = cols
    items: list[tuple] = [("t", x0 + 50, top + 14, "氏名", 9.5), ("t", x1 + 70, top + 14, "新役職", 9.5),
                          ("t", x2 + 70, top + 14, "旧役職", 9.5), ("l", x0, top, x3, top, 0.6)]
    y = top + 20
    for x in cols:
        items.append(("l", x, top, x, top + 20 + pitch * len(rows), 0.6))
    for i, (reading, name, new, old) in enumerate(rows):
        items.append(("l", x0, y, x3, y, 0.6))
        if reading:
            items.append(("t", x0 + 5, y + 10, reading, reading_size))
        items += [("t", x0 + 5, y + 22, name, 10.5), ("t", x1 + 5, y + 18, new, 10.0), ("t", x2 + 5, y + 18, old, 10.0)]
        if i in underline_rows:
            items.append(("l", x1 + 5, y + 20, x1 + 5 + 10 * len(new.replace(" ", "")), y + 20, 0.7))
        y += pitch
    items.append(("l", x0, y, x3, y, 0.6))
    return items


def test_it_keys_a_generated_table_with_era_date_full_width_digits_and_half_width_readings(tmp_path):
    page = [
        ("t", 440, 70, "令和６年３月１５日", 10.5),
        ("t", 62, 90, "各位", 10.5),
        ("t", 180, 120, "人事異動（令和６年４月１日付）", 15.0),
        *_table(170, [
            ("ﾏﾂﾓﾄ ﾕｳｺ", "松本優子", "第３営業部　部長", "当社　第３営業部　次長"),
            ("ほんだ　けんたろう", "本田　健太郎", "ＩＴ推進室 室長 兼 総務部長", "総務部長"),
        ]),
        ("t", 500, 290, "以上", 10.5),
        ("t", 200, 790, "会社名　みなと精機株式会社　　代表者名　代表取締役社長　山口 誠", 9.0),
    ]
    out = _key(write_pdf(tmp_path / "t.pdf", [page]))
    assert _normalised(out.records) == [
        {"effective_date": "2024-04-01", "family_name": "松本", "given_name": "優子", "company": "みなと精機株式会社",
         "family_name_kana": "まつもと", "given_name_kana": "ゆうこ", "new_post": "第3営業部 部長",
         "old_post": "第3営業部 次長"},
        {"effective_date": "2024-04-01", "family_name": "本田", "given_name": "健太郎",
         "company": "みなと精機株式会社", "family_name_kana": "ほんだ", "given_name_kana": "けんたろう",
         "new_post": "IT推進室 室長 兼 総務部長", "old_post": "総務部長"},
    ]


def test_names_printed_without_a_space_split_where_the_reading_says(tmp_path):
    people = [("はやし ゆみこ", "林由美子"), ("てしがわら れん", "勅使河原蓮"), ("ササキ ケン", "佐々木健"),
              ("ｲｶﾞﾗｼ ﾐﾎ", "五十嵐美穂"), ("わたなべ けんたろう", "渡邊健太郎")]
    page = [("t", 180, 120, "人事異動（2024年7月1日付）", 15.0),
            *_table(170, [(reading, name, "営業部 課長", "営業部 係長") for reading, name in people]),
            ("t", 200, 790, "会社名　みなと精機株式会社", 9.0)]
    out = _key(write_pdf(tmp_path / "n.pdf", [page]))
    assert [(r["family_name"], r["given_name"]) for r in out.records] == [
        ("林", "由美子"), ("勅使河原", "蓮"), ("佐々木", "健"), ("五十嵐", "美穂"), ("渡邊", "健太郎")]
    assert out.meta["uncertain_name_splits"] == []


def test_it_continues_a_table_on_the_next_page_and_skips_the_letterhead_people(tmp_path):
    rows = [("ｷﾀﾑﾗ ｼﾞｭﾝ", f"北村 {g}", f"第{i}課 課長", f"第{i}課 係長") for i, g in enumerate("一二三四五", 1)]
    page1 = [("t", 440, 70, "2023年9月20日", 10.5), ("t", 170, 120, "人事異動（2023/10/1付）", 15.0),
             *_table(170, rows[:3]), ("t", 470, 740, "（次頁へ続く）", 8.0)]
    page2 = [("t", 62, 70, "（前頁より続く）", 8.0), *_table(90, rows[3:]), ("t", 500, 260, "以上", 10.5),
             ("t", 200, 790, "会社名　北斗物産株式会社　　代表者名　代表取締役　北村 大介", 9.0)]
    out = _key(write_pdf(tmp_path / "t.pdf", [page1, page2]))
    assert [r["given_name"] for r in out.records] == list("一二三四五")
    assert {r["effective_date"] for r in out.records} == {"2023-10-01"}
    assert {r["company"] for r in out.records} == {"北斗物産株式会社"}


def test_it_keys_only_underlined_rows_of_a_roster(tmp_path):
    page = [
        ("t", 440, 70, "平成31年3月1日", 10.5),
        ("t", 430, 105, "さくら運輸株式会社", 10.5),
        ("t", 200, 150, "組織体制のお知らせ", 15.0),
        ("t", 62, 200, "（平成31年4月1日付）", 10.5),
        ("t", 440, 225, "（下線部：変更箇所）", 9.0),
        *_table(240, [
            ("", "大森 一郎", "経理部長", "経理部長"),
            ("", "小川 花子", "経理部長 兼 監査室長", "経理部長"),
            ("", "西田 学", "物流部 課長", "物流部 課長"),
        ], underline_rows={1}, pitch=22),
    ]
    out = _key(write_pdf(tmp_path / "r.pdf", [page]))
    assert [(r["family_name"], r["given_name"], r["new_post"], r["effective_date"], r["company"])
            for r in out.records] == [("小川", "花子", "経理部長 兼 監査室長", "2019-04-01", "さくら運輸株式会社")]


def test_it_keys_officer_sections_with_heading_posts_departures_and_outside_employers(tmp_path):
    page = [
        ("t", 450, 70, "令和元年５月１０日", 10.5),
        ("t", 292, 105, "会 社 名　あおい化学株式会社", 10.5),
        ("t", 292, 121, "代表者名　代表取締役社長　木村 修", 10.5),
        ("t", 200, 200, "役員の異動に関するお知らせ", 15.0),
        ("t", 62, 235, "　当社は、令和元年５月１０日開催の取締役会において、下記のとおり内定いたしました。", 10.5),
        ("t", 62, 280, "(1) 新任監査役候補【令和元年６月２７日付　（）内は現職】", 10.5),
        ("t", 62, 300, "　松井 智子（ひかり監査法人　パートナー）※", 10.5),
        ("t", 62, 316, "　※ 松井 智子氏は、社外監査役候補者であります。", 9.0),
        ("t", 62, 345, "(2) 退任予定取締役【令和元年６月２７日付】", 10.5),
        ("t", 62, 365, "　森 健（現　常務取締役）", 10.5),
        ("t", 62, 395, "(3) 昇任【令和元年７月１日付】", 10.5),
        ("t", 62, 415, "　上野 亮　取締役副社長（現　専務取締役）", 10.5),
        ("t", 500, 445, "以　上", 10.5),
    ]
    out = _key(write_pdf(tmp_path / "o.pdf", [page]))
    assert [(r["family_name"], r["given_name"], r["new_post"], r["old_post"], r["effective_date"], r["company"])
            for r in out.records] == [
        ("松井", "智子", "監査役", "パートナー", "2019-06-27", "あおい化学株式会社"),
        ("森", "健", "退任", "常務取締役", "2019-06-27", "あおい化学株式会社"),
        ("上野", "亮", "取締役副社長", "専務取締役", "2019-07-01", "あおい化学株式会社"),
    ]


def test_it_reads_a_two_column_list_left_column_first(tmp_path):
    entries = [("1. 石川 翔(ｲｼｶﾜ ｼｮｳ)", "新：営業部　課長", "旧：営業部　主任"),
               ("2. 原田 美咲(ﾊﾗﾀﾞ ﾐｻｷ)", "新：広報室　室長", "旧：広報室　課長"),
               ("3. 近藤 勇(ｺﾝﾄﾞｳ ｲｻﾐ)", "新：法務部　部長", "旧：法務部　次長")]
    page = [("t", 430, 40, "つばめ工業株式会社", 8.0), ("t", 250, 150, "人事異動", 15.0),
            ("t", 230, 185, "発令日：２０２２年１０月１日", 10.5)]
    for i, (head, new, old) in enumerate(entries):
        x, y = (62, 215 + 56 * i) if i < 2 else (310, 215)
        page += [("t", x, y, head, 10.5), ("t", x + 12, y + 18, new, 9.5), ("t", x + 12, y + 32, old, 9.5)]
    out = _key(write_pdf(tmp_path / "c.pdf", [page]))
    assert [(r["family_name"], r["given_name_kana"], r["new_post"], r["effective_date"], r["company"])
            for r in out.records] == [
        ("石川", "しょう", "営業部 課長", "2022-10-01", "つばめ工業株式会社"),
        ("原田", "みさき", "広報室 室長", "2022-10-01", "つばめ工業株式会社"),
        ("近藤", "いさみ", "法務部 部長", "2022-10-01", "つばめ工業株式会社"),
    ]


@pytest.mark.parametrize("text, iso", [
    ("令和７年４月１日付", "2025-04-01"), ("令和元年5月1日", "2019-05-01"), ("平成31年4月1日", "2019-04-01"),
    ("昭和64年1月7日", "1989-01-07"), ("２０２５年４月１日", "2025-04-01"), ("2025/4/1付", "2025-04-01"),
    ("令和七年十月一日", "2025-10-01"), ("2025年2月30日", None),
])
def test_dates_are_read_in_western_and_era_forms(text, iso):
    day = parse_date(text)
    assert (day.isoformat() if day else None) == iso


# --- failures ----------------------------------------------------------------------------

def test_an_image_only_page_is_unavailable(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pix.clear_with(200)
    page.insert_image(pymupdf.Rect(100, 100, 300, 300), pixmap=pix)
    doc.save(str(tmp_path / "scan.pdf"))
    with pytest.raises(KeyerFailure) as err:
        _key(tmp_path / "scan.pdf")
    assert err.value.kind == FailureKind.UNAVAILABLE
    assert "page 1 has no text layer" in err.value.message


def test_a_document_type_without_rules_is_unavailable(tmp_path):
    pdf = write_pdf(tmp_path / "x.pdf", [[("t", 100, 100, "請求書", 12.0)]])
    with pytest.raises(KeyerFailure) as err:
        _key(pdf, spec=replace(PERSONNEL_CHANGE, slug="invoice", name="請求書"))
    assert err.value.kind == FailureKind.UNAVAILABLE
    assert "no text-layer rules for document type 'invoice'" in err.value.message


@pytest.mark.parametrize("content", [b"not a pdf at all", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\ntrailer\n", b""])
def test_a_broken_file_is_unavailable_not_a_crash(tmp_path, content):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(KeyerFailure) as err:
        _key(path)
    assert err.value.kind == FailureKind.UNAVAILABLE


def test_a_text_pdf_without_personnel_records_is_unavailable(tmp_path):
    pdf = write_pdf(tmp_path / "memo.pdf", [[("t", 62, 100, "会議室の利用について", 15.0),
                                             ("t", 62, 140, "来週から会議室の予約方法が変わります。", 10.5)]])
    with pytest.raises(KeyerFailure) as err:
        _key(pdf)
    assert err.value.kind == FailureKind.UNAVAILABLE
    assert "no personnel-change records" in err.value.message


def test_the_registry_returns_the_text_layer_keyer():
    assert isinstance(get_keyer("textlayer"), TextLayerKeyer)


def test_a_company_column_names_each_persons_company_and_a_date_column_each_rows_date(tmp_path):
    cols = (62, 160, 280, 410, 533)
    page = [("t", 200, 110, "グループ人事異動のお知らせ", 15.0),
            ("t", 90, 164, "氏名", 9.5), ("t", 195, 164, "会社名", 9.5), ("t", 320, 164, "新役職", 9.5),
            ("t", 450, 164, "旧役職", 9.5), ("t", 62, 780, "会社名　みなとホールディングス株式会社", 9.0)]
    page += [("l", x, 150, x, 210, 0.6) for x in cols] + [("l", 62, y, 533, y, 0.6) for y in (150, 170, 190, 210)]
    rows = [("吉田 拓也", "当社", "経営企画部 部長", "経営企画部 次長"),
            ("村上 愛", "みなと物流株式会社", "取締役", "営業部 部長")]
    for y, (name, company, new, old) in zip((184, 204), rows, strict=True):
        page += [("t", 67, y, name, 10.0), ("t", 165, y, company, 9.0), ("t", 285, y, new, 10.0),
                 ("t", 415, y, old, 10.0)]
    page.append(("t", 62, 140, "（２０２６年１月１日付）", 10.5))
    out = _key(write_pdf(tmp_path / "g.pdf", [page]))
    assert [(r["family_name"], r["company"], r["effective_date"]) for r in out.records] == [
        ("吉田", "みなとホールディングス株式会社", "2026-01-01"), ("村上", "みなと物流株式会社", "2026-01-01")]
