"""Post phrases: recognised by organisational and title suffixes, not from a list of posts.

A post is a run of words each of which is an organisational unit (…部, …室, …支店, …本部,
…センター) or a title (…長, …役, 執行役員, 取締役, 顧問, …), joined by 兼 for concurrent posts.
"""
from __future__ import annotations

import re

from inference.local.geometry import header_role
from jptext import find_dates, fold_space, squeeze

ORG_SUFFIX = (r"(部|課|室|係|班|グループ|チーム|センター|本部|事業部|支店|支社|営業所|事業所|出張所|研究所|工場|局|部門"
              r"|委員会|法人|大学|大学院|銀行|病院|研究室|ユニット|オフィス|ラボ|カンパニー|統括|株式会社|会社|事務所"
              r"|学部|研究科|科|病棟|店|営業店|工房|拠点|セクション|ディビジョン)")
TITLE_SUFFIX = (r"(長|役|役員|監査役|取締役|顧問|参与|相談役|理事|監事|委員|マネージャー|マネジャー|リーダー|ディレクター"
                r"|フェロー|主任|主査|主幹|担当|代理|補佐|パートナー|社長|会長|副社長|専務|常務|教授|准教授|秘書|スタッフ"
                r"|CEO|COO|CFO|CTO|CIO|CHRO|オフィサー|エキスパート|アドバイザー|スペシャリスト|付"
                r"|員|参事|主事|副参事|嘱託|駐在|出向|待遇|心得|責任者|統括|マネジメント|支配人|代行|師|医"
                # professions an outside officer holds at their own office (弁護士, 公認会計士)
                r"|弁護士|会計士|税理士|弁理士|司法書士|社会保険労務士)")
_POST_WORD = re.compile(rf"^[(（]?[^\s()（）]*?({ORG_SUFFIX}|{TITLE_SUFFIX})(\([^)]*\)|（[^）]*）)?[)）]?$")
_TITLE_WORD = re.compile(rf"^.*?{TITLE_SUFFIX}$")
_CONCURRENT = {"兼", "兼務", "兼任", "兼)", "(兼"}
DEPARTURE = "退任"
DEPARTURE_CUE = re.compile(r"(退任|退職|辞任|退社|定年退職)")
_LABEL = re.compile(r"^(?P<label>新任?|旧|現職?|前職?|異動後|異動前)\s*[:：]\s*|^(?P<bare>新|旧|現)\s+(?=\S)"
                    r"|^[【\[(（<〈［]\s*(?P<boxed>新|旧|現|前|新職|旧職|現職|前職|新任|異動後|異動前)\s*[】\])）>〉］]\s*"
                    # 新）営業部 部長 / 旧）営業部 次長: the label closed by a bracket only
                    r"|^(?P<closed>新|旧|現|前)\s*[)）]\s*(?=\S)")
# (社外 before an outside employer's name, not 社外取締役 / 社外監査役, which are posts)
_OLD_PREFIX = re.compile(r"^(現職|現|前職|前|旧|当社|社外(?=\s))\s*[:：]?\s*")
_EMPLOYER = re.compile(r"(株式会社|有限会社|合同会社|法人|大学院?|銀行|病院|医療センター|診療所|財団|機構|省|庁|事務所|信用金庫|組合)$"
                       r"|^(株式会社|有限会社|合同会社)\S+")
NUMBERING = re.compile(r"^\s*([(（]\s*\d+\s*[)）]|\d+\s*[.．、)）]|\d{1,2}\s+(?=\D)|[①-⑳]|[■●◆◇○・▽▼□◎]|[一二三四五六七八九十]+\s*[、.．]"
                       r"|[(（][一二三四五六七八九十]+[)）]|[㈠-㈩]"
                       # ① after NFKC: a digit run straight into a word (1九州支社 支社長, 7人材開発部), not 1月 / 1課 / 1名 / 3人
                       r"|\d{1,2}(?=[^\d\s.．、,)）年月日時分号期次回名件課係部/:：\-－~〜])(?!人(?![材事])))\s*")


def is_post_word(word: str) -> bool:
    w = fold_space(word)
    return w in _CONCURRENT or bool(_POST_WORD.match(w))


def post_likeness(text: str) -> float:
    """Share of the words of `text` that are post words (0 for empty text)."""
    words = fold_space(text).split()
    if not words:
        return 0.0
    return sum(is_post_word(w) for w in words) / len(words)


def label_of(text: str) -> tuple[str | None, str]:
    """'新：営業部 部長' → ('new', '営業部 部長'); no label → (None, text)."""
    t = fold_space(text)
    inner = re.fullmatch(r"[(（](.*)[)）]", t)
    if inner:
        role, rest = label_of(inner.group(1))  # （前職：営業部 部長） on its own line
        if role:
            return role, rest
    m = _LABEL.match(t)
    if not m:
        # 新職 / 旧役職 / 異動後 … followed by the post: the words that head such columns
        # 前所属：総務部 課長, 異動後／営業部 部長: any label of those columns, then a separator
        m = re.match(r"^(\S{1,8}?)\s*[:：／/]\s*(\S.*)$", t)
        if m:
            role = _successor_side(m.group(1)) or header_role(m.group(1))
            return (role, m.group(2).strip()) if role in ("new", "old") else (None, t)
        head, _sp, rest = t.partition(" ")
        role = _successor_side(head.rstrip(":：")) or header_role(head.rstrip(":："))
        if rest and role in ("new", "old"):
            return role, rest.strip()
        return None, t
    label = m["label"] or m["bare"] or m["boxed"] or m["closed"]
    role = "new" if label.startswith(("新", "異動後")) else "old"
    return role, t[m.end():].strip()


def _successor_side(label: str) -> str | None:
    """後任担当者 / 後任者 labelling a line (not a table's column, where they head a succession
    table): the successor, whose post is the new one; 前任者 the predecessor, whose post is the old."""
    m = re.fullmatch(r"(後任|前任)(?:者|担当者?|責任者)?", label)
    return ("new" if m.group(1) == "後任" else "old") if m else None


_NEXT_LABEL = re.compile(r"\s+(?=(?:新任?|旧|現職?|前職?|異動後|異動前|新所属|現所属|前所属|旧所属)\s*[:：／]"
                         r"|[【\[(（<〈［]\s*(?:新|旧|現|前)\s*[】\])）>〉］])")


def split_labelled(role: str, text: str) -> list[tuple[str, str]]:
    """'営業部 部長 旧：営業部 次長' after a 新 label → [('new', '営業部 部長'), ('old', '営業部 次長')]."""
    out = [(role, text)]
    while True:
        parts = _NEXT_LABEL.split(out[-1][1], maxsplit=1)
        if len(parts) < 2:
            return out
        next_role, rest = label_of(parts[1])
        if not next_role:
            return out
        out[-1] = (out[-1][0], parts[0])
        out.append((next_role, rest))


def bare_label(text: str) -> str | None:
    """A cell that is only a 新 / 旧 mark ('new' / 'old'), else None."""
    t = squeeze(text).strip("【】[]()（）<>〈〉［］:：")
    if t in ("新", "新任", "新職", "異動後", "発令後"):
        return "new"
    if t in ("旧", "現", "前", "旧職", "現職", "前職", "異動前", "発令前"):
        return "old"
    return None


_TRAILING_BRACKET = re.compile(r"\s*[(（]([^()（）]+)[)）]\s*$")


def bracketed_old(text: str, any_bracket: bool = False) -> tuple[str, str]:
    """A new post followed by the old one in brackets, in one cell: '営業部 部長 （現 営業部 次長）' →
    ('営業部 部長', '現 営業部 次長'). The bracket must say it is the old post (現 / 現職 / 前 / 旧), or
    `any_bracket` when the column's header says so (新役職（現役職）). Else (text, '')."""
    t = fold_space(text)
    m = _TRAILING_BRACKET.search(t)
    if not m or not t[:m.start()].strip():
        return text, ""
    inner = m.group(1).strip()
    if _OLD_PREFIX.match(inner) and not inner.startswith("当社") or (any_bracket and post_likeness(inner) >= 0.5):
        return t[:m.start()].strip(), inner
    return text, ""


def strip_numbering(text: str) -> str:
    return NUMBERING.sub("", fold_space(text), count=1).strip()


def clean_post(text: str) -> str:
    # (a table's rule read as | beside the cell's text on a scan: no post begins or ends with a bar)
    t = fold_space(text).strip(" 、,。|｜").lstrip(":：／/")
    t = re.sub(r"^[(（]\s*|\s*[)）]$", "", t) if t.startswith(("(", "（")) and t.endswith((")", "）")) else t
    return fold_space(t)


# think tanks and prefectures an official is seconded from (…総合研究所 主任研究員, …県 土木部 技監)
_MORE_EMPLOYER = re.compile(r"(総合研究所|県)$")


def clean_old(text: str) -> str:
    """現 / 現職 / 当社 dropped; an outside employer's name dropped (… 株式会社 取締役 → 取締役)."""
    t = clean_post(text)
    t = _OLD_PREFIX.sub("", t)
    words = t.split()
    for k in range(len(words) - 1, -1, -1):
        if (_EMPLOYER.search(words[k]) or _MORE_EMPLOYER.search(words[k])) and k + 1 < len(words):
            words = words[k + 1:]
            break
    t = " ".join(words)
    return _OLD_PREFIX.sub("", t).strip()


def names_employer(text: str) -> bool:
    """The text begins with an organisation's name (…株式会社 常務取締役, 株式会社… 取締役)."""
    words = clean_post(text).split()
    return bool(words) and bool(_EMPLOYER.search(words[0]))


def outside_employer(text: str) -> bool:
    """The old post names another organisation (…株式会社 取締役): the person moves between employers."""
    words = _OLD_PREFIX.sub("", clean_post(text)).split()
    return any(_EMPLOYER.search(w) or _MORE_EMPLOYER.search(w) for w in words[:-1])


def heading_post(text: str) -> tuple[str, bool]:
    """The post a section heading names, and whether it is about departures:
    '(1) 新任取締役候補【2025年6月22日付】' → ('取締役', False); '退任予定監査役' → ('監査役', True)."""
    t = strip_numbering(text)
    t = re.sub(r"^\s*[【\[(（〔《]([^】\])）〕》]*)[】\])）〕》]\s*$", r"\1", t)  # 【退任者】: the heading is the bracket
    for m in reversed(find_dates(t)):
        t = t[:m.start] + t[m.end:]
    t = re.sub(r"^\s*(?:付け?)?\s*(?:で|をもって|より|から|にて)?", "", t)
    t = re.sub(r"^\s*[【\[〔《]([^】\]〕》]*)[】\]〕》]", r"\1", t)  # 【退職者】（…付）: the bracket leads
    t = re.split(r"[【\[(（]", t)[0]
    t = squeeze(t)
    # (退任いたしました者に…新任の者に対しましても…: a greeting naming the leavers and the newcomers
    # both is no heading over departures)
    departure = bool(DEPARTURE_CUE.search(t)) and not re.search(r"(新任|就任|着任|昇任)", t)
    t = re.sub(r"(新任|退任|退職|辞任|昇任|候補者?|予定|の異動|異動|人事|について|に関するお知らせ|選任|就任)", "", t)
    if t and _TITLE_WORD.match(t) and len(t) <= 12:
        return t, departure
    return "", departure


def is_title(text: str) -> bool:
    return bool(_TITLE_WORD.match(squeeze(text)))


_UNIT = re.compile(rf"^[^\s()（）:：]{{1,16}}?{ORG_SUFFIX}$")


def is_unit(text: str) -> bool:
    """A unit's name alone (生産技術研究所, 事業戦略部), no title: the heading of its posts."""
    t = squeeze(text)
    return bool(_UNIT.match(t)) and not is_title(t) and not re.search(r"(株式会社|会社|法人|各位|御中)", t)


# A place people are posted to that is no unit of an organisation chart: a school, a hospital, a
# shop, a building site (かもめ第一小学校, みなと台マンション新築工事)
_WORKPLACE = re.compile(r"^[^\s()（）:：]{2,24}(学校|学園|高校|幼稚園|保育園|こども園|病院|医院|店|工事|作業所|現場)$")


def is_workplace(text: str) -> bool:
    """A workplace's name alone, with no title after it."""
    t = fold_space(text).strip()
    return bool(_WORKPLACE.match(t)) and not is_title(t)


def bare_title(text: str) -> bool:
    """A title printed without its unit (部長, 副所長, 部付部長), as under a unit's heading."""
    t = squeeze(text)
    return t == fold_space(text) and is_title(t) and len(t) <= 5


# Remarks that say nothing changed (a full roster lists everybody): 留任, 変更なし, 継続 …
# A row listed for its telephone or seat alone (番号変更, 内線変更のみ, 席替え): no change of post.
CONTACT_ONLY = re.compile(r"^(内線|内線番号|電話|電話番号|番号|席|座席|TEL|FAX|メール|メールアドレス)(の)?(変更|移動)(のみ)?$"
                          r"|^(席替え?|座席移動)(のみ)?$")
NO_CHANGE = re.compile(r"^(留任|再任|現任|変更なし|異動なし|継続|現職のまま|据置|据え置き|重任|-|―|ー|—|なし)$")
# ... and the words a remark says a change with: the rivals of those when a remark misread is read again
# from its ink (`inference.local.ocr._remark_shapes`), so that a change's remark is not taken for 留任.
CHANGE_REMARKS = ("担当変更", "役職変更", "所属変更", "職務変更", "新任", "昇任", "昇格", "昇進", "異動", "転任", "兼務",
                  "兼任", "着任", "就任", "退任", "退職", "辞任", "委嘱", "採用", "配置換", "出向", "帰任", "復職")
# Placeholders for "nothing printed here".
EMPTY = re.compile(r"^([-―ー—–‐一=＝]{1,3}|なし|該当なし|無し|\(なし\)|n/a|N/A)$")
# Old-post placeholders of a person who joins from outside.
HIRE = re.compile(r"^[(（]?(\S{0,6}採用|新規|新規配属|新規配置|\S{0,6}入社|新任|新卒)[)）]?$")
# Arrows from the old post to the new one (old ⇒ new), or back from the new one to the old (new ← old).
_FORWARD = r"⇒|→|➡|➔|➜|➝|⟶|⇨|▶|=>|->|＞|>"
_BACKWARD = r"⇐|←|⬅|⟵|⇦|◀|<=|<-"
ARROW = re.compile(rf"\s*(?:{_FORWARD}|{_BACKWARD})\s*")
_BACKWARD_ARROW = re.compile(rf"\s*(?:{_BACKWARD})\s*")
LEADING_ARROW = re.compile(rf"^\s*(?:{_FORWARD})\s*")
TRAILING_ARROW = re.compile(rf"\s*(?:{_FORWARD})\s*$")


def old_and_new(text: str) -> tuple[str, str]:
    """The two sides of an arrow as (old, new): 営業部 次長 → 営業部 部長, or 営業部 部長 ← 営業部 次長
    (the new post first, an arrow pointing back to where the person comes from)."""
    first, second = ARROW.split(text, maxsplit=1)
    m = ARROW.search(text)
    if m and _BACKWARD_ARROW.fullmatch(m.group(0)):
        return second, first
    return first, second


def empty_if_placeholder(text: str) -> str:
    t = fold_space(text)
    if EMPTY.match(t) or HIRE.match(t):
        return ""
    # なし（キャリア採用）, ―（新設）, 新卒（初期研修修了）: a placeholder with a note in brackets
    noted = re.sub(r"\s*[(（][^()（）]*[)）]$", "", t)
    if EMPTY.match(noted) or (noted != t and HIRE.match(noted)):
        return ""
    if t.split() and all(EMPTY.match(w) or HIRE.match(w) for w in t.split()):
        return ""  # （新規採用） | ― over 旧所属 | 旧役職: a hire note and a placeholder, no post held
    # One placeholder per cell when the post is printed over two columns (所属 | 役職): ― ―, ― 顧問
    return " ".join(w for w in t.split() if not EMPTY.match(w))


# A title of a unit: the unit's last word and 長 (部長, 室長, 支店長, センター長).
_UNIT_TITLE = re.compile(r"^(?P<k>[\u4E00-\u9FFF])(?P<unit>部|室|所|課|局|支店|支社|センター|工場|本部|事業部|営業所)長$")
# A title whose 長 was misread (部食, 次食, 課供, 副室民): the first part of the title and one kanji.
_LEADER = re.compile(r"^(?P<head>副?(?:部|次|課|室|係|所))(?P<k>[\u4E00-\u9FFF])$")


def repair_titles(post: str) -> str:
    """An OCR'd post's titles that a misread kanji made no word, put right by the title grammar:
    a title right after the unit it is the head of, its first kanji misread (大阪支店 割支店長, 製造部
    制部長), is that unit's deputy (副) — a kanji before a unit's title makes no word but 副 (本部長, 支部長
    are words and kept); a title read as 部/次/課/室/係/所 and a kanji that makes no word with it (部食,
    次食, 課供), the kanji not 長 nor 付 (部付, 課付: attached to the unit), is that title ending in 長. Only
    where the word read is no word of the dictionary."""
    from inference.local.names import dictionary

    words = post.split(" ")
    for i, w in enumerate(words):
        if dictionary().lookup(w):
            continue
        m = _UNIT_TITLE.match(w)
        if m and m["k"] != "副" and i and words[i - 1].endswith(m["unit"]) and not words[i - 1].endswith(m["k"] + m["unit"]):
            words[i] = "副" + w[1:]
            continue
        m = _LEADER.match(w)
        if m and m["k"] not in "長付":
            words[i] = m["head"] + "長"
    return " ".join(words)
