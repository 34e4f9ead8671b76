"""The model (multinomial logistic regression over hashed features, plain numpy) and the assembler
that turns tagged tokens into records.

Assembly is generic: a person per NAME span; readings, new and old posts go to the person on
their own line, else to a person before or after them in reading order — whichever of the three
policies (previous, next, nearest) gives the document the most persons with exactly one post;
dates and companies likewise, falling back to the rules' document-level values (`scope`).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import numpy as np

from inference.learned.units import DIM, ROLE_INDEX, ROLES, Doc
from inference.local import names, posts, scope
from jptext import find_dates, fold_space, squeeze

NAME_PRIOR = float(os.environ.get("LEARNED_NAME_PRIOR", "2.0"))

FIELDS = ("effective_date", "family_name", "given_name", "company", "family_name_kana", "given_name_kana",
          "new_post", "old_post")


# --- the model ------------------------------------------------------------------------------------------

def _pad(rows: list[list[int]]) -> np.ndarray:
    width = max((len(r) for r in rows), default=1)
    out = np.full((len(rows), width), DIM, dtype=np.int32)  # DIM: a row of zeros
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out


class Model:
    def __init__(self, weights: np.ndarray | None = None):
        self.W = weights if weights is not None else np.zeros((DIM + 1, len(ROLES)), dtype=np.float32)

    def fit(self, rows: list[list[int]], labels: list[int], *, epochs: int = 6, rate: float = 0.5,
            l2: float = 1e-6, batch: int = 256, seed: int = 0) -> "Model":
        X, y = _pad(rows), np.asarray(labels, dtype=np.int64)
        C = len(ROLES)
        W = np.zeros((DIM + 1, C), dtype=np.float32)
        G = np.full((DIM + 1, C), 1e-8, dtype=np.float32)  # Adagrad's sum of squares
        rng = np.random.default_rng(seed)
        for _epoch in range(epochs):
            order = rng.permutation(len(y))
            for s in range(0, len(y), batch):
                idx = order[s:s + batch]
                xb, yb = X[idx], y[idx]
                logits = W[xb].sum(axis=1)
                logits -= logits.max(axis=1, keepdims=True)
                p = np.exp(logits)
                p /= p.sum(axis=1, keepdims=True)
                p[np.arange(len(yb)), yb] -= 1.0
                flat = xb.ravel()
                g = np.repeat(p, xb.shape[1], axis=0).astype(np.float32)
                keep = flat != DIM
                flat, g = flat[keep], g[keep]
                uniq, inv = np.unique(flat, return_inverse=True)
                grad = np.zeros((len(uniq), C), dtype=np.float32)
                np.add.at(grad, inv, g)
                grad += l2 * W[uniq]
                G[uniq] += grad * grad
                W[uniq] -= rate * grad / np.sqrt(G[uniq])
        W[DIM] = 0.0
        self.W = W
        return self

    def proba(self, rows: list[list[int]]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(ROLES)), dtype=np.float32)
        logits = self.W[_pad(rows)].sum(axis=1)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    # added to the log-probabilities before decoding: a missed name loses a whole record, an
    # extra one only adds a record, so names are read a little more readily
    prior = np.array([0.0, NAME_PRIOR, 0.0, 0.0, 0.0, 0.0, 0.0])

    def set_transitions(self, pairs: list[tuple[int, int]]) -> None:
        C = len(ROLES)
        counts = np.ones((C + 1, C))  # row C: the start of a line
        for a, b in pairs:
            counts[a, b] += 1
        self.T = np.log(counts / counts.sum(axis=1, keepdims=True))

    def decode(self, doc: Doc, proba: np.ndarray, weight: float = 1.0, name_boost: float = 0.0) -> np.ndarray:
        """The best role sequence of each line (Viterbi over the token probabilities and the roles'
        transitions between neighbours), as one-hot rows carrying the token's own probability."""
        T = getattr(self, "T", None)
        if T is None or not len(proba):
            return proba
        C = len(ROLES)
        out = np.zeros_like(proba)
        logp = np.log(np.maximum(proba, 1e-9)) + self.prior
        logp[:, 1] += name_boost
        start = 0
        toks = doc.toks
        while start < len(toks):
            end = start
            while end + 1 < len(toks) and toks[end + 1].line == toks[start].line:
                end += 1
            n = end - start + 1
            score = np.zeros((n, C))
            back = np.zeros((n, C), dtype=np.int64)
            score[0] = logp[start]
            for k in range(1, n):
                cand = score[k - 1][:, None] + weight * T[:C]
                back[k] = cand.argmax(axis=0)
                score[k] = cand.max(axis=0) + logp[start + k]
            path = [int(score[-1].argmax())]
            for k in range(n - 1, 0, -1):
                path.append(int(back[k][path[-1]]))
            path.reverse()
            for k, lab in enumerate(path):
                out[start + k, lab] = max(proba[start + k, lab], 1e-3)
            start = end + 1
        return out

    def save(self, path) -> None:
        nz = np.flatnonzero(np.abs(self.W).sum(axis=1))
        np.savez_compressed(path, rows=nz, weights=self.W[nz])

    @classmethod
    def load(cls, path) -> "Model":
        data = np.load(path)
        W = np.zeros((DIM + 1, len(ROLES)), dtype=np.float32)
        W[data["rows"]] = data["weights"]
        return cls(W)


# --- assembly -------------------------------------------------------------------------------------------

@dataclass
class Span:
    role: str
    line: int
    x0: float
    text: str
    prob: float
    cell: int = 0
    start: int = 0
    end: int = 0   # in the first cell's text
    cx0: float = 0.0  # left edge of the cell it starts in
    last_line: int = -1  # the line it ends on (a post wrapped onto the next line of its cell)
    first: int = -1  # its first and last token (indices into Doc.toks)
    last: int = -1


@dataclass
class Person:
    line: int
    x0: float
    name: str
    prob: float
    parts: dict[str, list[Span]] = field(default_factory=dict)


def spans(doc: Doc, proba: np.ndarray) -> list[Span]:
    labels = [int(x) for x in proba.argmax(axis=1)] if len(proba) else []
    probs = [float(pr[lab]) for pr, lab in zip(proba, labels)]
    # how the truth writes a post, applied to the tagger's reading: one side per post cell, whole
    # words, a table's two sides read as one run split, an arrow's two sides
    _one_side_per_cell(doc, labels, probs)
    _grow(doc, labels, probs, _runs(doc, labels, probs))
    _split_sides(doc, labels, _runs(doc, labels, probs))
    _arrow_sides(doc, labels, _runs(doc, labels, probs))
    return _join_wrapped(_runs(doc, labels, probs))


def _runs(doc: Doc, labels: list[int], probs: list[float]) -> list[Span]:
    """Runs of tokens of one role on one line (two names in two cells are two runs)."""
    out: list[Span] = []
    cur: Span | None = None
    cur_probs: list[float] = []
    last_tok = None
    for k, (t, lab, pr) in enumerate(zip(doc.toks, labels, probs)):
        role = ROLES[lab]
        cell = doc.lines[t.line].cells[t.cell]
        if role == "O":
            cur, last_tok = None, None
            continue
        same = (cur is not None and cur.role == role and last_tok is not None and last_tok.line == t.line)
        if same and role == "NAME" and t.cell != last_tok.cell and len(squeeze(cur.text)) >= 4:
            same = False  # two names side by side in two cells
        if same:
            sep = "" if (t.cell == last_tok.cell and not t.space_before) else " "
            cur.text += sep + t.text
            if t.cell == cur.cell:
                cur.end = t.end
            cur.last = k
            cur_probs.append(pr)
            cur.prob = float(np.mean(cur_probs))
        else:
            x0 = cell.words[0].x0 if cell.words else 0.0
            cur = Span(role, t.line, x0 + t.start, t.text, pr, t.cell, t.start, t.end, x0, t.line, k, k)
            cur_probs = [pr]
            out.append(cur)
        last_tok = t
    return out


# characters a post's word is made of (a unit's or a title's name): no kana particles, brackets,
# punctuation or cue marks, so that a span grows over the rest of its word and no further
_POST_CHARS = re.compile(r"^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々〆ヶ\U00020000-\U0002FFFFァ-ヶーｦ-ﾟA-Za-z0-9"
                         r"Ａ-Ｚａ-ｚ０-９・&＆]+$")
# words printed next to a post without being part of it (新 営業部長, 新任取締役候補者, 営業部長就任, 兼 …)
_EDGE_CUES = {"新", "旧", "現", "前", "元", "後", "兼", "兼務", "兼任", "就任", "退任", "退職", "辞任", "任命", "昇格", "昇任",
              "異動", "採用", "入社", "発令", "付け", "氏", "殿", "様", "者", "新任", "候補", "候補者", "予定", "選任", "再任",
              "重任", "内定"}
_DIGITS = re.compile(r"^[0-9０-９]+$")


def _free(doc: Doc, labels: list[int], j: int, line: int, cell: int) -> bool:
    """Token `j` can be taken into a post of `line`/`cell`: untagged, and a post's kind of word."""
    if not 0 <= j < len(doc.toks):
        return False
    t = doc.toks[j]
    return (t.line == line and t.cell == cell and ROLES[labels[j]] == "O" and t.text not in _EDGE_CUES
            and bool(_POST_CHARS.match(t.text)))


def _word_after(doc: Doc, labels: list[int], j: int) -> list[int]:
    """The free tokens of the whitespace word that starts at token j (all of it, else none)."""
    toks, out = doc.toks, []
    t0 = toks[j] if j < len(toks) else None
    while t0 is not None and j < len(toks) and _free(doc, labels, j, t0.line, t0.cell):
        out.append(j)
        if j + 1 >= len(toks) or toks[j + 1].space_before or toks[j + 1].line != t0.line:
            return out
        j += 1
    return []


def _word_before(doc: Doc, labels: list[int], j: int) -> list[int]:
    """The free tokens of the whitespace word that ends at token j (all of it, else none)."""
    toks, out = doc.toks, []
    t0 = toks[j] if j >= 0 else None
    while t0 is not None and j >= 0 and _free(doc, labels, j, t0.line, t0.cell):
        out.append(j)
        if toks[j].space_before:
            return out[::-1]
        j -= 1
    return []


def _grow(doc: Doc, labels: list[int], probs: list[float], found: list[Span]) -> None:
    """Grow each post span to whole words, as the truth writes a post: the rest of a word it
    starts or ends inside (危機管理[室 室長], 担当部[長]), a unit's title after a space
    (人材開発部 [課長]) and a lone title's unit or workplace before one ([秘書室] 室長), in the same
    cell or filling the cell beside it (生産技術研究所 | [副所長]). The tokens taken are relabelled, so that spans grown into each other become one."""
    toks = doc.toks
    for sp in found:
        if sp.role not in ("NEW", "OLD") or sp.first < 0:
            continue
        lab = ROLE_INDEX[sp.role]
        first, last = sp.first, sp.last
        line = toks[first].line
        while not toks[first].space_before and _free(doc, labels, first - 1, line, toks[first].cell):
            if _DIGITS.match(toks[first - 1].text):
                # 第1営業部: a number belongs to the unit after 第, else it numbers the item (6.経営戦略部)
                if not (_free(doc, labels, first - 2, line, toks[first].cell) and toks[first - 2].text == "第"
                        and not toks[first - 1].space_before):
                    break
            first -= 1
        while (last + 1 < len(toks) and not toks[last + 1].space_before
               and _free(doc, labels, last + 1, line, toks[last].cell)):
            last += 1
        tail = _tail_word(doc, first, last)
        if posts.is_unit(tail) and last + 1 < len(toks) and toks[last + 1].space_before:
            nxt = _word_after(doc, labels, last + 1)
            word = "".join(toks[j].text for j in nxt)
            if (nxt and _beside(doc, nxt, toks[last].cell, 1) and posts.is_title(word)
                    and not posts.is_unit(word)):
                last = nxt[-1]
        head = _head_word(doc, first, last)
        if (head == _tail_word(doc, first, last) and _lone_title(head) and toks[first].space_before
                and first > 0):
            prv = _word_before(doc, labels, first - 1)
            word = "".join(toks[j].text for j in prv)
            if prv and _beside(doc, prv, toks[first].cell, -1) and (posts.is_unit(word) or posts.is_workplace(word)):
                first = prv[0]
        for j in range(first, last + 1):
            if ROLES[labels[j]] == "O":
                labels[j], probs[j] = lab, sp.prob


def _lone_title(word: str) -> bool:
    """A title printed without its unit (室長, グループリーダー; not 人材開発部長)."""
    return posts.is_title(word) and not _UNIT_THEN_TITLE.match(word)


def _beside(doc: Doc, idx: list[int], cell: int, step: int) -> bool:
    """The word of tokens `idx` is in `cell`, or fills the cell next to it on that side (a unit and
    its title in two columns: 生産技術研究所 | 副所長)."""
    toks = doc.toks
    c = toks[idx[0]].cell
    if c == cell:
        return True
    if c != cell + step:
        return False
    text = doc.lines[toks[idx[0]].line].cells[c].text
    return toks[idx[0]].start == len(text) - len(text.lstrip()) and toks[idx[-1]].end == len(text.rstrip())


def _split_sides(doc: Doc, labels: list[int], found: list[Span]) -> None:
    """A run of one side over the cells of two whole posts (秘書・広報室 | 室次長 | 旭川支店 |
    副支店長), on a line where the other side has nothing: a table's new and old columns read as
    one; the second post is the other side's."""
    toks = doc.toks
    for sp in found:
        if sp.role not in ("NEW", "OLD") or toks[sp.first].cell == toks[sp.last].cell:
            continue
        other = "OLD" if sp.role == "NEW" else "NEW"
        if any(o.role == other and o.line == sp.line for o in found):
            continue
        cells: dict[int, list[int]] = {}
        for j in range(sp.first, sp.last + 1):
            cells.setdefault(toks[j].cell, []).append(j)
        order = sorted(cells)
        texts = ["".join(toks[j].text if not toks[j].space_before or j == cells[c][0] else " " + toks[j].text
                         for j in cells[c]) for c in order]
        cuts = [k for k in range(1, len(order))
                if posts.is_title(texts[k - 1].split(" ")[-1]) and posts.is_unit(texts[k].split(" ")[0])
                and any(posts.is_unit(w) for t in texts[:k] for w in t.split(" "))]
        if len(cuts) != 1:
            continue
        for c in order[cuts[0]:]:
            for j in cells[c]:
                labels[j] = ROLE_INDEX[other]


_BACK = re.compile(r"^(?:⇐|←|⬅|⟵|⇦|◀|<=|<-)$")


def _arrow_sides(doc: Doc, labels: list[int], found: list[Span]) -> None:
    """Two posts on one line with an arrow between them are the two sides of one move, whatever
    the tagger read: old → new, or new ← old."""
    toks = doc.toks
    by_line: dict[int, list[Span]] = {}
    for sp in found:
        if sp.role in ("NEW", "OLD"):
            by_line.setdefault(sp.line, []).append(sp)
    for items in by_line.values():
        if len(items) != 2:
            continue
        a, b = items
        between = [toks[j].text.strip() for j in range(a.last + 1, b.first)]
        arrows = [t for t in between if posts.ARROW.fullmatch(t)]
        if len(arrows) != 1:
            continue
        first, second = ("NEW", "OLD") if _BACK.match(arrows[0]) else ("OLD", "NEW")
        for sp, role in ((a, first), (b, second)):
            for j in range(sp.first, sp.last + 1):
                if ROLES[labels[j]] == sp.role:
                    labels[j] = ROLE_INDEX[role]


def _one_side_per_cell(doc: Doc, labels: list[int], probs: list[float]) -> None:
    """A cell that is one post phrase (every word a unit, a title or 兼) tagged all post, part new
    and part old (秘書室/new 室長/old), is one side's post: the side holding more of its characters."""
    toks, sides = doc.toks, (ROLE_INDEX["NEW"], ROLE_INDEX["OLD"])
    k = 0
    while k < len(toks):
        e = k
        while e + 1 < len(toks) and toks[e + 1].line == toks[k].line and toks[e + 1].cell == toks[k].cell:
            e += 1
        idx = range(k, e + 1)
        k = e + 1
        if {labels[j] for j in idx} != set(sides):
            continue
        if posts.post_likeness(doc.lines[toks[idx[0]].line].cells[toks[idx[0]].cell].text) < 1.0:
            continue
        weight = {side: sum(len(toks[j].text) for j in idx if labels[j] == side) for side in sides}
        win = max(sides, key=lambda side: weight[side])
        best = max(probs[j] for j in idx if labels[j] == win)
        for j in idx:
            if labels[j] != win:
                labels[j], probs[j] = win, best


def _tail_word(doc: Doc, first: int, last: int) -> str:
    j = last
    while j > first and not doc.toks[j].space_before:
        j -= 1
    return "".join(doc.toks[k].text for k in range(j, last + 1))


def _head_word(doc: Doc, first: int, last: int) -> str:
    j = first
    while j < last and not doc.toks[j + 1].space_before:
        j += 1
    return "".join(doc.toks[k].text for k in range(first, j + 1))


def _join_wrapped(items: list[Span]) -> list[Span]:
    """A post continued on the next line (or the one after) of its cell, on a line naming nobody,
    is one post: 設備技術部付 / 部長, 生産管理部 / グループリーダー (`_continues`); after a dangling
    兼 even on a line that names somebody (工場長 兼 / 知的財産部長)."""
    named = {s.line for s in items if s.role == "NAME"}
    out: list[Span] = []
    for sp in items:
        prev = next((o for o in reversed(out) if o.role == sp.role), None)
        dangling = prev is not None and prev.text.endswith("兼")  # 工場長 兼 / 知的財産部長
        if (prev is not None and sp.role in ("NEW", "OLD") and (sp.line not in named or dangling)
                and 1 <= sp.line - prev.last_line <= 2 and abs(sp.cx0 - prev.cx0) < 12
                and not any(o.line == sp.line for o in out if o.role == sp.role)
                and (dangling or _continues(prev.text, sp.text))):
            tail, head = prev.text.split(" ")[-1], sp.text.split(" ")[0]
            sep = " " if (posts.is_unit(tail) and posts.is_title(head)) or dangling else ""
            prev.text += sep + sp.text
            prev.last_line = sp.line
            continue
        out.append(sp)
    return out


_UNIT_THEN_TITLE = re.compile(rf"^[^\s]{{2,}}?{posts.ORG_SUFFIX}[^\s]+$")


def _continues(prev: str, head: str) -> bool:
    """The span on the next line finishes the post above rather than starting another: a title
    alone (設備技術部付 / 部長, 生産管理部 / グループリーダー), or anything after a unit with no title
    yet; a line that holds a unit and its title (人材開発部長, 法人営業部 部長) is a post of its own."""
    words = head.split(" ")
    if len(words) == 1 and posts.is_title(words[0]) and not _UNIT_THEN_TITLE.match(words[0]):
        return True
    return posts.is_unit(prev.split(" ")[-1])


_NAME_CHARS = re.compile(r"[^\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々〆ヶ\U00020000-\U0002FFFFぁ-んァ-ヶー\s]")


def _attach(persons: list[Person], sp: Span, policy: str) -> Person | None:
    here = [p for p in persons if p.line == sp.line]
    if here:
        left = [p for p in here if p.x0 <= sp.x0]
        return left[-1] if left else here[0]
    before = [p for p in persons if p.line < sp.line]
    after = [p for p in persons if p.line > sp.line]
    prev = before[-1] if before else None
    nxt = after[0] if after else None
    if policy == "prev":
        return prev or nxt
    if policy == "next":
        return nxt or prev
    if prev and nxt:
        return prev if sp.line - prev.line <= nxt.line - sp.line else nxt
    return prev or nxt


def _score(persons: list[Person], role: str) -> float:
    """How well a policy attaches `role`: each person with one such span, few with several."""
    s = 0.0
    for p in persons:
        items = p.parts.get(role, [])
        s += 1.0 if items else 0.0
        s -= 0.6 * max(0, len({x.line for x in items}) - 1)
    return s


# words at a post's edge that label it rather than name it: 新 / 旧 / 本務 / 兼務 …, a 兼 with
# nothing after it, an arrow, a record's code (C363)
_LEAD = re.compile(r"^(?:新|旧|現|前|元|新任|新職|旧職|現職|前職|本務|兼務|兼任|異動後|異動前)(?:\s+|\s*[:：)）】]\s*)(?=\S)"
                   r"|^[【\[(（]\s*(?:新|旧|現|前|本務|兼務)\s*[】\])）]\s*(?=\S)|^[A-Za-z]*\d[A-Za-z0-9\-]*\s+(?=\S)")
_TRAIL = re.compile(r"\s*(?:兼|兼務|兼任)$")


def _trim(text: str) -> str:
    t = fold_space(text)
    for _ in range(3):
        before = t
        t = posts.TRAILING_ARROW.sub("", posts.LEADING_ARROW.sub("", t))
        t = _TRAIL.sub("", _LEAD.sub("", t)).strip()
        if t == before:
            break
    return t


def _pick(person: Person, items: list[Span]) -> Span | None:
    """One post of a role's candidates: a person has one new and one old post, and the tagger
    often reads a neighbour's too. The line nearest the person's name, then the surest span of it
    (the tagger's probability); a post wrapped over lines is one span already."""
    if not items:
        return None
    def surest(line: int) -> float:
        return max(s.prob for s in items if s.line == line)

    best = min({s.line for s in items}, key=lambda ln: (abs(ln - person.line), -surest(ln)))
    return max((s for s in items if s.line == best), key=lambda s: s.prob)


def _iso(text: str, year: int | None) -> str:
    found = find_dates(text)
    if found:
        return found[0].iso
    m = re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    if m and year:
        import datetime

        try:
            return datetime.date(year, int(m.group(1)), int(m.group(2))).isoformat()
        except ValueError:
            return ""
    return ""


def _nearest_before(items: list[Span], line: int) -> Span | None:
    here = [s for s in items if s.line == line]
    if here:
        return here[0]
    before = [s for s in items if s.line < line]
    if before:
        return before[-1]
    return items[0] if items else None


def assemble(doc: Doc, proba: np.ndarray) -> tuple[list[dict], list[dict]]:
    """Records and per-field confidences (the mean probability of the tokens a value came from)."""
    all_spans = spans(doc, proba)
    persons: list[Person] = []
    for sp in all_spans:
        if sp.role != "NAME":
            continue
        name = sp.text
        cell_text = doc.lines[sp.line].cells[sp.cell].text
        for ns in names.find_names(cell_text):
            if ns.start < sp.end and sp.start < ns.end:
                # the analyser's whole name where the tagger took part of it
                name = cell_text[min(ns.start, sp.start):max(ns.end, sp.end)] if len(squeeze(sp.text)) < 4 else sp.text
                break
        name = _NAME_CHARS.sub("", name).strip()
        if len(squeeze(name)) < 2:
            continue
        persons.append(Person(sp.line, sp.x0, name, sp.prob))
    if not persons:
        return [], []
    # each role by the policy that suits it on this page: a card prints the new post above the
    # name and the old one below it
    for role in ("KANA", "NEW", "OLD"):
        best = None
        for policy in ("nearest", "prev", "next"):
            trial = [Person(p.line, p.x0, p.name, p.prob) for p in persons]
            for sp in all_spans:
                if sp.role == role:
                    owner = _attach(trial, sp, policy)
                    if owner is not None:
                        owner.parts.setdefault(role, []).append(sp)
            score = _score(trial, role)
            if best is None or score > best[0]:
                best = (score, trial)
        for p, t in zip(persons, best[1]):
            if role in t.parts:
                p.parts[role] = t.parts[role]
    # one record per name: a name printed twice (a summary, then the details) is one person
    merged: dict[str, Person] = {}
    for p in persons:
        key = squeeze(p.name)
        if key in merged:
            for role, items in p.parts.items():
                merged[key].parts.setdefault(role, []).extend(items)
        else:
            merged[key] = p
    persons = list(merged.values())

    lines = doc.lines
    doc_date = scope.document_date(lines)
    markers = scope.date_markers(lines)
    date_spans = [s for s in all_spans if s.role == "DATE" and _iso(s.text, doc_date.year if doc_date else None)]
    company_spans = [s for s in all_spans if s.role == "COMPANY"]
    announcer, announcer_conf = scope.announcing_company(lines)

    records, confidence = [], []
    for p in persons:
        kana_span = p.parts.get("KANA", [None])[0]
        reading = kana_span.text if kana_span else ""
        family, given, split_conf = names.split_name(p.name, reading)
        fam_kana, giv_kana = names.kana_pair(reading, family, given) if reading else ("", "")

        def joined(role: str) -> tuple[str, float]:
            span = _pick(p, p.parts.get(role, []))
            return (span.text, span.prob) if span else ("", 0.0)

        new, new_conf = joined("NEW")
        old, old_conf = joined("OLD")
        new, old = _trim(new), _trim(old)
        new = posts.clean_post(new)
        if posts.DEPARTURE_CUE.search(new) and len(squeeze(new)) <= 6:
            new = posts.DEPARTURE
        old = posts.clean_old(old)
        d = _nearest_before(date_spans, p.line)
        if d is not None:
            date, date_conf = _iso(d.text, doc_date.year if doc_date else None), d.prob
        else:
            date, date_conf = scope.date_in_scope(p.line, markers)
        c = _nearest_before(company_spans, p.line)
        if c is not None:
            company, company_conf = scope.company_of_text(c.text) or c.text, c.prob
            if announcer and squeeze(company) != squeeze(announcer) and squeeze(company) in squeeze(announcer):
                company = announcer  # the tagger took part of the announcer's name
        else:
            company, company_conf = announcer, announcer_conf
        records.append({
            "effective_date": date, "family_name": family, "given_name": given, "company": company,
            "family_name_kana": fam_kana, "given_name_kana": giv_kana, "new_post": new, "old_post": old,
        })
        kana_conf = kana_span.prob if kana_span else 0.5
        confidence.append({
            "effective_date": date_conf, "family_name": min(p.prob, split_conf), "given_name": min(p.prob, split_conf),
            "company": company_conf, "family_name_kana": kana_conf, "given_name_kana": kana_conf,
            "new_post": new_conf, "old_post": old_conf if old else 0.5,
        })
    return records, confidence
