"""Persons from table rows: the cells of a row by column role (inference/local/geometry.py)."""
from __future__ import annotations

import re

from inference.local import geometry, names, posts, prose, scope
from inference.local.assembly import Found
from inference.local.geometry import Line, Table
from jptext import find_dates, is_kana, nfkc, squeeze


def _undittoed_posts(table: Table, post_cells: list[geometry.Cell]) -> list[str]:
    """The texts of a row's post cells, 〃 / 同上 in one column (工事名 | 職: 〃 | 副作業所長) read
    as that column's text on the row above."""
    last = getattr(table, "last_posts", {})
    texts = []
    for c in post_cells:
        col = table.column_of(c)
        key = col.cx if col else None
        text = last.get(key, "") if squeeze(c.text) in scope.DITTO else c.text
        texts.append(text)
        last = {**last, key: text}
    table.last_posts = last
    return [t for t in texts if t]


def _employer_columns(table: Table) -> set:
    """Of two or more post columns (役職 | 所属・役職), one whose cells mostly name an organisation
    first (…株式会社 常務取締役, an outside officer's own firm and post there): the person's
    employer, no part of the post they are listed for."""
    cached = getattr(table, "employer_columns", None)
    if cached is not None:
        return cached
    out = set()
    post_cols = [col for col in table.columns if col.role == "post"]
    if len(post_cols) >= 2:
        texts: dict = {}
        for row in table.rows:
            for c in geometry.row_cells(table, row).get("post", []):
                col = table.column_of(c)
                # (a note in brackets alone, （常勤）, （学識経験者）, says nothing either way)
                if col is not None and squeeze(c.text) and not re.fullmatch(r"[(（][^()（）]*[)）]", squeeze(c.text)):
                    texts.setdefault(col.cx, []).append(c.text)
        for key, ts in texts.items():
            named = sum(1 for t in ts if posts.names_employer(t))
            if 2 * named > len(ts) and len(out) + 1 < len(texts):
                out.add(key)
    table.employer_columns = out
    return out


def from_row(table: Table, row: list[Line], index: int, order: float, company: str, company_conf: float,
             departing: bool = False, notes: dict[str, str] | None = None, underlines: bool = True) -> Found | None:
    """The person of one table row. `departing`: the section heading above the table is about
    departures (２．退職者), so a row's only post is the one left. `underlines`: whether underlined
    rows are the changed ones (not in a correction notice, where they mark what was corrected)."""
    cells = geometry.row_cells(table, row)
    if geometry.marked_up(table) and "post" in cells and not any(c.role in ("new", "old") for c in table.columns):
        # 見え消し: the post struck through is the one left, the post in red the one taken; words
        # neither struck nor red stay on both sides (a 兼 line in red adds to the post kept)
        words = [w for c in cells["post"] for w in c.words]
        gone = [geometry.struck(w, table.horizontals) for w in words]
        if not any(gone) and not any(w.red for w in words):
            return None  # a row without a mark did not change
        page = cells["post"][0].page
        old_words = [w for w in words if not w.red]
        new_words = [w for w, g in zip(words, gone) if not g]
        cells = {k: v for k, v in cells.items() if k != "post"}
        cells["old"] = [geometry.Cell(page, old_words)] if old_words else []
        cells["new"] = [geometry.Cell(page, new_words)] if new_words else []
    name_cells = cells.get("name", [])
    if any(col.under in ("new", "old") and col.role == "name" for col in table.columns):
        # 現体制 | 新体制: the person is named on each side where they hold a post; one side is enough
        for side in ("new", "old"):
            mine = [c for c in name_cells if (col := table.column_of(c)) and col.under == side]
            if any(names.looks_like_name_cell(c.text) for c in mine):
                name_cells = mine
                break
    name_texts, readings = [], []
    reading_cell = None
    garbled = False
    for c in name_cells:
        t = c.text
        if _scanned(row) and not re.search(r"[^\W_]", t) and squeeze(t) not in scope.DITTO:
            continue  # a fax's specks read as marks beside the name ()” after 長谷川 大樹): no part of it
        reading, rest = reading_in(t)
        if not reading and _garbled_reading(t, ends=_scanned(row) and _name_below(c, name_cells)):
            reading, rest = "".join(ch for ch in t if is_kana(ch) or ch.isspace()).strip(), ""
            garbled = True
        if not reading and rest and _scanned(row) and (_small_print_over(c, name_cells) or _small_print_under(c, name_cells)):
            continue  # the reading over (or under) the name, read as no kana: no part of the name
        if reading:
            if readings and not rest and _same_line(c, reading_cell):
                # しみず | えみ: a reading parted at a scan's wide gap is one reading, not two
                readings[-1] = f"{readings[-1]} {reading}"
            else:
                readings.append(reading)
            reading_cell = c
        if rest:
            name_texts.append(rest)
    column_kana = [k for c in cells.get("kana", []) if (k := _column_reading(c.text))]
    if column_kana:
        readings.append(" ".join(column_kana))  # セイ | メイ in two columns: one reading
    if name_texts and squeeze(" ".join(name_texts)) in scope.DITTO and getattr(table, "last_name", None):
        # 〃 in the name column: the person of the row above (a ledger of orders, one order a row)
        name_texts, readings = [table.last_name[0]], [table.last_name[1]] if table.last_name[1] else []
    if not name_texts:
        return None
    printed = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", " ".join(name_texts))  # 山田 太郎（58歳）
    printed = re.sub(r"\s*(氏|様|殿|さん|君)$", "", printed)  # 山田 太郎 様: the honorific is no part of the name
    printed = re.sub(r"^[A-Za-z]{0,3}\d{3,}[A-Za-z]?\s+", "", printed)  # 12345 山田 太郎: an employee number first
    printed = printed.lstrip(geometry.ENTRY_MARKS + "※＊* ")  # ◎山田 太郎: a mark beside the name (a legend's)
    if not names.looks_like_name_cell(printed) and not _family_and_given(table, name_cells):
        return None
    parts = [r.strip(_BRACKETS).strip() for r in readings]
    if len(parts) >= 2 and not any(re.search(r"[\s\u3000]", p) for p in parts[:2]):
        # the reading's two parts in two cells of the name column: small print over a name parted wider
        # than its own em (fax: はやし | けんいち over 林 健一 — the given name's reading was lost)
        reading = f"{parts[0]} {parts[1]}"
    else:
        reading = parts[0] if parts else ""
    table.last_name = (printed, reading)
    family, given, name_conf = names.split_name(printed, reading)
    if garbled and (known := names.split_name(printed))[2] >= 0.9:
        # a reading the scan garbled (a glyph dropped: 7 ジ イナナ over 藤井奈々) does not re-part a joined name
        # the analyser knows whole (it parted 藤 | 井奈々 by じ)
        family, given, name_conf = known
    if _family_column_only(table, name_cells):
        # 姓 | 名 with the 名 cell read as nothing (a fax's 圭): the name read is the family name, not one to
        # part (岡本 parted 岡 | 本 by its reading おかもと けい)
        family, given = squeeze(printed), ""
    conf_words = min(c.conf for c in name_cells)
    f = Found(order, family, given, name_conf * conf_words)
    fk, gk = names.kana_pair(reading, family, given)
    f.set("family_name_kana", fk, 0.9 if gk else 0.5)
    f.set("given_name_kana", gk, 0.9 if gk else 0.4)
    if not reading:
        f.conf["family_name_kana"] = f.conf["given_name_kana"] = 0.9
    # (出向: a new-post cell naming the group company before the post there — pipeline._persons)
    new = posts.empty_if_placeholder(" ".join(c.text for c in cells.get("new", [])))
    old = posts.empty_if_placeholder(" ".join(c.text for c in cells.get("old", [])))
    # 異動前 | → | 異動後: the arrow of an unheaded column between the sides joins the nearer side's
    # cell; it says which way the person moves, it is no part of either post
    new, old = posts.LEADING_ARROW.sub("", new), posts.TRAILING_ARROW.sub("", old)
    # 〃 / 同上 in a post column: the same post as the row above
    if squeeze(new) in scope.DITTO:
        new = getattr(table, "last_new", "")
    if squeeze(old) in scope.DITTO:
        old = getattr(table, "last_old", "")
    table.last_new, table.last_old = new, old
    concurrent = _concurrent_posts(cells)
    if concurrent:
        new, old = concurrent
    slashed = next((col.slashed for col in table.columns if col.slashed), None)
    if slashed:
        # 新役職／旧役職 | 営業部 部長／営業部 次長: both posts in one cell, in the header's order
        parts = re.split(r"\s*[/／]\s*", new if slashed[0] == "new" else old, maxsplit=1)
        if len(parts) == 2:
            sides = dict(zip(slashed, (posts.empty_if_placeholder(p) for p in parts)))
            new, old = sides["new"], sides["old"]
    bracketed = any(c.role == "new" and c.bracketed == "old" for c in table.columns)
    if new and not old:
        # 営業部 部長（現 営業部 次長）: the old post in brackets after the new one, in one cell
        new, old = posts.bracketed_old(new, bracketed)
    employer = _employer_columns(table)
    generic = " ".join(_undittoed_posts(table, [c for c in cells.get("post", [])
                                                if not employer or (col := table.column_of(c)) is None
                                                or col.cx not in employer]))
    if generic and any(c.under == "post" for c in table.columns):
        # 所属 | 役職（旧 | 新）: the one 所属 goes with the title on each side; a side with no
        # title (―) stays empty, so a row with ― twice is a grade-only change, no post change
        new, old = (f"{generic} {v}" if v else "" for v in (new, old))
        generic = ""
    if generic and new and posts.is_unit(generic) and posts.bare_title(new):
        # 診療科 | 新職名 | … | 旧職名: the unit column is where the new title is held
        new, generic = f"{generic} {new}", ""
    elif generic and new and posts.is_workplace(generic) and " " not in new.strip() and posts.is_title(new):
        # 店舗名 | 職位 | 氏名 | 前所属: the shop (school, site) column is where the title is held
        new, generic = f"{generic} {new}", ""
    # 区分 printed once in a box merged over every row of its kind
    remarks = " ".join(c.text for c in cells.get("remarks", [])) or geometry.merged_cell_text(table, index, "remarks", True)
    if remarks and (posts.NO_CHANGE.match(squeeze(remarks)) or posts.CONTACT_ONLY.match(squeeze(remarks))):
        return None  # 留任: listed, not changed; 番号変更: listed for the new extension alone
    labelled = _labelled_lines(cells)
    if labelled and not new and not old:
        # 異動内容 | 新：営業部 部長 / 旧：営業部 次長 — one column, its lines labelled
        new, old = labelled.get("new", ""), labelled.get("old", "")
        # (役職 | … | 備考 前 理事: a remark naming the old post alone leaves the post column the new post)
        kept = "new" not in labelled and not any(posts.label_of(c.text)[0] for c in cells.get("post", []))
        generic, remarks = generic if kept else "", remarks if not any(posts.label_of(c.text)[0] for c in cells.get("remarks", [])) else "異動"
    stacked = _stacked_posts(table, row)
    if stacked:
        new, old = posts.empty_if_placeholder(stacked["new"]), posts.empty_if_placeholder(stacked["old"])
        generic = ""
        remarks = " ".join(c.text for c in cells.get("remarks", []) if not posts.bare_label(c.text))
        if not remarks:
            remarks = "新旧"  # the row itself marks what changed
    for text in (generic, remarks):
        if not new and not old and posts.ARROW.search(text):
            # 異動内容 / 役職: 営業部 次長 → 営業部 部長, one column says both
            before, after = posts.old_and_new(text)
            old, new = posts.empty_if_placeholder(before), posts.empty_if_placeholder(after)
            generic = ""
            if text == remarks:
                remarks = "異動"
    if not new and remarks:
        # 発令事項 | 営業部 部長に任命する / 退職を承認する: the remark is the order, the post in it;
        # the post columns beside it (所属 | 役職) are then the post held until now
        ordered = prose.orders_in_cell(remarks)
        new = ordered.get("new", new)
        if _HIRED_AS_STAFF.search(squeeze(remarks)):
            new = ""  # 社員に採用する: a hire, the post ordered on its own row (or none)
        old = old or ordered.get("old", "")
        if new and generic and not old:
            old, generic = generic, ""
    if not old and remarks and any(col.under for col in table.columns):
        # 新任（現 経営監査室 室長）: the remark names where a new officer comes from
        old = posts.bracketed_old(remarks)[1]
    departs = bool(remarks) and posts.DEPARTURE_CUE.search(remarks) is not None
    left = posts.empty_if_placeholder(" ".join(c.text for c in cells.get("left", [])))
    if left or (departing and not new and ("new" not in {c.role for c in table.columns} or not old)):
        # 退職時所属・役職 | 退職日, or a post column under a departures heading: the post left
        departs, generic, old = True, left or generic or old, ""
    if not new and generic and not departs:
        new = generic  # a roster's one post column: the post from now on
    if posts.DEPARTURE_CUE.search(squeeze(new)) and posts.post_likeness(new) < 0.5:
        new = posts.DEPARTURE
    f.set("new_post", posts.clean_post(new), 0.9)
    f.set("old_post", posts.clean_old(old), 0.9)
    if not old:
        f.conf["old_post"] = 0.85
    if departs and not new:
        f.set("old_post", posts.clean_old(generic), 0.8)
        f.set("new_post", posts.DEPARTURE, 0.8)
    roles = {c.role for c in table.columns} | ({"old"} if bracketed else set())
    # A roster without an old-post column says in its remarks what changed: no remark, no change.
    f.cue = bool(remarks.strip()) if "remarks" in roles else "old" not in roles
    if "remarks" in roles and "old" not in roles:
        f.decided = f.cue
    date_text = " ".join(c.text for c in cells.get("date", [])) or geometry.merged_cell_text(table, index, "date")
    if squeeze(date_text) in scope.DITTO:
        date_text = getattr(table, "last_date", "")  # 〃 / 同上: the date of the row above
    dates = [m.iso for m in find_dates(date_text)]
    if not dates and date_text and _scanned(row):
        dates = _column_date(table, date_text)
    if not dates and any(col.date for col in table.columns):
        # 現職 | ７月１日付 | １０月１日付: the day of the column the new post is written in
        dates = [col.date for c in cells.get("new", []) if (col := table.column_of(c)) and col.date]
    if dates:
        f.set("effective_date", dates[0], 0.95)
        table.last_date = date_text
    else:
        # 異動後 | 退任（2021年3月31日付）: a date with 付 beside the post in its cell is the row's own
        own = scope.effective_dates(" ".join(c.text for role in ("new", "left") for c in cells.get(role, [])))
        if own:
            f.set("effective_date", own[0][1], 0.9)
    company_text = " ".join(c.text for c in cells.get("company", [])) or geometry.merged_cell_text(table, index, "company")
    if company_text:
        value = scope.resolve_company(company_text, company,
                                      getattr(table, "last_company", ""))
        table.last_company = value
        f.set("company", value, 0.9 if company else 0.6)
        if old and squeeze(old).startswith("当社") and company and value != company:
            f.cue = True  # from the announcing company to a group company: a change of company
        if company and value != company and any(re.match(r"(出向|転籍|派遣)先", squeeze(c.text)) for c in table.header.cells):
            f.cue = True  # 出向先 | いろはフーズ販売株式会社: sent to another company, even with the same title
    if old and posts.outside_employer(old):
        f.cue = True  # from another company of the group: a change even with the same title
    if table.has_underlines and underlines:
        f.decided = table.underlined_rows[index] if index < len(table.underlined_rows) else False
        if not f.decided and _scanned(row) and new and old and squeeze(posts.clean_post(new)) != squeeze(posts.clean_old(old)):
            # a scan's short underline (次長 alone, under the length a rule is found at in the image) or
            # a fax's broken one is lost: on an OCR'd row, a new post other than the old is a change
            f.decided = True
    for note in _notes_of(cells, notes or {}):
        _apply_note(f, note)
    return f


def _column_date(table: Table, text: str) -> list[str]:
    """A scanned date cell read as no date (R7.4. with its last digit lost, R7.41 with a point lost, RZ.10.1 with 7
    read Z: split_columns on every seed, clean and fax), in a date column whose cells read as dates all say one
    date: that date, when the cell's digits (two or more) are the digits of one of those cells in order with
    some left out. A column of dates that differ from row to row says nothing of an unreadable one."""
    digits = re.sub(r"\D", "", nfkc(text))
    if len(digits) < 2:
        return []
    read: dict[str, list[str]] = {}
    for row in table.rows:
        cell_text = " ".join(c.text for c in geometry.row_cells(table, row).get("date", []))
        found = find_dates(cell_text)
        if found:
            read.setdefault(found[0].iso, []).append(re.sub(r"\D", "", nfkc(cell_text)))
    if len(read) != 1:
        return []
    iso, texts = next(iter(read.items()))

    def within(short: str, long: str) -> bool:
        it = iter(long)
        return all(ch in it for ch in short)

    return [iso] if any(within(digits, t) for t in texts) else []


def _same_line(a: geometry.Cell, b: geometry.Cell | None) -> bool:
    return b is not None and abs((a.y0 + a.y1) - (b.y0 + b.y1)) / 2 < 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _garbled_reading(text: str, ends: bool = False) -> bool:
    """A name cell's line of kana with a stray digit or mark, no kanji: a reading a scan garbled (こばやし
    あっ80 over 小林光男). Taken for the name, it made the cell no name and the row no person. `ends`: the
    line is over a name in the cell (`_name_below`), where one kanji at either end is a speck read as a glyph
    (人ハヤシ ショウタ over 林翔太, roster_underline fax seed 5: the reading lost); a name alone in its cell
    (森 アンナ) keeps its kanji."""
    t = squeeze(text)
    kana = sum(1 for ch in t if is_kana(ch) and ch not in "ー〜")  # a row rule's specks are read as ーーー
    # one kanji between two kana is a kana misread (なおき read な市さき): no name is spelt so
    t = re.sub(rf"(?<=[\u3041-\u30FF])[{names._KANJI}](?=[\u3041-\u30FF])", "", t, count=1)
    if ends:
        t = re.sub(rf"^[{names._KANJI}](?=[\u3041-\u30FF])|(?<=[\u3041-\u30FF])[{names._KANJI}]$", "", t, count=1)
    return kana >= 3 and kana >= 2 * (len(t) - kana) and not re.search(rf"[{names._KANJI}]", t)


def _name_below(c: geometry.Cell, name_cells: list[geometry.Cell]) -> bool:
    """Another of the row's name cells starts right under `c` (within its height), overlapping it across,
    with kanji in it: `c` is the line printed over a name."""
    h = c.y1 - c.y0
    return any(o is not c and c.y1 - 0.5 * h <= o.y0 and o.y0 - c.y1 < max(h, o.y1 - o.y0)
               and min(c.x1, o.x1) - max(c.x0, o.x0) > 0 and re.search(rf"[{names._KANJI}]", squeeze(o.text))
               for o in name_cells)


def _small_print_over(c: geometry.Cell, name_cells: list[geometry.Cell]) -> bool:
    """A scanned name cell's line in print under 0.8 of the size of a line of the cell right below it (its
    top no lower than the name's top plus half the small line's height), or a line over the name of digits or
    letters, alone or with kana (no name is spelt so): the reading printed over the name. Read as no kana (tiny half-width ｶﾀｶﾅ over 加藤優子 read 四り19コ), it was taken for the family
    name and the whole name for the given one."""
    h = c.y1 - c.y0
    t = squeeze(c.text)
    # a box the specks of a fax made taller than the name: its mix of digits or letters with kana says it
    mixed = re.search(r"[0-9A-Za-z]", t) and (re.search(r"[\u3041-\u30FF]", t) or not re.search(rf"[{names._KANJI}]", t))
    return any(o is not c and (h < 0.8 * (o.y1 - o.y0) and c.y1 - 0.5 * h <= o.y0 or mixed and c.y1 <= o.y0 + 0.5 * (o.y1 - o.y0)
                               and c.y0 < o.y0)
               and o.y0 - c.y1 < (o.y1 - o.y0) and min(c.x1, o.x1) - max(c.x0, o.x0) > 0
               and re.search(rf"[{names._KANJI}]", squeeze(o.text)) for o in name_cells)


def _small_print_under(c: geometry.Cell, name_cells: list[geometry.Cell]) -> bool:
    """A scanned name cell's line in print under 0.8 of the size of the name right above it (its top no
    higher than the name's bottom less half its own height, less than a name's height below): the
    reading printed under the name (merged_dates: （ｻｶﾓﾄ ﾕｳｺ） read CHAE 192), its bracket lost). Read as no
    kana, it was joined to the name, and the row was no person."""
    h = c.y1 - c.y0
    t = squeeze(c.text)
    if sum(ch in "ー一－―‐-_—~〜…" for ch in t) >= 0.6 * len(t):
        return False  # a fax's row rule read as dashes (ーーーペーー…): no reading
    return any(o is not c and h < 0.8 * (o.y1 - o.y0) and c.y0 >= o.y1 - 0.5 * h and c.y0 - o.y1 < (o.y1 - o.y0)
               and min(c.x1, o.x1) - max(c.x0, o.x0) > 0 and re.search(rf"[{names._KANJI}]", squeeze(o.text))
               for o in name_cells)


def _family_and_given(table: Table, name_cells: list[geometry.Cell]) -> bool:
    """姓 | 名 in columns of their own, a few kanji each: a name, whatever the given name ends with (a fax's
    次郎 read 次部 looked like a unit, and the whole row was dropped with it)."""
    if len(name_cells) != 2 or len({id(table.column_of(c)) for c in name_cells}) != 2:
        return False
    return all(re.fullmatch(rf"[{names._KANJI}]{{1,4}}", squeeze(c.text)) for c in name_cells)


def _column_reading(text: str) -> str:
    """A reading column's cell: its kana, also with one stray glyph at an end (a fax's speck read as a kanji
    before まつもと made the cell no reading, and the row's family reading the given one's)."""
    t = text.strip(_BRACKETS)
    if is_kana(t):
        return t
    for cut in (t[1:], t[:-1]):
        if len(squeeze(cut)) >= 2 and is_kana(cut):
            return cut.strip(_BRACKETS)
    return ""


def _family_column_only(table: Table, name_cells: list[geometry.Cell]) -> bool:
    columns = [col for col in table.columns if col.role == "name"]  # (not 現体制 | 新体制, a name on each side)
    return (len(columns) == 2 and not any(col.under for col in columns) and len(name_cells) == 1 and table.column_of(name_cells[0]) is columns[0]
            and re.fullmatch(rf"[{names._KANJI}]{{1,4}}", squeeze(name_cells[0].text)) is not None)


def _scanned(row: list[Line]) -> bool:
    """The row was read by OCR (its words carry the engine's character confidences)."""
    return any(w.char_conf for ln in row for c in ln.cells for w in c.words)


# 社員に採用する / 職員として採用: hired into the staff, no post yet
_HIRED_AS_STAFF = re.compile(r"^(正?社員|職員|従業員|契約社員)(に|として)採用")


def merge_order_rows(prev: Found, f: Found) -> bool:
    """Two rows of one person in a ledger of orders (…を免ずる and …を命ずる in either order; 社員に
    採用する, then …を命ずる): the second row's posts complete the first's record (or repeat it),
    when neither says a post the other says differently. True when merged into `prev`."""
    if (prev.family, prev.given) != (f.family, f.given):
        return False
    pairs = [(prev.values.get(k, ""), f.values.get(k, "")) for k in ("new_post", "old_post")]
    if any(a and b and a != b for a, b in pairs) or not any(b for _a, b in pairs):
        return False
    for key in ("new_post", "old_post", "effective_date", "family_name_kana", "given_name_kana", "company"):
        if f.values.get(key):
            prev.set(key, f.values[key], f.conf.get(key, 0.8), override=False)
    prev.cue = prev.cue or f.cue
    if f.decided is not None:
        prev.decided = bool(prev.decided) or f.decided
    return True


_NOTE_MARK = re.compile(r"[(（]?(?:注|※)\s*([0-9]+)[)）]?")
_NOTE_LINE = re.compile(r"^[(（]\s*(?:注|※)\s*([0-9]+)\s*[)）]\s*(.+)$")
_CONCURRENT_NOTE = re.compile(r"(現職|旧職|現役職).{0,6}(兼務|兼任|兼ねる)")


def numbered_notes(lines: list[Line]) -> dict[str, str]:
    """Notes printed under a table, each with its number (（注1）発令日は…付とする。)."""
    out = {}
    for ln in lines:
        m = _NOTE_LINE.match(nfkc(squeeze(ln.text)))
        if m:
            out.setdefault(m.group(1), m.group(2))
    return out


def _notes_of(cells: dict[str, list], notes: dict[str, str]) -> list[str]:
    if not notes:
        return []
    marks = [_NOTE_MARK.fullmatch(nfkc(squeeze(c.text))) for role in cells for c in cells[role]]
    return [notes[m.group(1)] for m in marks if m and m.group(1) in notes]


def _apply_note(f: Found, note: str) -> None:
    """A note a row points to changes its record: another effective date (発令日は…付とする), or
    the old post kept beside the new one (現職を引き続き兼務する: new 兼 old)."""
    dated = [m for m in find_dates(note) if re.match(r"\s*付", note[m.end:]) or "発令日" in note[:m.start]]
    if dated:
        f.set("effective_date", dated[0].iso, 0.9)
    new, old = f.values.get("new_post", ""), f.values.get("old_post", "")
    if _CONCURRENT_NOTE.search(note) and new and old and "兼" not in new:
        f.values["new_post"] = f"{new} 兼 {old}"


def succession(table: Table) -> bool:
    """職位 | 前任者 | 後任者: a post changing hands per row, no 氏名 column."""
    roles = {c.role for c in table.columns}
    return {"outgoing", "incoming"} <= roles and "name" not in roles


def from_succession_row(table: Table, row: list[Line], order: float) -> list[Found]:
    """The persons of one successor-table row. The row's post is the one the predecessor leaves and
    the successor takes; under each name a bracketed note says where the predecessor goes (→ post,
    → 退任) or where the successor comes from (前 post, 新規採用). A side with no name (（新設）: a post
    nobody held) is no person."""
    cells = geometry.row_cells(table, row)
    post = posts.clean_post(" ".join(c.text for c in cells.get("post", [])))
    out = []
    for k, role in enumerate(("outgoing", "incoming")):
        side = cells.get(role, [])
        if not side:
            continue
        printed = side[0].text
        if not names.looks_like_name_cell(printed):
            continue
        note = posts.clean_post(" ".join(c.text for c in side[1:]))  # a note wrapped at its spaces
        family, given, name_conf = names.split_name(printed, "")
        f = Found(order + 0.1 * k, family, given, name_conf * min(c.conf for c in side))
        f.conf["family_name_kana"] = f.conf["given_name_kana"] = 0.9
        if role == "outgoing":
            dest = posts.ARROW.sub("", note, count=1).strip() if posts.ARROW.match(note) else note
            if posts.DEPARTURE_CUE.fullmatch(squeeze(dest)):
                dest = posts.DEPARTURE  # (→ 退職) and (→ 退任) key alike
            new, old = dest, post
        else:
            was = posts.clean_old(note)
            new, old = post, posts.empty_if_placeholder(was)
        f.set("new_post", posts.clean_post(new), 0.85)
        f.set("old_post", old, 0.85)
        if not old:
            f.conf["old_post"] = 0.85
        f.cue = True
        out.append(f)
    return out


_CONCURRENT_MARK = re.compile(r"[(（]?(兼務|兼任|兼)[)）]?")


def _concurrent_posts(cells: dict[str, list]) -> tuple[str, str] | None:
    """A person over several lines, a 区分 column marking some 兼務 (本務 on the first): each marked
    line's post is held concurrently, joined to the main one with 兼 (A 兼 B). A line with no
    post on one side (―: newly added; （兼務解除）: given up) adds nothing to that side."""
    marks = sorted(cells.get("remarks", []), key=lambda c: c.y0)
    if not any(_CONCURRENT_MARK.fullmatch(squeeze(c.text)) for c in marks) or len(marks) < 2:
        return None
    out = []
    for role in ("new", "old"):
        parts: dict[int, list[str]] = {}
        for group in geometry.line_groups(cells.get(role, [])):
            cy = (group[0].y0 + group[0].y1) / 2
            k = max((i for i, m in enumerate(marks) if m.y0 <= cy + 0.3 * group[0].size), default=0)
            parts.setdefault(k, []).append(" ".join(c.text for c in group))
        kept = []
        for k in sorted(parts):
            text = posts.empty_if_placeholder(" ".join(parts[k]))
            if text and not re.fullmatch(r"[(（][^()（）]*[)）]", squeeze(text)):
                kept.append(text)
        out.append(" 兼 ".join(kept))
    return out[0], out[1]


def _labelled_lines(cells: dict[str, list]) -> dict[str, str]:
    """Posts labelled inside one column's cells (新：… on one line, 旧：… on the next)."""
    out: dict[str, str] = {}
    for role in ("post", "remarks", "other"):
        for c in cells.get(role, []):
            label, rest = posts.label_of(c.text)
            for role_k, post_k in posts.split_labelled(label, rest) if label else ():
                out[role_k] = f"{out.get(role_k, '')} {posts.empty_if_placeholder(post_k)}".strip()
    return out


def _stacked_posts(table: Table, row: list[Line]) -> dict[str, str] | None:
    """新 and 旧 on two lines of one person's row, marked in a column of their own (区分)."""
    out = {"new": [], "old": []}
    marked = set()
    for ln in row:
        role = next((posts.bare_label(c.text) for c in ln.cells if posts.bare_label(c.text)), None)
        if not role:
            continue
        marked.add(role)
        for c in ln.cells:
            col = table.column_of(c)
            if col and col.role in ("post", "new", "old", "other") and not posts.bare_label(c.text):
                out[role].append(c.text)
    # (both sides labelled: 新任 alone in a 区分 column is the kind of change of a row in one line)
    return {k: " ".join(v) for k, v in out.items()} if len(marked) == 2 else None


_BRACKETS = "()（）【】[]《》〈〉「」『』〔〕［］<> "


def reading_in(text: str) -> tuple[str, str]:
    """Split a name cell into its reading (a kana line or a bracketed kana part) and the name."""
    if is_kana(text.strip(_BRACKETS)):
        return text.strip(_BRACKETS), ""
    m = re.search(r"[(（【\[《〈「『〔［<]([^()（）【】\[\]《》〈〉「」『』〔〕［］<>]+)[)）】\]》〉」』〕］>]\s*$", text)
    if m and is_kana(m.group(1)):
        return m.group(1), text[: m.start()].strip()
    return "", text


# --- persons outside tables ------------------------------------------------------------------------------
