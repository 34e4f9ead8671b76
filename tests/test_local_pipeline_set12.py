"""Generic pieces of the local pipeline added from held-out set 12 (docs/keyer.md).

Each test is built on a small page of our own (not on the set-12 generator) and names in a comment
the set-12 form that needed the piece. Helpers come from tests/test_local_pipeline.py."""
from __future__ import annotations

from inference.layout import Rule
from tests.test_local_pipeline import LETTERHEAD, key, page, rows


def _ruled(top, header, body, cols, size=8.0, pitch=20.0):
    """A ruled table (as tests/test_local_pipeline._table) in a smaller type, for many columns."""
    items = [(x + 3, top + 5, h, size) for x, h in zip(cols, header)]
    for r, row in enumerate(body, 1):
        items += [(x + 3, top + 5 + r * pitch, v, size) for x, v in zip(cols, row) if v]
    right = 560
    rules = [Rule(cols[0], top + k * pitch, right, top + k * pitch) for k in range(len(body) + 2)]
    rules += [Rule(x, top, x, top + (len(body) + 1) * pitch) for x in list(cols) + [right]]
    return items, rules


def test_a_works_column_beside_the_title_column_dittoed_and_a_previous_post_column():
    # sagyosho_haichi: 工事名 | 工事場所 | 工期 | 職 | 氏名 | 前任 | 着任日 — the site and the title make
    # the new post (〃: the site of the row above), 前任 beside the person's own name is where they
    # served before, the place and the term of the works are no one's post (no table was read)
    cols = (30, 48, 130, 175, 235, 290, 340, 470)
    items, rules = _ruled(150, ["No.", "工事名", "工事場所", "工期", "職", "氏名", "前任", "着任日"], [
        ["1", "北浜倉庫新築工事", "港区北浜", "2025.4～2026.3", "作業所長", "林 浩", "工事部 課長", "2025/04/01"],
        ["2", "〃", "", "", "副作業所長", "森田 圭", "南町橋梁工事 副作業所長", "2025/04/15"]], cols)
    out = key(page(*LETTERHEAD, (200, 120, "作業所長等 配置表"), *items, rules=rules))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date") == [
        ("林", "北浜倉庫新築工事 作業所長", "工事部 課長", "2025-04-01"),
        ("森田", "北浜倉庫新築工事 副作業所長", "南町橋梁工事 副作業所長", "2025-04-15")]


def test_school_columns_the_title_from_the_section_heading_and_a_board_of_education_as_employer():
    # kyoshokuin_ido: １ 校長 over 学校名 | 氏名 | 旧任校・旧職 (the school is where, the heading the
    # title), ２ 教頭 over 学校名 | 職名 | 氏名 | …; the board of education, alone on its line as the
    # letter's sender, employs them (学校名 was no column; the records had no company)
    cols = (62, 190, 290)
    first, rules1 = _ruled(210, ["学校名", "氏名", "旧任校・旧職"], [["北浜小学校", "林 浩", "南中学校 副校長"]], cols)
    cols2 = (62, 160, 230, 330)
    second, rules2 = _ruled(290, ["学校名", "職名", "氏名", "旧任校・旧職"],
                            [["南中学校", "教頭", "森田 圭", "北浜小学校 主幹教諭"]], cols2)
    out = key(page((62, 40, "みなと市教委第12号"), (450, 56, "2025年3月24日"), (62, 72, "各市立学校長 様"),
                   (420, 88, "みなと市教育委員会"), (420, 104, "教育長 大川 正"),
                   (150, 130, "2025年度 教職員人事異動について", 12),
                   (62, 160, "下記のとおり2025年4月1日付で発令します。"), (62, 190, "１ 校長"), *first,
                   (62, 270, "２ 教頭"), *second, rules=rules1 + rules2))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date", "company") == [
        ("林", "北浜小学校 校長", "南中学校 副校長", "2025-04-01", "みなと市教育委員会"),
        ("森田", "南中学校 教頭", "北浜小学校 主幹教諭", "2025-04-01", "みなと市教育委員会")]


def test_a_move_in_a_sentence_broken_inside_its_verb_or_bracket_with_the_old_post_labelled_after_it():
    # shanai_faq: …が営業部 部長に着任 / します（前職：営業部 次長）。今後のお問合せは内線…: the
    # sentence runs on where the line breaks inside the verb or an open bracket, the post labelled
    # 前職 in brackets after the verb is the old one, and the contact sentence after the move does
    # not make the line a contact's (the person was lost, the old post empty)
    out = key(page(*LETTERHEAD,
                   (62, 130, "Ａ．はい。2025年4月1日付で林 浩（ハヤシ ヒロシ）が営業部 部長に着任"),
                   (62, 146, "します（前職：営業部 次長）。今後のお問合せは内線3611までお願いします。"),
                   (62, 170, "Ａ．はい。2025年4月1日付で森田 圭（モリタ ケイ）が"),
                   (62, 186, "総務部 課長に着任します（前職："),
                   (62, 202, "総務部 主任）。今後のお問合せは内線4371までお願いします。")))
    assert rows(out, "family_name", "given_name_kana", "new_post", "old_post", "effective_date") == [
        ("林", "ひろし", "営業部 部長", "営業部 次長", "2025-04-01"),
        ("森田", "けい", "総務部 課長", "総務部 主任", "2025-04-01")]


def test_a_marked_heading_names_the_ward_of_the_titles_below_it_and_a_bracketed_departures_heading():
    # byoto_betsu: ■ 外来 / ■ 西５病棟（循環器内科） over 職位 | 氏名 | 異動前所属: the title taken is
    # in the ward the heading names (a word no unit suffix ends, what it covers in brackets);
    # 【退職者】（…付） over 所属 | 氏名 | 備考: the post in the row is the one left
    first, r1 = _ruled(170, ["職位", "氏名", "異動前所属"], [["スタッフ看護師", "林 浩", "手術室 スタッフ看護師"]],
                       (62, 190, 300))
    second, r2 = _ruled(250, ["職位", "氏名", "異動前所属"], [["主任看護師", "森田 圭", "外来 主任看護師"]],
                        (62, 190, 300))
    third, r3 = _ruled(330, ["所属", "氏名", "備考"], [["手術室 主任看護師", "東 智", "家族の転勤のため"]],
                       (62, 190, 300))
    out = key(page((400, 40, "社会医療法人 みなと記念病院"), (200, 90, "看護部 人事異動のお知らせ", 14),
                   (62, 120, "2025年4月1日付で、下記のとおり人事異動を行います。"), (62, 150, "■ 外来"), *first,
                   (62, 230, "■ 西５病棟（循環器内科）"), *second, (62, 310, "【退職者】（2025年3月31日付）"), *third,
                   rules=r1 + r2 + r3))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date") == [
        ("林", "外来 スタッフ看護師", "手術室 スタッフ看護師", "2025-04-01"),
        ("森田", "西5病棟 主任看護師", "外来 主任看護師", "2025-04-01"),
        ("東", "退任", "手術室 主任看護師", "2025-03-31")]


def test_a_shop_column_before_the_title_column_is_where_the_title_is_held():
    # tenpo_kaiten: 店番 | 店舗名 | 職位 | 氏名 | 前所属 | 着任日 — the shop and the title make the new
    # post (the title alone was read)
    items, rules = _ruled(150, ["店番", "店舗名", "職位", "氏名", "前所属", "着任日"], [
        ["0447", "若葉台店", "売場チーフリーダー", "林 浩", "柳橋店 売場チーフリーダー", "2025.4.1"]],
        (30, 70, 130, 220, 290, 420))
    out = key(page(*LETTERHEAD, *items, rules=rules))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date") == [
        ("林", "若葉台店 売場チーフリーダー", "柳橋店 売場チーフリーダー", "2025-04-01")]


def test_a_hire_in_a_sentence_with_the_persons_extension_after_it_and_a_new_assignment_placeholder():
    # shanai_faq: …（中途入社）が…に着任します（内線5842）。: the bracket after the name is a hire, no
    # old post, and the extension after the verb is the newcomer's, not a contact line (the person
    # was lost); sagyosho_haichi: 前任 | （新規配属） is no post held before
    out = key(page(*LETTERHEAD,
                   (62, 130, "Ａ．はい。2025年4月1日付で林浩（ﾊﾔｼ ﾋﾛｼ）（中途入社）が営業部 主任に着任します（"),
                   (62, 146, "内線5842）。前任者からの引継ぎ期間中は、両名で対応します。")))
    assert rows(out, "family_name", "given_name", "new_post", "old_post", "effective_date") == [
        ("林", "浩", "営業部 主任", "", "2025-04-01")]
    items, rules = _ruled(150, ["工事名", "職", "氏名", "前任", "着任日"], [
        ["北浜倉庫新築工事", "作業所長", "森田 圭", "（新規配属）", "2025/04/01"]], (40, 160, 240, 320, 450))
    out = key(page(*LETTERHEAD, *items, rules=rules))
    assert rows(out, "family_name", "new_post", "old_post") == [("森田", "北浜倉庫新築工事 作業所長", "")]


def test_a_city_hospital_alone_on_its_line_as_the_sender_is_the_employer():
    # byoto_betsu: こうのとり市立総合病院 over 看護部長 …, no legal form anywhere: the hospital the
    # city runs employs the staff (the records had no company)
    items, rules = _ruled(170, ["職位", "氏名", "異動前所属"], [["看護師長", "林 浩", "外来 副看護師長"]], (62, 190, 300))
    out = key(page((450, 40, "2025年3月19日"), (62, 56, "看護職員各位"), (400, 72, "みなと市立総合病院"),
                   (400, 88, "看護部長 大川 正"), (200, 110, "看護部 人事異動のお知らせ", 14),
                   (62, 130, "2025年4月1日付で、下記のとおり人事異動を行います。"), (62, 150, "■ 手術室"), *items,
                   rules=rules))
    assert rows(out, "family_name", "new_post", "company") == [("林", "手術室 看護師長", "みなと市立総合病院")]
