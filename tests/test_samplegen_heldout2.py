"""The second held-out set (samplegen/heldout2): other forms, other words, and truth that follows
samples/README.md exactly, like every other form of the generator."""
from __future__ import annotations

import re

import pymupdf

from jptext import squeeze
from samplegen.heldout2 import HELD_OUT_2_SET
# The development forms' own checks (text layer, README rules, everything in the truth printed,
# same seed → same bytes), run here on this set's forms.

FORMS = tuple(HELD_OUT_2_SET.forms)


def _text(pdf: bytes) -> str:
    with pymupdf.open("pdf", pdf) as doc:
        return "".join(page.get_text() for page in doc)


def _docs(form: str, count: int = 6, seed: int = 7):
    return [HELD_OUT_2_SET.build_document(seed, i, (form,)) for i in range(count)]


def _full(rec: dict) -> str:
    return rec["family_name"] + rec["given_name"]


def test_the_set_shows_the_variety_a_keyer_must_handle():
    docs = [HELD_OUT_2_SET.build_document(11, i) for i in range(4 * len(FORMS))]
    text = "".join(_text(pdf) for _n, pdf, _t, _p in docs)
    records = [r for _n, _pdf, truth, _p in docs for r in truth["records"]]
    for printed in ("令和元年", "兼", "留任", "※", "（新規採用）", "退職", "【", "■"):
        assert printed in text, printed
    assert re.search(r"R\d+\.\d+\.\d+", text) and re.search(r"\d{4}\.\d+\.\d+", text)
    assert re.search(r"[ｦ-ﾟ]", text) and re.search(r"[ァ-ヶ]{2}", text) and re.search(r"[０-９]", text)
    assert re.search(r"[^\s　]\u3000{2,}[^\s　]", text), "no name padded to equal width"
    assert {"髙", "﨑", "邊", "齋", "德", "濵"} <= set("".join(r["family_name"] for r in records))
    assert any(r["new_post"] == "退任" for r in records) and any(r["old_post"] == "" for r in records)
    assert any(" 兼 " in r["new_post"] for r in records)
    assert len({r["effective_date"] for r in records}) > 8 and len({r["company"] for r in records}) > 6


def test_mail_separators_vary_and_the_sender_is_no_record():
    seps = set()
    for _name, pdf, truth, _pages in _docs("mail_text"):
        text = _text(pdf)
        seps |= set(re.findall(r"■(?:氏名|名前)(：|:|／)", text))
        sender = re.search(r"人事部の(\S+?)です", text)[1]
        assert all(r["family_name"] != sender for r in truth["records"])
    assert seps == {"：", ":", "／"}


def test_people_in_officer_notes_and_the_letterhead_are_no_records():
    for _name, pdf, truth, _pages in _docs("officer_shingen"):
        text = _text(pdf)
        stay = squeeze(next(line for line in text.splitlines() if "留任" in line))
        rep = squeeze(re.search(r"代表取締役社長([^\n]+)\n", text)[1])
        names = {_full(r) for r in truth["records"]}
        assert rep not in names and not any(n in stay for n in names)
        for rec in truth["records"]:
            assert not re.search("顧問|事務所|監査法人|大学|銀行|商事", rec["new_post"] + rec["old_post"]), rec


def test_group_release_names_its_company_only_in_the_logo_and_each_section_its_own():
    group = set(HELD_OUT_2_SET.vocab.group_companies)
    seen = set()
    for _name, pdf, truth, _pages in _docs("logo_groups", 8):
        text = squeeze(_text(pdf))
        parent = {r["company"] for r in truth["records"]} - group
        assert len(parent) <= 1
        for company in parent:
            assert text.count(company) == 1
        for rec in truth["records"]:
            seen.add("group" if rec["company"] in group else "parent")
            assert not rec["old_post"].startswith(("当社",) + tuple(group)), rec
    assert seen == {"group", "parent"}
