"""Persons from delimited text printed on a page: a CSV export pasted into a notice, a header line
of column names (Japanese labels or English column codes such as NAME_KANJI, DEPT_NEW), then one
line per person with its fields between commas, often quoted. A legend on the page (CODE＝label,
10：昇格) says what a code means; without one, the English words of a code name its column."""
from __future__ import annotations

import csv
import re

from inference.local import geometry, names, posts
from inference.local.assembly import Found
from inference.local.geometry import Line
from jptext import find_dates, fold_space, is_kana, nfkc, parse_date, squeeze

# A code defined on the page (NAME_KANJI＝氏名, EFF_DATE=発令日（YYYYMMDD）): the code and its label.
_CODE_LEGEND = re.compile(r"(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9_]*)\s*[＝=]\s*([^、,，。\s（）()＝=／/]+)")
# A value defined on the page (90：退職, 10=昇格): what a coded cell means.
_VALUE_LEGEND = re.compile(r"(?<![0-9A-Za-z])([0-9A-Za-z]{1,4})\s*[:：＝=]\s*([^、,，。\s（）()＝=:：0-9]+)")
# The English words of column codes, by the role of the column they name.
_ENGLISH = {
    "name": ("NAME", "KANJI", "SHIMEI", "EMPLOYEE", "FULLNAME"),
    "kana": ("KANA", "YOMI", "FURIGANA", "READING", "RUBY"),
    "post": ("DEPT", "DEPARTMENT", "DIV", "DIVISION", "SECTION", "POST", "POSITION", "TITLE", "ROLE",
             "ORG", "UNIT", "GRADE", "JOB", "SHOZOKU", "YAKUSHOKU"),
    "new": ("NEW", "AFTER", "TO", "NEXT"),
    "old": ("OLD", "BEFORE", "FROM", "PREV", "PREVIOUS", "CUR", "CURRENT", "FORMER"),
    "date": ("DATE", "EFF", "EFFECTIVE", "DT", "YMD"),
    "company": ("COMPANY", "CORP", "KAISHA"),
    "remarks": ("CHG", "CHANGE", "TYPE", "KIND", "REASON", "REMARKS", "NOTE", "KUBUN"),
    "number": ("NO", "ID", "CD", "CODE", "NUM", "NUMBER", "EMP", "SEQ"),
}
_ENGLISH_ROLE = {word: role for role, words in _ENGLISH.items() for word in words}


def fields(text: str) -> list[str] | None:
    """The fields of a delimited line, or None when the line is not one (fewer than four fields)."""
    t = nfkc(fold_space(text)).strip()
    if t.count(",") < 3:
        return None
    try:
        row = next(csv.reader([t], skipinitialspace=True))
    except (csv.Error, StopIteration):
        return None
    return [fold_space(f) for f in row]


def legends(lines: list[Line]) -> tuple[dict[str, str], dict[str, str]]:
    """The codes and the coded values the page defines."""
    codes, values = {}, {}
    for ln in lines:
        if fields(ln.text):
            continue
        text = nfkc(ln.text)
        for m in _CODE_LEGEND.finditer(text):
            codes.setdefault(m.group(1).upper(), m.group(2))
        for m in _VALUE_LEGEND.finditer(text):
            values.setdefault(m.group(1), m.group(2))
    return codes, values


def _part_role(part: str, codes: dict[str, str]) -> str | None:
    if part in codes:
        role = geometry.header_role(codes[part])
        if role:
            return role
    return _ENGLISH_ROLE.get(part)


def column_role(label: str, codes: dict[str, str]) -> str | None:
    """The role of a delimited column from its label: the page's own definition of the code, a
    Japanese label, or the English words of the code (DEPT_NEW: a post, after the change)."""
    code = label.strip().upper()
    words = [p for p in re.split(r"[_\-.]+|(?<=[a-z])(?=[A-Z])", label.strip()) if p]
    if any(_ENGLISH_ROLE.get(w.upper()) == "kana" for w in words):
        return "kana"  # NAME_KANA is the reading even where its label (氏名カナ) starts like a name's
    for text in (codes.get(code), label):
        role = geometry.header_role(text) if text else None
        if role:
            return role
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-.]*", label.strip()):
        return None
    roles = [_part_role(p.upper(), codes) for p in words]
    roles = [r for r in roles if r]
    if not roles:
        return None
    if "kana" in roles:
        return "kana"  # NAME_KANA: the reading of the name
    side = next((r for r in roles if r in ("new", "old")), None)
    if side and set(roles) <= {"new", "old", "post"}:
        return side  # DEPT_NEW, POST_OLD: a part of the post on one side of the change
    return roles[0]


def persons(lines: list[Line]) -> tuple[list[Found], set[int]]:
    """The persons of the delimited blocks among `lines`, and the ids of the lines they used."""
    codes, values = legends(lines)
    found, used = [], set()
    header: list[str | None] | None = None
    for ln in lines:
        row = fields(ln.text)
        if row is None:
            header = None
            continue
        roles = [column_role(f, codes) for f in row]
        if "name" in roles and sum(1 for r in roles if r) >= 3:
            header = roles
            used.add(id(ln))
            continue
        if header is None or len(row) != len(header):
            continue
        f = _person(dict_of(header, row), values, ln.order)
        if f is not None:
            found.append(f)
            used.add(id(ln))
    return found, used


def dict_of(roles: list[str | None], row: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for role, value in zip(roles, row):
        if role and value:
            out.setdefault(role, []).append(value)
    return out


def _person(cells: dict[str, list[str]], values: dict[str, str], order: float) -> Found | None:
    printed = " ".join(cells.get("name", []))
    if not names.looks_like_name_cell(printed):
        return None
    reading = " ".join(k for k in cells.get("kana", []) if is_kana(k))
    family, given, name_conf = names.split_name(printed, reading)
    f = Found(order, family, given, name_conf)
    fk, gk = names.kana_pair(reading, family, given)
    f.set("family_name_kana", fk, 0.9 if gk else 0.5)
    f.set("given_name_kana", gk, 0.9 if gk else 0.4)
    if not reading:
        f.conf["family_name_kana"] = f.conf["given_name_kana"] = 0.9
    new = posts.empty_if_placeholder(" ".join(cells.get("new", [])))
    old = posts.empty_if_placeholder(" ".join(cells.get("old", [])))
    if not new and not old:
        new = posts.empty_if_placeholder(" ".join(cells.get("post", [])))
    # A coded 区分 (90) means what the page's legend says (90：退職).
    remarks = " ".join(values.get(v, v) for v in cells.get("remarks", []))
    if not new and old and posts.DEPARTURE_CUE.search(squeeze(remarks)):
        new = posts.DEPARTURE
    f.set("new_post", posts.clean_post(new), 0.9)
    f.set("old_post", posts.clean_old(old), 0.9)
    for value in cells.get("date", []):
        day = parse_date(value)
        iso = day.isoformat() if day else next((m.iso for m in find_dates(value)), "")
        if iso:
            f.set("effective_date", iso, 0.95)
            break
    company = " ".join(cells.get("company", []))
    if company:
        f.set("company", company, 0.8)
    f.cue = bool(remarks)
    return f
