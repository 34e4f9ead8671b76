"""`key_pages`: one layout-agnostic pipeline from words with positions to records.

1. geometry: lines and cells per page; tables found by their header row; the rest read in
   column order (two-column pages left column first).
2. persons: table rows with a name column; elsewhere names found by the analyser in lines.
3. for each person: posts and their roles (column header; 新/旧 labels on the lines beside
   or below; the text before the name and the bracket after it; the section heading;
   prose cue verbs 就任/任命/昇任/退任 …), the reading beside or above the name, the date
   in scope (row, section heading, sentence, document) and the company in scope (row
   column, announcing company from the 会社名 line, letterhead or footer).
4. assembly: one record per person whose post changes, a confidence per field.

Pure: no database and no PDF library; `inference.local.textlayer` and OCR produce the pages.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import replace

from dataentry.spec import DocumentTypeSpec
from inference.base import FailureKind, KeyerFailure, KeyerOutput
from inference.layout import PageLayout
from inference.local import delimited, geometry, names, posts, prose, rows, scope
from inference.local.assembly import Found, to_records
from inference.local.geometry import Cell, Line, Table
from jptext import find_dates, fold_space, is_kana, squeeze

MODEL = "local-pipeline"
PROMPT_VERSION = "pipeline-1"

# Lines whose names are not records: letterhead contact, representative, notes.
_NOT_RECORD_LINE = re.compile(r"(代表者|問合せ|問い合わせ|連絡先|(?<![新前後旧]任)(?<![新前後旧])担当者|TEL|電話|^※|^\s*注|記入者|作成者|発信者"
                              # who to ask or who wrote it: 照会先, 文責, 起案者, 内線 1234, （担当：…）
                              r"|照会先|文責|起案者|内線|(^|[(（])\s*担当\s*[:：]"
                              # a note's ※ a scan read as * before a sentence about someone named above
                              # (* 中村 光男氏は、社外取締役候補者であります: officer_text, fax seed 42)
                              r"|^\s*[*＊](?=.*氏は)"
                              # a photo's caption or credit (写真：山田 太郎さん, 撮影：…)
                              r"|^\s*[(（]?\s*(写真|撮影|Photo|PHOTO)\s*[:：]"
                              r"|^\s*(差出人|送信者|送信元|発信元|宛先|From|To|Cc|CC)\s*[:：]"
                              # who filed, posted or approved it, who attended or chaired the meeting
                              # (申請者：…, 出席取締役 …, ４．議 長 …), who signed under a seal (… 山田 太郎 印)
                              r"|^\s*(?:[0-9０-９]{1,2}\s*[.．、)）]\s*)?(申請者|掲載者|投稿者|承認者|決裁者|起票者|報告者"
                              r"|提出者|依頼者|出席\S{0,4}|欠席\S{0,4}|議\s*長(?=\s*[:：]|\s))"
                              r"|\s(印|㊞)\s*$"
                              # a ceremony's programme: who opens it, hands out the orders, speaks
                              # (一、開式の辞　司会 人事部長 …, 二、辞令交付　代表取締役社長 …)
                              r"|^\s*(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})\s*[、.．)）]\s*\S{0,8}?"
                              r"(司会|訓示|挨拶|あいさつ|謝辞|祝辞|講評|辞令交付|開式|閉式|開会|閉会)"
                              # a chat message's header: who posted it and when (山田 太郎 10:05, 山田太郎 10:05)
                              r"|^\s*[^\s\d:：]{1,6}(\s+[^\s\d:：]{1,6})?\s+(午前|午後)?\s*[0-2]?\d[:：][0-5]\d\s*$)")
_CAREER_YEAR = re.compile(r"(\d{4}|(令和|平成|昭和)\s*(\d{1,2}|元))\s*年")
_TITLE = re.compile(r"(お知らせ|について|に関する|人事異動|辞\s*令|発\s*令|異動|人事|体制|通知)")
_NOT_CHANGED = re.compile(r"(^|\s|[(（])(留任|現任|重任|変更なし|異動なし)[)）]?\s*$")
_PROSE_CUE = re.compile(r"(就任|昇任|昇格|昇進|任命|命ず|命じ|委嘱|選任|着任|配属|配置|異動|退任|退職|辞任|兼務|兼任|採用|復職|転任"
                        r"|転勤|転籍|出向|登用|起用|抜擢|迎え|担当)")


def key_pages(pages: list[PageLayout], spec: DocumentTypeSpec) -> KeyerOutput:
    """Key a document given as words with positions. Raises KeyerFailure(UNAVAILABLE) only
    when no person is found."""
    started = time.monotonic()
    names.preload()
    items, all_lines = _read(pages)
    found = _persons(items, all_lines, pages[0].height if pages else 0.0)
    records, confidence = to_records(found, spec)
    if any(p.source == "ocr" for p in pages):
        records = [_ocr_readings(r) for r in records]
    if not records:
        raise KeyerFailure(FailureKind.UNAVAILABLE, "no personnel-change records: no person whose post changes was found")
    raw = json.dumps({"records": records}, ensure_ascii=False)
    return KeyerOutput(records=records, keyer="local", model=MODEL, prompt_version=PROMPT_VERSION,
                       confidence=confidence, raw_response=raw[:20000],
                       latency_ms=int((time.monotonic() - started) * 1000),
                       meta={"sources": sorted({p.source for p in pages}),
                             # names split by a guess (no space, no reading, unknown to the analyser)
                             "uncertain_name_splits": [r["family_name"] + r["given_name"] for r, c in
                                                       zip(records, confidence) if c["family_name"] < 0.5]})


def _ocr_readings(rec: dict) -> dict:
    """An OCR'd page's readings and titles put right where the dictionary and the title grammar leave one
    answer (names.repair_reading, posts.repair_titles); a text layer's are as printed."""
    rec = dict(rec)
    if rec.get("family_name_kana") and not rec.get("given_name_kana") and rec.get("given_name"):
        parted = names.split_lost_space(rec["family_name_kana"], rec["given_name"])
        if parted:
            rec["family_name_kana"], rec["given_name_kana"] = parted
    for name, kana, part in (("family_name", "family_name_kana", "姓"), ("given_name", "given_name_kana", "名")):
        if rec.get(kana) and rec.get(name):
            rec[kana] = names.repair_reading(rec[kana], rec[name], part)
    for key in ("new_post", "old_post"):
        if rec.get(key):
            rec[key] = posts.repair_titles(rec[key])
    return rec


# --- reading the pages ----------------------------------------------------------------------------------


def _read(pages: list[PageLayout]) -> tuple[list[tuple], list[Line]]:
    """Items in reading order: ("line", Line) and ("row", Table, row lines)."""
    items: list[tuple] = []
    all_lines: list[Line] = []
    order = 0
    open_table: Table | None = None
    for page in pages:
        page, lines = geometry.read_page(page)
        loose: list[Line] = []
        tables: list[Table] = []
        i = 0
        if open_table is not None:
            # A table the previous page ended in may run on here without its header.
            for k in range(min(len(lines), 8)):
                if geometry.find_header(lines[k]):
                    break
                if geometry.continues(open_table, lines[k]):
                    above = lines[k - 1] if k else None
                    if above is not None and len(above.cells) == 1 and is_kana(above.cells[0].text) \
                            and 0 <= lines[k].y0 - above.y1 < above.size:
                        k -= 1  # the reading printed above the first name
                    loose += lines[:k]
                    table, i = geometry.continue_table(page, lines, k, open_table)
                    tables.append(table)
                    break
        open_table = None
        while i < len(lines):
            stacked = geometry.find_stacked_header(lines, i)
            if stacked:
                header, cols = stacked
                geometry.sides_above(cols, lines[max(0, i - 1):i], header)
                table, end = geometry.build_table(page, lines[:i] + [header] + lines[i + 2:], i, cols)
                tables.append(table)
                i = end + 1
                continue
            cols = geometry.find_header(lines[i])
            if cols:
                geometry.sides_above(cols, lines[max(0, i - 2):i], lines[i])
            split = geometry.side_by_side(cols) if cols else None
            if split is not None:
                end = i + 1
                for half, span in zip(geometry.halves(lines[i:], split), ((0.0, split), (split, page.width))):
                    if not half or half[0][0] != 0:
                        continue
                    half_cols = geometry.find_header(half[0][1])
                    if not half_cols:
                        continue
                    table, used = geometry.build_table(page, [ln for _k, ln in half], 0, half_cols, span)
                    tables.append(table)
                    end = max(end, i + half[used - 1][0] + 1)
                i = end
                continue
            if cols:
                table, i = geometry.build_table(page, lines, i, cols)
                tables.append(table)
                continue
            banded = geometry.find_banded_header(lines, i)
            if banded:
                header, cols, used = banded
                table, end = geometry.build_table(page, lines[:i] + [header] + lines[i + used:], i, cols)
                tables.append(table)
                i = end + used - 1
                continue
            loose.append(lines[i])
            i += 1
        if tables and not any(ln.squeezed in ("以上", "以下余白") for ln in loose if ln.y0 > tables[-1].header.y1):
            open_table = tables[-1]  # nothing closes it on this page: it may run on
        loose = geometry.split_columns(geometry.framed_cards(loose, page.rules, _one_person), page.width)
        page_items: list[tuple[tuple, tuple]] = []
        # Loose lines keep their column order; a table goes where its header is, and two tables
        # with no line between them one after the other.
        for k, ln in enumerate(loose):
            page_items.append(((k, 0, 0), ("line", ln)))
        for ti, t in enumerate(tables):
            pos = sum(1 for ln in loose if ln.y0 < t.header.y0) - 0.5
            for r, row in enumerate(t.rows):
                page_items.append(((pos, ti, r), ("row", t, row, r)))
        page_items.sort(key=lambda x: x[0])
        for _k, item in page_items:
            order += 1
            if item[0] == "line":
                item[1].order = order
                all_lines.append(item[1])
            else:
                for ln in item[2]:
                    ln.order = order
            items.append((order, item))
    return items, all_lines


# --- persons --------------------------------------------------------------------------------------------


def _persons(items: list[tuple], all_lines: list[Line], page_height: float) -> list[Found]:
    markers = scope.date_markers(all_lines)
    notes = rows.numbered_notes(all_lines)
    company, company_conf = scope.announcing_company(all_lines)
    found: list[Found] = []
    departing = False  # the section heading above says departures (２．退職者)
    heading_company: list[tuple[float, str]] = []  # (order, company) of headings naming a company
    heading_unit: list[tuple[float, str]] = []  # (order, unit) of headings naming a unit (■ 営業部（3名）)
    heading_title = ""  # the title the section heading above names (１ 校長)
    # ▽ starting each run-on entry: a line starting with it is an entry's start, not a heading
    bullet = _entry_mark([it[1] for _o, it in items if it[0] == "line"])
    superseded = _superseded(items)
    run_in_heads = set()
    for start, (end, entries) in _run_in_entries(all_lines).items():
        # ◇さざなみ銀行（2023年6月1日）▽…: the head of a run-in paragraph names the body its entries are
        # at and the day they take effect (none of its lines is a section heading)
        run_in_heads.update(id(ln) for ln in all_lines[start:end])
        body, iso = _run_in_head(entries[0][1])
        if body:
            heading_company.append((entries[0][0].order - 0.5, body))
        if iso:
            markers.append(scope.DateMarker(entries[0][0].order - 0.5, iso, 0.85))
            markers.sort(key=lambda m: m.order)
    last_row_table, last_row_found = None, None
    for n, (order, item) in enumerate(items):
        if item[0] == "line":
            text = fold_space(item[1].text)
            if bullet and text.startswith(bullet) and not geometry.is_section_heading(item[1]) or id(item[1]) in run_in_heads:
                continue
            caption = _caption_of_table(item[1], items[n + 1][1] if n + 1 < len(items) else None, company)
            if caption:
                heading_company.append((order, caption))
                continue
            following = items[n + 1][1] if n + 1 < len(items) else None
            named = scope.company_of_text(text) if len(item[1].cells) == 1 else ""
            if (named and squeeze(named) == squeeze(text) and following is not None and following[0] == "line"
                    and names.find_names(fold_space(following[1].text))):
                # 北斗物流株式会社 / 取締役 山田 太郎 …: a company's name alone over its persons' entries
                heading_company.append((order, named))
                continue
            if geometry.is_section_heading(item[1]) or (posts.NUMBERING.match(text) and not names.find_names(text)):
                heading_title, departing = posts.heading_post(text)
                heading_company.append((order, scope.company_of_heading(text, company)))
                heading_unit.append((order, _unit_of_heading(text)))
        elif item[0] == "row" and rows.succession(item[1]):
            found += rows.from_succession_row(item[1], item[2], order)
        elif item[0] == "row":
            table = item[1]
            # the same table going on after a page break, its header repeated: 〃 on its first row is
            # the last person of the page before
            going_on = last_row_table is not None and (last_row_table is table or (
                found and found[-1] is last_row_found
                and [c.role for c in last_row_table.columns] == [c.role for c in table.columns]))
            if going_on and last_row_table is not table and not hasattr(table, "last_name"):
                table.last_name = getattr(last_row_table, "last_name", None)
            f = rows.from_row(table, item[2], item[3], order, company, company_conf, departing, notes,
                              underlines=superseded is None)
            last_row_table = table
            if f:
                f.from_row = True
            if f and heading_title and posts.is_workplace(f.values.get("new_post", "")):
                # １ 校長 over 学校名 | 氏名 | 旧任校・旧職: the row names where, the heading which post
                f.values["new_post"] = f"{f.values['new_post']} {heading_title}"
            if f and found and going_on and found[-1] is last_row_found and rows.merge_order_rows(found[-1], f):
                continue  # the person's next order in a ledger of orders, one order a row
            if f:
                found.append(f)
                last_row_found = f
    plain = [it for _o, it in items if it[0] == "line"]
    exported, used = delimited.persons([it[1] for it in plain])
    found += exported
    from_lines = _from_lines([it for it in plain if id(it[1]) not in used], page_height)
    texts = {it[1].order: fold_space(it[1].text) for it in plain}
    for f in from_lines:
        if _stays(texts.get(f.order, ""), f):
            f.decided = False
    found += from_lines
    bare = [] if markers else scope.bare_date_markers(all_lines)
    leavers_date = _leavers_date(all_lines)
    for f in found:
        if leavers_date and not f.values.get("effective_date") and f.values.get("new_post") == posts.DEPARTURE:
            f.set("effective_date", leavers_date, 0.85)  # ※ 退職者の発令日は6月30日付です
        if not f.values.get("effective_date"):
            # No date says 付 or 発令日 anywhere (辞令 print the order's date on a line of its own):
            # the date nearest after the person on the page, with low confidence
            iso, conf = scope.date_in_scope(f.order, markers) if markers else scope.date_after(f.order, bare)
            f.set("effective_date", iso, conf)
            if not iso:
                f.conf["effective_date"] = 0.2
        new = fold_space(f.values.get("new_post", ""))
        # (出向 あまぐもサービス株式会社 総務部 部長: the word saying so before the company)
        sent = re.match(r"^[(（]?(?:出向|転籍|派遣)先?[)）]?\s*[:：]?\s*", new)
        if sent and scope.company_of_text(new[sent.end():]):
            new = new[sent.end():]
        head = scope.company_of_text(new)
        if (head and not f.values.get("company") and new.startswith(head) and not head.endswith("グループ")
                and posts.post_likeness(new[len(head):]) >= 0.5):
            # (調達グループ グループマネージャー: a unit named …グループ before its title is no employer)
            # 出向: わかたけテクノ株式会社 管理部 部長 — the company the new post is at is the person's
            f.values["new_post"] = new[len(head):].strip()
            f.set("company", head, 0.8)
        units = [u for o, u in heading_unit if o < f.order]
        old = fold_space(f.values.get("old_post", ""))
        if units and units[-1] and old and posts.bare_title(old):
            # ■ 総務課（2名） over 氏名 | 現職位 | 異動先: the title held is in the unit the heading names
            old = f"{units[-1]} {old}"
            f.values["old_post"] = old
        elif units and units[-1] and f.from_row and _bare_word_title(f.values.get("new_post", "")):
            # ■ 手術室 over 職位 | 氏名 | 異動前所属: the title taken is in the unit the heading names
            f.values["new_post"] = f"{units[-1]} {fold_space(f.values['new_post'])}"
        added = re.match(r"^(?:兼務?|兼任)\s*[:：]?\s*(\S.*)$", fold_space(f.values.get("new_post", "")))
        if added and old:
            # 異動先 | 兼 法務室 室長: a post added to the one held, which is kept
            f.values["new_post"] = f"{old} 兼 {added.group(1)}"
        in_scope = [c for o, c in sorted(heading_company, key=lambda oc: oc[0]) if o < f.order]
        if not f.values.get("company") and in_scope and in_scope[-1]:
            f.set("company", in_scope[-1], 0.8)  # 【北斗物流株式会社】 heading the section
        if not f.values.get("company"):
            f.set("company", company, company_conf)
            if not company:
                f.conf["company"] = 0.2
    mark = _legend_mark(all_lines)
    if mark:
        texts: dict[float, str] = {}
        for order, item in items:
            lines_of = [item[1]] if item[0] == "line" else item[2]
            texts[order] = squeeze(" ".join(ln.text for ln in lines_of))
        for f in found:
            f.decided = _marked(texts.get(f.order, ""), f.family + f.given, mark)
    if superseded:
        found = [f for f in found if not any(a < f.order < b for a, b in superseded)]
    return _named_again(found)


# A correction notice: the text as first published (【訂正前】, 修正前, 誤) and as corrected (【訂正後】, 正)
_CORRECTION = re.compile(r"^[【\[（(〈<■●◆]?\s*(?:(訂正前|修正前|誤)|(訂正後|修正後|正))\s*[】\]）)〉>]?\s*[:：]?$")


def _superseded(items: list[tuple]) -> list[tuple[float, float]] | None:
    """The stretches (orders) printed as first published in a correction notice, each from its
    訂正前 heading to the next heading of the corrected text: their persons are no records. None
    when the document corrects nothing; then underlines may mark the changed rows, which in a
    correction notice mark what was corrected."""
    marks = []
    for order, item in items:
        if item[0] == "line" and len(item[1].cells) == 1 and len(item[1].cells[0].text) <= 10:
            m = _CORRECTION.match(squeeze(item[1].cells[0].text))  # a heading alone on its line
            if m:
                marks.append((order, bool(m.group(1))))
    if not any(not before for _o, before in marks):
        return None
    out = []
    for k, (order, before) in enumerate(marks):
        if before:
            end = next((o for o, b in marks[k + 1:] if not b), float("inf"))
            out.append((order, end))
    return out


def _bare_word_title(text: str) -> bool:
    """A title alone, one word (スタッフ看護師, 主任看護師), no unit printed with it."""
    t = fold_space(text).strip()
    return bool(t) and " " not in t and posts.is_title(t) and not posts.is_unit(t)


# What a heading says of its persons rather than where they work (■ 新任者, 【昇格】, ■ 人事異動一覧).
_NO_UNIT_HEADING = re.compile(r"(任|格|職|級|等級|クラス|異動|採用|入社|者|人事|一覧|お知らせ|について|付|予定|記"
                              r"|会社|法人|グループ|各位|御中)")  # (nor a company's section: 【北斗物流株式会社】)


def _unit_of_heading(text: str) -> str:
    """The unit a section heading names (■ 総務課（2名）, 【第一工場】, ■ 外来, ■ 西５病棟（循環器内科）),
    "" for any other heading."""
    marked = bool(re.match(r"^\s*[■◆●□◇【]", text))
    t = posts.strip_numbering(text).strip("■◆●□◇【】[] ")
    t = re.sub(r"\s*[(（]\s*[0-9０-９]+\s*[名人件]\s*[)）]\s*$", "", t).strip("【】[] ")
    if posts.is_unit(t):
        return t
    # a marked heading, a word and what it covers in brackets, or a short word that names no
    # title and says nothing of the change: a ward, an outpatient clinic
    t = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", t).strip()
    if marked and (posts.is_unit(t) or (2 <= len(t) <= 12 and " " not in t and not posts.is_title(t)
                                        and not _NO_UNIT_HEADING.search(t) and not find_dates(t))):
        return t
    return ""


def _caption_of_table(ln: Line, following: tuple | None, announcer: str) -> str:
    """A company's name alone on the line right above a table's header is the table's caption (one
    table per company of a group): the company of its rows, as a section heading naming it is.
    Also 会社名：… and 当社 (the announcer) as the caption; "" for a line that is no caption."""
    if following is None or following[0] != "row" or len(ln.cells) != 1:
        return ""
    header = following[1].header
    if header.page != ln.page or not 0 <= header.y0 - ln.y1 < 2.5 * ln.size:
        return ""
    text = scope.COMPANY_LABEL.sub("", fold_space(ln.text), count=1).strip("■◆●□【】[] ")
    if squeeze(text) in ("当社", "弊社"):
        return announcer
    name = scope.company_of_text(text)
    return name if name and len(squeeze(text)) <= len(squeeze(name)) + 2 else ""


# A sentence saying a person stays in office (…は留任とする, 現職のまま): named, not changed.
_STAYS = r"[^。]{0,40}?(留任|続投|現職のまま|現職に留まる)"


# ※ 退職者の発令日は2024年6月30日付です / （注）退任者は3月31日付: a note giving the leavers' own date
_LEAVERS_NOTE = re.compile(r"(退職|退任|辞任)(?:者|する者|される方)(?:の(?:発令日|異動日|日付|退職日))?\s*(?:は|：|:)")


def _leavers_date(lines: list[Line]) -> str:
    for ln in lines:
        text = fold_space(ln.text)
        m = _LEAVERS_NOTE.search(text)
        if m and m.start() <= 8:
            own = scope.effective_dates(text[m.end():])
            if own:
                return own[0][1]
    return ""


def _moved_under(lines: list[Line], k: int, text: str, last: Found | None, closing: int) -> tuple[str, str] | None:
    """The bracket right under a person's line saying where the person goes (（…付で X へ異動）,
    （…付で退職）): (date, new post), when the person has no other new post yet."""
    if last is None or k >= closing or not k:
        return None
    prev, ln = lines[k - 1], lines[k]
    if prev.order != last.order or prev.page != ln.page or not 0 <= ln.y0 - prev.y1 < 1.5 * prev.size:
        return None
    moved = prose.move_in_bracket(text)
    return moved if moved and last.values.get("new_post", "") in ("", moved[1]) else None


def _stays(text: str, f: Found) -> bool:
    if not text or not f.family:
        return False
    return re.search(re.escape(f.family) + r"\s*" + re.escape(f.given) + _STAYS, text) is not None


# ★印：今回の異動者, ※は新任: a legend saying which mark stands for the persons who changed (印 or a
# colon says it is a legend, not a ■異動 heading)
_LEGEND = re.compile(r"([★☆◎○●◇◆■□▲△▼▽※＊*])\s*(印\s*[:：は＝=]?|[:：は＝=])\s*(今回の?)?(異動|変更|新任|昇格|昇任|就任|発令|着任)(者|した者|箇所)?"
                     # ◎：新任者代表（謝辞）: the mark picks one person to speak for the others
                     r"(?!\S{0,4}?(代表|総代))")


def _legend_mark(lines: list[Line]) -> str:
    """The mark a legend says stands for the persons who changed (the others stay: 無印：留任)."""
    for ln in lines:
        m = _LEGEND.search(ln.text)
        if m and not names.find_names(ln.text):
            return m.group(1)
    return ""


def _marked(text: str, name: str, mark: str) -> bool:
    """Whether the mark stands right beside the name (山田太郎★, ★山田太郎)."""
    k = text.find(name)
    return k >= 0 and (mark in text[max(0, k - 2):k] or mark in text[k + len(name):k + len(name) + 2])


def _named_again(found: list[Found]) -> list[Found]:
    """A person named a second time without any post (a profile: 氏名 山田 太郎（やまだ たろう）, 生年月日,
    略歴) is no record of their own; a reading printed only there is the record's."""
    with_post = {}
    for f in found:
        if f.values.get("new_post") or f.values.get("old_post"):
            with_post.setdefault((f.family, f.given), f)
    out = []
    for f in found:
        other = with_post.get((f.family, f.given))
        if other is not None and other is not f and not f.values.get("new_post") and not f.values.get("old_post"):
            if f.values.get("family_name_kana") and not other.values.get("family_name_kana"):
                for k in ("family_name_kana", "given_name_kana"):
                    other.set(k, f.values.get(k, ""), 0.8 * f.conf.get(k, 0.5))
            continue
        out.append(f)
    return out


_PHOTO = re.compile(r"^[(（\[【]?(写真|顔写真|PHOTO|Photo|photo|IMAGE|Image|NOIMAGE|NoImage|NOPHOTO)[)）\]】]?$")


# The rest of a verb broken at the line's end (着任 / します, 着 / 任します, 就任 / いたしました).
_VERB_ENDING = re.compile(r"^[一-龥]?(?:いた)?(?:します|しました|する|した|され|させ)")


def _naming_sentences(text: str) -> str:
    """The sentences of a line that name someone, where it holds several: …が営業部長に着任します。
    今後のお問合せは内線1234まで。 is a move, the contact sentence after it names no one."""
    # …に着任します（内線5842）: the person's own extension after the move, no contact line
    text = _OWN_EXTENSION.sub("", text)
    sentences = [t for t in re.split(r"(?<=。)", text) if t.strip()]
    if len(sentences) < 2:
        return text
    return "".join(t for t in sentences if names.find_names(t))


_OWN_EXTENSION = re.compile(r"(?<=ます|する)\s*[(（]\s*(?:内線|TEL|Tel|電話)[^()（）]*[)）]")


def _run_in_entries(lines: list[Line]) -> dict[int, tuple[int, list[tuple[Line, str]]]]:
    """A paragraph set solid with its entries run in (◇銀行（…）▽桐原支店 支店長（前…）山田太郎▽…), as a
    newspaper's narrow column prints them and breaks its lines anywhere: where the mark that starts
    each entry stands inside the lines three times or more, the paragraph is read as one text and cut
    before each mark, every entry with the line its mark is on. By the index of the paragraph's first
    line: (the index after its last line, its entries)."""
    counts: dict[str, int] = {}
    for ln in lines:
        t = squeeze(ln.text)
        for ch in t[1:-1]:  # (inside the line: not ◆人事◆, a heading's marks around it)
            if ch in _RUN_IN_MARKS:
                counts[ch] = counts.get(ch, 0) + 1
    mark = max(counts, key=counts.get, default="")
    if not mark:
        return {}
    # (three marks inside lines, or one after a paragraph's head: ◇銀行（…）▽…)
    if counts[mark] < 3 and not any(t[:1] in _RUN_IN_MARKS and t[:1] != mark and mark in t[1:]
                                    for t in (squeeze(ln.text) for ln in lines)):
        return {}
    out: dict[int, tuple[int, list[tuple[Line, str]]]] = {}
    i = 0
    while i < len(lines):
        first = lines[i]
        if mark not in squeeze(first.text)[1:] or len(first.cells) > 1 and geometry.is_section_heading(first):
            i += 1
            continue
        j = i + 1
        while (j < len(lines) and lines[j].page == first.page and 0 <= lines[j].y0 - lines[j - 1].y1 < lines[j - 1].size
               and abs(lines[j].x0 - first.x0) <= 1.5 * first.size and 0.8 * first.size <= lines[j].size <= 1.2 * first.size
               and not (squeeze(lines[j].text)[:1] in geometry.ENTRY_MARKS + _RUN_IN_MARKS
                        and squeeze(lines[j].text)[:1] != mark)):  # (◇ another paragraph's head)
            j += 1
        # A line runs on into the next when it is filled to the paragraph's right edge, ends in the mark
        # (the entry it starts goes on below) or the next holds a mark (a name kept whole, too long
        # for the line's end, starts the next line); the paragraph's last line may be short.
        # (the paragraph's right edge: where most of its lines end, not one pushed past it by a bracket)
        ends = sorted(ln.x1 for ln in lines[i:j])
        edge = ends[len(ends) // 2] if len(ends) >= 3 else ends[-1]
        end = i + 1
        while end < j and (lines[end - 1].x1 >= edge - 1.5 * lines[end - 1].size
                           or squeeze(lines[end - 1].text).endswith(mark) or mark in lines[end].text):
            end += 1
        para = lines[i:end]
        texts = [fold_space(ln.text) for ln in para]
        # (a line broken after a unit's name, where the paragraph parts a unit from the title after it
        # by a space: 桐原支店 / 支店長補佐 is 桐原支店 支店長補佐 — the space was the line's end)
        spaced = any(_UNIT_SPACE.search(t) for t in texts)
        joined, starts = "", []
        for ln, t in zip(para, texts):
            if spaced and joined and _UNIT_END.search(joined) and re.match(r"[^\s()（）、。長員付]", t) \
                    and not t.startswith(mark):
                joined += " "
            starts.append(len(joined))
            joined += t
        if not joined.count(mark):
            i += 1
            continue
        entries = []
        cuts = [0] + [m.start() for m in re.finditer(re.escape(mark), joined) if m.start() > 0] + [len(joined)]
        for a, b in zip(cuts, cuts[1:]):
            piece = joined[a:b].strip()
            if piece and piece != mark:
                at = max(k for k, st in enumerate(starts) if st <= a)
                entries.append((para[at], piece))
        out[i] = (end, entries)
        i = end
    return out


_RUN_IN_MARKS = "▽▼△▲◇◆"
_UNIT_SPACE = re.compile(rf"{posts.ORG_SUFFIX}[ \u3000][^\s()（）]")
_UNIT_END = re.compile(rf"{posts.ORG_SUFFIX}$")
# A body named at the head of a run-in paragraph without a legal form (a bank, an insurer, a paper).
_BODY = re.compile(r"[^\s、。()（）:：]{1,20}(銀行|信用金庫|信用組合|労働金庫|証券|生命保険|損害保険|生命|損保|信託|新聞社)")


def _run_in_head(text: str) -> tuple[str, str]:
    """The head of a run-in paragraph before its first entry (◇さざなみ銀行（2023年6月1日）): the body
    it names and the date in its bracket, each "" when it names none."""
    t = fold_space(text).lstrip(_RUN_IN_MARKS + geometry.ENTRY_MARKS + " ")
    if names.find_names(t):
        return "", ""
    dates = find_dates(t)
    iso = dates[0].iso if len(dates) == 1 else ""
    rest = t
    for m in reversed(dates):
        rest = rest[:m.start] + rest[m.end:]
    rest = squeeze(re.sub(r"[(（][^()（）]*[)）]|付け?|より|から|発令", "", rest))
    body = scope.company_of_text(rest) or (rest if _BODY.fullmatch(rest) else "")
    return (body, iso) if body and len(rest) <= len(body) + 1 else ("", "")


def _logical_lines(lines: list[Line]) -> list[tuple[Line, str]]:
    """Sentences wrapped over several printed lines are read as one line (no space added:
    Japanese prose wraps inside words)."""
    right = max((ln.x1 for ln in lines), default=0)
    bullet = _entry_mark(lines)
    run_in = _run_in_entries(lines)
    out: list[tuple[Line, str]] = []
    skip_to = -1
    for i, ln in enumerate(lines):
        if i < skip_to:
            continue
        if i in run_in:
            skip_to, entries = run_in[i]
            out += entries
            tail = lines[skip_to - 1]
            continue
        text = fold_space(ln.text)
        if len(ln.cells) > 1 and _PHOTO.match(squeeze(ln.cells[0].text)):
            # PHOTO | 前職：…: a photo's placeholder printed beside the text is no part of the line
            text = fold_space(" ".join(c.text for c in ln.cells[1:]))
        if out:
            prev, ptext = out[-1]
            if (bullet and ptext.startswith(bullet) and not text.startswith(bullet) and ln.y0 - prev.y1 < 3 * prev.size
                    and (_open_bracket(ptext) or not (names.find_names(ptext) or _name_ending_entry(ptext)
                                                      or names.bare_pair(ptext)))
                    and not any(geometry.is_section_heading(x) or "【" in t or scope.effective_dates(t)
                                for x, t in ((ln, text), (prev, ptext)))):
                # ▽営業管理部長（財務経理部 / 課長）山田太郎: newspaper-style entries set solid and
                # broken anywhere (into the next column too) run on until the entry names its person
                out[-1] = (prev, ptext + text)
                tail = ln
                continue
            # A sentence runs on: the line before is full, or it breaks at a word and this line
            # ends the sentence without starting another person's.
            runs_on = prev.x1 >= right - 2.5 * prev.size or (
                "、" in ptext and text.endswith("。") and not names.find_names(text)) or (
                # …菊地 武を / 営業部長に任命する。: a line ending in a particle goes on in the next
                ptext.endswith(("を", "は", "が", "に", "、")) and ("。" in text or _open_bracket(text))
                and not posts.NUMBERING.match(text)) or (
                # …に着任 / します（前職：…）, …に着 / 任します: a verb's ending cannot start a line's
                # sentence; …します（前職： / 総務課 係員）: nor can a bracket's close
                _VERB_ENDING.match(text) or _open_bracket(ptext))
            # (a scan's wide word gap parts a full line into cells: 常務執行役員　第2営業部 部長に / 就任いたします。 —
            # a line full to the margin that ends in a particle runs on into a line that ends the sentence)
            full_clause = (prev.x1 >= right - 2.5 * prev.size and ptext.endswith(("を", "は", "が", "に"))
                           and text.endswith("。"))
            wrapped = (prev.page == ln.page and (len(prev.cells) == 1 or full_clause) and len(ln.cells) == 1
                       and re.search(r"[、はをにで]", ptext) and not ptext.endswith(("。", "）", ")"))
                       and runs_on and ln.y0 - tail.y1 < 1.5 * prev.size
                       and ln.x0 <= prev.x0 + prev.size)
            if wrapped:
                out[-1] = (prev, ptext + text)
                tail = ln  # (a sentence over three lines: the next must follow this one)
                continue
            if posts.ARROW.match(text) and prev.page == ln.page and ln.y0 - prev.y1 < 1.5 * prev.size:
                out[-1] = (prev, f"{ptext} {text}")  # old ⇒ new, the new post on the next line
                tail = ln
                continue
        out.append((ln, text))
        tail = ln
    return out


# A box saying whom to ask or who sends the notice (お問い合わせ先, 担当, TEL …) is no person's card.
_CONTACT = re.compile(r"(問合せ|問い合わせ|連絡先|照会先|^\s*【?\s*担当(者)?\s*】?\s*$|^\s*担当(者)?\s*[:：]|TEL|Tel|電話|内線"
                      r"|E-?mail|メール|発信者|作成者|起案者|文責|差出人)")


def _one_person(texts: list[str]) -> bool:
    """A frame's lines name one person (a person's card), not several (a department's box), and
    say nothing of whom to ask (a contact box)."""
    if any(_CONTACT.search(t) for t in texts):
        return False
    found = [sp for t in texts for sp in names.find_names(fold_space(t))]
    if len(texts) == 1 and len(found) == 1 and squeeze(texts[0]) == found[0].family + found[0].given:
        return False  # the name alone in its box: a form's field (氏名 | 山田 太郎), not a person's card
    return len(found) == 1


def _card_entries(logical: list[tuple[Line, str]]) -> list[tuple[Line, str]]:
    """A card (a framed box, `Line.box`) naming one person is one entry, whatever the order of its
    lines: the post printed above the name (or, with none above, the unlabelled post under the
    name) is the one the card announces, the kana line right under (or over) the name its reading;
    the lines below (（前 …）, 新：…) are read as under a name in a list. Lines before the name
    that are no post (写真, a photo's placeholder, No.3) are left out."""
    out: list[tuple[Line, str]] = []
    k = 0
    while k < len(logical):
        box = logical[k][0].box
        end = k + 1
        while box > 0 and end < len(logical) and logical[end][0].box == box:
            end += 1
        group = logical[k:end]
        if box <= 0 or len(group) < 2:
            out += group
            k = end
            continue
        named = [j for j, (_ln, t) in enumerate(group) if names.find_names(t)]
        spans = names.find_names(group[named[0]][1]) if len(named) == 1 else []
        if len(spans) != 1 or len(squeeze(group[named[0]][1])) > spans[0].end - spans[0].start \
                or any(posts.label_of(t)[0] for _ln, t in group[:named[0]]) \
                or any(prose.order_of_appointment(t) for _ln, t in group[named[0] + 1:]):
            # (a card's name stands on a line of its own; a form's 氏名 | name | 発令日 | … line is read as a
            # form; a framed 辞令 (post held / name / …に任命する) says the post over the name is the one held)
            out += group
            k = end
            continue
        j = named[0]
        name_line, name_text = group[j]
        reading = ""
        rest = group[j + 1:]
        if rest and is_kana(rest[0][1]):
            reading = rest.pop(0)[1]
        before = [t for _ln, t in group[:j]]
        if before and is_kana(before[-1]) and not reading:
            reading = before.pop()
        head = " ".join(t for t in before if posts.post_likeness(t) > 0)
        tail = ""
        while not head and rest and posts.post_likeness(rest[0][1]) > 0 and not posts.label_of(rest[0][1])[0] \
                and rest[0][1][:1] not in "(（【[〔" and not _PROSE_CUE.search(rest[0][1]):
            tail = f"{tail} {rest.pop(0)[1]}".strip()  # the name first, then the post (wrapped too)
        text = " ".join(x for x in (head, name_text + (f"（{reading}）" if reading else ""), tail) if x)
        out.append((name_line, text))
        out += rest  # （前 …）, 新：… under the name: read as under a name in a list
        k = end
    return _stanzas(out)


def _stanzas(logical: list[tuple[Line, str]]) -> list[tuple[Line, str]]:
    """Unframed entries of a name alone on its line (numbered or not), read as one line:
    * the post on the line(s) right above the name, when the note under the name says where the
      person comes from (（前 old post）, （新規採用）): the post above is the one announced (in a
      辞令 the post over the name is the one held, and no such note follows); not where the post
      above continues a labelled value (旧：営業部 / 次長 / the next name);
    * else the unlabelled post on the line(s) under the name, when a bracketed post or hire note
      closes the entry (1. 山田 太郎 / 営業部 部長 / （営業部 次長））;
    * the kana reading right under the name, in brackets, or without them when it sits closer to
      the name than to the line below (not the reading printed over the next name)."""

    def close(a: Line, b: Line) -> bool:
        return (a.page == b.page and a.column == b.column and a.box == b.box
                and 0 <= b.y0 - a.y1 < 1.0 * max(a.size, b.size))

    def post_line(t: str) -> bool:
        return (posts.post_likeness(t) >= 0.5 and not posts.label_of(t)[0] and t[:1] not in "(（【[〔"
                and not names.find_names(t) and not _PROSE_CUE.search(t))

    def kana_line(t: str) -> bool:
        return is_kana(t.strip("()（）【】[]《》 "))

    def from_where(note: str, plain_post: bool) -> bool:
        inner = note[1:].rstrip(")）") if note[:1] in "(（" and note.rstrip()[-1:] in ")）" else ""
        if not inner and re.match(r"^\S{1,6}\s*[:：]", note) and posts.label_of(note)[0] == "old":
            return True  # 前職：… unbracketed, a label of its own line
        return bool(inner) and (posts.label_of(inner)[0] == "old" or bool(posts.HIRE.match(squeeze(note)))
                                or (plain_post and posts.post_likeness(inner) >= 0.5))

    n = len(logical)
    out: list[tuple[Line, str] | None] = list(logical)
    for j, (ln, t) in enumerate(logical):
        if ln.box or out[j] is None or len(t) > 24:
            continue  # (a name alone on its line is short)
        spans = names.find_names(t)
        bare = None if spans else names.bare_pair(t)  # (四方 陸: only where post above and note below agree)
        spans = spans or ([bare] if bare else [])
        if len(spans) != 1 or posts.strip_numbering(t[:spans[0].start]).strip():
            continue
        if squeeze(t[spans[0].end:]) and not _only_reading_after(t, spans[0]):
            continue  # (a name alone, or with its reading beside it: 山田 太郎（やまだ たろう）)
        r = None
        if j + 1 < n and close(ln, logical[j + 1][0]) and kana_line(logical[j + 1][1]):
            below = logical[j + 1][0]
            nxt = logical[j + 2][0] if j + 2 < n and close(below, logical[j + 2][0]) else None
            if logical[j + 1][1][:1] in "(（" or nxt is None or below.y0 - ln.y1 <= nxt.y0 - below.y1:
                r = j + 1
        reading = f"（{logical[r][1].strip('()（） ')}）" if r is not None else ""
        after = (r or j) + 1
        h = j
        while h > 0 and out[h - 1] is not None and close(logical[h - 1][0], logical[h][0]) and post_line(logical[h - 1][1]):
            h -= 1
        above_ok = h < j and not (h > 0 and close(logical[h - 1][0], logical[h][0])
                                  and (posts.label_of(logical[h - 1][1])[0] or posts.post_likeness(logical[h - 1][1]) > 0))
        note = logical[after][1] if after < n and close(logical[after - 1][0], logical[after][0]) else ""
        if above_ok and from_where(note, False):
            head = " ".join(logical[x][1] for x in range(h, j))
            for x in range(h, after):
                out[x] = None
            out[j] = (ln, f"{head} {t}{reading}")
            continue
        below = logical[after][1] if after < n and close(logical[after - 1][0], logical[after][0]) else ""
        m = re.match(r"^([^()（）]+?)\s*([(（][^()（）]*[)）])\s*$", below)
        if bare and m and post_line(m.group(1)) and from_where(m.group(2), True):
            # ・砂子 乘一 / post（前：old post）, a name of plain nouns: read as post, name, bracket
            for x in range(j, after + 1):
                out[x] = None
            out[j] = (ln, f"{m.group(1)} {t[bare.start:bare.end]}{reading}{m.group(2)}")
            continue
        if bare:
            continue
        e = after
        while e < n and close(logical[e - 1][0], logical[e][0]) and post_line(logical[e][1]):
            e += 1
        if h == j and e > after and e < n and close(logical[e - 1][0], logical[e][0]) and from_where(logical[e][1], True):
            tail = " ".join(logical[x][1] for x in range(after, e + 1))
            for x in range(j, e + 1):
                out[x] = None
            out[j] = (ln, f"{t}{reading} {tail}")
            continue
        if m and post_line(m.group(1)) and (from_where(m.group(2), True) or prose.move_in_bracket(m.group(2))):
            # ・山田 太郎さん / 営業部 部長（前：営業部 次長）: the post and the note closing the entry
            # on the one line under the name (or （…付で退職）: the post left)
            for x in range(j, after + 1):
                out[x] = None
            out[j] = (ln, f"{t}{reading} {below}")
            continue
        if r is not None:
            out[r] = None
            out[j] = (ln, f"{t}{reading}")
    return [x for x in out if x is not None]


def _only_reading_after(text: str, span) -> bool:
    # (an honorific may close the name: 山田 太郎さん, 山田 太郎（やまだ たろう）さん)
    honorific = _HONORIFIC.match(text[span.end:])
    start = span.end + (honorific.end() if honorific else 0)
    reading, end = names.reading_after(text, start, span.family_reading)
    rest = text[end:] if reading else text[start:]
    if not honorific and reading and (again := _HONORIFIC.match(rest)):
        rest = rest[again.end():]
    return bool(reading or honorific) and not squeeze(rest)


def _entry_mark(lines: list[Line]) -> str:
    """The mark that starts each entry of a run-on list (▽ in a newsletter), when three lines or
    more start with it."""
    return _entry_mark_of([ln.text for ln in lines])


def _entry_mark_of(texts: list[str]) -> str:
    counts: dict[str, int] = {}
    for t in texts:
        t = t.lstrip()
        if t[:1] in geometry.ENTRY_MARKS:
            counts[t[0]] = counts.get(t[0], 0) + 1
    mark = max(counts, key=counts.get, default="")
    return mark if counts.get(mark, 0) >= 3 else ""


_LABEL_MARK = re.compile(r"^\s*[■●◆◇□]\s*(?=\S)")
_LABEL_BOXED = re.compile(r"^\s*[【\[［〔<＜]\s*([^】\]］〕>＞\s]{1,10})\s*[】\]］〕>＞]\s*")
_LABEL_TRANSLATED = re.compile(r"^(\S{1,10}?)\s*[/／]\s*[A-Za-z][A-Za-z .'’-]*\s*[:：]\s*")


def _kv(ln: Line, in_block: bool) -> tuple[str, str] | None:
    """A key-value line of a form: 氏名 | 山田 太郎, 新所属・役職 | 営業部 部長 (or 氏 名 山田 太郎
    in one cell, the label padded to the width of the others)."""
    if len(ln.cells) == 1:
        # 氏名／山田 太郎, フリガナ：ヤマダ タロウ: the label ends at a separator as well as a space;
        # 【氏名】山田 太郎 / ■氏名 山田 太郎: a label in brackets or after a mark;
        # 氏名 / Name：山田 太郎: the label's translation before the separator
        text = _LABEL_TRANSLATED.sub(r"\1：", _LABEL_BOXED.sub(r"\1 ", _LABEL_MARK.sub("", ln.cells[0].text)))
        separated = re.match(r"^(\S{1,10}?)\s*[:：／/]", text)
        words = re.sub(r"^(\S{1,10}?)\s*[:：／/]\s*", r"\1 ", text).split()
        for n in (1, 2):
            if len(words) > n:
                label = "".join(words[:n])
                role = geometry.header_role(label)
                # (a one-character label only with its separator: 新／営業部 部長, not 新 営業部 部長)
                long_enough = len(label) >= 2 or (separated is not None and separated.group(1) == label)
                if role and long_enough and (in_block or role in ("name", "kana", "date", "company")):
                    return role, " ".join(words[n:])
        return None
    role = geometry.header_role(ln.cells[0].text)
    if role is None or any(geometry.header_role(c.text) for c in ln.cells[1:]):
        return None
    return role, " ".join(c.text for c in ln.cells[1:])


_INLINE_KEY = re.compile(r"(\S{1,10}?)\s*[:：]\s*")


def _kv_pairs(ln: Line, text: str, in_block: bool) -> list[tuple[str, str]] | None:
    """Key-value pairs of a form line: one per cell pair (氏名 | 山田 太郎), or several on one line
    (氏名：山田 太郎 新役職：営業部 部長 旧役職：営業部 次長)."""
    keys = [(m.start(), m.end(), geometry.header_role(m.group(1))) for m in _INLINE_KEY.finditer(text)]
    keys = [key for key in keys if key[2]]
    if len(keys) >= 2 and keys[0][0] == 0 and len({role for _s, _e, role in keys}) == len(keys):
        pairs = [(role, text[end:(keys[n + 1][0] if n + 1 < len(keys) else len(text))].strip())
                 for n, (_start, end, role) in enumerate(keys)]
        if in_block or any(role == "name" for role, _v in pairs):
            return pairs
    kv = _kv(ln, in_block)
    return [kv] if kv else _alternating_pairs(ln, in_block)


_READING_LABEL = re.compile(r"[(（](カナ|かな|ｶﾅ|フリガナ|ふりがな|ﾌﾘｶﾞﾅ|読み|よみ)[)）]$")


def _pair_role(text: str) -> str | None:
    """A form label's role; 氏名（カナ） beside 氏名（漢字） is the reading's box, not a second name."""
    role = geometry.header_role(text)
    return "kana" if role == "name" and _READING_LABEL.search(squeeze(text)) else role


def _alternating_pairs(ln: Line, in_block: bool) -> list[tuple[str, str]] | None:
    """A form row of label and value cells taking turns (氏名 | 山田 太郎 | 発令日 | 2025年4月1日):
    one pair per label, its value the cells up to the next label."""
    if len(ln.cells) < 4:
        return None
    roles = [_pair_role(c.text) if len(squeeze(c.text)) <= 8 else None for c in ln.cells]
    if roles[0] is None:
        return None
    pairs: list[tuple[str, str]] = []
    for c, role in zip(ln.cells, roles):
        if role:
            if pairs and not pairs[-1][1]:
                return None  # two labels in a row: a table header, not a form row
            pairs.append((role, ""))
        else:
            pairs[-1] = (pairs[-1][0], f"{pairs[-1][1]} {c.text}".strip())
    if len(pairs) < 2 or not pairs[-1][1] or len({r for r, _v in pairs}) < len(pairs):
        return None
    if in_block or any(r == "name" for r, _v in pairs):
        return pairs
    return None


_BOX = re.compile(r"([□☐■☑☒✓✔])\s*([^□☐■☑☒✓✔\s]+)")


def _ticked(value: str) -> str:
    """A form's check boxes (■ 異動 □ 昇格 □ 退職): the options ticked, not every option printed."""
    boxes = _BOX.findall(value)
    if len(boxes) < 2 or not any(mark in "□☐" for mark, _o in boxes):
        return value
    return " ".join(option for mark, option in boxes if mark not in "□☐")


def _side_header(ln: Line) -> list[tuple[str, float]] | None:
    """A form's grid header with one column per side (異動前 | 異動後, 旧 | 新): each side and the
    middle of its column."""
    cells = ln.cells
    if len(cells) == 3 and geometry.header_role(cells[0].text) is None and len(squeeze(cells[0].text)) <= 4:
        cells = cells[1:]  # 項目 | 発令前 | 発令後: the corner over the row labels
    roles = [geometry.header_role(c.text) for c in cells]
    if len(cells) != 2 or sorted(r or "" for r in roles) != ["new", "old"]:
        return None
    return [(r, (c.x0 + c.x1) / 2, c.x0) for r, c in zip(roles, cells)]


def _grid_row(ln: Line, grid: list[tuple[str, float]]) -> list[tuple[str, str]] | None:
    """A row of a form's side grid (所属 | 営業部 | 企画部, 兼務 | ― | 法務室 室長): the label's part
    of each side's post, under the side whose column the value stands in; a 兼務 row adds a post."""
    label = squeeze(ln.cells[0].text)
    # (兼務所属 / 兼務役職: the concurrent post's unit and title on rows of their own)
    concurrent = label in ("兼務", "兼任", "兼") or bool(re.fullmatch(r"(兼務|兼任)(所属|役職|職位|部署|職)", label))
    if not (concurrent or geometry.header_role(label) == "post"):
        return None
    boundary = sum(x for _r, x, _x0 in grid) / len(grid)
    left, right = sorted(grid, key=lambda side: side[1])
    # headers set flush left over their boxes (a value starts where a header starts): a side is
    # where its header starts, a long value on the left reaching past the middle
    flush = any(abs(c.x0 - x0) <= 0.5 * ln.size for c in ln.cells[1:] for _r, _m, x0 in grid)
    out = []
    for c in ln.cells[1:]:
        value = posts.empty_if_placeholder(c.text)
        if value and re.fullmatch(r"[0-9０-９A-Za-z-]{1,8}", squeeze(value)) and re.search(r"[0-9０-９]", value):
            continue  # a code box beside the name (所属 | 1556 | 人材開発オフィス)
        if value:
            if flush:
                side = right[0] if c.x0 >= right[2] - 0.5 * ln.size else left[0]
            else:
                side = left[0] if (c.x0 + c.x1) / 2 < boundary else right[0]
            out.append((side, value, concurrent))
    return out


def _from_kv(block: list[tuple[str, str, Line]]) -> Found | None:
    values: dict[str, str] = {}
    for role, value, _ln in block:
        values[role] = f"{values.get(role, '')} {value}".strip()
    printed = values.get("name", "")
    reading, printed = rows.reading_in(printed)
    reading = reading or values.get("kana", "")
    if not printed or not names.looks_like_name_cell(printed):
        return None
    family, given, conf = names.split_name(printed, reading)
    f = Found(block[0][2].order, family, given, conf * min(ln.cells[0].conf for _r, _v, ln in block))
    fk, gk = names.kana_pair(reading, family, given)
    f.set("family_name_kana", fk, 0.9 if gk else 0.5)
    f.set("given_name_kana", gk, 0.9 if gk else 0.4)
    if not reading:
        f.conf["family_name_kana"] = f.conf["given_name_kana"] = 0.85
    new = posts.empty_if_placeholder(values.get("new", "") or values.get("post", ""))
    old = posts.empty_if_placeholder(values.get("old", ""))
    remarks = values.get("remarks", "")
    if posts.DEPARTURE_CUE.search(squeeze(new)) and posts.post_likeness(new) < 0.5:
        new = posts.DEPARTURE
    if remarks and posts.NO_CHANGE.match(squeeze(remarks)):
        return None
    f.set("new_post", posts.clean_post(new), 0.85)
    f.set("old_post", posts.clean_old(old), 0.85)
    f.conf.setdefault("old_post", 0.8)
    if not new and posts.DEPARTURE_CUE.search(remarks):
        f.set("new_post", posts.DEPARTURE, 0.75)
    f.cue = True
    dates = find_dates(values.get("date", ""))
    if dates:
        f.set("effective_date", dates[0].iso, 0.95)
    else:
        # 新所属：退職（2021年3月31日付）: a date beside the post is this person's own
        own = [iso for key in ("new", "post", "old", "remarks") for _p, iso in scope.effective_dates(values.get(key, ""))]
        if own:
            f.set("effective_date", own[0], 0.85)
    return f


def _join_wrapped_cells(lines: list[Line]) -> list[Line]:
    """A person's line whose cells wrap onto the line below (the new post, or the bracket of the
    old post, too long for its column): each piece below joins the cell it is aligned under."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and prev.page == ln.page and prev.column == ln.column and len(ln.cells) == 1
                and -0.2 * prev.size <= ln.y0 - prev.y1 < 0.8 * prev.size and ln.x0 > prev.x0 - 1
                and _open_bracket(prev.text) and _closes_bracket(ln.text) and posts.post_likeness(ln.text) >= 0.5
                and not names.find_names(fold_space(ln.text))):
            # ・林 浩：営業部 部長（現 営業本部 / 営業部 次長）: the bracket closes on the next line
            cells = [Cell(c.page, list(c.words)) for c in prev.cells]
            cells[-1].words.extend(ln.cells[0].words)
            out[-1] = Line(prev.page, cells, order=prev.order, column=prev.column)
            continue
        if (prev is not None and len(prev.cells) >= 2 and prev.page == ln.page and prev.column == ln.column
                and -0.2 * prev.size <= ln.y0 - prev.y1 < 0.8 * prev.size):
            joined = _wrapped_into(prev, ln)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(ln)
    return out


def _open_bracket(text: str) -> bool:
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _closes_bracket(text: str) -> bool:
    t = text.rstrip()
    return t.endswith((")", "）")) and t.count(")") + t.count("）") > t.count("(") + t.count("（")


def _wrapped_into(prev: Line, ln: Line) -> Line | None:
    text = fold_space(ln.text)
    if (names.find_names(text) or posts.label_of(text)[0] or posts.NUMBERING.match(text)
            or scope.effective_dates(text) or not names.find_names(fold_space(prev.text))):
        return None
    cells = [Cell(c.page, list(c.words)) for c in prev.cells]
    for piece in ln.cells:
        em = piece.size
        k = min(range(len(cells)), key=lambda k: abs(cells[k].x0 - piece.x0))
        target = cells[k]
        bracket_end = _open_bracket(target.text) and piece.text.rstrip().endswith((")", "）"))
        aligned = abs(target.x0 - piece.x0) <= em or (_open_bracket(target.text) and target.x0 <= piece.x0 <= target.x1)
        if not aligned or not (bracket_end or posts.post_likeness(piece.text) >= 0.5):
            return None
        if names.find_names(target.text) and not bracket_end:
            return None  # under the name: not a wrapped post
        target.words.extend(piece.words)
    return Line(prev.page, cells, order=prev.order, column=prev.column)


_LABEL_ROLES = ("name", "kana", "new", "old", "post", "date", "company", "remarks", "left")


def _label_column_blocks(lines: list[Line]) -> tuple[list[Line], list[Found]]:
    """A table turned on its side: the labels (氏名 / 新役職 / 旧役職) down the first column and
    one person per column. Each person's column is read as a key-value block."""
    rest: list[Line] = []
    found: list[Found] = []
    k = 0
    while k < len(lines):
        run = k
        roles: list[str] = []
        while run < len(lines) and lines[run].page == lines[k].page and (
                run == k or lines[run].y0 - lines[run - 1].y1 < 2.5 * lines[run].size):
            ln = lines[run]
            role = geometry.header_role(ln.cells[0].text)
            if len(ln.cells) >= 3 and role in _LABEL_ROLES:
                roles.append(role)
            elif roles and ln.x0 > lines[k].cells[0].x1 + ln.size and not geometry.is_end_line(ln) \
                    and ln.y0 - lines[run - 1].y1 < 0.8 * ln.size:
                roles.append(roles[-1])  # a value wrapped onto the next line: same label, no label cell
            else:
                break
            run += 1
        block = lines[k:run]
        name_line = next((ln for ln, r in zip(block, roles) if r == "name" and ln.x0 < lines[k].cells[0].x1), None)
        if len(block) < 2 or name_line is None or not all(names.looks_like_name_cell(c.text) for c in name_line.cells[1:]):
            rest.append(lines[k])
            k += 1
            continue
        person_cells = name_line.cells[1:]
        edges = [c.x0 - name_line.size for c in person_cells] + [float("inf")]
        for j in range(len(person_cells)):
            kv = []
            for ln, role in zip(block, roles):
                labelled = ln.x0 < lines[k].cells[0].x1
                value = " ".join(c.text for c in ln.cells[1 if labelled else 0:] if edges[j] <= c.cx < edges[j + 1])
                kv.append((role, value, ln))
            f = _from_kv([(r, v, ln) for r, v, ln in kv if v or r == "name"])
            if f:
                f.order = block[0].order + j / (len(person_cells) + 1)
                found.append(f)
        k = run
    return rest, found


def _from_lines(items: list[tuple], page_height: float = 0.0) -> list[Found]:
    loose, sideways = _label_column_blocks([it[1] for it in items])
    return sideways + _from_plain_lines(loose, page_height)


def _from_plain_lines(plain: list[Line], page_height: float) -> list[Found]:
    logical = _card_entries(_logical_lines(_join_wrapped_cells(plain)))
    lines: list[Line] = [ln for ln, _t in logical]
    texts: list[str] = [t for _ln, t in logical]
    out: list[Found] = []
    # The letterhead (above the title) and what follows the closing 以上 name the sender, not
    # the persons announced.
    # (a short notice ends high on its page: the top third of the page is still its head)
    top = max(0.4 * max((ln.y1 for ln in lines if ln.page == 1), default=0), 0.3 * page_height)
    right_edge: dict[int, float] = {}  # how far the text of each page reaches to the right
    for ln in lines:
        right_edge[ln.page] = max(right_edge.get(ln.page, 0.0), ln.x1)
    title = next((k for k, t in enumerate(texts) if lines[k].page == 1 and lines[k].y0 < top and len(t) <= 40
                  and _TITLE.search(t) and not names.find_names(t)), -1)
    # 以上 closes the announcement (also 以上、よろしくお願いいたします。 in a mail)
    closing = max((k for k, ln in enumerate(lines) if re.match(r"以上([。、,.]|です|となります|$)", ln.squeezed)),
                  default=len(lines))
    block: list[tuple[str, str, Line]] = []
    block_start = 0
    not_kv: set[int] = set()
    heading_post, heading_departure = "", False
    # (or of the run-in entries cut out of a paragraph set solid: ▽… starting each logical line)
    bullet = _entry_mark_of(texts) or _entry_mark(lines)
    unit = ""  # a unit's name alone on its line (an org chart's box title): the unit of the titles below
    last: Found | None = None       # the person the label lines below belong to
    last_label: str | None = None
    pending: list[tuple[str, str, float]] = []  # label posts printed before their name (辞令 style)
    grid: list[tuple[str, float, float]] | None = None  # a form's 変更前 | 変更後 header: (side, middle, left) per column
    concurrent_row = False
    k = 0
    while k < len(lines):
        ln = lines[k]
        text = texts[k]
        if not block:
            grid = None
        elif _side_header(ln):
            grid = _side_header(ln)
            k += 1
            continue
        elif grid is not None and _grid_row(ln, grid) is not None:
            for role, value, concurrent in _grid_row(ln, grid):
                # 兼 once before a concurrent post whose unit and title are on two rows
                if concurrent and not (block[-1][0] == role and block[-1][1].startswith("兼 ") and concurrent_row):
                    value = f"兼 {value}"
                block.append((role, value, ln))
            concurrent_row = any(c for _r, _v, c in _grid_row(ln, grid))
            k += 1
            continue
        pairs = None if k in not_kv else _kv_pairs(ln, text, bool(block))
        if pairs:
            pairs = [(role, _ticked(value)) for role, value in pairs]
        kv = pairs[0] if pairs else None
        if pairs and not any(r == role for r, _v, _l in block for role, _value in pairs):
            if not block:
                block_start = k
                above = lines[k - 1] if k else None
                if (above is not None and above.page == ln.page and is_kana(texts[k - 1])
                        and -0.5 * ln.size <= ln.y0 - above.y1 < 0.8 * ln.size and any(r == "name" for r, _v in pairs)
                        and not any(r == "kana" for r, _v in pairs)):
                    block.append(("kana", texts[k - 1], above))  # the reading printed above the name
            block += [(role, value, ln) for role, value in pairs]
            k += 1
            continue
        if block and not pairs and len(ln.cells) == 1 and block[-1][2].page == ln.page \
                and len(block[-1][2].cells) >= 2 and abs(ln.x0 - block[-1][2].cells[1].x0) <= 0.5 * ln.size \
                and 0 <= ln.y0 - lines[k - 1].y1 < 0.8 * ln.size and not names.find_names(text):
            # 新所属・役職 | 事業開発本部 新規事業部 / (次長 on the next line, under the value): wrapped;
            # the labelled line stays the block's, so a value wrapped twice joins too
            role_w, value_w, line_w = block[-1]
            block[-1] = (role_w, f"{value_w} {text}", line_w)
            k += 1
            continue
        if block:
            has_name = any(r == "name" for r, _v, _l in block)
            f = _from_kv(block) if has_name else None
            block = []
            if f:
                out.append(f)
            elif not has_name:
                # 発令日 2025年4月1日 / 新職 …: label lines, not a form: read them again as lines
                not_kv.update(range(block_start, k))
                k = block_start
                continue
            if kv:
                continue  # the next person's block starts here
        role, rest = posts.label_of(text)
        outside = (k < title and not role and "(" not in text) or k > closing
        spans = [] if outside or _NOT_RECORD_LINE.search(_naming_sentences(text)) else names.find_names(text)
        singles = {squeeze(c.text) for c in ln.cells if len(squeeze(c.text)) == 1}
        if spans and sum(len(squeeze(c.text)) == 1 for c in ln.cells) >= 3:
            # a row of boxes one character each (seal stamps, a surname stacked in each): two of
            # them side by side are no family and given name
            spans = [sp for sp in spans if not (squeeze(sp.family) in singles and squeeze(sp.given) in singles)]
        whole = None if outside or not spans and _NOT_RECORD_LINE.search(text) else names.addressee(text)
        if whole and not any(sp.start == whole.start and sp.end == whole.end for sp in spans):
            # the name before 殿 or the colon is printed whole, even where the analyser reads less
            spans = [whole] + [sp for sp in spans if sp.end <= whole.start or sp.start >= whole.end]
        if not spans and not outside:
            spans = _addressee_of_order(text)
        if not outside and bullet and text.startswith(bullet):
            tail = _name_ending_entry(text)
            if tail and (not spans or all(tail[0].start <= sp.start and sp.end <= tail[0].end for sp in spans)):
                # ▽…（前…）雲雀玲央: the name ending the entry, where the analyser reads less of it (玲 | 央)
                spans = tail
        if not spans and unit and len(ln.cells) == 2 and posts.bare_title(ln.cells[0].text):
            spans = _holder_cell(text, ln.cells[1].text)
        elif (not spans and not outside and title < k < closing and len(ln.cells) == 2
                and posts.post_likeness(ln.cells[0].text) >= 0.5):
            # 代表取締役社長 | 春日部 寿々 in a line-up: the post's holder is the cell beside it, a
            # known given name after a family name the analyser reads as a place (…部 like a unit)
            spans = _holder_by_given_name(text, ln.cells[1].text)
        if role and not spans:
            owner = _owner_on_side(lines, k, out, last)
            if owner is not None and owner.values.get(role + "_post"):
                owner = None  # the person above has this post already: it is the next person's (新 above the name)
            if owner is None:
                pending.append((role, rest, ln.order))
            else:
                owner.append(role + "_post", _label_post(role, rest), 0.9)
                owner.cue = True
                last, last_label = owner, role
                own = scope.effective_dates(rest)
                if own:  # 新所属／退職（3月31日付）: this person's own date
                    owner.set("effective_date", own[0][1], 0.85, override=False)
            k += 1
            continue
        if not spans and (moved := _moved_under(lines, k, text, last, closing)):
            # 前任担当者 営業部 部長 山田 太郎 / （4月1日付で総務部 部長へ異動）: where the person named goes
            last.set("new_post", moved[1], 0.8)
            if moved[0]:
                last.set("effective_date", moved[0], 0.85)
            last.cue = True
            last_label = None
            k += 1
            continue
        if not spans:
            h_post, h_dep = posts.heading_post(text)
            # (退任 alone on its line over the leavers, as a card prints it)
            is_heading = bool(posts.NUMBERING.match(text) or "【" in text or scope.effective_dates(text)
                              or re.fullmatch(r"(退任|退職|辞任)(者|役員)?", squeeze(text)) is not None)
            prev = lines[k - 1] if k else None
            continues = (prev is not None and prev.page == ln.page and -0.3 * prev.size < ln.y0 - prev.y1 < 0.8 * prev.size
                         and ln.x0 >= prev.x0 - 1 and not scope.company_of_text(text)
                         and not _CAREER_YEAR.search(text))  # 2018年6月 執行役員: a career history
            under_name = (last is not None and not last_label and prev is not None and prev.order == last.order
                          and prev.page == ln.page and -0.3 * prev.size <= ln.y0 - prev.y1 < 1.5 * prev.size)
            nxt = lines[k + 1] if under_name and k + 1 < len(lines) else None
            wrapped = (nxt is not None and nxt.page == ln.page and -0.3 * ln.size <= nxt.y0 - ln.y1 < 0.8 * ln.size
                       and posts.ARROW.search(texts[k + 1]) is not None and not posts.ARROW.search(text)
                       and posts.post_likeness(text) >= 0.5 and not names.find_names(texts[k + 1]))
            if (under_name and (posts.ARROW.search(text) or wrapped)
                    and last.values.get("new_post", posts.DEPARTURE) == posts.DEPARTURE
                    and not last.values.get("old_post") and k < closing):
                # (1) 山田 太郎（やまだ たろう） / 営業部 部長 ← 営業部 次長: the arrow line under the name
                # (set tight, a scan's lines may overlap a little)
                # (under a departures heading: 総務部 課長 → 退職); a post wrapped onto the arrow's line
                # (営業部 部長 兼 総務部 / 部長 ← 営業部 部長) is read as one line
                if wrapped:
                    text = f"{text} {texts[k + 1]}"
                    k += 1
                prose.arrow(last, "", text)
            elif (under_name and (left := _POST_LEFT.fullmatch(text)) and posts.post_likeness(left.group(1)) >= 0.5
                    and last.values.get("new_post", posts.DEPARTURE) == posts.DEPARTURE
                    and not last.values.get("old_post") and k < closing):
                # ● 山田 太郎 / 営業部 部長（退任）: the post under the name, closed by a departure, is the one left
                last.set("old_post", posts.clean_old(left.group(1)), 0.8)
                last.set("new_post", posts.DEPARTURE, 0.8)
                last.cue = True
            elif (last is not None and last_label and continues and posts.post_likeness(text) >= 0.6 and not is_heading
                    and k < closing):  # after 以上 comes the signature, not a post
                last.append(last_label + "_post", text, 0.85)   # the post continues on the next line
            elif title < k < closing and len(ln.cells) == 1 and posts.is_unit(text):
                unit = squeeze(text)
                last, last_label = None, None
            elif is_heading and (h_post or h_dep):
                heading_post, heading_departure = h_post, h_dep
                last, last_label, unit = None, None, ""
            elif is_heading and (scope.effective_dates(text) or _PROSE_CUE.search(text)):
                # the next section (a date, or 新任・採用 after 退職者): the heading above no longer applies
                heading_post, heading_departure = "", False
                last, last_label, unit = None, None, ""
            elif last is not None and not last_label and (order := prose.order_of_appointment(text)):
                # 辞令: 山田 太郎 殿 / 営業部 課長を免じ / 営業部 部長に任命する
                role, post = order
                last.set(role + "_post", post, 0.75, override=False)
                last.cue = True
                # …を命ずる。なお、…の職を免ずる。: the order's second sentence on the same line
                for more in text.split("。")[1:3]:
                    if (again := prose.order_of_appointment(more)) and again[0] != role:
                        last.set(again[0] + "_post", again[1], 0.75, override=False)
                        break
            k += 1
            continue
        above = lines[k - 1] if k else None
        ruby = texts[k - 1] if above is not None and above.page == ln.page and is_kana(texts[k - 1]) \
            and 0 <= ln.y0 - above.y1 < 0.8 * ln.size and len(spans) == 1 else ""
        if len(spans) == 1 and _signed_under_company(text, spans[0], above, ln, texts[k - 1] if k else "",
                                                     right_edge.get(ln.page, 0.0)):
            k += 1
            continue
        for span in spans:
            f = _person_in_line(ln, text, span, heading_post, heading_departure)
            if f is None:
                continue
            if unit and posts.bare_title(f.values.get("new_post", "")):
                # 事業戦略部 / 部長 黒﨑 邦彦: the title is the unit's above
                f.values["new_post"] = f"{unit} {f.values['new_post']}"
            addressed = re.match(r"\s*(殿|様)", text[span.end:]) or (
                # the name alone on its line with the order under it (林 浩 / 営業部 部長に任命する)
                not squeeze(text[span.end:]) and not posts.strip_numbering(text[:span.start]).strip()
                and k + 1 < len(lines) and prose.order_of_appointment(texts[k + 1]) is not None)
            if (addressed and above is not None and above.page == ln.page
                    and 0 <= ln.y0 - above.y1 < 2.5 * ln.size and posts.post_likeness(texts[k - 1]) >= 0.5):
                # 辞令: the post printed over the addressee's name (営業部 課長 / 山田 太郎 殿) is the one held now
                f.set("old_post", posts.clean_old(texts[k - 1]), 0.75, override=False)
            if ruby and not f.values.get("family_name_kana"):
                fk, gk = names.kana_pair(ruby, f.family, f.given)  # the reading printed above the name
                f.set("family_name_kana", fk, 0.8 if gk else 0.45)
                f.set("given_name_kana", gk, 0.8 if gk else 0.4)
            if pending:
                for role_p, post, _o in pending:
                    f.append(role_p + "_post", _label_post(role_p, post), 0.85)
                f.cue = True
                pending = []
            out.append(f)
            last, last_label = f, None
        if role and spans:
            # 新：営業部長　山田 太郎 — the label line also carries the name
            rest_wo = _remove_names(rest, spans, text)
            bracket = re.search(r"[(（]([^()（）]*)[)）]\s*$", rest_wo)
            if bracket and role == "new" and posts.post_likeness(bracket.group(1)) > 0:
                # 新 代表取締役社長 山田 太郎（現 取締役副社長）: the bracket is the post held now
                last.set("old_post", posts.clean_old(bracket.group(1)), 0.8, override=False)
                rest_wo = rest_wo[:bracket.start()].strip()
            last.append(role + "_post", _label_post(role, rest_wo), 0.85)
            last.cue = True
            last_label = role
        k += 1
    if block and any(r == "name" for r, _v, _l in block):
        f = _from_kv(block)
        if f:
            out.append(f)
    _unmarked_stay(out, lines, texts)
    return out


# 新任 / （前 取締役） in small type beside the name (under it, once read): what marks a change
_CHANGE_MARK = re.compile(r"(新任|昇任|昇格|就任|[(（]\s*(前|現|旧)[\s:：]*\S[^()（）]*[)）])")


def _entry_shaped(ln: Line, text: str) -> bool:
    """A line-up's entry: a post cell, then a name cell (one the analyser may not read as a name)."""
    if len(ln.cells) != 2 or posts.post_likeness(ln.cells[0].text) < 0.5:
        return False
    holder = ln.cells[1].text
    return bool(_holder_by_given_name(text, holder)) or (names.looks_like_name_cell(holder)
                                                         and len(fold_space(holder).split()) == 2
                                                         and posts.post_likeness(holder) == 0)


_BOARD_TITLE = re.compile(r"(代表|専務|常務|常勤|非常勤|社外|上席|専務執行役員|常務執行役員)?(取締役|監査役|執行役員|会長|副会長|社長|副社長|相談役|顧問|理事|監事){1,2}")


def _unmarked_stay(out: list[Found], lines: list[Line], texts: list[str]) -> None:
    """A full line-up (役員 post | name, one a line) where a change is marked on a line of its own
    under the name (新任, （前 常務取締役）): the persons with no mark and no departure stay in office."""
    at = {ln.order: k for k, ln in enumerate(lines)}
    marked, unmarked = [], []
    for f in out:
        k = at.get(f.order)
        if k is None or f.values.get("new_post") == posts.DEPARTURE:
            continue
        nxt = squeeze(texts[k + 1]) if k + 1 < len(texts) and lines[k + 1].page == lines[k].page else ""
        if nxt and _CHANGE_MARK.fullmatch(nxt) and not names.find_names(texts[k + 1]):
            marked.append(f)
        elif not f.values.get("old_post") and (not nxt or names.find_names(texts[k + 1])
                                               or _entry_shaped(lines[k + 1], texts[k + 1])
                                               or posts.heading_post(texts[k + 1])[1]
                                               or scope.company_of_text(texts[k + 1])):
            # the next entry right under the name (or the leavers' heading, or the company signing)
            unmarked.append(f)
    # (an arrival marked too, or a board listed whole: where only the old post is marked, one
    # unmarked under a unit may be new to the post)
    arrival = any(re.fullmatch(r"(新任|昇任|昇格|就任)", squeeze(texts[at[f.order] + 1])) for f in marked)
    board = all(_BOARD_TITLE.fullmatch((fold_space(f.values.get("new_post", "")).split() or [""])[0])
                for f in marked + unmarked)
    if marked and (arrival or board) and unmarked:
        for f in unmarked:
            f.decided = False


# 営業部 部長（退職）: a post and a bracket saying only that it is left
_POST_LEFT = re.compile(r"(\S.*?)\s*[(（]\s*(退任|退職|辞任)\s*[)）]")
_REPRESENTATIVE = re.compile(r"(代表|社長|会長|理事長|頭取|学長|総長|院長|所長|支配人)")


def _signed_under_company(text: str, span, above: Line | None, ln: Line, above_text: str, right: float) -> bool:
    """The signature under the company's name on the line above (株式会社… / 代表取締役社長 山田 太郎),
    as an order or a notice closes: the head of the company signing, or anyone signing with the
    two lines set to the right (人事部長 山田 太郎), not a person announced. Only the title and the
    name are on the line; an entry says more (a bracket, an old post, a cue)."""
    if above is None or above.page != ln.page or not (0 <= ln.y0 - above.y1 < 2.5 * ln.size):
        return False
    own = fold_space(above_text)
    name = scope.company_of_text(own)
    if not name or squeeze(own) != squeeze(name):
        return False  # the line above says more than the company's name (a 【company】 heading)
    before, after = text[:span.start].strip(), text[span.end:].strip()
    # (set to the right on a page in one column: in a page's right-hand column it is an entry)
    signing = _REPRESENTATIVE.search(before) is not None or (min(ln.x0, above.x0) > 0.45 * right and not ln.column)
    return bool(before) and not after and signing and posts.post_likeness(before) > 0 and not _PROSE_CUE.search(before)


_ENTRY_TAIL = re.compile(r"[)）]\s*([\u3400-\u9FFF\uF900-\uFAFF々]{1,4}[ \u3000]?[\u3400-\u9FFF\uF900-\uFAFF々]{1,4})\s*$")


# 帯刀　玲央に対し、…を命ずる: the person an order is addressed to, at the start of the order
_ORDER_ADDRESSEE = re.compile(r"^\s*([\u3400-\u9FFF\uF900-\uFAFF々]{1,4}[ \u3000]?[\u3400-\u9FFF\uF900-\uFAFF々]{1,4})"
                              r"\s*(?:[(（][^()（）]*[)）])?\s*に対し(?:て)?[、,]")


def _addressee_of_order(text: str) -> list:
    """An order addressed to a person (帯刀　玲央に対し、…を命ずる): the name before に対し, even where
    the analyser does not read it as one (a family name it does not know)."""
    m = _ORDER_ADDRESSEE.match(text)
    if not m or posts.post_likeness(m.group(1)) > 0 or not names.looks_like_name_cell(m.group(1)):
        return []
    family, given, conf = names.split_name(m.group(1))
    return [names.NameSpan(m.start(1), m.end(1), family, given, conf)] if given else []


def _name_ending_entry(text: str) -> list:
    """▽営業部長（総務部課長）原樹: the kanji after an entry's closing bracket are its person's name,
    even where the analyser does not read them as one (a one-kanji given name it files as a noun
    or a suffix); split as a name cell is, with the confidence of that split."""
    m = _ENTRY_TAIL.search(text)
    if not m or posts.post_likeness(m.group(1)) > 0 or not names.looks_like_name_cell(m.group(1)):
        return []
    family, given, conf = names.split_name(m.group(1))
    return [names.NameSpan(m.start(1), m.end(1), family, given, conf)] if given else []


def _holder_cell(text: str, cell: str) -> list:
    """副所長 | 松下 暁 ★ in an org-chart box (a unit's name above): the title's holder is the cell
    beside it, a name printed with a space even where the analyser does not read it as one (a
    family name it files as a company, a one-kanji given name it files as a noun)."""
    name = fold_space(cell).rstrip(geometry.ENTRY_MARKS + " ")
    parts = name.split()
    k = text.rfind(name)
    if len(parts) != 2 or k < 0 or not all(names.looks_like_name_cell(p) or len(p) == 1 for p in parts) \
            or posts.post_likeness(name) > 0 or re.search(r"[^\u3400-\u9FFF\uF900-\uFAFF々 ]", name):
        return []
    return [names.NameSpan(k, k + len(name), parts[0], parts[1], 0.7)]


def _holder_by_given_name(text: str, cell: str) -> list:
    """A cell of a family name (1–4 kanji) and a given name the dictionary knows, parted by a space."""
    name = fold_space(cell)
    parts = name.split()
    k = text.rfind(name)
    if len(parts) != 2 or k < 0 or not re.fullmatch(r"[\u3400-\u9FFF\uF900-\uFAFF々]{1,4}", parts[0]):
        return []
    given = names.tokens(parts[1])
    if len(given) != 1 or not given[0].given:
        return []
    return [names.NameSpan(k, k + len(name), parts[0], parts[1], 0.7)]


def _label_post(role: str, text: str) -> str:
    t = posts.clean_post(posts.empty_if_placeholder(text))
    if role == "old":
        return posts.clean_old(t)
    if posts.DEPARTURE_CUE.search(squeeze(t)) and posts.post_likeness(t) < 0.5:
        return posts.DEPARTURE
    return t


def _owner_on_side(lines: list[Line], k: int, out: list[Found], last: Found | None) -> Found | None:
    """Who a 新/旧 line belongs to: the person named above it (the usual list), unless a name is
    printed beside the label block (辞令 style: 新 and 旧 stacked, the name to their right)."""
    ln = lines[k]
    for j in (k + 1, k + 2):
        if (j < len(lines) and lines[j].page == ln.page and lines[j].column == ln.column and lines[j].box == ln.box
                and abs(lines[j].cy - ln.cy) < 2.2 * ln.size):
            other = lines[j]
            if other.x0 > ln.x1 and names.find_names(fold_space(other.text)):
                return None  # the name comes next, beside this block
    return last


def _remove_names(rest: str, spans, text: str) -> str:
    out = rest
    for s in spans:
        printed = text[s.start:s.end]
        honorific = _HONORIFIC.match(text[s.end:])
        if honorific and printed + honorific.group(0) in out:
            printed += honorific.group(0)  # 新：法務部 部長 港 空さん: the honorific goes with the name
        out = out.replace(printed, " ")
        reading, _end = names.reading_after(text, s.end, s.family_reading)
        if reading:
            out = re.sub(r"[(（【\[《〈「『〔［<]?\s*" + re.escape(reading) + r"\s*[)）】\]》〉」』〕］>]?", " ", out)
    return fold_space(out)


# after a name: an honorific, or the name in Latin letters (林 浩 (Hiroshi Hayashi))
_HONORIFIC = re.compile(r"\s*(氏|様|殿|さん|君)(?![\u3400-\u9FFF])|\s*[(（][A-Za-z][A-Za-z.'’-]*\s+[A-Za-z][A-Za-z.'’-]*[)）]")


# The kind of change printed first in an entry, apart from the post after it (新任　営業部長　山田 太郎).
_KIND_FIRST = re.compile(r"^[【\[(（]?(新任|昇任|昇格|昇進|異動|転任|兼務|委嘱|採用|新規採用|中途採用|着任|就任"
                         r"|退任|退職|辞任|定年退職)[】\])）]?\s+")


# An entry that starts with its own date (▽3月31日付退任（前…）…, ▽4月1日付 営業部長 …)
_DATED_ENTRY = re.compile(r"^\s*([^\s、。()（）]{3,20}?付(?:け)?(?:で|をもって|にて)?)[、\s]*(?=\S)")


def _person_in_line(ln: Line, text: str, span, heading_post: str, heading_departure: bool) -> Found | None:
    conf_words = min(c.conf for c in ln.cells)
    f = Found(ln.order, span.family, span.given, span.confidence * conf_words)
    # 山田 太郎 氏（前 営業部長）: an honorific after the name; the reading and the bracket follow it
    honorific = _HONORIFIC.match(text[span.end:])
    reading, after_end = names.reading_after(text, span.end + (honorific.end() if honorific else 0), span.family_reading)
    if reading and not honorific and (honorific := _HONORIFIC.match(text[after_end:])):
        after_end += honorific.end()  # 山田 太郎（やまだ たろう）さん: the honorific after the reading
    if reading:
        resplit = names.resplit_by_reading(span, text[span.start:span.end], reading)
        if resplit:
            f.family, f.given = resplit  # 甘利衛（ｱﾏﾘ ﾏﾓﾙ）: cut where the printed reading cuts
            span = replace(span, family=resplit[0], given=resplit[1])
        fk, gk = names.kana_pair(reading, span.family, span.given)
        f.set("family_name_kana", fk, 0.9 if gk else 0.5)
        f.set("given_name_kana", gk, 0.9 if gk else 0.4)
    else:
        f.conf["family_name_kana"] = f.conf["given_name_kana"] = 0.85
    before = posts.strip_numbering(text[: span.start])
    dated = _DATED_ENTRY.match(before)
    if dated and (own := scope.effective_dates(dated.group(1))) and (
            posts.DEPARTURE_CUE.match(before[dated.end():]) or posts.post_likeness(before[dated.end():]) >= 0.5):
        # ▽2023年5月31日付退任（前城東支店長）山田太郎: the entry's own date before what it says
        f.set("effective_date", own[0][1], 0.85)
        before = before[dated.end():]
    kind = _KIND_FIRST.match(before)
    if kind and posts.post_likeness(before[kind.end():]) >= 0.5:
        # 新任　営業部長　山田 太郎 / 退任　総務部長　鈴木 一郎: the kind of change, then the post
        before = before[kind.end():]
        if posts.DEPARTURE_CUE.search(kind.group(1)):
            before = f"退任（{before.strip()}）"
    after = text[after_end:].strip()
    if re.match(r"^[:：]\s*\S", after):
        after = after[1:].strip()  # 山田 太郎：営業部長（営業部次長）
    concurrent = re.match(r"^[(（]\s*(?:兼務?|兼任)\s*[:：]?\s*([^()（）]+)[)）]\s*", after)
    if concurrent and posts.post_likeness(concurrent.group(1)) > 0:
        after = after[concurrent.end():]  # 営業部長 山田 太郎（兼 総務部長）: a post held besides the new one
    bracket = re.match(r"^[(（]([^()（）]*)[)）]", after)
    unbracketed = after[bracket.end():].strip() if bracket else after
    listed = re.search(r"(退任|退職|辞任|退社)[^。:：]{0,24}[:：][^。]*$", before)
    if listed and (not bracket or posts.post_likeness(bracket.group(1)) > 0):
        # …付で退職いたしました：山田 太郎（営業部 部長）、…: a sentence listing who leaves after its
        # colon; each person listed leaves the post in the bracket after the name
        f.set("new_post", posts.DEPARTURE, 0.8)
        if bracket:
            f.set("old_post", posts.clean_old(bracket.group(1)), 0.8)
        f.cue = True
        own = scope.effective_dates(before)
        if own:
            f.set("effective_date", own[-1][1], 0.8)
        return f
    sentence = _PROSE_CUE.search(after) or _PROSE_CUE.search(before)
    # …から…付をもって辞任したい旨の申出: the sentence is about the person named before から
    if sentence and (unbracketed[:1] in ("は", "を", "、", "が") or unbracketed.startswith(("から", "に対し"))
                     or before.endswith("の")):
        prose.prose(f, text, span, after_end)
        return f
    if posts.ARROW.search(after):
        prose.arrow(f, before, after)
        return f
    label_role, _ = posts.label_of(before)
    if label_role:
        return f  # 新：… 山田 — handled by the caller
    if scope.company_of_text(before) and re.search(r"(代表|社長|会長)", before) and not bracket:
        return None  # the signature: みなと商事株式会社 代表取締役社長 大川 正
    if _NOT_CHANGED.search(after):
        return None  # 営業部 部長 山田 太郎（留任）: listed, not changed
    after_role, after_post = posts.label_of(after)
    if after_role and not bracket:
        # 山田 太郎　新 営業部 部長 (旧 … on the line below): the label follows the name;
        # 新：… 旧：… may both follow on the one line
        for role_k, post_k in posts.split_labelled(after_role, after_post):
            f.set(role_k + "_post", _label_post(role_k, post_k), 0.85)
        f.cue = True
        return f
    # 内田 蓮 専務執行役員 海外事業本部長(現 常務執行役員 …): a post printed after the name
    m_after = None if bracket else re.match(r"^([^(（]+)(?=[(（]|$)", after)
    if m_after and posts.post_likeness(m_after.group(1)) < 0.6:
        m_after = None
    # ▽営業管理部長（財務経理部課長）山田太郎, ▽退任（営業部長）山田太郎: the post held until now in
    # brackets between the new post (or the departure) and the name
    new_b, old_b = posts.bracketed_old(before, any_bracket=True) if before else ("", "")
    if not (old_b and (posts.post_likeness(new_b) >= 0.5 or posts.DEPARTURE_CUE.fullmatch(squeeze(new_b)))):
        new_b, old_b = before, ""
    if new_b and posts.post_likeness(new_b) >= 0.5 and heading_departure and not old_b and not m_after:
        # …付で次の方が退職されました。 / ・営業部 部長 山田 太郎さん: under a departures heading the
        # post before the name is the one left
        f.set("new_post", posts.DEPARTURE, 0.85)
        f.set("old_post", posts.clean_old(new_b), 0.8)
        f.cue = True
    elif new_b and posts.post_likeness(new_b) >= 0.5:
        if old_b:
            f.set("old_post", posts.clean_old(old_b), 0.8)
        f.set("new_post", posts.clean_post(new_b), 0.85)
        f.cue = True
    elif new_b and posts.DEPARTURE_CUE.fullmatch(squeeze(new_b).strip("【】[]()（）:：")):
        f.set("new_post", posts.DEPARTURE, 0.85)  # 退任　山田 太郎: the departure printed where a post would be
        if old_b:
            f.set("old_post", posts.clean_old(old_b), 0.8)
        f.cue = True
        if m_after:
            f.set("old_post", posts.clean_old(m_after.group(1)), 0.75)
            after = after[m_after.end():].strip()
            bracket = re.match(r"^[(（]([^()（）]*)[)）]", after)
    elif heading_departure:
        f.set("new_post", posts.DEPARTURE, 0.85)
        f.cue = True
        if m_after:  # under a departures heading the post beside the name is the one left
            f.set("old_post", posts.clean_old(m_after.group(1)), 0.8)
            after = after[m_after.end():].strip()
            bracket = re.match(r"^[(（]([^()（）]*)[)）]", after)
    elif m_after:
        f.set("new_post", posts.clean_post(m_after.group(1)), 0.8)
        f.cue = True
        after = after[m_after.end():].strip()
        bracket = re.match(r"^[(（]([^()（）]*)[)）]", after)
    elif heading_post:
        f.set("new_post", heading_post, 0.8)
        f.cue = True
    moved = prose.move_in_bracket(bracket.group(0)) if bracket else None
    if moved:
        # 営業部 部長（2025年3月31日付で退職）: the post beside the name is the one left (or moved
        # from), the bracket's date the person's own
        if f.values.get("new_post") and f.values["new_post"] != moved[1] and not f.values.get("old_post"):
            f.set("old_post", posts.clean_old(f.values["new_post"]), 0.8)
        f.set("new_post", moved[1], 0.8)
        if moved[0]:
            f.set("effective_date", moved[0], 0.85)
        f.cue = True
    elif bracket:
        inner = bracket.group(1)
        left = re.fullmatch(r"(.*?)\s*(?:を|で)?\s*(?:退任|退職|辞任|退社|定年退職)(?:予定|する|します|いたします)?", fold_space(inner))
        if left and posts.post_likeness(left.group(1)) < 0.5 and not posts.label_of(left.group(1))[0]:
            # 営業部 部長 山田 太郎（退任）: the departure is the news, the post beside the name the one left
            if f.values.get("new_post") and f.values["new_post"] != posts.DEPARTURE and not f.values.get("old_post"):
                f.set("old_post", posts.clean_old(f.values["new_post"]), 0.8)
            f.set("new_post", posts.DEPARTURE, 0.8)
            f.cue = True
        elif left:
            # 山田 太郎（営業部 部長 退職）: the post left, then the departure
            f.set("old_post", posts.clean_old(left.group(1)), 0.8)
            f.set("new_post", posts.DEPARTURE, 0.8)
            f.cue = True
        elif posts.post_likeness(inner) > 0:  # not (1965年5月3日生), (58歳), (社外)
            f.set("old_post", posts.clean_old(inner), 0.85)
    elif f.values.get("new_post"):
        f.conf["old_post"] = 0.7
    rest = after[bracket.end():] if bracket else after
    left = re.match(r"^(?:退任|退職|辞任|退社)\s*[(（]([^()（）]+)[)）]", rest)
    if left and not f.values.get("new_post") and posts.post_likeness(left.group(1)) > 0:
        # 山田 太郎：退任（総務部長）: the departure, then the post left in brackets
        f.set("new_post", posts.DEPARTURE, 0.8)
        f.set("old_post", posts.clean_old(left.group(1)), 0.8)
        f.cue = True
    if posts.DEPARTURE_CUE.search(rest) and not f.values.get("new_post"):
        f.set("new_post", posts.DEPARTURE, 0.75)
        f.cue = True
    if concurrent and f.values.get("new_post") and f.values["new_post"] != posts.DEPARTURE:
        f.values["new_post"] = f"{f.values['new_post']} 兼 {posts.clean_post(concurrent.group(1))}"
    return f
