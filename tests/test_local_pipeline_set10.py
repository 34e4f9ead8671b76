"""Generic pieces of the local pipeline added from held-out set 10 (docs/keyer.md).

Each test is built on a small page of our own (not on the set-10 generator) and names in a comment
the set-10 form that needed the piece. Helpers come from tests/test_local_pipeline.py."""
from __future__ import annotations

from tests.test_local_pipeline import LETTERHEAD, _table, key, page, rows

LETTER = [(62, 60, "お取引先各位"), (400, 80, "みなと商事株式会社"), (380, 98, "代表取締役社長 西川 浩一"),
          (230, 130, "担当者交代のお知らせ", 14)]


def test_successor_and_predecessor_in_charge_with_where_the_predecessor_goes_in_a_bracket_below():
    # torihiki_aisatsu: a letter to partners naming 新任担当者 / 前任担当者 (担当者 is no contact label
    # there); the bracket under the predecessor says where that person goes and when, and its date
    # is that person's, not a heading over the next block; the contact person is no record
    out = key(page(*LETTER,
                   (62, 170, "さて、弊社では2025年4月1日付の人事異動により、貴社の担当者が下記のとおり交代いたします。"),
                   (290, 200, "記"),
                   (62, 230, "新任担当者"), (150, 230, "営業部 課長 林 浩（はやし ひろし）"),
                   (150, 248, "（前所属 総務部 主任）"),
                   (62, 270, "前任担当者"), (150, 270, "営業部 課長 森田 圭"),
                   (150, 288, "（2025年4月1日付で総務部 部長へ異動）"),
                   (62, 320, "新任担当者"), (150, 320, "購買部 主任 東 智"), (150, 338, "（中途入社）"),
                   (62, 360, "前任担当者"), (150, 360, "購買部 主任 西 亮"), (150, 378, "（2025年3月31日付で退職）"),
                   (62, 400, "新任担当者"), (150, 400, "物流部 係長 中邨 八千代"), (150, 418, "（前所属 物流部 主任）"),
                   (62, 450, "お問い合わせ先：総務部 担当者 真壁 壽子"), (500, 470, "以上")))
    assert rows(out, "family_name", "given_name_kana", "new_post", "old_post", "effective_date") == [
        ("林", "ひろし", "営業部 課長", "総務部 主任", "2025-04-01"),
        ("森田", "", "総務部 部長", "営業部 課長", "2025-04-01"),
        ("東", "", "購買部 主任", "", "2025-04-01"),
        ("西", "", "退任", "購買部 主任", "2025-03-31"),
        ("中邨", "", "物流部 係長", "物流部 主任", "2025-04-01")]


def test_a_name_whose_two_printed_parts_the_analyser_files_otherwise_is_confirmed_by_its_reading():
    # torihiki_aisatsu: 四方 (a noun) 由起 (a family name before a bracket) with its reading in two
    # parts after it; the printed reading of one part agrees with the analyser's
    out = key(page(*LETTERHEAD, (62, 130, "2025年4月1日付で、以下のとおり人事異動を発令します。"),
                   (62, 160, "新：総務部 部長 四方 由起（しかた ゆき）"), (62, 178, "旧：総務部 次長")))
    assert rows(out, "family_name", "given_name", "family_name_kana", "given_name_kana", "new_post", "old_post") == [
        ("四方", "由起", "しかた", "ゆき", "総務部 部長", "総務部 次長")]


def test_a_unit_named_group_before_its_own_title_is_no_employer():
    # torihiki_aisatsu, soshiki_kaisei, ringi_sho: 調達グループ グループマネージャー is a unit and its
    # title, not a post at a group company called 調達グループ
    out = key(page(*LETTERHEAD, (62, 130, "2025年4月1日付で、以下のとおり人事異動を発令します。"),
                   (62, 160, "1. 西川 浩一"), (74, 178, "新：調達グループ グループマネージャー"),
                   (74, 196, "旧：調達グループ チーフ")))
    assert rows(out, "company", "new_post", "old_post") == [
        ("みなと商事株式会社", "調達グループ グループマネージャー", "調達グループ チーフ")]


def test_magazine_entries_beside_a_photo_with_a_labelled_former_post_under_the_name():
    # intra_news: beside a photo placeholder, the new post over the name (its reading in brackets on
    # the name's line), 前職：… under it unbracketed on the placeholder's line, a profile, and a
    # caption 写真：name さん under the photo that is no second record; an outside employer
    # (…総合研究所, …大学) is dropped from the former post and is no name
    items = []
    y = 170
    for post, name, former in (("営業部 部長", "林 浩", "営業部 次長"),
                               ("経営企画室 室長", "森田 圭（もりた けい）", "みどり総合研究所 主任研究員"),
                               ("法務部 課長", "東 智", "青葉大学 准教授")):
        items += [(150, y, post), (150, y + 16, name, 14), (70, y + 38, "PHOTO", 9), (150, y + 38, f"前職：{former}"),
                  (150, y + 54, "2019年入社。新しい組織づくりに取り組む。"), (56, y + 92, f"写真：{name.split('（')[0]}さん", 7)]
        y += 120
    out = key(page((62, 50, "社内報「みなと」"), (400, 50, "発行：みなと商事株式会社 人事部"),
                   (62, 100, "■ 人事"), (62, 130, "新しいポストで活躍する皆さんを紹介します（2025年4月1日付人事異動）"), *items))
    assert rows(out, "family_name", "given_name", "given_name_kana", "new_post", "old_post", "effective_date") == [
        ("林", "浩", "", "営業部 部長", "営業部 次長", "2025-04-01"),
        ("森田", "圭", "けい", "経営企画室 室長", "主任研究員", "2025-04-01"),
        ("東", "智", "", "法務部 課長", "准教授", "2025-04-01")]


def test_persons_listed_under_a_sentence_saying_they_left_leave_the_post_before_their_name():
    # intra_news: …付で次の方が退職されました。 over ・post name さん lines: the post is the one left,
    # the honorific さん after a spaced name is no part of the given name
    out = key(page(*LETTERHEAD, (62, 130, "2025年4月1日付で、以下のとおり人事異動を発令します。"),
                   (62, 160, "1. 西川 浩一"), (74, 178, "新：営業部 部長"), (74, 196, "旧：営業部 次長"),
                   (62, 230, "2025年3月31日付で次の方が退職されました。長い間お疲れさまでした。"),
                   (72, 248, "・総務部 課長 森田 圭さん"), (72, 266, "・品質管理部 主任 中邨 八千代さん")))
    assert rows(out, "family_name", "given_name", "new_post", "old_post", "effective_date") == [
        ("西川", "浩一", "営業部 部長", "営業部 次長", "2025-04-01"),
        ("森田", "圭", "退任", "総務部 課長", "2025-03-31"),
        ("中邨", "八千代", "退任", "品質管理部 主任", "2025-03-31")]


def test_a_city_announcing_its_staffs_changes_is_their_employer_and_a_seconding_prefecture_is_dropped():
    # kisha_happyo: no company in the document; the city is the subject of the announcing sentence
    # and of the title; a prefecture before a seconded official's former post is the employer there
    items, rules = _table(220, ["新職", "氏名", "旧職"], [
        ["都市整備局長", "林 浩", "あおば県 土木部 技監"], ["財政局 税制課長", "森田 圭", "財政局 税制課長補佐"]],
        (62, 240, 360))
    out = key(page((62, 50, "報道発表資料"), (200, 90, "みなとの市職員の人事異動について", 14),
                   (62, 130, "みなとの市は、下記のとおり人事異動を発令します。"), (62, 160, "1.発令日 2025年4月1日"),
                   *items, rules=rules))
    assert rows(out, "family_name", "company", "new_post", "old_post") == [
        ("林", "みなとの市", "都市整備局長", "土木部 技監"), ("森田", "みなとの市", "財政局 税制課長", "財政局 税制課長補佐")]


def test_a_hire_note_beside_a_placeholder_holds_no_post_and_a_note_gives_the_leavers_date():
    # soshiki_kaisei: 旧所属 | 旧役職 reading （新規採用） | ― is a hire; ※ 退職者の発令日は…付 under the
    # table dates the departures, the heading's date the rest
    items, rules = _table(160, ["氏名", "新所属", "新役職", "旧所属", "旧役職"], [
        ["林 浩", "営業部", "部長", "営業部", "次長"], ["森田 圭", "総務部", "課長", "（新規採用）", "―"],
        ["東 智", "退職", "―", "製造部", "課長"]], (62, 150, 250, 350, 450), pitch=22)
    out = key(page(*LETTERHEAD, (62, 130, "2.人事異動（2025年7月1日付）"), *items,
                   (62, 260, "※ 退職者の発令日は2025年6月30日付です。"), rules=rules))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date") == [
        ("林", "営業部 部長", "営業部 次長", "2025-07-01"), ("森田", "総務部 課長", "", "2025-07-01"),
        ("東", "退任", "製造部 課長", "2025-06-30")]


def test_a_dated_departure_in_a_post_cell_is_that_rows_own_date():
    # ringi_sho: 異動後所属・役職 | 退任（2025年3月31日付）: the row's date, not the 発令日 over the table
    items, rules = _table(160, ["氏名", "現所属・役職", "異動後所属・役職"], [
        ["林 浩", "営業部 次長", "営業部 部長"], ["森田 圭", "総務部 部長", "退任（2025年3月31日付）"]],
        (62, 180, 360))
    out = key(page(*LETTERHEAD, (62, 130, "1.発令日 2025年4月1日"), *items, rules=rules))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date") == [
        ("林", "営業部 部長", "営業部 次長", "2025-04-01"), ("森田", "退任", "総務部 部長", "2025-03-31")]



def test_a_name_of_two_words_the_analyser_knows_only_as_common_nouns_in_an_entry():
    # intra_news (seed 7: 四方 陸): a name alone on its line between the post over it and 前職：…
    # under it, both its words common nouns to the analyser, is the entry's name; so is such a
    # pair right after a title at the end of a line (or before an honorific: seed 1, 四方 祐希さん)
    out = key(page(*LETTERHEAD, (62, 130, "2025年4月1日付の人事異動で新しいポストに就いた皆さんです。"),
                   (150, 170, "営業部 部長"), (150, 186, "浜 光", 14), (150, 208, "前職：営業部 次長"),
                   (150, 290, "総務部 課長"), (150, 306, "宮 陸", 14), (150, 328, "前職：総務部 主任"),
                   (62, 380, "新：法務部 部長 港 空さん"), (62, 398, "旧：法務部 次長")))
    assert rows(out, "family_name", "given_name", "new_post", "old_post") == [
        ("浜", "光", "営業部 部長", "営業部 次長"), ("宮", "陸", "総務部 課長", "総務部 主任"),
        ("港", "空", "法務部 部長", "法務部 次長")]


def test_successor_and_predecessor_labels_of_a_handover_letter_in_other_words():
    # torihiki_aisatsu, in words the set does not print: 後任者： / 前任者： lines (a succession
    # table's headers elsewhere) name the side of the post beside the name
    out = key(page(*LETTER, (62, 170, "さて、2025年4月1日付で弊社の担当者が下記のとおり交代いたします。"),
                   (62, 210, "後任者：営業部 課長 林 浩"), (62, 228, "（前所属 総務部 主任）"),
                   (62, 250, "前任者：営業部 課長 森田 圭"), (62, 268, "（2025年4月1日付で総務部 部長へ異動）"),
                   (62, 300, "後任担当者 購買部 主任 東 智"), (62, 318, "（前所属 購買部 係員）"), (500, 360, "以上")))
    assert rows(out, "family_name", "new_post", "old_post") == [
        ("林", "営業部 課長", "総務部 主任"), ("森田", "総務部 部長", "営業部 課長"), ("東", "購買部 主任", "購買部 係員")]
