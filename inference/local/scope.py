"""What applies where a person is printed: the effective date and the company in scope."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from inference.local.geometry import Line
from inference.local.posts import NUMBERING, label_of, post_likeness
from jptext import find_dates, fold_space, squeeze

# A date is an effective date when followed by 付 or preceded by a label such as 発令日：.
_EFFECTIVE_LABEL = re.compile(
    r"(発令日?|発令年月日|効力発生日|異動日|実施日|就任日|発効日|適用日|着任日|異動年月日"
    r"|(異動|就任|退任|発令|実施|着任|発効)予定日|(異動|就任)の?(予定)?年月日)"
    # 発令日 / Effective: a bilingual label, its translation beside it
    r"(\s*[/／]?\s*[A-Za-z][A-Za-z .]*)?\s*[:：]?\s*[(（【]?\s*$")
_NOT_EFFECTIVE_AFTER = re.compile(r"^\s*(開催|現在|作成|発表|公表|提出|決議|予定の|の取締役会|の定時)")


@dataclass(frozen=True)
class DateMarker:
    order: float
    iso: str
    conf: float


_TAKES_EFFECT = re.compile(r"\s*(?:[(（][月火水木金土日](?:曜日?)?[)）])?\s*(付|をもって|より|から|にて|実施|発令|発効|施行)")
# A title naming the round of changes (2025年4月1日 人事異動, 人事異動（令和7年4月1日）): its date is theirs.
_TITLE_OF_CHANGES = re.compile(r"(人事異動|役員異動|組織・人事|異動|辞令)")
# 4月1日付: a date printed without its year (the year of the document's own date is meant).
# 4月1日付, and 4/1付 (a slash date without its year only where 付 follows: not a fraction)
_MONTH_DAY = re.compile(r"(?<![年\d])(\d{1,2})\s*月\s*(\d{1,2})\s*日|(?<![\d/.])(\d{1,2})/(\d{1,2})(?=\s*付)")


def effective_dates(text: str, year_of: datetime.date | None = None) -> list[tuple[int, str]]:
    """(position, ISO date) of each date in `text` that says when a change takes effect.
    `year_of` (the document's date) completes a date printed without a year: 4月1日付."""
    t = fold_space(text)
    if "組織" in t and "人事" not in t and "異動" not in t:
        return []  # dates of organisational changes are not personnel dates
    out = []
    full = find_dates(t)
    for m in full:
        after, before = t[m.end:], t[: m.start]
        if _NOT_EFFECTIVE_AFTER.match(after):
            continue
        # …付, …をもって (退任), …より / …から (就任): the day the change takes effect
        # (発 令 日：, spaced out in print or parted by a scan's gap: 発令 日:2025年12月1日)
        if _TAKES_EFFECT.match(after) or _EFFECTIVE_LABEL.search(before) or _EFFECTIVE_LABEL.search(re.sub(r"\s+", "", before)):
            out.append((m.start, m.iso))
    if year_of is not None:
        for m in _MONTH_DAY.finditer(t):
            if any(d.start <= m.start() < d.end for d in full) or not _TAKES_EFFECT.match(t[m.end():]):
                continue
            month, day = int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))
            # A change announced in December for January takes effect the next year.
            year = year_of.year + (1 if month < year_of.month - 6 else 0)
            try:
                out.append((m.start(), datetime.date(year, month, day).isoformat()))
            except ValueError:
                continue
        out.sort()
    return out


def document_date(lines: list[Line]) -> datetime.date | None:
    """The first full date printed (the announcement's own date, in the letterhead)."""
    for ln in lines:
        found = find_dates(fold_space(ln.text))
        if found:
            return found[0].date
    return None


_POST_LABEL = re.compile(r"^\s*[■●・◆]?\s*(\S{1,10}?)\s*[:：／/]")


# （2025年4月1日付で営業部 部長へ異動）, （3月31日付で退職）: a bracket on its own line under a person
# saying where that person goes, and when
MOVE_IN_BRACKET = re.compile(r"^\s*[(（](?P<when>[^()（）]*?付(?:け)?(?:をもって|にて|で)?)[、\s]*(?P<what>[^()（）]*?"
                             r"(?:異動|就任|昇任|昇格|昇進|着任|配属|転任|転勤|転籍|出向|退職|退任|辞任|退社)"
                             r"(?:予定|する|します|いたします|しました|いたしました)?)[)）]\s*$")


# …付をもって退職を承認する: a resignation accepted is one person's, dated for that person alone
_RESIGNATION_ACCEPTED = re.compile(r"付(?:け)?(?:をもって|で|にて)?[、\s]*(?:退職|退任|辞任|辞職)を(?:承認|許可|認め)")

# 山田 太郎（…）に対し、…の職を解き、…付をもって退職を承認する: an order addressed to one person
_ADDRESSED_ORDER = re.compile(r"^\S.{0,30}?に対し(?:て)?[、,]")


def person_scoped(ln: Line) -> bool:
    """A line giving one person's post (新所属：退職（3月31日付）, 新 | 営業部 部長): a date on it is
    that person's, not a heading over the persons below."""
    from inference.local.geometry import header_role

    t = fold_space(ln.text)
    if MOVE_IN_BRACKET.match(t) or _RESIGNATION_ACCEPTED.search(t) or _ADDRESSED_ORDER.search(t):
        return True
    closing = re.search(r"[(（][^()（）]*[)）]\s*$", t)
    if closing and MOVE_IN_BRACKET.match(closing.group(0)) and not effective_dates(t[:closing.start()]):
        # 営業部 部長（3月31日付で退職）, with or without the person's name before it: the date is
        # that person's, not a heading over the entries below
        # (２．退任役員（…付退任）, 全員（…付配属）: a heading over a group — officers, persons, everyone —
        # not one person's post)
        group = re.search(r"(役員|者|一同|全員)$", squeeze(NUMBERING.sub("", t[:closing.start()], count=1)))
        if post_likeness(t[:closing.start()]) >= 0.5 and not group:
            return True
    m = _POST_LABEL.match(fold_space(ln.cells[0].text))
    label = m.group(1) if m else (ln.cells[0].text if len(ln.cells) > 1 else "")
    # (新）退職（3月31日付）: a label closed by a bracket, or any other form label_of reads)
    return header_role(label) in ("new", "old", "post", "left", "remarks") or label_of(t)[0] is not None


def date_markers(lines: list[Line]) -> list[DateMarker]:
    out = []
    year_of = document_date(lines)
    for k, ln in enumerate(lines):
        if person_scoped(ln):
            continue
        found_here = effective_dates(ln.text, year_of)
        for _pos, iso in found_here:
            out.append(DateMarker(ln.order, iso, 0.9 * min(c.conf for c in ln.cells)))
        t = fold_space(ln.text)
        if (not found_here and len(t) <= 40 and _TITLE_OF_CHANGES.search(t) and "組織" not in t
                and not re.search(r"(発信|作成|起案|提出|送信)日?", t)):
            dates = find_dates(t)
            if len(dates) == 1 and len(squeeze(t)) <= 30 and not _NOT_EFFECTIVE_AFTER.match(t[dates[0].end:]):
                out.append(DateMarker(ln.order, dates[0].iso, 0.8 * min(c.conf for c in ln.cells)))
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if nxt is not None and _EFFECTIVE_LABEL.match(NUMBERING.sub("", squeeze(ln.text), count=1)):
            # ４．異動予定日 / 2025年6月25日（…）: the date on the line under a heading that names it
            found = find_dates(fold_space(nxt.text))
            if found and found[0].start == 0 and not _NOT_EFFECTIVE_AFTER.match(fold_space(nxt.text)[found[0].end:]):
                out.append(DateMarker(nxt.order, found[0].iso, 0.85 * min(c.conf for c in nxt.cells)))
    return out


def bare_date_markers(lines: list[Line]) -> list[DateMarker]:
    """Lines that are only a date (2025年4月1日 under an order), for documents without any
    effective-date marker."""
    out = []
    for ln in lines:
        t = fold_space(ln.text)
        found = find_dates(t)
        if len(found) == 1 and len(squeeze(t[:found[0].start] + t[found[0].end:])) <= 2:
            out.append(DateMarker(ln.order, found[0].iso, 0.5 * min(c.conf for c in ln.cells)))
    return out


def date_after(order: float, markers: list[DateMarker]) -> tuple[str, float]:
    """The first date line after `order`, else the last before it."""
    after = [m for m in markers if m.order > order]
    if after:
        return after[0].iso, after[0].conf
    if markers:
        return markers[-1].iso, markers[-1].conf * 0.8
    return "", 0.0


def date_in_scope(order: float, markers: list[DateMarker]) -> tuple[str, float]:
    """The last effective date printed before `order` (its section heading or the document's
    date line); else the first one after it; else none."""
    before = [m for m in markers if m.order <= order]
    if before:
        m = before[-1]
        distinct = {x.iso for x in markers}
        return m.iso, m.conf if len(distinct) == 1 else m.conf * 0.95
    if markers:
        return markers[0].iso, markers[0].conf * 0.7
    return "", 0.0


# --- company -------------------------------------------------------------------------------------------

# A company name holds no separator: 差出人：青葉株式会社 is 青葉株式会社
# Legal forms of companies and other bodies that announce (学校法人, 医療法人, 一般社団法人 …).
_LEGAL = (r"(?:株式会社|有限会社|合同会社|合資会社|合名会社|\([株有]\)"
          r"|(?:一般|公益)(?:社団|財団)法人|学校法人|(?:社会)?医療法人|社会福祉法人|(?:地方)?独立行政法人|国立大学法人"
          r"|特定非営利活動法人)")
# (a bar parts a page title from the site's name: 人事異動のお知らせ｜みなみ野信用金庫 社内ポータル)
_COMPANY = re.compile(rf"({_LEGAL}\s*[^\s()（）、。:：/／|｜]+"
                      rf"|[^\s()（）、。:：/／|｜]*?{_LEGAL}"
                      # a credit union, a co-operative, a mutual insurer; グループ長 / グループ員 are titles
                      r"|[^\s()（）、。:：/／|｜]+?(?:ホールディングス|グループ(?![長員])|信用金庫|信用組合|協同組合|相互会社))")
_COMPANY_LABEL = re.compile(r"(会\s*社\s*名|商\s*号|社\s*名)\s*[:：]?\s*")
COMPANY_LABEL = re.compile(r"^\s*(会\s*社\s*名|商\s*号|社\s*名|グループ会社)\s*[:：]\s*")
_NOT_ANNOUNCER = re.compile(r"(各位|代表者|問合せ|問い合わせ|TEL|電話|コード番号|東証|監査法人|大学|銀行)")
# A bank or a university named in a letter is most often someone else (取引銀行, 共同研究先) …
_OTHER_BODY = re.compile(r"(大学|銀行)")
# A company addressed (…御中, …各位): the letter's recipient, not its sender.
_ADDRESSED = re.compile(r"\s*(御中|各位)\s*$")


def company_span(text: str) -> tuple[int, int] | None:
    """Where `text` names a company (`_COMPANY`), without its legal form: (start, end) of the name's
    own characters (かもめ電機 of かもめ電機株式会社), or None."""
    m = _COMPANY.search(text)
    if not m:
        return None
    a, b = m.span(1)
    legal = re.search(_LEGAL + r"|ホールディングス|グループ|信用金庫|信用組合|協同組合|相互会社", text[a:b])
    if legal is None:
        return None
    # the name before its legal form, else after it (株式会社ミライテック)
    return (a, a + legal.start()) if legal.start() > 0 else (a + legal.end(), b)


def company_of_text(text: str) -> str:
    t = fold_space(text)
    m = _COMPANY.search(t)
    return m.group(1).strip() if m else ""


def announcing_company(lines: list[Line]) -> tuple[str, float]:
    """The company that announces: after a 会社名 label, else the first company name in the
    letterhead (before the title) or the footer, never inside brackets."""
    labelled = []
    for ln in lines:
        t = fold_space(ln.text)
        m = _COMPANY_LABEL.search(t)
        if m:
            rest = t[m.end():]
            name = company_of_text(rest.split("代表者")[0])
            if name and name not in labelled:
                labelled.append(name)
    if len(labelled) == 1:
        return labelled[0], 0.95
    # several companies labelled 会社名：… are the sections' (one table per group company), not the announcer
    candidates = []
    for i, ln in enumerate(lines):
        for j, c in enumerate(ln.cells):
            t = fold_space(c.text)
            after = fold_space(ln.cells[j + 1].text) if j + 1 < len(ln.cells) else ""
            if _ADDRESSED.search(t) or _ADDRESSED.match(after):
                continue  # the company a letter is sent to (株式会社…印刷　御中, 御中 a cell of its own)
            if _NOT_ANNOUNCER.search(t) or re.search(r"[(（【](?![株有][)）])", t):
                continue
            name = company_of_text(t)
            if name and not re.search(r"[、。]", t) and len(squeeze(t)) <= 40:
                candidates.append(_with_facility(name, t, lines, i, j))
    if not candidates:
        # … unless no other body is named: 株式会社かるがも銀行 in the letterhead announces itself
        for ln in lines:
            for c in ln.cells:
                t = fold_space(c.text)
                name = company_of_text(t)
                if (name and _OTHER_BODY.search(name) and not _NOT_ANNOUNCER.search(_OTHER_BODY.sub("", t))
                        and not re.search(r"[(（【、。]", t) and len(squeeze(t)) <= 40):
                    candidates.append(name)
    # A name with a legal form (株式会社, ホールディングス) before one only ending in グループ, which may
    # be a unit (人事企画グループ)
    legal = [c for c in candidates if not c.endswith("グループ")]
    candidates = legal + [c for c in candidates if c.endswith("グループ")]
    if candidates:
        return candidates[0], 0.85 if candidates.count(candidates[0]) > 1 or len(set(candidates)) == 1 else 0.7
    return _announcing_government(lines)


# かすみ野市は、下記のとおり人事異動を発令します / 2024年度 みなと区人事異動について / …町職員の人事異動
_GOVERNMENT = re.compile(r"(?:^|[\s「『])(?P<name>[^\s、。はをがに「」『』()（）]{1,10}?(?:都|道|府|県|市|町|村|区))"
                         r"(?=は[、,]|職員の?|の?(?:定期)?人事異動|の?幹部職員)")


# あけぼの大学では、…付で下記のとおり教員人事を行います: a university, school, hospital or institute
# without a legal form, the subject of the announcing sentence
_INSTITUTION = re.compile(r"(?:^|[\s「『])(?P<name>[^\s、。はをがに「」『』()（）]{1,16}?"
                          r"(?:大学|大学院|学園|学校|病院|研究所|研究機構|機構|協会|財団))(?=で?は[、,])")


# ゆりの木町教育委員会 alone on its line (a letter's sender, over 教育長 …): a body of a city, town or
# prefecture that posts its own staff (a board of education its teachers)
_PUBLIC_BODY = re.compile(r"(?P<name>[^\s、。はをがに「」『』()（）]{1,10}?(?:都|道|府|県|市|町|村|区)"
                          r"(?:教育委員会|委員会|役所|役場|消防本部|消防局|水道局|交通局|病院局"
                          # or one it runs, named after it: こうのとり市立総合病院
                          r"|立[^\s、。()（）]{0,12}?(?:病院|医療センター|大学|学校)))")


def _announcing_government(lines: list[Line]) -> tuple[str, float]:
    """A city, town or prefecture that announces its staff's changes (no company in the document):
    the subject of the announcing sentence or of the title; a university or another institution
    without a legal form: the subject of the announcing sentence."""
    found = []
    for ln in lines[:40]:
        t = fold_space(ln.text)
        for m in reversed(find_dates(t)):
            t = t[:m.start] + " " + t[m.end:]
        m = (_GOVERNMENT.search(re.sub(r"^\s*(?:年度|度)\s*", "", t)) or _INSTITUTION.search(t)
             or _PUBLIC_BODY.fullmatch(t.strip()))
        if m and not re.search(r"(各位|御中|記者)", m.group("name")):
            found.append(m.group("name"))
    if not found:
        return "", 0.0
    return found[0], 0.8 if found.count(found[0]) > 1 else 0.7


# What a body run by a 法人 is known by (社会医療法人あおさぎ会 / あおさぎ記念病院): a hospital, a school …
_FACILITY = re.compile(r"[^\s()（）、。:：/／|｜]+(病院|医療センター|クリニック|診療所|学校|学園|大学|幼稚園|保育園|こども園|施設)")


def _with_facility(name: str, cell_text: str, lines: list[Line], i: int, j: int) -> str:
    """A 法人's name followed by the facility it runs, in the next cell or alone on the line right
    under it: both are the announcer's name (地方独立行政法人 しらゆり市民病院)."""
    if "法人" not in name or not fold_space(cell_text).startswith(name):
        return name
    ln = lines[i]
    after = fold_space(cell_text)[len(name):].strip()
    if not after:
        after = ln.cells[j + 1].text if j + 1 < len(ln.cells) else ""
    if not after and j == len(ln.cells) - 1 and i + 1 < len(lines):
        below = lines[i + 1]
        if below.page == ln.page and len(below.cells) == 1 and 0 <= below.y0 - ln.y1 < ln.size:
            after = below.cells[0].text
    after = fold_space(after)
    return f"{name} {after}" if after and _FACILITY.fullmatch(after) else name


def company_of_heading(text: str, announcer: str) -> str:
    """The company a section heading names ((2) 北斗物流株式会社, 【当社】, ■ グループ会社：北斗物流株式会社),
    "" for a heading about something else."""
    t = NUMBERING.sub("", fold_space(text), count=1)
    t = re.sub(r"[【】\[\]■●◆◇□()（）]", " ", t)
    for m in reversed(find_dates(t)):
        t = t[:m.start] + t[m.end:]
    t = re.sub(r"(付け?|の?人事異動|の?役員異動|の?異動|人事|関係|グループ会社\s*[:：]?)", " ", t)
    t = squeeze(t)
    if t in ("当社", "弊社"):
        return announcer
    name = company_of_text(t)
    return name if name and len(name) >= len(t) - 1 else ""


DITTO = {"同上", "〃", "同", "\u3003", "″", "\""}


def resolve_company(cell_text: str, announcer: str, above: str = "") -> str:
    """A company column's value: 当社 means the announcing company, 〃 / 同上 the row above. A point
    before the name or a Japanese full stop after it is no part of it (a fax's speck read as 。: 。当社)."""
    t = fold_space(cell_text).lstrip("。、，,．. ").rstrip("。、 ")
    if squeeze(t) in DITTO:
        return above or announcer
    if not t or squeeze(t) == "当社":
        return announcer
    return t
