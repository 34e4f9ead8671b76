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

from inference.learned.units import DIM, ROLES, Doc
from inference.local import names, posts, scope
from jptext import find_dates, squeeze

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


@dataclass
class Person:
    line: int
    x0: float
    name: str
    prob: float
    parts: dict[str, list[Span]] = field(default_factory=dict)


def spans(doc: Doc, proba: np.ndarray) -> list[Span]:
    out: list[Span] = []
    labels = proba.argmax(axis=1) if len(proba) else []
    cur: Span | None = None
    cur_probs: list[float] = []
    last_tok = None
    for t, lab, pr in zip(doc.toks, labels, proba):
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
            cur_probs.append(float(pr[lab]))
            cur.prob = float(np.mean(cur_probs))
        else:
            x0 = cell.words[0].x0 if cell.words else 0.0
            cur = Span(role, t.line, x0 + t.start, t.text, float(pr[lab]), t.cell, t.start, t.end, x0, t.line)
            cur_probs = [float(pr[lab])]
            out.append(cur)
        last_tok = t
    return _join_wrapped(out)


def _join_wrapped(items: list[Span]) -> list[Span]:
    """A post continued on the next line (or the one after) of its cell, on a line naming nobody,
    is one post: 設備技術部付 / 部長, 生産管理部 / グループリーダー."""
    named = {s.line for s in items if s.role == "NAME"}
    out: list[Span] = []
    for sp in items:
        prev = next((o for o in reversed(out) if o.role == sp.role), None)
        if (prev is not None and sp.role in ("NEW", "OLD") and sp.line not in named
                and 1 <= sp.line - prev.last_line <= 2 and abs(sp.cx0 - prev.cx0) < 12
                and not any(o.line == sp.line for o in out if o.role == sp.role)):
            tail, head = prev.text.split(" ")[-1], sp.text.split(" ")[0]
            sep = " " if posts.is_unit(tail) and posts.is_title(head) else ""
            prev.text += sep + sp.text
            prev.last_line = sp.line
            continue
        out.append(sp)
    return out


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
            items = p.parts.get(role, [])
            seen, texts = set(), []
            for s in sorted(items, key=lambda s: (s.line, s.x0)):
                if s.text not in seen:
                    seen.add(s.text)
                    texts.append(s.text)
            return " ".join(texts), (min(s.prob for s in items) if items else 0.0)

        new, new_conf = joined("NEW")
        old, old_conf = joined("OLD")
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
