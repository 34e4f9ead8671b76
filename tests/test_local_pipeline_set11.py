"""Generic pieces of the local pipeline added from held-out set 11 (docs/keyer.md).

Each test is built on a small page of our own (not on the set-11 generator) and names in a comment
the set-11 form that needed the piece. Helpers come from tests/test_local_pipeline.py."""
from __future__ import annotations

from tests.test_local_pipeline import LETTERHEAD, _table, key, page, rows

ANNOUNCE = (62, 130, "2025年4月1日付で、下記のとおり人事異動を発令します。")


def test_bulleted_names_with_the_post_and_a_note_in_brackets_on_the_line_under_each():
    # chat_log, kansogeikai: ・name（reading）or ・name さん alone on its line, then the new post
    # closed by （前：old post）, （前 old post）, a hire note, or the post left （…付で退職）
    out = key(page(*LETTERHEAD, ANNOUNCE,
                   (62, 160, "・林 浩（ﾊﾔｼ ﾋﾛｼ）"), (76, 176, "営業部 部長（前：営業部 次長）"),
                   (62, 192, "・森田 圭さん"), (76, 208, "総務部 課長（前 総務部 主任）"),
                   (62, 224, "・東 智"), (76, 240, "法務部 主任（新規入社）"),
                   (62, 256, "・西 亮さん"), (76, 272, "購買部 主任（2025年3月31日付で退職）")))
    assert rows(out, "family_name", "given_name", "given_name_kana", "new_post", "old_post", "effective_date") == [
        ("林", "浩", "ひろし", "営業部 部長", "営業部 次長", "2025-04-01"),
        ("森田", "圭", "", "総務部 課長", "総務部 主任", "2025-04-01"),
        ("東", "智", "", "法務部 主任", "", "2025-04-01"),
        ("西", "亮", "", "退任", "購買部 主任", "2025-03-31")]


def test_a_dated_departure_in_brackets_after_the_post_beside_a_name():
    # kansogeikai: 山田 太郎 営業部 部長（…付で退職）: the post beside the name is the one left and
    # the bracket's date the person's own (the date was read as the post left)
    out = key(page(*LETTERHEAD, ANNOUNCE, (62, 160, "・西 亮さん 購買部 主任（2025年3月31日付で退職）"),
                   (62, 178, "・東 智 法務部 主任（前 法務部 係長）")))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date") == [
        ("西", "退任", "購買部 主任", "2025-03-31"), ("東", "法務部 主任", "法務部 係長", "2025-04-01")]


def test_an_honorific_after_the_reading_is_no_part_of_the_post():
    # kansogeikai: ・山田 太郎（やまだ たろう）さん over old → new or new（前 old）: さん after the
    # reading was read into the post
    out = key(page(*LETTERHEAD, ANNOUNCE,
                   (62, 160, "・林 浩（ハヤシ ヒロシ）さん"), (76, 176, "営業部 次長 → 営業部 部長"),
                   (62, 192, "・森田 圭（もりた けい）さん"), (76, 208, "総務部 課長（前 総務部 主任）"),
                   (62, 230, "・東 智（ひがし さとし）さん 法務部 主任（前 法務部 係長）")))
    assert rows(out, "family_name", "given_name_kana", "new_post", "old_post") == [
        ("林", "ひろし", "営業部 部長", "営業部 次長"), ("森田", "けい", "総務部 課長", "総務部 主任"),
        ("東", "さとし", "法務部 主任", "法務部 係長")]


def test_names_in_old_character_forms_the_analyser_knows_only_in_their_standard_form():
    # chat_log, kansogeikai: 黃 靑 龜 鹽 穗 寳 豐 衞 乘 壹 are read through their standard forms (for
    # the analyser only; the printed form is keyed); 黃瀬 乘一 was no name, and its post line ran on
    # into the bulleted name line before it
    out = key(page(*LETTERHEAD, ANNOUNCE, (62, 150, "【転出】"),
                   (62, 166, "・黃田 乘一さん"), (76, 182, "営業部 次長 → 総務部 部長"),
                   (62, 198, "・黃木 壹郎さん"), (76, 214, "品質管理部 主任 → 製造部 係長"),
                   (62, 236, "【転入】"),
                   (62, 252, "・龜田 衞"), (76, 268, "営業部 次長（前 法務部 主任）")))
    assert rows(out, "family_name", "given_name", "new_post", "old_post") == [
        ("黃田", "乘一", "総務部 部長", "営業部 次長"), ("黃木", "壹郎", "製造部 係長", "品質管理部 主任"),
        ("龜田", "衞", "営業部 次長", "法務部 主任")]


def test_who_posted_a_chat_message_and_when_names_no_record():
    # chat_log: a channel printed from the browser; the poster's name (spaced or not, seed 7) and
    # the time head each message, also under the departures post (the second page's messages)
    out = key(page((62, 40, "#人事-お知らせ | みなと商事株式会社"), (96, 100, "西川 浩一 10:05"),
                   (96, 116, "【退職のお知らせ】"), (96, 132, "以下の方が2025年3月31日付で退職されます。"),
                   (96, 160, "・林 浩 営業部 部長")),
              page((96, 80, "森田 圭 11:32"), (96, 96, "林さん、お疲れさまでした！"), (96, 130, "東智 11:40"),
                   (96, 146, "林さん、ありがとうございました！"), number=2))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date") == [
        ("林", "退任", "営業部 部長", "2025-03-31")]


def test_a_unit_named_section_before_its_own_title_is_a_post():
    # chat_log: …セクション is a unit like …グループ or …チーム (知的財産セクション セクションリーダー
    # was half a post and no entry)
    out = key(page(*LETTERHEAD, ANNOUNCE,
                   (62, 160, "・林 浩"), (76, 176, "法務セクション セクションリーダー（前：法務セクション サブリーダー）"),
                   (62, 192, "・森田 圭"), (76, 208, "物流セクション サブリーダー（新規入社）")))
    assert rows(out, "family_name", "new_post", "old_post") == [
        ("林", "法務セクション セクションリーダー", "法務セクション サブリーダー"), ("森田", "物流セクション サブリーダー", "")]


def test_a_ledger_of_orders_one_order_a_row_with_the_name_dittoed_on_the_persons_next_row():
    # hatsureibo: 発令日 | 氏名 | 現職 | 発令内容, a move in two rows (…を免ずる and …を命ずる, in
    # either order) with 〃 or the name again in the name column, a hire 社員に採用する then its post,
    # a leaver in one row
    items, rules = _table(160, ["発令日", "氏名", "現職", "発令内容"], [
        ["2025/4/1", "林 浩", "営業部 次長", "営業部 次長を免ずる"], ["2025/4/1", "〃", "", "営業部 部長を命ずる"],
        ["2025/4/1", "森田 圭", "総務部 主任", "総務部 課長を命ずる"], ["2025/4/1", "森田 圭", "", "総務部 主任を免ずる"],
        ["2025/4/1", "東 智", "―", "社員に採用する"], ["2025/4/1", "〃", "", "法務部 主任を命ずる"],
        ["2025/3/31", "西 亮", "購買部 主任", "退職を承認する"]], (40, 110, 200, 330), pitch=22)
    out = key(page((400, 40, "みなと商事株式会社"), (250, 90, "発 令 簿", 14), *items, rules=rules))
    assert rows(out, "family_name", "given_name", "new_post", "old_post", "effective_date") == [
        ("林", "浩", "営業部 部長", "営業部 次長", "2025-04-01"), ("森田", "圭", "総務部 課長", "総務部 主任", "2025-04-01"),
        ("東", "智", "法務部 主任", "", "2025-04-01"), ("西", "亮", "退任", "購買部 主任", "2025-03-31")]


def test_a_departure_dated_on_a_line_labelled_with_a_closing_bracket_dates_that_person_only():
    # fax_soshinhyo: ◆ name / 新）退職（…付） / 旧）post: the date is the leaver's, not a heading over
    # the entries below it (they kept the date of the opening sentence)
    out = key(page(*LETTERHEAD, ANNOUNCE,
                   (62, 160, "◆ 林 浩"), (76, 176, "新）退職（2025年3月31日付）"), (76, 192, "旧）営業部 部長"),
                   (62, 214, "◆ 森田 圭"), (76, 230, "新）総務部 課長"), (76, 246, "旧）総務部 主任")))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date") == [
        ("林", "退任", "営業部 部長", "2025-03-31"), ("森田", "総務部 課長", "総務部 主任", "2025-04-01")]


def test_a_university_announcing_its_staffs_changes_is_their_employer():
    # kyoin_jinji: no legal form and no company in the document; the university is the subject of
    # the announcing sentence (…大学では、…付で下記のとおり教員人事を行います)
    items, rules = _table(200, ["新職", "氏名", "現職"], [["法学部 教授", "林 浩", "法学部 准教授"]], (62, 200, 330))
    out = key(page((62, 60, "教職員各位"), (440, 80, "みなと学芸大学"), (440, 96, "事務局 人事課"),
                   (200, 130, "教員人事について", 14),
                   (62, 160, "みなと学芸大学では、2025年4月1日付で下記のとおり教員人事を行います。"), *items, rules=rules))
    assert rows(out, "family_name", "company", "new_post", "old_post") == [
        ("林", "みなと学芸大学", "法学部 教授", "法学部 准教授")]


def test_a_family_name_filed_as_a_place_and_an_unknown_given_name_closed_by_an_honorific():
    # kansogeikai (seed 99: 八幡 晧一さん): さん right after a given name the dictionary does not know
    # closes it as a space would; the entry was lost
    out = key(page(*LETTERHEAD, ANNOUNCE, (62, 160, "・大宮 晧介さん"), (76, 176, "営業部 部長（2025年3月31日付で退職）"),
                   (62, 192, "・林 浩さん"), (76, 208, "営業部 次長 → 営業部 部長")))
    assert rows(out, "family_name", "given_name", "new_post", "old_post", "effective_date") == [
        ("大宮", "晧介", "退任", "営業部 部長", "2025-03-31"), ("林", "浩", "営業部 部長", "営業部 次長", "2025-04-01")]


def test_names_the_analyser_splits_wrongly_or_not_at_all_beside_their_printed_reading_or_an_honorific():
    # kansogeikai, chat_log, fax_soshinhyo (seeds 7 and 4242): printed without a space before its
    # two-part reading (茂木和奏（モテギ ワカナ）), the cut where the analyser reads a part as printed or
    # after its first word; a spaced name its reading confirms over a shorter name read inside it
    # (砂子 乘一: 乘 | 一); a family name the dictionary files as a given name before a given name it
    # reads as two words, closed by さん (茂木 乘一さん)
    out = key(page(*LETTERHEAD, ANNOUNCE,
                   (62, 160, "・大宮晧介（オオミヤ コウスケ）さん"), (76, 176, "営業部 次長 → 営業部 部長"),
                   (62, 192, "・砂川 乘平（すながわ じょうへい）"), (76, 208, "総務部 課長（前：総務部 主任）"),
                   (62, 224, "・小石 乘平（こいし じょうへい）"), (76, 240, "法務部 課長（前：法務部 主任）"),
                   (62, 256, "・真琴 乘平さん"), (76, 272, "購買部 主任（前 購買部 係員）")))
    assert rows(out, "family_name", "given_name", "given_name_kana", "new_post", "old_post") == [
        ("大宮", "晧介", "こうすけ", "営業部 部長", "営業部 次長"), ("砂川", "乘平", "じょうへい", "総務部 課長", "総務部 主任"),
        ("小石", "乘平", "じょうへい", "法務部 課長", "法務部 主任"), ("真琴", "乘平", "", "購買部 主任", "購買部 係員")]


def test_a_ledger_of_orders_running_on_to_the_next_page_with_the_person_dittoed_there():
    # hatsureibo (seed 4242): …を免ずる on the last row of page 1, 〃 …を命ずる on the first row of
    # page 2 under the repeated header: one record
    header = ["発令日", "氏名", "現職", "発令内容"]
    cols = (40, 110, 200, 330)
    items1, rules1 = _table(160, header, [["2025/4/1", "林 浩", "営業部 次長", "営業部 部長を命ずる"],
                                          ["2025/4/1", "〃", "", "営業部 次長を免ずる"],
                                          ["2025/4/1", "森田 圭", "総務部 主任", "総務部 主任を免ずる"]], cols, pitch=22)
    items2, rules2 = _table(80, header, [["2025/4/1", "〃", "", "総務部 課長を命ずる"],
                                         ["2025/4/1", "東 智", "―", "社員に採用する"],
                                         ["2025/4/1", "〃", "", "法務部 主任を命ずる"]], cols, pitch=22)
    out = key(page((400, 40, "みなと商事株式会社"), (250, 90, "発 令 簿", 14), *items1, (400, 300, "（次頁へ続く）"),
                   rules=rules1),
              page(*items2, rules=rules2, number=2))
    assert rows(out, "family_name", "new_post", "old_post") == [
        ("林", "営業部 部長", "営業部 次長"), ("森田", "総務部 課長", "総務部 主任"), ("東", "法務部 主任", "")]


def test_a_bulleted_name_of_plain_nouns_or_an_old_form_read_as_a_place_over_its_post_and_note():
    # chat_log (seed 1): ・砂子 乘一 (a common noun, then 乘 | 一 with a numeral) alone on its line
    # over post（前：old post）: a name where the entry's lines say one is printed (it ran on into the
    # post line); 靑柳 is read as 青柳 where the analyser files the standard form as a proper noun (seed 1: 靑山)
    out = key(page(*LETTERHEAD, ANNOUNCE,
                   (62, 160, "・岩場 乘一"), (76, 176, "法務セクション セクションリーダー（前：法務セクション サブリーダー）"),
                   (62, 192, "・靑柳 緞子"), (76, 208, "総務部 課長（前：総務部 主任）")))
    assert rows(out, "family_name", "given_name", "new_post", "old_post") == [
        ("岩場", "乘一", "法務セクション セクションリーダー", "法務セクション サブリーダー"),
        ("靑柳", "緞子", "総務部 課長", "総務部 主任")]
