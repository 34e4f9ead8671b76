"""Generic pieces of the local pipeline added from held-out set 13 (docs/keyer.md).

Each test is built on a small page of our own (not on the set-13 generator) and names in a comment
the set-13 form that needed the piece. Helpers come from tests/test_local_pipeline.py."""
from __future__ import annotations

from inference.layout import Rule
from tests.test_local_pipeline import LETTERHEAD, key, page, rows


def _ruled(top, header, body, cols, size=8.0, pitch=24.0, below=()):
    """A ruled table (as tests/test_local_pipeline._table) in a smaller type; `below`: (row, column,
    text) printed on a second line of that row's cell."""
    items = [(x + 3, top + 5, h, size) for x, h in zip(cols, header)]
    for r, row in enumerate(body, 1):
        items += [(x + 3, top + 4 + r * pitch, v, size) for x, v in zip(cols, row) if v]
    items += [(cols[c] + 3, top + 4 + r * pitch + size + 2, v, size) for r, c, v in below]
    right = 560
    rules = [Rule(cols[0], top + k * pitch, right, top + k * pitch) for k in range(len(body) + 2)]
    rules += [Rule(x, top, x, top + (len(body) + 1) * pitch) for x in list(cols) + [right]]
    return items, rules


def test_a_business_card_order_title_columns_a_quantity_column_and_the_printer_addressed():
    # meishi_irai: 氏名 | よみがな | 新肩書（名刺記載） | 旧肩書 | 枚数 | 備考 — 肩書 is the title on the
    # card, new and old, 枚数 how many cards (no table was read); the printer the order is sent to
    # (…印刷　御中) is not the company; a row ordered for a new extension only is no record
    cols = (30, 50, 110, 180, 330, 470, 505)
    items, rules = _ruled(170, ["No.", "氏名", "よみがな", "新肩書（名刺記載）", "旧肩書", "枚数", "備考"], [
        ["1", "林 浩", "はやし ひろし", "営業部 部長", "営業部 次長", "100", ""],
        ["2", "森田 圭", "もりた けい", "総務部 課長", "総務部 課長", "200", "内線変更のみ"],
        ["3", "東 智", "ひがし さとし", "経理部 主任", "―", "100", "中途入社"]], cols)
    out = key(page((62, 40, "株式会社こもれび印刷　御中"), (450, 40, "2025年3月20日"), (400, 56, "みなと商事株式会社"),
                   (400, 72, "総務部 総務課"), (230, 100, "名刺作成依頼書", 14),
                   (62, 130, "2025年4月1日付の人事異動に伴い、下記のとおり名刺の作成をお願いいたします。"), *items,
                   rules=rules))
    assert rows(out, "family_name", "given_name_kana", "new_post", "old_post", "company", "effective_date") == [
        ("林", "ひろし", "営業部 部長", "営業部 次長", "みなと商事株式会社", "2025-04-01"),
        ("東", "さとし", "経理部 主任", "", "みなと商事株式会社", "2025-04-01")]


def test_orders_addressed_to_each_person_the_post_relieved_after_them_a_hire_and_a_resignation_accepted():
    # tsutatsu_gou: 第n号 / 山田太郎（ﾔﾏﾀﾞ ﾀﾛｳ）に対し、…を命ずる。なお、…の職を免ずる。 (the old post in the
    # order's second sentence, also on the next line); …の職を解き、…付をもって退職を承認する (a
    # leaver, dated that day — not the orders below); …を…付をもって社員として採用し、…を命ずる (a
    # hire: the post ordered, not 社員, the name cut where its reading cuts: 甘利 衛, not 甘 利衛);
    # 帯刀　玲央に対し (a family name the analyser does not know), its order broken before る。なお、;
    # 萌々: the repeat mark is the given name's (the president signing under the company was read as
    # 寳来 萌 and kept as a person)
    out = key(page((450, 40, "人通第12号"), (62, 56, "関係部署 御中"), (400, 56, "みなと商事株式会社"),
                   (400, 72, "代表取締役社長　寳来　萌々"), (250, 100, "人事通達", 14),
                   (62, 130, "2025年4月1日付をもって、下記のとおり発令する。"), (62, 150, "第１号"),
                   (62, 166, "林浩（ﾊﾔｼ ﾋﾛｼ）に対し、営業部 部長を命ずる。なお、"),
                   (62, 182, "営業部 次長の職を免ずる。"), (62, 202, "第２号"),
                   (62, 218, "森田圭（ﾓﾘﾀ ｹｲ）に対し、総務部 課長の職を解き、"),
                   (62, 234, "2025年3月31日付をもって退職を承認する。"), (62, 254, "第３号"),
                   (62, 270, "帯刀　玲央に対し、"),
                   (62, 286, "経営企画ユニット ユニットリーダー 兼 法務コンプライアンスユニット ユニットリーダーを命ず"),
                   (62, 302, "る。なお、人事部 係長の職を免ずる。"), (62, 322, "第４号"),
                   (62, 338, "甘利衛（ｱﾏﾘ ﾏﾓﾙ）を2025年4月1日付をもって社員として採用し、"),
                   (62, 354, "経理部 主任を命ずる。"), (62, 374, "第５号"),
                   (62, 390, "東 萌々に対し、広報室 室長を命ずる。"), (62, 420, "以上")))
    assert rows(out, "family_name", "given_name", "new_post", "old_post", "effective_date") == [
        ("林", "浩", "営業部 部長", "営業部 次長", "2025-04-01"),
        ("森田", "圭", "退任", "総務部 課長", "2025-03-31"),
        ("帯刀", "玲央", "経営企画ユニット ユニットリーダー 兼 法務コンプライアンスユニット ユニットリーダー", "人事部 係長",
         "2025-04-01"),
        ("甘利", "衛", "経理部 主任", "", "2025-04-01"),
        ("東", "萌々", "広報室 室長", "", "2025-04-01")]


def _column(top, text, width=20.0, x=56, size=10.0):
    """A narrow newspaper column: `text` set solid and broken where the next character would pass
    `width` ems (ASCII half an em, a space one), anywhere — a space at a break is the line's end."""
    lines, line, used = [], "", 0.0
    for ch in text:
        w = 0.5 if ch.isascii() and ch != " " else 1.0
        if used + w > width:
            lines.append(line.strip())
            line, used = "", 0.0
        line += ch
        used += w
    lines.append(line.strip())
    return [(x, top + n * 17, t, size) for n, t in enumerate(lines)]


def test_a_newspaper_column_of_run_in_entries_broken_anywhere_under_each_banks_dated_head():
    # shinbun_ginko: ◇bank（date）▽new post（前old post）name▽… set solid in a narrow column and broken
    # inside words: cut into entries at each ▽, the head names the employer (a bank: no legal form)
    # and the date; 前川端支店 is 前 + a branch, no name 前川; 雲雀玲央 the name ending an entry; the
    # leaver's entry carries its own date (▽…付退任（前…）…); a break where the paragraph spaces a
    # unit from its title keeps the space (桐原支店 / 支店長)
    first = _column(120, "◇みなと銀行（2025年4月1日）▽桐原支店 支店長（前本町支店 支店長代理）林浩▽城東支店"
                         " 支店長（前川端支店 支店長）森田圭▽2025年3月31日付退任（前北町支店 支店長）雲雀玲央")
    # (a line pushed past the column's edge by a bracket does not move the edge: the next line, a
    # space's width short of it, runs on; a name too long for a line's end starts the next line)
    second = [(56, 200, "◇かもめ信用金庫（２０２５年４月１５日）▽港支店"),
              (56, 217, "支店長（前本店 営業部長）東智▽北支店 支店長（前"),
              (56, 234, "南支店 支店長補佐）大川翼▽西支店 支店長補佐"),
              (56, 251, "（前本店 次長）森翼")]
    # (a line ending in the mark runs on, its entry — a leaver's, dated — on the lines below)
    third = [(56, 274, "◇うみかぜ証券（２０２５年５月１日）▽本店 部長"),
             (56, 291, "（前本店 次長）長谷川翼▽北支店 支店長（前本店"),
             (56, 308, "部長）"),
             (56, 325, "大野 翼▽南支店 課長（前本店）森圭▽"),
             (56, 342, "2025年4月30日付退任（前東京支店 ブロック長兼支"),
             (56, 359, "店長）西村翼")]
    out = key(page((62, 40, "みなと経済新聞", 14), (400, 40, "2025年3月10日　9面"), (160, 96, "◆人事◆", 12),
                   *first, *second, *third, (62, 400, "（切り抜き：広報室　2025年3月10日受付）", 8)))
    assert rows(out, "family_name", "given_name", "company", "effective_date", "new_post", "old_post") == [
        ("林", "浩", "みなと銀行", "2025-04-01", "桐原支店 支店長", "本町支店 支店長代理"),
        ("森田", "圭", "みなと銀行", "2025-04-01", "城東支店 支店長", "川端支店 支店長"),
        ("雲雀", "玲央", "みなと銀行", "2025-03-31", "退任", "北町支店 支店長"),
        ("東", "智", "かもめ信用金庫", "2025-04-15", "港支店 支店長", "本店 営業部長"),
        ("大川", "翼", "かもめ信用金庫", "2025-04-15", "北支店 支店長", "南支店 支店長補佐"),
        ("森", "翼", "かもめ信用金庫", "2025-04-15", "西支店 支店長補佐", "本店 次長"),
        ("長谷川", "翼", "うみかぜ証券", "2025-05-01", "本店 部長", "本店 次長"),
        ("大野", "翼", "うみかぜ証券", "2025-05-01", "北支店 支店長", "本店 部長"),
        ("森", "圭", "うみかぜ証券", "2025-05-01", "南支店 課長", "本店"),
        ("西村", "翼", "うみかぜ証券", "2025-04-30", "退任", "東京支店 ブロック長兼支店長")]


def test_a_single_run_in_entry_under_its_banks_head_and_a_marked_column_heading():
    # shinbun_ginko: one bank, one entry (▽ inside a line once, after the ◇ head), under ◆人事◆ (its
    # closing ◆ is no entry mark): the filing company on top is not the employer
    out = key(page((450, 30, "ひいらぎ物産株式会社", 8), (62, 40, "日刊かいきょう", 14), (400, 40, "2025年8月25日　9面"),
                   (160, 96, "◆人事◆", 12), (66, 120, "◇あすなろ信用組合（２０２５年１０月１日）▽城東支店"),
                   (56, 137, "支店長（前港北支店 支店長補佐）帯刀巌"), (62, 200, "（切り抜き：広報室　2025年8月25日受付）", 8)))
    assert rows(out, "family_name", "given_name", "company", "effective_date", "new_post", "old_post") == [
        ("帯刀", "巌", "あすなろ信用組合", "2025-10-01", "城東支店 支店長", "港北支店 支店長補佐")]


def test_an_extension_list_number_columns_a_number_only_row_and_a_hire_marked_in_the_kind_column():
    # naisen_henko: 区分 | 氏名 | 変更後 所属・役職 | 新内線 | 変更前 所属・役職 | 旧内線 — 変更前 is the old
    # side, the extension columns are no posts, a row of 番号変更 (the number alone changed) is no
    # record, 新任 in 区分 is the row's kind (no 新/旧 stacking: the hire's post over two lines was
    # cut to its first line and （新規） added to it)
    cols = (30, 70, 140, 290, 340, 490)
    items, rules = _ruled(170, ["区分", "氏名", "変更後 所属・役職", "新内線", "変更前 所属・役職", "旧内線"], [
        ["異動", "林 浩", "営業部 部長", "3420", "営業部 次長", "4845"],
        ["番号変更", "森田 圭", "総務部 課長", "3566", "総務部 課長", "5117"],
        ["新任", "東 智", "経理部", "3792", "（新規）", "―"]], cols, below=[(3, 2, "主任")])
    out = key(page(*LETTERHEAD, (62, 140, "2025年4月1日付の人事異動に伴い、内線番号表を下記のとおり変更します。"),
                   *items, rules=rules))
    assert rows(out, "family_name", "new_post", "old_post") == [
        ("林", "営業部 部長", "営業部 次長"), ("東", "経理部 主任", "")]


def test_a_number_alone_on_the_second_line_of_a_cell_inside_the_frame_is_no_page_number():
    # shataku_tehai: 社宅 | しおかぜ社宅 / 203 — the flat's number under its name, alone on its line
    # inside the ruled frame, ended the table there (the rows below it were lost)
    cols = (30, 50, 120, 230, 340, 420, 490)
    items, rules = _ruled(150, ["No.", "氏名", "新任地・役職", "旧任地・役職", "着任日", "社宅", "家族"], [
        ["1", "林 浩", "営業部 部長", "営業部 次長", "2025/04/01", "しおかぜ社宅", "単身"],
        ["2", "森田 圭", "総務部 課長", "総務部 係長", "2025/04/08", "第一寮", "帯同"]], cols, below=[(1, 5, "203")])
    out = key(page(*LETTERHEAD, *items, rules=rules))
    assert rows(out, "family_name", "new_post", "old_post", "effective_date") == [
        ("林", "営業部 部長", "営業部 次長", "2025-04-01"), ("森田", "総務部 課長", "総務部 係長", "2025-04-08")]
