"""Characters OCR engines confuse in Japanese print, corrected by the script around them.

Katakana and kanji share shapes (ロ/口, カ/力, エ/工, タ/夕, ト/卜, ニ/二, ハ/八, ー/一), and
hiragana and katakana share へ/ヘ, ぺ/ペ, べ/ベ. A reader decides by the neighbours: in a run
of katakana the katakana is meant, between kanji the kanji. Only the neighbours decide here,
never a word list, so the rule holds for names and posts it has never seen.
"""
from __future__ import annotations

import re

# katakana ↔ the kanji (or symbol) of the same shape
_KATA_OF = {"口": "ロ", "力": "カ", "工": "エ", "夕": "タ", "卜": "ト", "二": "ニ", "八": "ハ", "一": "ー", "―": "ー",
            "－": "ー", "-": "ー", "ぺ": "ペ", "べ": "ベ", "へ": "ヘ", "ヘ": "ヘ"}
_KANJI_OF = {"ロ": "口", "カ": "力", "エ": "工", "タ": "夕", "ト": "卜", "ニ": "二", "ハ": "八", "ー": "一"}
_HIRA_OF = {"ヘ": "へ", "ペ": "ぺ", "ベ": "べ"}

_KATA = re.compile(r"[\u30A1-\u30FA\u30FC\uFF66-\uFF9F]")
_HIRA = re.compile(r"[\u3041-\u3096]")
_KANJI = re.compile(r"[\u3005\u4E00-\u9FFF\uF900-\uFAFF]")


# Kanji a model reads for another of like shape, beside the variant kanji it lacks altogether
# (dataentry.normalization.VARIANT_KANJI): read → the kanji it may stand for. The OCR decides between
# them by the shape of the ink (inference/local/ocr.py, `_variants`), never by a word list.
LOOKALIKES = {"真": "直", "演": "濵", "劉": "留", "違": "邉", "大": "太"}


def _script(c: str) -> str:
    if c in _KATA_OF or c in _KANJI_OF:
        return "?"  # ambiguous itself
    if _KATA.match(c):
        return "kata"
    if _HIRA.match(c):
        return "hira"
    if _KANJI.match(c):
        return "kanji"
    return "other"


# 令 is the era sign OCR misreads most (信, 今, 念, 金, 守, 礼 …): a date's grammar decides —
# "?和 N 年" is 令和 unless the sign read is 昭 (昭和). Length-preserving, like every rule here.
_ERA_MISREAD = re.compile(r"[^\s昭令0-9０-９](?=和[ \u3000]*(?:[0-9０-９]{1,2}|元)[ \u3000]*年)")


# The same misreads of 令 after 発 (発令日, 発令します, 発令前/後): 発今, 発念, 発金, 発守, 発礼 are no
# words, so the sign can only be 令. 発信 is a word (発信日, the sending date) and is left alone:
# turning it into 発令日 would make a letter's date the effective date.
_HATSUREI_MISREAD = re.compile(r"(?<=発)[今念金守礼](?=[ \u3000]*(?:日|年月日|前|後|し|す|事項|内容|区分))")


# The digit 1 is a bare stroke, which a poor scan's engine reads as a bracket or a bar (令和3年]月16日):
# in a date's number places, right after 年 or 月 and before the next unit (or a digit and the unit),
# a stroke can only be 1.
_DATE_ONE = re.compile(r"(?<=[0-9０-９][年月])[\]|｜lIｌＩ](?=[0-9０-９]?[月日])")


def fix_line(text: str) -> str:
    """One OCR'd line (spaces kept) with the confusions its grammar resolves; same length."""
    return _DATE_ONE.sub("1", _HATSUREI_MISREAD.sub("令", _ERA_MISREAD.sub("令", text)))


# 副 (deputy) before a title, read as 一 by the `best` model (副部長 → 一部長, in every occurrence):
# a word does not begin with 一 + a title (第一部長, 営業一部長 do not begin with it). Measured on the
# clean scans: posts 0.72 → 0.74 (seed 1).
_FUKU_MISREAD = re.compile(r"^一(?=(?:本部|支店|センター|室|部|所|工場|社|会|課|係|店|局)長)")


# A full-width Ｉ has serifs: the models read it as エ (or 工) before a Latin capital (ＩＴ本部 → エT本部),
# or as I and エ both (IエT本部). No katakana or kanji word has エ/工 straight before a capital letter.
_SERIF_I = re.compile(r"I?[エ工](?=[A-ZＡ-Ｚ])")


# 株式会社 with one glyph misread (fax corpus: 株芝会社; 抹式会社, 株式会杜): no word is one glyph from it
# but the legal form itself, so a glyph between 株 and 会社, between 株式 and 社, a kanji after 株式会, or a
# kanji before 式会社 that follows no kanji (株式会社 at the start of a word or after a kana or Latin name),
# is the legal form's.
_KABU_MIDDLE = re.compile(r"(?<=株)[^\s式会社](?=会社)")
_KABU_KAI = re.compile(r"(?<=株式)[^\s会社](?=社)")
_KABU_LAST = re.compile(r"(?<=株式会)[\u4E00-\u9FFF](?<!社)")
_KABU_FIRST = re.compile(r"(?<![\u3005\u4E00-\u9FFF])[\u4E00-\u9FFF](?=式会社)")


def _legal_form(text: str) -> str:
    if not ("株" in text or "式会" in text):
        return text
    return _KABU_FIRST.sub("株", _KABU_LAST.sub("社", _KABU_KAI.sub("会", _KABU_MIDDLE.sub("式", text))))


# 合 of 問い合わせ / 問合せ read as its look-alike 含 (a fax: お問い含わせ先): 含 before わせ or せ after 問 makes
# no word (含ませ, 含める are spelt so), so the contact line is known again as one.
_TOIAWASE = re.compile(r"(?<=問)(い?)含(?=わ?せ)")


def fix_word(text: str) -> str:
    """`text` (one OCR word: no spaces) with shape confusions resolved by the neighbours' script."""
    if len(text) < 2:
        return text
    text = _TOIAWASE.sub(r"\1合", text)
    return _legal_form(_by_script(_FUKU_MISREAD.sub("副", _SERIF_I.sub("I", text))))


def _by_script(text: str) -> str:
    scripts = [_script(c) for c in text]
    known = [s for s in scripts if s in ("kata", "hira", "kanji")]
    out = []
    for i, c in enumerate(text):
        if scripts[i] != "?":
            out.append(c)
            continue
        # a bracket ends the phrase: 浩ニ(スズキ is 浩二 before a bracketed reading, not katakana
        before = re.split(r"[(（「『【\[]", text[max(0, i - 2):i])[-1]
        after = re.split(r"[(（「『【\[)）」』】\]]", text[i + 1:i + 3])[0]
        near = [s for s in scripts[i - len(before):i] + scripts[i + 1:i + 1 + len(after)] if s in ("kata", "hira", "kanji")]
        votes = near or known
        if not votes:
            out.append(c)
            continue
        major = max(("kata", "hira", "kanji"), key=votes.count)
        if major == "kata":
            out.append(_KATA_OF.get(c, c))
        elif major == "kanji":
            out.append(_KANJI_OF.get(c, c))
        else:
            out.append(_HIRA_OF.get(c, c))
    return "".join(out)
