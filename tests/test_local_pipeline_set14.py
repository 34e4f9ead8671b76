"""Generic pieces of the local pipeline added from held-out set 14 (docs/keyer.md).

Each test is built on a small page of our own (not on the set-14 generator) and names in a comment
the set-14 form that needed the piece. Helpers come from tests/test_local_pipeline.py."""
from __future__ import annotations

from tests.test_local_pipeline import key, page, rows
from tests.test_local_pipeline_set13 import _ruled


def _screen(top, company, name, reading, date, kind, before, after, concurrent=("", ""), size=8.5):
    """One order screen of an HR system: labelled boxes, then a 項目 | 発令前 | 発令後 grid whose
    所属 and 役職 rows hold a code box and a name box on each side."""
    items = [(46, top, "人事システム 発令照会 _ □ ×", 9.5), (48, top + 22, "ログイン：髙宮 悦子（人事部）", size),
             (52, top + 46, "会社", size), (128, top + 46, "02", size), (162, top + 46, company, size),
             (52, top + 68, "社員番号", size), (128, top + 68, "149500", size), (224, top + 68, "発令番号", size),
             (300, top + 68, "H2212-0324", size),
             (52, top + 90, "氏名（漢字）", size), (128, top + 90, name, size), (294, top + 90, "氏名（カナ）", size),
             (370, top + 90, reading, size),
             (52, top + 112, "発令日", size), (128, top + 112, date, size), (294, top + 112, "登録日", size),
             (370, top + 112, "2025/03/10", size),
             (52, top + 134, "発令区分", size), (128, top + 134, kind, size),
             (52, top + 165, "項目", size), (132, top + 165, "発令前", size), (338, top + 165, "発令後", size)]
    for r, (label, old, new) in enumerate((("所属", before[0], after[0]), ("役職", before[1], after[1]),
                                           ("兼務所属", "", concurrent[0]), ("兼務役職", "", concurrent[1]))):
        y = top + 185 + 21 * r
        items.append((52, y, label, size))
        for x, value in ((132, old), (338, new)):
            if value:
                items += [(x, y, "1556" if r % 2 == 0 else "41", size), (x + 46, y, value, size)]
    items.append((48, top + 273, "F1:ヘルプ F3:戻る F12:終了", size))
    return items


def test_order_screens_of_an_hr_system_one_person_each_with_a_grid_of_coded_boxes():
    # hatsurei_gamen: 氏名（漢字） | … | 氏名（カナ） | … on one row (the second the reading's box, not a
    # second name), 社員番号 | … | 発令番号 | … (two identifiers on a row), a 項目 | 発令前 | 発令後 grid
    # with a corner label, a code box before each name box (dropped), 兼務所属 / 兼務役職 rows (one
    # added post, 兼 once), the headers flush left over their boxes so a long unit on the left reaches
    # past the middle; a leaver's 発令後 boxes blank
    p1 = page(*_screen(40, "みなと商事株式会社", "林 浩", "ﾊﾔｼ ﾋﾛｼ", "2025/04/01", "01 昇格",
                       ("グローバル営業推進本部第二営業部門", "次長"), ("営業部", "部長"), ("経営企画室", "室長")),
              *_screen(380, "みなと商事株式会社", "森田 圭", "モリタ ケイ", "2025/03/31", "09 退職",
                       ("総務部", "課長"), ("", "")))
    out = key(p1)
    assert rows(out, "family_name", "given_name", "family_name_kana", "given_name_kana", "new_post", "old_post",
                "effective_date", "company") == [
        ("林", "浩", "はやし", "ひろし", "営業部 部長 兼 経営企画室 室長", "グローバル営業推進本部第二営業部門 次長",
         "2025-04-01", "みなと商事株式会社"),
        ("森田", "圭", "もりた", "けい", "退任", "総務部 課長", "2025-03-31", "みなと商事株式会社")]


def test_an_associations_new_board_its_officers_own_firms_a_reappointment_and_the_leavers_dated_in_their_heading():
    # yakuin_kaisen: 役職 | 氏名 | 所属・役職 | 備考 — 所属・役職 is each officer's own firm and post there
    # (a column whose cells name an organisation first, beside the 役職 column: no part of the post);
    # 再任 (the same post again) is no change; 前 理事 in 備考 the old post, the 役職 cell still the
    # new one; ２．退任役員（…付退任） a heading over the leavers — its date theirs, not one person's;
    # a note in brackets alone in the employer column (（学識経験者）) says nothing either way
    cols = (56, 126, 226, 426)
    new_items, new_rules = _ruled(200, ["役職", "氏名", "所属・役職", "備考"], [
        ["会長", "林 浩", "みなと化学株式会社 代表取締役", "新任"],
        ["副会長", "森田 圭", "株式会社あおば技研 取締役", "再任"],
        ["常務理事", "東 智", "かもめ工業株式会社 常務取締役", "前 理事"]], cols)
    old_items, old_rules = _ruled(340, ["役職", "氏名", "所属・役職"], [
        ["理事", "西川 浩一", "株式会社さくら電機 代表取締役"], ["理事", "北村 茂", "（学識経験者）"]], cols[:3])
    out = key(page((440, 40, "令和7年4月10日"), (380, 60, "一般社団法人 全国計器協会"), (230, 100, "役員改選のお知らせ", 14),
                   (56, 130, "令和7年3月31日に開催いたしました通常総会において役員の改選が行われ、"),
                   (56, 146, "令和7年4月1日付をもって下記のとおり新役員が就任いたしました。"),
                   (56, 180, "１．新役員"), *new_items, (56, 320, "２．退任役員（令和7年3月31日付退任）"), *old_items,
                   (520, 440, "以上"), rules=new_rules + old_rules))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date", "company") == [
        ("林", "会長", "", "2025-04-01", "一般社団法人 全国計器協会"),
        ("東", "常務理事", "理事", "2025-04-01", "一般社団法人 全国計器協会"),
        ("西川", "退任", "理事", "2025-03-31", "一般社団法人 全国計器協会"),
        ("北村", "退任", "理事", "2025-03-31", "一般社団法人 全国計器協会")]


def test_a_schedule_of_private_briefings_the_post_told_and_a_secondment_to_a_group_company():
    # naiji_mendan: No. | 面談日時 | 対象者 | 現所属・役職 | 内示内容 | 面談者 — 内示内容 (what each person
    # is told in private) is the post to come; 出向 above the group company and the post there: the
    # company is the group company, the post what follows it; 面談者 (post and name) is no record
    cols = (40, 66, 130, 210, 360, 490)
    items, rules = _ruled(170, ["No.", "面談日時", "対象者", "現所属・役職", "内示内容", "面談者"], [
        ["1", "3/10(月)", "林 浩", "営業部 次長", "営業部 部長", "営業本部長 森田圭"],
        ["2", "3/11(火)", "東 智", "総務部 課長", "出向 みなとサービス株式会社", "管理本部長 西川浩一"]],
                          cols, size=7.0, below=[(2, 4, "総務部 部長")])
    out = key(page((400, 40, "みなと商事株式会社 人事部"), (170, 100, "2025年4月1日付 人事異動 内示面談日程表", 14),
                   (56, 130, "内示は下記の日程で、面談者から対象者本人へ個別に伝えてください。"), *items,
                   (520, 260, "以上"), rules=rules))
    assert rows(out, "family_name", "new_post", "old_post", "company", "effective_date") == [
        ("林", "営業部 部長", "営業部 次長", "みなと商事株式会社", "2025-04-01"),
        ("東", "総務部 部長", "総務部 課長", "みなとサービス株式会社", "2025-04-01")]


def test_a_greeting_cards_line_up_marked_new_or_with_the_old_post_under_the_name_and_the_leavers_under_a_bare_heading():
    # aisatsujo_tate (vertical, read column by column into these lines): the greeting names the leavers
    # and the newcomers both (no heading over departures); the whole line-up, post then name, 新任 or
    # （前 …） under a changed officer's name — an officer with no mark stays (no record) where an
    # arrival is marked too or the line-up is a board's (only 前 marked), also above an entry whose
    # name the analyser does not read (祝 颯真, itself unmarked); 退任 alone
    # on its line heads the leavers; the company and its president sign at the end
    out = key(page((250, 60, "役員異動のご挨拶", 14),
                   (56, 100, "さて 弊社におきましては 令和七年六月一日付をもちまして 下記のとおり役員の異動を行いましたので"),
                   (56, 120, "ご通知申し上げます 退任いたしました者に対する在任中のご厚情に深謝いたしますとともに"),
                   (56, 140, "新任の者に対しましても何卒倍旧のご指導ご鞭撻を賜りますようお願い申し上げます"),
                   (56, 170, "令和七年七月"), (290, 190, "記"),
                   (56, 210, "代表取締役社長"), (400, 210, "林 浩"), (420, 228, "新任", 7),
                   (56, 246, "専務取締役"), (400, 246, "森田 圭"),
                   (56, 270, "常務取締役"), (400, 270, "東 智"), (380, 288, "（前 取締役）", 7),
                   (56, 306, "営業本部長"), (400, 306, "西川 浩一"),
                   (56, 330, "監査役"), (400, 330, "祝 颯真"),
                   (56, 372, "退任"), (56, 394, "取締役"), (400, 394, "北村 茂"),
                   (120, 430, "みなと商事株式会社"), (150, 450, "代表取締役社長 林 浩")))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date", "company") == [
        ("林", "代表取締役社長", "", "2025-06-01", "みなと商事株式会社"),
        ("東", "常務取締役", "取締役", "2025-06-01", "みなと商事株式会社"),
        ("北村", "退任", "取締役", "2025-06-01", "みなと商事株式会社")]
    # one mark only, no 新任, but a board listed whole; no leavers: the last officer, unmarked, right
    # over the company signing
    out = key(page((250, 60, "役員異動のご挨拶", 14),
                   (56, 100, "さて 弊社におきましては 令和七年六月一日付をもちまして 下記のとおり役員の異動を行いました"),
                   (290, 130, "記"),
                   (56, 150, "代表取締役社長"), (400, 150, "林 浩"),
                   (56, 186, "常務取締役"), (400, 186, "東 智"), (380, 204, "（前 取締役）", 7),
                   (56, 222, "取締役"), (400, 222, "北村 茂"),
                   (56, 246, "取締役"), (400, 246, "春日部 寿々"), (380, 264, "（前 執行役員）", 7),
                   (56, 282, "監査役"), (400, 282, "大森 健"),
                   (120, 320, "みなと商事株式会社"), (150, 340, "代表取締役社長 林 浩")))
    # (春日部 寿々: a family name the analyser reads as a place, a given name it knows — also as the
    # next entry under an unmarked officer)
    assert rows(out, "family_name", "given_name", "new_post", "old_post") == [
        ("東", "智", "常務取締役", "取締役"), ("春日部", "寿々", "取締役", "執行役員")]


def test_new_graduates_placed_under_one_heading_for_all_dated_in_its_bracket():
    # shinjin_haizoku: 全員（…付配属） over the table — a heading over everyone, its date the rows',
    # not one person's post and date (全員 reads like a title: …員); the day they joined is no
    # effective date; 出身校 and 指導担当 are no post of theirs
    cols = (56, 80, 160, 250, 340, 470)
    items, rules = _ruled(200, ["No.", "氏名", "ふりがな", "出身校", "配属先", "指導担当"], [
        ["1", "林 浩", "はやし ひろし", "みなと大学", "営業部 営業一課", "営業部 主任 森田 圭"],
        ["2", "東 智", "ひがし さとし", "かもめ工業大学", "製造部 品質管理課", "製造部 主任 西川 浩一"]], cols, size=8.0)
    out = key(page((450, 40, "2025年5月8日"), (400, 56, "みなと商事株式会社"), (230, 100, "新入社員 配属先のお知らせ", 14),
                   (56, 140, "2025年4月1日に入社した新入社員2名は、導入研修を終え、下記のとおり各職場へ配属となります。"),
                   (56, 180, "全員（2025年5月16日付配属）"), *items, (520, 300, "以上"), rules=rules))
    assert rows(out, "family_name", "given_name_kana", "new_post", "old_post", "effective_date") == [
        ("林", "ひろし", "営業部 営業一課", "", "2025-05-16"), ("東", "さとし", "製造部 品質管理課", "", "2025-05-16")]
