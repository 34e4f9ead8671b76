"""Tokens with generic features, and their roles read off the ground truth.

The unit is a token of the morphological analyser (SudachiPy, `names.tokens`) inside a cell of the
pipeline's lines (`geometry.page_lines`, the same lines, cells, rules and column order the rules
keyer reads). Nothing here knows a layout: features are the token's own analysis (characters,
part of speech, person-name tags, post suffixes), its neighbours on the line, the label or cue
words before it, the brackets around it and the table header above its cell.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from inference.layout import PageLayout
from inference.local import geometry, names, posts, scope
from inference.local.geometry import Line
from jptext import find_dates, is_kana, squeeze, to_hiragana

ROLES = ("O", "NAME", "KANA", "NEW", "OLD", "DATE", "COMPANY")
ROLE_INDEX = {r: i for i, r in enumerate(ROLES)}

# Words that say which side of a change, or what, follows (read before a token on its line).
CUES = ("新", "旧", "現", "前", "元", "後", "就任", "退任", "退職", "辞任", "任命", "命ず", "委嘱", "嘱託", "採用", "入社",
        "異動", "昇格", "昇任", "配属", "出向", "転任", "兼", "付", "より", "から", "→", "⇒", "←", "▶", "氏名", "所属",
        "役職", "担当", "会社", "発令", "日付", "ふりがな", "フリガナ", "カナ", "読み", "殿", "様", "氏")
_ARROW = re.compile(r"(→|⇒|➡|⟶|⇨|▶|=>|->|←|⇐)")
_OPEN, _CLOSE = "(（【[《〈「『〔［", ")）】]》〉」』〕］"
_TITLE_END = re.compile(rf"{posts.TITLE_SUFFIX}$")
_ORG_END = re.compile(rf"{posts.ORG_SUFFIX}$")
_COMPANY = scope._COMPANY
DIM = 1 << 18


def char_class(c: str) -> str:
    o = ord(c)
    if 0x3041 <= o <= 0x309F:
        return "h"
    if 0x30A0 <= o <= 0x30FF or 0xFF66 <= o <= 0xFF9F:
        return "k"
    if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or o >= 0x20000 or c in "々〆ヶ":
        return "K"
    if c.isdigit():
        return "d"
    if c.isascii() and c.isalpha():
        return "a"
    if c.isspace():
        return "s"
    return "p"


def shape(s: str) -> str:
    out = []
    for c in s:
        k = char_class(c)
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)[:6]


@dataclass
class Tok:
    line: int          # index into Doc.lines (reading order)
    cell: int
    start: int         # in the cell's text
    end: int
    text: str
    space_before: bool  # whitespace (or a cell edge) before it
    feats: list[int] = field(default_factory=list)


@dataclass
class Doc:
    lines: list[Line]
    toks: list[Tok]


def read_lines(pages: list[PageLayout]) -> list[Line]:
    """The pipeline's lines of every page in reading order (two-column pages left column first)."""
    out: list[Line] = []
    for page in pages:
        page, lines = geometry.read_page(page)
        out += geometry.split_columns(lines, page.width)
    for k, ln in enumerate(out):
        ln.order = k
    return out


def _bracket_head(text: str, pos: int) -> str:
    """The first characters inside the innermost bracket open at `pos` ('' when none is open)."""
    depth, head = 0, ""
    for k in range(pos - 1, -1, -1):
        c = text[k]
        if c in _CLOSE:
            depth += 1
        elif c in _OPEN:
            if depth == 0:
                return text[k + 1:k + 3].strip() or "_"
            depth -= 1
    return head


def _hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) % DIM


def _header_cells(lines: list[Line]) -> list[list[tuple[float, float, str, str]] | None]:
    """Per line: the table header in force above it ((x0, x1, role, text) per column), if any."""
    out = []
    current, since, page = None, 0, None
    for ln in lines:
        if ln.page != page:
            since += 5
            page = ln.page
        cols = geometry.find_header(ln)
        if cols:
            current = [(c.x0, c.x1, c.role, squeeze(cell.text)[:8]) for c, cell in zip(cols, ln.cells)] \
                if len(cols) == len(ln.cells) else [(c.x0, c.x1, c.role, "") for c in cols]
            since = 0
            out.append(None)
            continue
        roles = [geometry.header_role(c.text) for c in ln.cells]
        if sum(r is not None for r in roles) >= 2 and all(len(squeeze(c.text)) <= 12 for c in ln.cells):
            # a header the table finder does not take (no name column on this line of a two-line header)
            current = [(c.x0, c.x1, r or "other", squeeze(c.text)[:8]) for c, r in zip(ln.cells, roles)]
            since = 0
            out.append(None)
            continue
        since += 1
        if since > 40:
            current = None
        out.append(current)
    return out


def _column_of(header, x0: float, x1: float) -> tuple[str, str] | None:
    if not header:
        return None
    cx = (x0 + x1) / 2
    best, dist = None, None
    for hx0, hx1, role, text in header:
        d = 0.0 if hx0 - 2 <= cx <= hx1 + 2 else min(abs(cx - hx0), abs(cx - hx1))
        if dist is None or d < dist:
            best, dist = (role, text), d
    return best if dist is not None and dist < 60 else None


def doc_tokens(pages: list[PageLayout]) -> Doc:
    lines = read_lines(pages)
    headers = _header_cells(lines)
    toks: list[Tok] = []
    widths = {p.number: p.width or 595.0 for p in pages}
    named = [any(names.find_names(c.text) for c in ln.cells) for ln in lines]
    for li, ln in enumerate(lines):
        line_toks: list[Tok] = []
        infos: list[dict] = []
        ncells = len(ln.cells)
        line_text = ln.text
        arrow = _ARROW.search(line_text)
        line_has_name = False
        offset = 0  # of the cell in line_text
        for ci, cell in enumerate(ln.cells):
            text = cell.text
            name_spans = names.find_names(text)
            if name_spans:
                line_has_name = True
            date_spans = [(m.start, m.end) for m in find_dates(text)]
            comp = [(m.start(1), m.end(1)) for m in _COMPANY.finditer(text)]
            label_role, _rest = posts.label_of(text)
            # what the whole cell looks like: a token of a post cell (部, 付, 兼) is a post's too
            cell_f = [f"cshape={shape(squeeze(text))[:4]}", f"clen={min(len(squeeze(text)) // 3, 8)}"]
            cell_words = text.split()
            if any(_TITLE_END.search(w) for w in cell_words):
                cell_f.append("c_title")
            if any(_ORG_END.search(w) for w in cell_words):
                cell_f.append("c_org")
            if any(posts.is_post_word(w) for w in cell_words):
                cell_f.append("c_postword")
            if name_spans:
                cell_f.append("c_name")
                if any(s.start == 0 and s.end >= len(squeeze(text)) - 1 for s in name_spans):
                    cell_f.append("c_name_only")
            if date_spans:
                cell_f.append("c_date")
            if comp:
                cell_f.append("c_company")
            if is_kana(squeeze(text).strip("()（）")):
                cell_f.append("c_kana")
            if posts.DEPARTURE_CUE.search(text):
                cell_f.append("c_departure")
            if "兼" in text:
                cell_f.append("c_concurrent")
            for t in names.tokens(text):
                if not t.surface.strip():
                    continue
                tok = Tok(li, ci, t.start, t.end, t.surface, t.start == 0 or text[t.start - 1].isspace())
                # the whitespace word the token is in
                ws = text.rfind(" ", 0, t.start) + 1
                we = text.find(" ", t.end)
                word = text[ws: we if we >= 0 else len(text)]
                f = [f"s={t.surface}", f"p0={t.pos[0]}", f"p01={t.pos[0]}/{t.pos[1]}",
                     f"p23={t.pos[2]}/{t.pos[3]}", f"sh={shape(t.surface)}", f"len={min(len(t.surface), 6)}",
                     f"wsh={shape(word)}", f"wlen={min(len(word), 12)}", f"ci={min(ci, 5)}",
                     f"nc={min(ncells, 7)}", f"cirev={min(ncells - 1 - ci, 4)}",
                     f"x={int(5 * cell.x0 / widths.get(ln.page, 595.0))}", f"suf={t.surface[-1]}", f"pre={t.surface[0]}"]
                f += cell_f
                if tok.space_before:
                    f.append("spb")
                if t.start == 0:
                    f.append("cellstart")
                if t.end == len(text.rstrip()):
                    f.append("cellend")
                if ws == t.start and (we < 0 or we == t.end):
                    f.append("wholeword")
                if posts.is_post_word(word):
                    f.append("postword")
                if _TITLE_END.search(word):
                    f.append("word_title_end")
                if _ORG_END.search(word):
                    f.append("word_org_end")
                if _TITLE_END.search(t.surface):
                    f.append("title_end")
                if _ORG_END.search(t.surface):
                    f.append("org_end")
                if is_kana(t.surface):
                    f.append("kana")
                if is_kana(word):
                    f.append("kanaword")
                if cell.words and any(w.red for w in cell.words):
                    f.append("red")
                for s in name_spans:
                    if s.start <= t.start < s.end:
                        f.append("inname")
                        f.append("inname_fam" if t.start < s.start + len(s.family) else "inname_giv")
                        if s.start == 0:
                            f.append("name_at_cellstart")
                for a, b in date_spans:
                    if a <= t.start < b:
                        f.append("indate")
                        after = text[b:b + 3]
                        f.append(f"date_after={after[:1]}")
                for a, b in comp:
                    if a <= t.start < b:
                        f.append("incompany")
                if label_role:
                    f.append(f"celllabel={label_role}")
                bh = _bracket_head(text, t.start)
                if bh:
                    f.append("inbr")
                    f.append(f"brhead={bh[:1]}")
                    f.append(f"brhead2={bh}")
                col = _column_of(headers[li], cell.x0, cell.x1)
                if col:
                    f.append(f"hrole={col[0]}")
                    if col[1]:
                        f.append(f"htext={col[1]}")
                        f.append(f"hlast={col[1][-1:]}")
                    f.append(f"hrole*sh={col[0]}*{shape(t.surface)}")
                    f.append(f"hrole*p={col[0]}*{t.pos[0]}/{t.pos[2]}")
                else:
                    f.append("nohead")
                if ci > 0:
                    first = squeeze(ln.cells[0].text)
                    f.append(f"firstcell={first[:6]}")
                    f.append(f"firstcell1={first[:1]}")
                    prev = squeeze(ln.cells[ci - 1].text)
                    f.append(f"prevcell={prev[:6]}")
                    f.append(f"prevcell_end={prev[-1:]}")
                pos_in_line = offset + t.start
                before = line_text[max(0, pos_in_line - 14):pos_in_line]
                for cue in CUES:
                    k = before.rfind(cue)
                    if k >= 0:
                        f.append(f"cue<{cue}")
                        f.append(f"cue<{cue}@{min(len(before) - k - len(cue), 6) // 3}")
                after_text = line_text[pos_in_line + len(t.surface): pos_in_line + len(t.surface) + 10]
                for cue in ("就任", "退任", "退職", "任命", "付", "に", "を", "は", "殿", "様", "(", "（", "兼", "→", "⇒"):
                    if cue in after_text:
                        f.append(f"cue>{cue}")
                if arrow:
                    f.append("arrow_before" if pos_in_line >= arrow.end() else "arrow_after")
                f.append(f"lfirst={squeeze(line_text)[:2]}")
                line_toks.append(tok)
                infos.append({"f": f, "s": t.surface, "p": t.pos[0], "p2": t.pos[2], "sh": shape(t.surface)})
            offset += len(text) + 1
        for k, tok in enumerate(line_toks):
            f = infos[k]["f"]
            for d in (-2, -1, 1, 2):
                j = k + d
                if 0 <= j < len(line_toks):
                    o = infos[j]
                    f.append(f"{d}s={o['s']}")
                    f.append(f"{d}p={o['p']}/{o['p2']}")
                    f.append(f"{d}sh={o['sh']}")
                    if line_toks[j].cell != tok.cell:
                        f.append(f"{d}othercell")
                else:
                    f.append(f"{d}edge")
            if line_has_name:
                f.append("line_has_name")
            for step, tag in ((-1, "name_above"), (1, "name_below")):
                j, dist = li + step, 1
                while 0 <= j < len(lines) and dist <= 4 and not named[j]:
                    j, dist = j + step, dist + 1
                f.append(f"{tag}={dist if 0 <= j < len(lines) and dist <= 4 else 'far'}")
            f.append(f"ntok={min(len(line_toks), 20) // 4}")
            f.append("bias")
            tok.feats = sorted({_hash(x) for x in f})
        toks += line_toks
    return Doc(lines, toks)


# --- labels from the ground truth -------------------------------------------------------------------------

_PRIORITY = {"NAME": 6, "KANA": 5, "DATE": 4, "NEW": 3, "OLD": 3, "COMPANY": 2}


def _norm_char(c: str) -> str:
    return to_hiragana(c)


def _line_index(doc: Doc) -> list[tuple[str, list[tuple[int, int]]]]:
    """Per line: the squeezed, hiragana-folded text and, per character, (cell, offset in cell)."""
    out = []
    for ln in doc.lines:
        chars, where = [], []
        for ci, cell in enumerate(ln.cells):
            for k, c in enumerate(cell.text):
                if c.isspace():
                    continue
                chars.append(_norm_char(c))
                where.append((ci, k))
        out.append(("".join(chars), where))
    return out


def _find_all(hay: str, needle: str) -> list[int]:
    out, k = [], hay.find(needle)
    while needle and k >= 0:
        out.append(k)
        k = hay.find(needle, k + 1)
    return out


def _key(s: str) -> str:
    from jptext import nfkc

    return "".join(_norm_char(c) for c in nfkc(s) if not c.isspace())


def label_doc(doc: Doc, truth: list[dict]) -> list[int]:
    """A role per token: the truth's values found on the page, a post or reading given to the
    person whose name is nearest in reading order."""
    index = _line_index(doc)
    marks: dict[tuple[int, int, int], tuple[int, str]] = {}  # (line, cell, offset) -> (priority, role)

    def mark(li: int, start: int, n: int, role: str) -> None:
        where = index[li][1]
        for k in range(start, start + n):
            key = (li, *where[k])
            if marks.get(key, (0, ""))[0] < _PRIORITY[role]:
                marks[key] = (_PRIORITY[role], role)

    def occurrences(value: str) -> list[tuple[int, int, int]]:
        key = _key(value)
        if len(key) < 1:
            return []
        return [(li, k, len(key)) for li, (hay, _w) in enumerate(index) for k in _find_all(hay, key)]

    def cell_starts(li: int) -> list[tuple[int, int]]:
        """(start, end) of each cell in the line's squeezed text."""
        out, where = [], index[li][1]
        for k, (ci, _off) in enumerate(where):
            if not out or where[k - 1][0] != ci:
                out.append([k, k + 1])
            else:
                out[-1][1] = k + 1
        return [tuple(x) for x in out]

    def wrapped(value: str) -> list[tuple[int, int, int]]:
        """A post wrapped onto the next line of its cell (設備技術部付 / 部長): the two pieces."""
        key = _key(value)
        out = []
        if len(key) < 4:
            return out
        for li in range(len(index) - 1):
            hay, nxt = index[li][0], index[li + 1][0]
            for a, b in cell_starts(li):
                for split in range(2, len(key) - 1):
                    if hay[a:b].endswith(key[:split]):
                        for c, d in cell_starts(li + 1):
                            if nxt[c:d].startswith(key[split:]):
                                out += [(li, b - split, split), (li + 1, c, len(key) - split)]
        return out

    name_lines: list[list[int]] = []
    for r in truth:
        occ = occurrences((r.get("family_name") or "") + (r.get("given_name") or ""))
        for li, k, n in occ:
            mark(li, k, n, "NAME")
        name_lines.append([li for li, _k, _n in occ])

    # a post, reading: each occurrence to the record whose name is nearest
    claims: list[tuple] = []  # (distance, line, start, length, role, record)
    for ri, r in enumerate(truth):
        if not name_lines[ri]:
            continue
        for role, value in (("KANA", (r.get("family_name_kana") or "") + (r.get("given_name_kana") or "")),
                            ("NEW", r.get("new_post") or ""), ("OLD", r.get("old_post") or "")):
            if not value.strip():
                continue
            occ = occurrences(value)
            if not occ and role in ("NEW", "OLD"):
                if value == posts.DEPARTURE:
                    occ = [o for cue in ("退職", "辞任", "退社") for o in occurrences(cue)]
                if not occ:
                    occ = wrapped(value)
                if not occ:
                    occ = [o for part in value.split() if len(_key(part)) >= 2 for o in occurrences(part)]
            for li, k, n in occ:
                d = min(abs(li - nl) for nl in name_lines[ri])
                if d <= 12:
                    claims.append((d, li, k, n, role, ri))
    # each occurrence to the record whose name is nearest (a chain of moves prints one post twice)
    best: dict[tuple[int, int, int], tuple] = {}
    for c in claims:
        span = (c[1], c[2], c[3])
        if span not in best or c[0] < best[span][0]:
            best[span] = c
    # longest first: an old post 那覇営業所 所長代理 holds the new one 那覇営業所 所長 as its prefix
    for (li, k, n), c in sorted(best.items(), key=lambda kv: -kv[0][2]):
        where = index[li][1]
        if any(marks.get((li, *where[j]), (0, ""))[0] >= _PRIORITY[c[4]] for j in range(k, k + n)):
            continue
        mark(li, k, n, c[4])

    dates = {r.get("effective_date") for r in truth if r.get("effective_date")}
    companies = {r.get("company") for r in truth if r.get("company")}
    for li, ln in enumerate(doc.lines):
        for ci, cell in enumerate(ln.cells):
            for m in find_dates(cell.text):
                if m.iso in dates:
                    for k in range(m.start, m.end):
                        if not cell.text[k].isspace() and marks.get((li, ci, k), (0, ""))[0] < _PRIORITY["DATE"]:
                            marks[(li, ci, k)] = (_PRIORITY["DATE"], "DATE")
            for m in re.finditer(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日", cell.text):
                if any(d[5:] == f"{int(m.group(1)):02d}-{int(m.group(2)):02d}" for d in dates):
                    for k in range(m.start(), m.end()):
                        if not cell.text[k].isspace() and (li, ci, k) not in marks:
                            marks[(li, ci, k)] = (_PRIORITY["DATE"], "DATE")
    for c in companies:
        for li, k, n in occurrences(c):
            mark(li, k, n, "COMPANY")

    labels = []
    for t in doc.toks:
        votes: dict[str, int] = {}
        for k in range(t.start, t.end):
            role = marks.get((t.line, t.cell, k), (0, "O"))[1]
            votes[role] = votes.get(role, 0) + 1
        role = max(votes, key=lambda r: (votes[r], r != "O"))
        labels.append(ROLE_INDEX[role])
    return labels

