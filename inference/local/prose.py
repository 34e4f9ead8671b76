"""Persons in running text and in lists that say old and new in words: prose sentences
(…は、…付で…に就任 / …を…に任命 / …として採用 / …は退任), arrows (old ⇒ new) and appointment
orders addressed to one person (…を免じ / …に任命する)."""
from __future__ import annotations

import re

from inference.local import posts, scope
from inference.local.assembly import Found
from jptext import fold_space, squeeze


# Verbs of business Japanese that move a person to the post before them (…に就任 / …に配置換えする).
_NEW_IN_PROSE = re.compile(r"(?P<post>[^、。]+?)(?:に|へ)(?:就任|昇任|昇格|昇進|任命|選任|着任|異動|配属|転任|委嘱|採用"
                           r"|配置換え?|配置転換|転勤|転籍|出向|登用|起用|抜擢|就く|就き|充て|補する|補し|嘱託)")
_NEW_BY_ORDER = re.compile(r"(?P<post>[^、。]+?)(?:を(?:命ず|命じ|委嘱|兼務|兼任|担当)"
                           r"|として(?:新たに|正式に|改めて)?(?:採用|迎え|入社|着任|就任|招聘|招き|入る|加わ))")
_OLD_IN_PROSE = re.compile(r"(?P<post>[^、。]+?)(?:から|より)")
_LABELLED_OLD = re.compile(r"[(（]\s*(?:前職|旧職|現職|前|旧|現)\s*[:：]\s*(?P<post>[^()（）:：]+?)\s*[)）]")


def arrow(f: Found, before: str, after: str) -> None:
    """山田 太郎 営業部 課長 ⇒ 営業部 部長 (old ⇒ new; (新規採用) ⇒ … is a hire, ⇒ 退職 a departure)."""
    old, new = posts.old_and_new(after)
    if not old and before and posts.post_likeness(before) >= 0.5:
        old = before
    elif not new and before and posts.post_likeness(before) >= 0.5 and posts.ARROW.match(after):
        new = before  # 営業部 部長 山田 太郎 ← 営業部 次長: the new post before the name, the arrow back after it
    new = posts.empty_if_placeholder(new)
    if posts.DEPARTURE_CUE.search(squeeze(new)) and posts.post_likeness(new) < 0.5:
        new = posts.DEPARTURE
    f.set("new_post", posts.clean_post(new), 0.85)
    old = posts.empty_if_placeholder(old)
    f.set("old_post", posts.clean_old(old), 0.85)
    f.conf.setdefault("old_post", 0.8)
    f.cue = True


# 営業部 部長の職を免ずる / 営業部長の任を解く: the post, without the word for "the office of".
_RELIEVED = re.compile(r"(?P<post>[^、。]+?)(?:の(?:職|任|職務|役職))?を(?:免ず|免じ|解く|解き|解除)")


def order_of_appointment(text: str) -> tuple[str, str] | None:
    """A line of an appointment order that names no person: …に任命する (new) / …を免ずる (old)."""
    # (なお、営業部 課長の職を免ずる。: the order's second sentence on a line of its own)
    t = re.sub(r"^(?:なお|また|併せて|あわせて)[、,\s]*", "", posts.strip_numbering(text))
    for pattern, role in ((_RELIEVED, "old"), (_NEW_IN_PROSE, "new"), (_NEW_BY_ORDER, "new")):
        m = pattern.match(t)
        if m and posts.post_likeness(m.group("post")) > 0:
            post = posts.clean_old(m.group("post")) if role == "old" else posts.clean_post(m.group("post"))
            return role, post
    if posts.DEPARTURE_CUE.search(t) and re.search(r"(命ず|命じ|する|とする)", t) and posts.post_likeness(t) < 0.5:
        return "new", posts.DEPARTURE
    return None


def move_in_bracket(text: str) -> tuple[str, str] | None:
    """（2025年4月1日付で営業部 部長へ異動） / （3月31日付で退職）, a line of its own under a person's
    entry: (the date, the post the person goes to or 退任); None for any other line."""
    m = scope.MOVE_IN_BRACKET.match(fold_space(text))
    if not m:
        return None
    dates = scope.effective_dates(m.group("when"))
    what = m.group("what").strip()
    order = order_of_appointment(what)
    if order and order[0] == "new":
        return (dates[0][1] if dates else ""), order[1]
    if posts.DEPARTURE_CUE.search(what) and posts.post_likeness(what) < 0.5:
        return (dates[0][1] if dates else ""), posts.DEPARTURE
    return None


def orders_in_cell(text: str) -> dict[str, str]:
    """A table cell stating what is ordered (発令事項 | …を免じ …に任命する / 退職を承認する): the post
    each clause gives, by role ({"old": …, "new": …}); {} for a cell that orders nothing."""
    t = fold_space(text)
    out: dict[str, str] = {}
    m = _RELIEVED.match(posts.strip_numbering(t))
    if m and posts.post_likeness(m.group("post")) > 0:
        out["old"] = posts.clean_old(m.group("post"))
        # the rest of the verb (…を免ずる、 / …を免じ): the next clause starts after it
        t = re.sub(r"^[^\s、。]*[\s、。]*", "", posts.strip_numbering(t)[m.end():])
    if t and re.search(r"(命ず|命じ|任命|委嘱|承認|就任|採用|補する|充て|昇格|昇進|昇任|異動|配属|転任|着任|出向|転籍|配置換)", t):
        order = order_of_appointment(t)
        if order and order[0] == "new":
            out["new"] = order[1]
    return out


def prose(f: Found, text: str, span, after_end: int) -> None:
    """…は、2025年4月1日付で営業部長に就任 / 営業部の山田太郎を営業部長に任命 / …は退任."""
    after = text[after_end:]
    sentence = after.split("。")[0]
    dates = scope.effective_dates(sentence) or scope.effective_dates(text)
    if dates:
        f.set("effective_date", dates[0][1], 0.85)
    bracket = re.match(r"^\s*[(（]([^()（）]*)[)）]", sentence)
    body = sentence[bracket.end():] if bracket else sentence
    # 山田太郎に対し、営業部長を命ずる: an order addressed to the person
    body = re.sub(r"^\s*(?:は|を|が|に対し(?:て)?)?[、\s]*", "", body)
    old = ""
    relieved = _RELIEVED.search(body)
    if relieved and posts.post_likeness(relieved.group("post")) > 0:
        # …に対し、営業部 課長の職を解き、…退職を承認する / …の職を免じ、…を命ずる: the post given up,
        # the order after it
        old = relieved.group("post")
        body = body[relieved.end():]
        body = re.sub(r"^[^\s、。]*[\s、。]*", "", body)
    else:
        relieved = None
    body = re.sub(r".*?付(?:け)?(?:をもって|にて|で)?[、\s]*", "", body, count=1) if "付" in body else body
    m_old = None if relieved else _OLD_IN_PROSE.search(body)
    m_new = _NEW_IN_PROSE.search(body) or _NEW_BY_ORDER.search(body)
    if m_new and re.search(r"として\S*$", body[m_new.start():m_new.end()]):
        # …を社員として採用し、営業部 課長を命ずる: the order after the hire names the post
        then = re.match(r"[^、。]*?[、\s]+(?P<post>[^、。]+?)を(?:命ず|命じ|委嘱)", body[m_new.end():])
        if then and posts.post_likeness(then.group("post")) > 0:
            m_new = _NEW_BY_ORDER.search(body, m_new.end() + then.start("post"))
    if not old:
        # …を命ずる。なお、営業部 課長の職を免ずる。: the post given up, in the sentence that follows
        for more in after.split("。")[1:3]:
            m_more = re.match(r"\s*(?:なお|また|併せて|あわせて)[、\s]*", more)
            relieved_later = _RELIEVED.match(more[m_more.end():]) if m_more else None
            if relieved_later and posts.post_likeness(relieved_later.group("post")) > 0:
                old = relieved_later.group("post")
                break
    shared = re.match(r"(?P<post>[^、。]+?)に、", body)
    if shared and m_new and m_new.start() > shared.end() - 1 and posts.post_likeness(shared.group("post")) >= 0.5:
        m_new, m_old = shared, None  # 山田太郎を営業部長に、鈴木一郎を総務部長に任命する: one verb for both
    if m_old and m_new and m_old.end() <= m_new.start() + len(m_new.group("post")):
        old = m_old.group("post")
        new_text = body[m_old.end():m_new.end("post")]
    else:
        new_text = m_new.group("post") if m_new else ""
    pre = text[: span.start]
    m_pre = re.search(r"([^、。]+?)の\s*$", pre)
    if m_pre and not old:
        cand = posts.strip_numbering(m_pre.group(1))
        cand = re.sub(r"^.*?付(?:け)?で?[、\s]*", "", cand)
        if posts.post_likeness(cand) > 0:
            old = cand
    if bracket and not old:
        old = posts.empty_if_placeholder(bracket.group(1))  # …（中途入社）が…に着任: a hire, no old post
    labelled = _LABELLED_OLD.search(body[m_new.end():]) if m_new and not old else None
    if labelled and posts.post_likeness(labelled.group("post")) > 0:
        # …に着任します（前職：総務課 係員）: the post held until now, labelled in brackets after the verb
        old = labelled.group("post")
    if not old:
        # 技術本部 本部長 岡﨑 恵子は、退任する: a post printed right before the name is the one held now
        cand = re.sub(r"^.*?付(?:け)?(?:をもって|にて|で)?[、\s]*", "", posts.strip_numbering(pre.split("。")[-1]))
        cand = cand.split("、")[-1].strip()
        if cand and posts.post_likeness(cand) >= 0.5:
            old = cand
    if not new_text and re.match(r"\s*(?:[(（][^()（）]*[)）])?\s*(を\s*(任命|選任|起用|充て|登用|配置)"
                                 r"|が\s*(就任|着任|昇任|昇格|就く|就き))", after):
        # 新設の営業企画部の部長に山田太郎を任命, 取締役に山田太郎氏が就任: the post comes before the name, with に
        m_to = re.search(r"([^、。]+?)に(?:は)?[、,\s]*$", pre)  # …部長に / …部長には、
        if m_to:
            new_text = re.sub(r"^.*?付(?:け)?(?:をもって|にて|で)?[、\s]*", "", m_to.group(1))
            new_text = re.sub(r"^.*の(?=\S*(部長|室長|課長|長|役)$)", "", new_text) if "の" in new_text else new_text
    new_text = re.sub(r"^(当社|同社)\s*", "", fold_space(new_text)).strip()
    if new_text and posts.post_likeness(new_text) > 0:
        f.set("new_post", posts.clean_post(new_text), 0.75)
        f.cue = True
    elif posts.DEPARTURE_CUE.search(sentence):
        f.set("new_post", posts.DEPARTURE, 0.75)
        f.cue = True
        m_left = re.search(r"([^、。はを]+?)を\s*(?:退任|辞任|退職)", body)
        if m_left and not old and posts.post_likeness(m_left.group(1)) > 0:
            old = m_left.group(1)  # …は総務部長を退任: the post left
    m_left_first = re.search(r"([^、。はを]+?)を\s*(?:退任|辞任|退職)し[、\s]", body)
    if not old and m_left_first and f.values.get("new_post") not in (None, "", posts.DEPARTURE) \
            and posts.post_likeness(m_left_first.group(1)) > 0:
        old = m_left_first.group(1)  # …は営業部長を退任し、顧問に就任する: the post left, then the new one
    if old:
        f.set("old_post", posts.clean_old(old), 0.7)
    else:
        f.conf["old_post"] = 0.6
