"""The visible text layer (inference/local/textlayer.py): what a reader cannot see is not read —
neither by the machine keyer nor by the reviewer's evidence search (issue 12, hole 10)."""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from dataentry.doctypes import PERSONNEL_CHANGE
from inference.base import KeyerInput
from inference.local.keyer import TextLayerKeyer
from inference.local.textlayer import pdf_layouts
from review.evidence import PdfSearcher

A4 = (595, 842)


def _hidden_text_pdf(path: Path) -> Path:
    """A one-person announcement with a second person hidden in five ways."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])

    def put(y, text, **kw):
        page.insert_text((62, y), text, fontname="japan", fontsize=10.5, **kw)

    put(60, "つばめ工業株式会社")
    put(100, "人事異動（２０２５年４月１日付）")
    put(140, "1. 山本 浩二（ﾔﾏﾓﾄ ｺｳｼﾞ）")
    put(158, "新：営業部　部長")
    put(176, "旧：営業部　次長")
    put(220, "2. 大野 健一（ｵｵﾉ ｹﾝｲﾁ）", render_mode=3)          # invisible render mode
    put(238, "新：代表取締役社長", color=(1, 1, 1))               # white on white paper
    put(256, "旧：監査役", fill_opacity=0)                       # fully transparent
    page.draw_rect(pymupdf.Rect(55, 262, 400, 282), color=None, fill=(0.2, 0.2, 0.2))
    put(276, "3. 小池 真 新：常務取締役", color=(0.2, 0.2, 0.2))  # the colour of the box it sits on
    page.insert_text((700, 300), "4. 西田 智 新：専務取締役", fontname="japan", fontsize=10.5)  # off the page
    put(320, "以上")
    # Text clipped away by a clip path (a one-point clip rectangle at the page corner).
    page.insert_text((62, 400), "x", fontname="helv", fontsize=1)
    xref = page.get_contents()[0]
    doc.update_stream(xref, doc.xref_stream(xref) + b"\nq 0 0 1 1 re W n BT /helv 10 Tf 1 0 0 1 62 300 Tm (CLIPPEDSECRET) Tj ET Q\n")
    doc.save(str(path))
    return path


@pytest.fixture
def hidden(tmp_path):
    return _hidden_text_pdf(tmp_path / "hidden.pdf")


def test_the_extractor_keeps_visible_words_only(hidden):
    with pymupdf.open(hidden) as pdf:
        text = " ".join(w.text for w in pdf_layouts(pdf)[0].words)
    assert "山本" in text and "営業部" in text
    for hidden_word in ("大野", "代表取締役社長", "監査役", "小池", "西田", "CLIPPEDSECRET"):
        assert hidden_word not in text


def test_the_keyer_does_not_key_hidden_persons_or_posts(hidden):
    out = TextLayerKeyer().key(KeyerInput(pdf_path=hidden, spec=PERSONNEL_CHANGE))
    assert [(r["family_name"], r["new_post"], r["old_post"]) for r in out.records] == [("山本", "営業部 部長", "営業部 次長")]


def test_the_evidence_search_shows_no_box_for_text_nobody_can_see(hidden):
    with pymupdf.open(hidden) as pdf:
        searcher = PdfSearcher(pdf, {1: (1240, 1754)})
        assert searcher.find_value("営業部 部長", PERSONNEL_CHANGE.field("new_post"))
        assert searcher.find_value("代表取締役社長", PERSONNEL_CHANGE.field("new_post")) == []
        assert searcher.find_value("大野", PERSONNEL_CHANGE.field("family_name")) == []
        assert searcher.find_value("おおの", PERSONNEL_CHANGE.field("family_name_kana")) == []


def test_words_carry_character_positions_and_split_at_visible_gaps(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((62, 100), "氏名", fontname="japan", fontsize=10)
    page.insert_text((200, 100), "営業部　部長", fontname="japan", fontsize=10)
    doc.save(str(tmp_path / "w.pdf"))
    with pymupdf.open(tmp_path / "w.pdf") as pdf:
        words = pdf_layouts(pdf)[0].words
    assert [w.text for w in words] == ["氏名", "営業部", "部長"]
    assert len(words[1].char_x) == 3 and words[1].char_x[0] == pytest.approx(200, abs=0.5)


def _ruled_notice(path, *, texts, rows_y, cols_x):
    """A one-table notice: a dated title, then `texts` (x, y, text, size) inside rules at `rows_y`
    (from the first to the last column) and `cols_x`; keyed by the text-layer keyer."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((200, 60), "2025年4月1日付 人事異動", fontname="japan", fontsize=13)
    for x, y, text, size in texts:
        page.insert_text((x, y), text, fontname="japan", fontsize=size)
    for y in rows_y:
        page.draw_line((cols_x[0], y), (cols_x[-1], y), width=0.7)
    for x in cols_x:
        page.draw_line((x, rows_y[0]), (x, rows_y[-1]), width=0.7)
    doc.save(str(path))
    return TextLayerKeyer().key(KeyerInput(pdf_path=path, spec=PERSONNEL_CHANGE)).records


def test_a_reading_running_past_its_column_rule_into_the_next_cells_text_is_not_part_of_the_post(tmp_path):
    # kubun_merged (held-out set 4): a long reading under the name, set small, reaches over the
    # column rule up to the new post, with no visible gap; the rule ends the word.
    records = _ruled_notice(tmp_path / "over.pdf", rows_y=(100, 120, 166), cols_x=(40, 142, 292, 440), texts=(
        (66, 114, "氏名", 9.5), (160, 114, "新所属・役職", 9.5), (300, 114, "旧所属・役職", 9.5),
        (66, 144, "岸本修平", 10), (60, 157, "（きしもと しゅうへい）", 7),
        (146, 153, "輸出部 副部長", 9), (300, 153, "輸出部 課長", 9)))
    assert [(r["family_name"], r["given_name"], r["given_name_kana"], r["new_post"], r["old_post"]) for r in records] == [
        ("岸本", "修平", "しゅうへい", "輸出部 副部長", "輸出部 課長")]


def test_two_cells_texts_set_too_wide_and_colliding_at_a_column_rule_stay_two_cells(tmp_path):
    # shikaku_shokaku (held-out set 6, seed 7): a long title centred in a narrow 旧 cell and the 新
    # cell's title beside it both overrun the rule between them, one size, their characters
    # overlapping; they are two cells' texts, not one overflowing word.
    records = _ruled_notice(tmp_path / "collide.pdf", rows_y=(100, 120, 156), cols_x=(40, 142, 206, 270), texts=(
        (44, 114, "氏名", 9), (150, 114, "旧役職", 9), (214, 114, "新役職", 9),
        (44, 144, "林 浩", 10), (139, 144, "グループリーダー", 9), (204, 144, "プロジェクト長", 9)))
    assert [(r["family_name"], r["new_post"], r["old_post"]) for r in records] == [
        ("林", "プロジェクト長", "グループリーダー")]


def test_a_page_set_in_vertical_writing_is_read_column_by_column_right_to_left(tmp_path):
    """縦書き (a 辞令 set top to bottom, columns read from the right): each column is a line."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])

    def column(x, y, text, size=12):
        for k, ch in enumerate(text):
            page.insert_text((x, y + k * size * 1.05), ch, fontname="japan", fontsize=size)

    column(520, 80, "辞　　令", 16)
    column(470, 120, "総務部課長")
    column(445, 200, "森田　　圭　殿")
    column(400, 120, "総務部課長を免じ")
    column(375, 120, "法務部長に任命する")
    column(320, 120, "令和七年十月一日")
    column(280, 300, "北斗物流株式会社")
    column(255, 300, "代表取締役社長　大川　正")
    page.insert_text((62, 800), "- 1 -", fontname="helv", fontsize=8)  # a folio set across stays a word
    path = tmp_path / "tategaki.pdf"
    doc.save(path)
    with pymupdf.open(path) as pdf:
        layout = pdf_layouts(pdf)[0]
    first = sorted(layout.words, key=lambda w: (w.y0, w.x0))[:2]
    assert [w.text for w in first] == ["辞", "令"]
    assert "総務部課長を免じ" in [w.text for w in layout.words]
    out = TextLayerKeyer().key(KeyerInput(pdf_path=str(path), spec=PERSONNEL_CHANGE))
    assert [(r["family_name"], r["given_name"], r["new_post"], r["old_post"], r["effective_date"], r["company"])
            for r in out.records] == [("森田", "圭", "法務部長", "総務部課長", "2025-10-01", "北斗物流株式会社")]


@pytest.mark.parametrize("rotation", [90, 270])
def test_a_page_stored_with_a_rotation_keeps_all_of_its_text(tmp_path, rotation):
    """/Rotate turns the page for display; the text layer keeps the coordinates it was written in,
    so text below the turned page's height is on the page all the same."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((62, 100), "人事異動（２０２５年４月１日付）", fontname="japan", fontsize=12)
    page.insert_text((62, 150), "1. 山本 浩二　営業部長（前 営業部次長）", fontname="japan", fontsize=10.5)
    page.insert_text((62, 700), "2. 大野 健一　総務部長（前 総務部次長）", fontname="japan", fontsize=10.5)
    page.set_rotation(rotation)
    doc.save(tmp_path / "rotated.pdf")
    out = TextLayerKeyer().key(KeyerInput(pdf_path=tmp_path / "rotated.pdf", spec=PERSONNEL_CHANGE))
    assert [(r["family_name"], r["new_post"], r["old_post"]) for r in out.records] == [
        ("山本", "営業部長", "営業部次長"), ("大野", "総務部長", "総務部次長")]


@pytest.mark.parametrize("turn", [90, 270])
def test_text_turned_a_quarter_on_the_page_is_read_along_its_lines(tmp_path, turn):
    """A landscape announcement drawn on a portrait page with its text turned (and /Rotate set so a
    viewer sees it across): read along the text's own lines, first line first, either way round."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])
    lines = ["人事異動のお知らせ（２０２５年４月１日付）", "1. 林 浩　営業部長（前 営業部次長）", "2. 森田 圭　総務部長（前 総務部次長）"]
    for k, text in enumerate(lines):
        origin = (100 + 30 * k, 780) if turn == 90 else (495 - 30 * k, 60)
        page.insert_text(origin, text, fontname="japan", fontsize=11, rotate=turn)
    page.set_rotation(turn)
    doc.save(tmp_path / "turned.pdf")
    out = TextLayerKeyer().key(KeyerInput(pdf_path=tmp_path / "turned.pdf", spec=PERSONNEL_CHANGE))
    assert [(r["family_name"], r["new_post"], r["old_post"], r["effective_date"]) for r in out.records] == [
        ("林", "営業部長", "営業部次長", "2025-04-01"), ("森田", "総務部長", "総務部次長", "2025-04-01")]


def test_type_changing_size_with_no_gap_starts_another_word(tmp_path):
    """A name and its reading set smaller right after it, no gap: two words (亜希子 / かでのこうじ)."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((62, 100), "勘解由小路 亜希子", fontname="japan", fontsize=10)
    page.insert_text((62 + 90, 100), "かでのこうじ あきこ", fontname="japan", fontsize=8)
    doc.save(str(tmp_path / "sizes.pdf"))
    with pymupdf.open(tmp_path / "sizes.pdf") as pdf:
        words = pdf_layouts(pdf)[0].words
    assert [w.text for w in words] == ["勘解由小路", "亜希子", "かでのこうじ", "あきこ"]


def test_text_printed_in_red_is_marked_red_and_starts_another_word(tmp_path):
    """A marked-up copy adds in red: the red words say so, and red set right after black text with
    no gap is another word (営業部 | 部長 in red after it); dark grey and black are not red."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((62, 100), "営業部", fontname="japan", fontsize=10)
    page.insert_text((92, 100), "部長", fontname="japan", fontsize=10, color=(0.85, 0.1, 0.1))
    page.insert_text((62, 130), "総務部 次長", fontname="japan", fontsize=10, color=(0.3, 0.3, 0.3))
    doc.save(str(tmp_path / "red.pdf"))
    with pymupdf.open(tmp_path / "red.pdf") as pdf:
        words = pdf_layouts(pdf)[0].words
    assert [(w.text, w.red) for w in words] == [("営業部", False), ("部長", True), ("総務部", False), ("次長", False)]
