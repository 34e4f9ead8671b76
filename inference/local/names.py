"""Persons: names found by a morphological analyser (SudachiPy + sudachidict_core), split
into family and given name, with the reading printed beside or above them.

Why Sudachi: see docs/keyer.md (measured against fugashi + unidic-lite on our names).
Variant kanji (髙, 﨑, 邊, 齋 …) are folded to their standard form for the analyser only —
one character for one, so positions still point into the printed text and the printed
form is what is keyed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from dataentry.normalization import fold_variants
from jptext import is_kana, nfkc, squeeze, to_hiragana
from jptext.kana import fold_marks


@lru_cache(maxsize=1)
def analyser():
    """The Sudachi tokenizer, loaded once per process (about 0.1 s)."""
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(SplitMode.C)


@lru_cache(maxsize=1)
def dictionary():
    """Sudachi's dictionary itself, for looking words up (`lookup`), loaded once per process."""
    from sudachipy import Dictionary

    return Dictionary(dict="core")


def preload() -> None:
    analyser()


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    surface: str
    pos: tuple[str, ...]
    reading: str  # hiragana

    @property
    def family(self) -> bool:
        return self.pos[2:4] == ("人名", "姓")

    @property
    def given(self) -> bool:
        return self.pos[2:4] == ("人名", "名")

    @property
    def person(self) -> bool:
        return len(self.pos) > 2 and self.pos[2] == "人名"


# Old forms (旧字体) the dictionary knows only in their standard form, beyond the comparison's
# opt-in table (dataentry.normalization.VARIANT_KANJI, which decides what a keyer may treat as
# equal): for the analyser only, so 黑田 is read as the family name 黒田 and 晉也 as the given name
# 晋也, while the printed form is what is keyed. One character for one, NFKC-stable.
_ANALYSER_VARIANTS = str.maketrans({
    "黑": "黒", "鄕": "郷", "晉": "晋", "恆": "恒", "讓": "譲", "瀧": "滝", "峯": "峰", "槗": "橋", "舩": "船",
    "釼": "剣", "靏": "鶴", "桺": "柳", "廸": "迪", "熈": "熙", "昻": "昂", "鷗": "鴎", "瑤": "瑶", "碕": "崎",
    "埜": "野", "苅": "刈", "桒": "桑", "圓": "円", "稻": "稲", "澁": "渋", "兒": "児", "萬": "万", "壽": "寿",
    "禮": "礼", "與": "与", "淸": "清", "聰": "聡", "遙": "遥", "邨": "村", "條": "条", "淺": "浅", "彌": "弥",
    "巖": "巌", "曉": "暁", "穰": "穣", "舘": "館", "榮": "栄", "曻": "昇", "亙": "亘", "煕": "熙",
    "龜": "亀", "靑": "青", "寳": "宝", "鹽": "塩", "黃": "黄", "穗": "穂", "豐": "豊", "衞": "衛", "乘": "乗", "壹": "壱",
})


_OLD_FORM = re.compile("[" + "".join(chr(c) for c in _ANALYSER_VARIANTS) + "]")


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    folded = fold_variants(text)
    out = _tokenize(text, folded)
    standard = folded.translate(_ANALYSER_VARIANTS) if _OLD_FORM.search(folded) else folded
    if standard != folded:
        # Some old forms are in the dictionary as printed (澁谷 is a family name, 渋谷 a place):
        # the standard form only where it reads more of the line as names, or as fewer words
        # (晉 | 也 → 晋也)
        alt = _tokenize(text, standard)
        if _name_score(alt) > _name_score(out):
            out = alt
    return out


def _tokenize(text: str, folded: str) -> tuple[Token, ...]:
    out = []
    for m in analyser().tokenize(folded):
        out.append(Token(m.begin(), m.end(), text[m.begin():m.end()], tuple(m.part_of_speech()),
                         to_hiragana(m.reading_form())))
    return tuple(out)


def _name_score(toks: tuple[Token, ...]) -> tuple[int, int, int, int]:
    # (then fewer suffixes: 乘 read as a suffix after a space starts no word, 乗 does; then more
    # proper nouns: 靑山 a common noun, 青山 a place)
    return (sum(t.person for t in toks), -len(toks), -sum(t.pos[0] == "接尾辞" for t in toks),
            sum(t.pos[1] == "固有名詞" for t in toks))


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    family: str
    given: str
    confidence: float
    family_reading: str = ""   # the analyser's guess, used only to split a printed reading
    given_reading: str = ""


_KANJI = r"\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々〆ヶ\U00020000-\U0002FFFF"
_NAME_PART = re.compile(rf"^[{_KANJI}ぁ-んァ-ヶー]{{1,5}}$")
# Words that end a run of nouns as a post or an organisation, never as a name.
_NOT_NAME_END = re.compile(r"(部|課|室|長|役|員|所|店|社|会|局|係|班|者|様|殿|氏|各位|付|日|月|年|担当|顧問|本部|支社|センター"
                           r"|大学|学院|学校|銀行|病院)$")  # (東陵大学: an employer, not 東陵 + a given name)


_ADDRESSEE = re.compile(rf"^\s*(?:[・■●◆○◎]|\d{{1,2}}\s*[.．)）]|[(（]\d{{1,2}}[)）])?\s*"
                        rf"([{_KANJI}]{{1,5}})[ \u3000]+([{_KANJI}]{{1,4}})(?:\s*(?:殿|様)\s*$|\s*[:：(（])")


_READ_ENTRY = re.compile(rf"^\s*(?:[・■●◆○◎]|\d{{1,2}}\s*[.．)）]|[(（]\d{{1,2}}[)）])?\s*"
                         rf"([{_KANJI}]{{2,7}})\s*[(（]([ぁ-んァ-ヶー]+[ \u3000]+[ぁ-んァ-ヶー]+)[)）]")


def addressee(text: str) -> NameSpan | None:
    """A line that is only a name and 殿 / 様 (a 辞令's addressee), or an entry that starts with a
    name and a colon or a bracket (・一 優太：取締役 …): the name as printed, split at its space,
    whether or not the analyser knows it (一　貴之 殿, 勘解由小路　亜希子 殿)."""
    m = _ADDRESSEE.match(text)
    if not m:
        # (3) 平田学（ヒラタ マナブ）: printed joined, but the reading in two parts says where it splits
        m = _READ_ENTRY.match(text)
        if not m or _NOT_NAME_END.search(m.group(1)):
            return None
        fam_kana, giv_kana = split_reading_parts(m.group(2))
        split = _split_by_reading(m.group(1), fam_kana, giv_kana)
        if not split:
            return None
        return NameSpan(m.start(1), m.end(1), split[0], split[1], 0.75, fam_kana, giv_kana)
    if _NOT_NAME_END.search(m.group(1)) or _NOT_NAME_END.search(m.group(2)):
        return None
    return NameSpan(m.start(1), m.end(2), m.group(1), m.group(2), 0.8,
                    "".join(t.reading for t in tokens(m.group(1))), "".join(t.reading for t in tokens(m.group(2))))


_STRAY_QUOTE = re.compile(rf"(?<=\s)[”“\"″]+(?=[{_KANJI}])")


def find_names(text: str) -> list[NameSpan]:
    """Person names in a line of text: a family-name token, optional spaces, a given-name token."""
    # a scan's speck read as a quote mark after a space, before a kanji (山田 ”恵美): a space, so that the
    # positions in `text` hold
    text = _STRAY_QUOTE.sub(lambda m: " " * len(m.group()), text)
    toks = tokens(text)
    out: list[NameSpan] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        has_kanji = re.search(rf"[{_KANJI}]", t.surface) is not None
        spaced = _spaced_given(text, toks, i) if has_kanji and (t.family or (t.person and not t.given)) else None
        if (spaced is None and has_kanji and (t.pos[1:3] == ("固有名詞", "地名")
                                              or (t.pos[1:4] == ("固有名詞", "人名", "名") and len(t.surface) >= 2))
                and _family_like(t)):
            # (茂木 和奏: a family name the dictionary files as a given name, before a given name it
            # reads as two words, as a family name filed as a place)
            spaced = _placed_given(text, toks, i)
        if spaced:
            k, given, conf = spaced
            out.append(NameSpan(t.start, toks[k - 1].end, t.surface, given, conf, t.reading,
                                "".join(x.reading for x in toks[i + 1:k] if not x.surface.isspace())))
            i = k
            continue
        if (t.family or (t.person and not t.given) or _family_like(t)) and re.search(rf"[{_KANJI}]", t.surface):
            j = i + 1
            while j < len(toks) and toks[j].surface.isspace():
                j += 1
            if j < len(toks):
                g = toks[j]
                gap_ok = j == i + 1 or len(text[t.end:g.start]) <= 6
                if not (t.family or t.person) and (not g.given or (g.pos[3] != "名" and _split_person_token(g.surface))):
                    gap_ok = False  # an unknown family name needs a given name (not a whole name) after it
                    if (j > i + 1 and t.pos[1:3] == ("固有名詞", "地名") and g.pos[1:3] != ("固有名詞", "地名")
                            and _unknown_given(g, toks, j) and len(text[t.end:g.start]) <= 2
                            and not _post_word(g.surface)):
                        gap_ok = True  # 千葉 葵: a family name filed as a place, a space, a short word
                    elif (j > i + 1 and g.family and len(g.surface) == 1 and len(text[t.end:g.start]) <= 2
                          and _unknown_given(g, toks, j) and not _post_word(t.surface)
                          and not _given_after(toks, j) and not _title_after(text, g.end)):
                        # 左近 環: a family name the dictionary files as a common noun, a space, and a
                        # one-kanji given name it files as a family name (環, also a surname) — not
                        # 総務 林 太郎 (a family and a given name after a word) nor 総務 林 部長
                        gap_ok = True
                kana_given = t.family and j > i + 1 and is_kana(g.surface) and len(g.surface) <= 5
                if gap_ok and (g.given or (g.person and not g.family) or kana_given or _unknown_given(g, toks, j)):
                    end = g.end
                    # A given name the dictionary splits in two (陽菜子) stays whole.
                    k = j + 1
                    while k < len(toks) and toks[k].given and toks[k].start == end:
                        end = toks[k].end
                        k += 1
                    if (not (t.family or t.person) and k < len(toks) and toks[k].start == end
                            and toks[k].pos[0] == "名詞" and re.match(rf"[{_KANJI}]", toks[k].surface)):
                        # 社外 北嶺学院大学: the "given name" runs on into a longer word (an
                        # organisation's name), and the word before it is no family name either
                        i += 1
                        continue
                    given = text[g.start:end]
                    conf = (0.95 if g.given else 0.7) if (t.family or t.person) else 0.8
                    out.append(NameSpan(t.start, end, t.surface, given, conf, t.reading,
                                        "".join(x.reading for x in toks[j:k])))
                    i = k
                    continue
        if t.person and len(t.surface) >= 3 and re.match(rf"[{_KANJI}]{{2}}", t.surface):
            split = _split_person_token(t.surface)
            if split:
                fam, giv = split
                out.append(NameSpan(t.start, t.end, fam, giv, 0.75,
                                    "".join(x.reading for x in tokens(fam)), "".join(x.reading for x in tokens(giv))))
        i += 1
    extra = []
    read = _read_pairs(text)
    for sp in read:
        # 砂子 乘一（すなご じょういち）: a name its printed reading confirms replaces a shorter one
        # read inside it (乘 | 一)
        inside = [o for o in out if sp.start <= o.start and o.end <= sp.end and o.end - o.start < sp.end - sp.start]
        if inside and not any(o.start < sp.end and sp.start < o.end for o in out if o not in inside):
            out = [o for o in out if o not in inside]
    for sp in read + _pair_after_title(text):
        if not any(o.start < sp.end and sp.start < o.end for o in out + extra):
            extra.append(sp)
    out = sorted(out + extra, key=lambda sp: sp.start) if extra else out
    # (前川端支店: 前 labelling an old post, then a branch — no 前川 端 running into 支店)
    out = [sp for sp in out if not _RUNS_INTO_UNIT.match(text, sp.end)]
    return [_before_bracket(text, _with_repeat_mark(text, sp)) for sp in out]


# A unit's suffix right after a name's last kanji, not a title's (支店 but not 支店長): the "name" is
# the first part of a unit's name.
_RUNS_INTO_UNIT = re.compile(r"(?:支店|支社|営業所|出張所|事業所|事業部|本部|センター|工場|研究所|部|課|室)(?![長])")


def _with_repeat_mark(text: str, sp: NameSpan) -> NameSpan:
    """萌々, 奈々子: the repeat mark (々) after the given name's kanji belongs to it, even where the
    analyser reads the name without it."""
    m = re.compile(r"々+").match(text, sp.end)
    if not m or not sp.given or text[sp.end - len(sp.given):sp.end] != sp.given:
        return sp
    return replace(sp, end=m.end(), given=sp.given + m.group())


def _before_bracket(text: str, sp: NameSpan) -> NameSpan:
    """No name runs on into a bracket: the analyser read a scan's garbled reading with the given name
    before it as one word (恵美(カッエミ) for 恵美（ﾀｶﾊｼ ｴﾐ）), and the reading was keyed as part of the name."""
    cut = re.search(r"\s*[(（]", sp.given)
    if not cut or not cut.start() or text[sp.end - len(sp.given):sp.end] != sp.given:
        return sp
    return replace(sp, end=sp.end - (len(sp.given) - cut.start()), given=sp.given[:cut.start()])


# 四方 由起（しかた ゆき）: two words parted by a space, right before a reading in two parts
_READ_PAIR = re.compile(rf"(?:^|(?<=[\s、，,。:：・◆■●▽]))([{_KANJI}]{{1,5}})[ \u3000]([{_KANJI}]{{1,4}})\s*"
                        rf"[(（]\s*([ぁ-んァ-ヶー]+[ \u3000・][ぁ-んァ-ヶー]+)\s*[)）]")

_READ_RUN = re.compile(rf"(?:^|(?<=[\s、，,。:：・◆■●▽]))([{_KANJI}]{{2,7}})\s*"
                       rf"[(（]\s*([ぁ-んァ-ヶー]+[ \u3000・][ぁ-んァ-ヶー]+)\s*[)）]")


def _read_pairs(text: str) -> list[NameSpan]:
    """A name printed family, space, given and followed by its reading in two parts is a name even
    where the analyser files both words as something else (四方 as a noun, 由起 as a family name
    before a bracket): the printed reading of one part must be the analyser's reading of it."""
    out = []
    for m in _READ_PAIR.finditer(text):
        fam, giv = m.group(1), m.group(2)
        if _NOT_NAME_END.search(fam) or _NOT_NAME_END.search(giv) or _post_word(fam) or _post_word(giv):
            continue
        fam_kana, giv_kana = split_reading_parts(m.group(3))
        fam_read = "".join(t.reading for t in tokens(fam))
        giv_read = "".join(t.reading for t in tokens(giv))
        if fam_kana and (fam_read == fam_kana or giv_read == giv_kana):
            out.append(NameSpan(m.start(1), m.end(2), fam, giv, 0.75, fam_read, giv_read))
    for m in _READ_RUN.finditer(text):
        # 茂木和奏（モテギ ワカナ）: printed without a space, cut where the analyser reads the first
        # part of the printed reading (or the second) — the one cut that agrees
        run = m.group(1)
        fam_kana, giv_kana = split_reading_parts(m.group(2))
        word_before = re.search(rf"([{_KANJI}]+)[ \u3000]+$", text[:m.start(1)])
        if (not fam_kana or _NOT_NAME_END.search(run) or _post_word(run)
                or (word_before and not _post_word(word_before.group(1)))):
            continue  # (砂子 乘一（…）: the given name of a spaced name, which _READ_PAIR reads)
        cuts = [k for k in range(1, len(run)) if not _post_word(run[:k]) and not _post_word(run[k:])
                and ("".join(t.reading for t in tokens(run[:k])) == fam_kana
                     or "".join(t.reading for t in tokens(run[k:])) == giv_kana)]
        if not cuts:
            # (no part read as printed: 茂木 read しげき) the analyser's first word, when it may be a
            # family name and one to three kanji follow it
            first = tokens(run)[0]
            if (first.family or first.person or _family_like(first)) and 1 <= len(run) - len(first.surface) <= 3:
                cuts = [len(first.surface)]
        if len(cuts) == 1:
            fam, giv = run[:cuts[0]], run[cuts[0]:]
            out.append(NameSpan(m.start(1), m.end(1), fam, giv, 0.75, "".join(t.reading for t in tokens(fam)),
                                "".join(t.reading for t in tokens(giv))))
    return out


_HONORIFIC = ("さん", "様", "さま", "氏", "君", "くん", "殿", "ちゃん")


# 中央研究所 副研究所長 四方 陸: two short words parted by a space after a title, ending the line
_AFTER_TITLE = re.compile(rf"(?:^|(?<=\s))(?P<title>\S+)[ \u3000]+(?P<fam>[{_KANJI}]{{1,4}})[ \u3000]"
                          rf"(?P<giv>[{_KANJI}]{{1,3}})\s*(?=$|[(（]|(?:さん|様|氏|君|殿)\s*$)")
_BARE_PAIR = re.compile(rf"^\s*[・◆■●▽]?\s*(?P<fam>[{_KANJI}]{{1,4}})[ \u3000](?P<giv>[{_KANJI}]{{1,3}})\s*$")


_CHANGE_WORD = re.compile(r"(異動|人事|組織|変更|採用|就任|退任|退職|昇格|昇進|配属|出向|発令|辞令)")


def _plain_nouns(part: str, most: int) -> bool:
    toks = tokens(part)
    # (not a verbal noun: 人事 異動, 経営 全般 are no names)
    # (a numeral may end a given name: 乘一 read 乘 | 一)
    return (0 < len(toks) <= most and all(t.pos[0] == "名詞" and (t.pos[2] in ("一般", "人名", "地名")
                                                                  or (k and t.pos[1] == "数詞"))
                                          for k, t in enumerate(toks))
            and not _NOT_NAME_END.search(part) and not _CHANGE_WORD.search(part)
            and not _post_word(part))


def _pair_span(m: re.Match) -> NameSpan | None:
    fam, giv = m.group("fam"), m.group("giv")
    if not (_plain_nouns(fam, 1) and _plain_nouns(giv, 2)):
        return None
    return NameSpan(m.start("fam"), m.end("giv"), fam, giv, 0.6,
                    "".join(t.reading for t in tokens(fam)), "".join(t.reading for t in tokens(giv)))


def _pair_after_title(text: str) -> list[NameSpan]:
    """A name of words the analyser knows only as common nouns (四方 陸), printed family, space,
    given right after a title and ending the line (or before its bracket), as an entry prints
    post and name."""
    m = _AFTER_TITLE.search(text)
    if not m or not _post_word(m.group("title")):
        return []
    span = _pair_span(m)
    return [span] if span else []


def bare_pair(text: str) -> NameSpan | None:
    """A line that is only two short words parted by one space, both plain nouns and no post word
    (四方 陸): a name where the lines around it say an entry is printed there (the caller checks)."""
    m = _BARE_PAIR.match(text)
    return _pair_span(m) if m else None


def _spaced_given(text: str, toks: tuple[Token, ...], i: int) -> tuple[int, str, float] | None:
    """山田 陽翔: after a family name and a printed space, the word up to the next space or bracket
    is the given name, even when the dictionary does not know it (陽翔, 湊斗, 心愛)."""
    j = i + 1
    while j < len(toks) and toks[j].surface.isspace():
        j += 1
    if j == i + 1 or j >= len(toks) or len(text[toks[i].end:toks[j].start]) > 6:
        return None
    k = j
    while k < len(toks) and not toks[k].surface.isspace() and toks[k].pos[0] not in ("補助記号", "助詞", "助動詞") \
            and not (k > j and toks[k].pos[0] == "接尾辞" and toks[k].surface in _HONORIFIC):
        k += 1  # (山田 太郎さん: the honorific is no part of the given name)
    given = text[toks[j].start:toks[k - 1].end] if k > j else ""
    if not (1 <= len(given) <= 4 and _NAME_PART.match(given) and not _NOT_NAME_END.search(given)):
        return None
    if all(x.given for x in toks[j:k]) or (k == j + 1 and toks[j].person):
        return k, given, 0.95
    if any(x.family and x is not toks[j] for x in toks[j:k]) or toks[j].pos[1] == "普通名詞" and len(given) > 2:
        return None
    return k, given, 0.8


def _placed_given(text: str, toks: tuple[Token, ...], i: int) -> tuple[int, str, float] | None:
    """橳島 鷗介: a family name the dictionary files as a place, a printed space, and a given name
    it reads as common nouns (鷗 | 介): the kanji word up to the next space or bracket, when it is
    no place, no post word and nothing a unit or a title ends in."""
    j = i + 1
    while j < len(toks) and toks[j].surface.isspace():
        j += 1
    if j == i + 1 or j >= len(toks) or len(text[toks[i].end:toks[j].start]) > 2:
        return None
    k = j
    while k < len(toks) and toks[k].pos[0] == "名詞" and toks[k].pos[1:3] != ("固有名詞", "地名"):
        k += 1
    closed = k >= len(toks) or toks[k].surface.isspace() or toks[k].surface[0] in "(（【[、,:："
    if not closed and toks[k].surface in _HONORIFIC and toks[k].pos[0] == "接尾辞":
        # 茂木 乘一さん: an honorific closes the given name as a space does
        closed = k + 1 >= len(toks) or toks[k + 1].surface.isspace() or toks[k + 1].surface[0] in "(（【[、,:："
    if k - j < 2 or not closed:
        return None  # (one token: the place rule of find_names decides)
    given = text[toks[j].start:toks[k - 1].end]
    if (not re.fullmatch(rf"[{_KANJI}]{{2,3}}", given) or _NOT_NAME_END.search(given) or _post_word(given)
            or any(_post_word(x.surface) for x in toks[j:k])):
        return None
    return k, given, 0.7


def _split_person_token(surface: str) -> tuple[str, str] | None:
    """One dictionary entry for a whole name (森太郎): cut where the head alone is a family
    name and the rest alone a given name."""
    for k in range(1, len(surface)):
        head, rest = tokens(surface[:k]), tokens(surface[k:])
        if len(head) == 1 and len(rest) == 1 and (head[0].family or _family_like(head[0])) and rest[0].given:
            return surface[:k], surface[k:]
    return None


def _family_like(t: Token) -> bool:
    """A family name the dictionary files under another noun (髙島 as a place, 林 as a wood)."""
    return (t.pos[0] == "名詞" and (t.pos[1] == "固有名詞" or t.pos[1:3] == ("普通名詞", "一般"))
            and _NAME_PART.match(t.surface) is not None and len(t.surface) <= 4
            and not _NOT_NAME_END.search(t.surface) and re.search(rf"[{_KANJI}]", t.surface) is not None)


def _post_word(word: str) -> bool:
    from inference.local.posts import is_post_word  # posts know what a title or a unit looks like

    return is_post_word(word)


def _title_after(text: str, end: int) -> bool:
    """Whether the next word after `end` is a title alone (林 部長: the name is a family name)."""
    from inference.local.posts import bare_title

    rest = text[end:].split()
    return bool(rest) and bare_title(rest[0])


def _given_after(toks: tuple[Token, ...], j: int) -> bool:
    """Whether a given name follows token j after a space (j is then a family name itself)."""
    k = j + 1
    while k < len(toks) and toks[k].surface.isspace():
        k += 1
    return k > j + 1 and k < len(toks) and toks[k].given


def _unknown_given(g: Token, toks: tuple[Token, ...], j: int) -> bool:
    """A given name the dictionary does not know: 1-3 kanji (or kana) nouns not a post word,
    followed by a bracket, a space or the end."""
    s = g.surface
    if not _NAME_PART.match(s) or len(s) > 3 or _NOT_NAME_END.search(s) or g.pos[0] != "名詞":
        return False
    nxt = toks[j + 1].surface if j + 1 < len(toks) else ""
    if nxt in _HONORIFIC and toks[j + 1].pos[0] == "接尾辞":
        # 八幡 晧一さん: an honorific closes the name like a space (when nothing runs on after it)
        after = toks[j + 2].surface if j + 2 < len(toks) else ""
        return after == "" or after[0] in " (（【[、,。:：" or after.isspace()
    return nxt == "" or nxt[0] in " (（【[、,。は氏:：" or nxt.isspace()


def looks_like_name_cell(text: str) -> bool:
    t = squeeze(text)
    t = re.sub(r"[(（].*?[)）]?$", "", t)
    return 2 <= len(t) <= 10 and bool(re.search(rf"[{_KANJI}]", t)) and not _NOT_NAME_END.search(t)


def split_name(printed: str, reading: str = "") -> tuple[str, str, float]:
    """Family and given name of a name printed in one cell (佐藤 次郎, 林　　　浩, 藤井博).

    A single space splits; padding (several spaces, 均等割り) is removed first; a name printed
    joined is split by the analyser, checked against the printed reading's space."""
    text = nfkc(printed).strip()
    parts = text.split()
    if len(parts) == 2 and len(parts[0]) + len(parts[1]) > 2 or (len(parts) == 2 and len(text) - len("".join(parts)) == 1):
        return parts[0], parts[1], 0.95
    joined = "".join(parts)
    found = find_names(joined)
    fam_kana, giv_kana = split_reading_parts(reading)
    if found and found[0].start == 0 and found[0].end == len(joined):
        n = found[0]
        if fam_kana and n.family_reading and n.family_reading != fam_kana:
            alt = _split_by_reading(joined, fam_kana, giv_kana)
            if alt:
                return alt[0], alt[1], 0.75
        return n.family, n.given, n.confidence
    if fam_kana:
        alt = _split_by_reading(joined, fam_kana, giv_kana)
        if alt:
            return alt[0], alt[1], 0.75
    if len(joined) >= 3:
        return joined[:2], joined[2:], 0.3
    if len(joined) == 2:
        return joined[0], joined[1], 0.4
    return joined, "", 0.2


def resplit_by_reading(sp: NameSpan, printed: str, reading: str) -> tuple[str, str] | None:
    """A name printed joined (甘利衛) the analyser cut where its printed reading does not (甘 | 利衛
    before （アマリ マモル）): the cut the reading gives, or None where the two agree."""
    fam_kana, giv_kana = split_reading_parts(reading)
    if not fam_kana or printed != sp.family + sp.given or not sp.family_reading or sp.family_reading == fam_kana:
        return None
    alt = _split_by_reading(printed, fam_kana, giv_kana)
    return alt if alt and alt != (sp.family, sp.given) else None


def _split_by_reading(joined: str, fam_kana: str, giv_kana: str = "") -> tuple[str, str] | None:
    """Where the analyser's reading of a prefix matches the printed family reading, or else where
    its reading of a suffix matches the printed given reading (a family name read unusually,
    一 = にのまえ, before a given name read as usual)."""
    # The longest such prefix: the analyser may read a name's first kanji alone as the whole
    # (我孫 = あびこ as 我孫子 is), leaving the last kanji of the family name to the given name.
    for k in range(len(joined) - 1, 0, -1):
        head = "".join(t.reading for t in tokens(joined[:k]))
        if head == fam_kana:
            return joined[:k], joined[k:]
    if giv_kana:
        for k in range(1, len(joined)):
            if "".join(t.reading for t in tokens(joined[k:])) == giv_kana:
                return joined[:k], joined[k:]
    return None


def split_reading_parts(reading: str) -> tuple[str, str]:
    """'さとう じろう' → ('さとう', 'じろう'); a reading with no space gives ('', '')."""
    r = to_hiragana(reading).strip().strip("()（）[]【】").strip()
    parts = re.split(r"[\s・･]+", r.strip("・･ "))  # はやし・ひろし: a middle dot parts them too
    if len(parts) == 2:
        return parts[0], parts[1]
    return "", ""


_OPEN, _CLOSE = "(（【[《〈「『〔［<", ")）】]》〉」』〕］>"
_BRACKETED_READING = re.compile(rf"^[{re.escape(_OPEN)}]\s*([^{re.escape(_OPEN + _CLOSE)}]+?)\s*[{re.escape(_CLOSE)}]")
_KANA_WORDS = re.compile(r"^([\u3041-\u309F\u30A0-\u30FF\uFF66-\uFF9F・]+)(?:[ \u3000]+([\u3041-\u309F\u30A0-\u30FF\uFF66-\uFF9F・]+))?(?=\s|$)")


def reading_after(text: str, end: int, family_reading: str = "") -> tuple[str, int]:
    """A reading printed right after a name: in any brackets (酒井 浩二(ｻｶｲ ｺｳｼﾞ), 《さかい こうじ》),
    or set apart without brackets (酒井 浩二　ｻｶｲ ｺｳｼﾞ) when it has the two parts of a name or
    starts as the analyser reads the family name (not a katakana title such as マネージャー)."""
    rest = text[end:]
    pad = len(rest) - len(rest.lstrip())
    m = _BRACKETED_READING.match(rest.lstrip())
    if m and is_kana(m.group(1)):
        return m.group(1), end + pad + m.end()
    m = _KANA_WORDS.match(rest.lstrip()) if pad else None
    if m:
        whole = to_hiragana(nfkc(m.group(0))).replace(" ", "").replace("\u3000", "")
        if m.group(2) or (family_reading and whole.startswith(family_reading) and len(whole) > len(family_reading)):
            if not any(_post_word(w) for w in m.group(0).split()):
                return m.group(0), end + pad + m.end()
    return "", end


def kana_pair(reading: str, family: str, given: str) -> tuple[str, str]:
    """The printed reading split into family and given parts (hiragana)."""
    if not reading:
        return "", ""
    fam, giv = split_reading_parts(reading)
    if fam:
        return fam, giv
    whole = to_hiragana(squeeze(reading))
    # No space in the reading: split it where the analyser's reading of the family name ends.
    fam_reading = "".join(t.reading for t in tokens(family))
    if fam_reading and whole.startswith(fam_reading):
        return fam_reading, whole[len(fam_reading):]
    return whole, ""


def name_readings(surface: str, part: str) -> set[str]:
    """Every reading (hiragana) the dictionary has for `surface` as one word, the person-name
    entries of `part` ("姓"/"名") first: those only where there are any; else the analyser's
    reading of the surface token by token."""
    surface = nfkc(surface).strip()
    if not surface:
        return set()
    found = dictionary().lookup(fold_variants(surface))
    named = {to_hiragana(m.reading_form()) for m in found if tuple(m.part_of_speech()[2:4]) == ("人名", part)}
    if named:
        return named | {to_hiragana(m.reading_form()) for m in found}
    if found:
        return {to_hiragana(m.reading_form()) for m in found}
    return {"".join(t.reading for t in tokens(surface))} - {""}


def person_readings(surface: str, part: str) -> set[str]:
    """The readings (hiragana) of the dictionary's person-name entries of `part` ("姓"/"名") for `surface`."""
    found = dictionary().lookup(fold_variants(nfkc(surface).strip()))
    return {to_hiragana(m.reading_form()) for m in found if tuple(m.part_of_speech()[2:4]) == ("人名", part)}


def repair_reading(reading: str, surface: str, part: str) -> str:
    """An OCR'd reading of a name part that no dictionary reading of the part matches, but one does
    once voicing marks and small kana are folded (しみす for 清水, こうし for 浩二), is that reading:
    a poor scan loses the marks and the small size first. Failing that, a reading of three kana or
    more one kana away (one misread, dropped or stray: かよう, はしきと, いちるう, ややまざき) from
    exactly one reading of the dictionary's person-name entries for a name of two kanji or more
    is read as that one — a reading set at 6 pt on a fax loses a kana in most names, while a
    name's real reading one kana from its only dictionary reading and from no other is rare. A
    reading the dictionary knows is kept as read (やまさき and やまざき are both 山崎), and so is
    one that matches none or several. Only for OCR'd pages: a misread name (渡中 for 渡辺) pulls its
    reading along (わたなべ → わたなか)."""
    if not reading or not surface:
        return reading
    known = name_readings(surface, part)
    if reading in known:
        return reading
    folded = fold_marks(reading)
    like = {k for k in known if fold_marks(k) == folded}
    if len(like) > 1:
        # the marks that survived decide between readings the folding makes alike (やまざぎ: やまざき)
        near = sorted((sum(a != b for a, b in zip(k, reading)), k) for k in like)
        like = {near[0][1]} if near[0][0] < near[1][0] else like
    if not like and len(folded) >= 3 and len(nfkc(surface).strip()) >= 2:
        like = {k for k in person_readings(surface, part) if _one_edit(fold_marks(k), folded)}
    return like.pop() if len(like) == 1 else reading


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def split_lost_space(reading: str, given: str) -> tuple[str, str] | None:
    """A name's reading read with no space between its parts (きわおいえみ for きむら えみ): where it
    ends with a dictionary reading of the given name (up to voicing marks and small kana), and
    something is left before it, the parts are parted there. Of readings the folding makes alike
    (たいき and だいき for 大樹) the one whose marks the read tail kept is taken; where none is closer,
    the tail as read: never the first of a set, whose order changes from one process to the next."""
    folded = fold_marks(reading)
    fits = [g for g in name_readings(given, "名") if len(g) >= 2 and len(folded) > len(g) + 1
            and folded.endswith(fold_marks(g))]
    if not fits:
        return None
    size = max(len(g) for g in fits)
    tail = reading[len(reading) - size:]
    near = sorted((sum(a != b for a, b in zip(g, tail)), g) for g in fits if len(g) == size)
    g = near[0][1] if len(near) == 1 or near[0][0] < near[1][0] else tail
    return reading[: len(reading) - size], g
