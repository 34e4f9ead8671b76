"""How a simulated keyer gets a value wrong: one plausible slip, never a no-op under the app's rules."""
from __future__ import annotations

import random

from dataentry.normalization import normalize
from dataentry.spec import FieldKind, FieldSpec

KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん"
DIGITS = "0123456789"
KANJI = "高橋崎辺斉藤沢田中山川本部長課次室営業支店副代理係木村井上森林松竹"


def _pool(field: FieldSpec) -> str:
    if field.kind == FieldKind.KANA:
        return KANA
    if field.kind in (FieldKind.DATE, FieldKind.NUMBER):
        return DIGITS
    return KANJI


def slip(value: str, field: FieldSpec, rng: random.Random) -> str:
    """`value` with one character substituted, dropped or doubled (or one typed into an empty field)."""
    pool = _pool(field)
    target = normalize(value, field)
    for _ in range(20):
        if not value:
            wrong = rng.choice(pool)
        else:
            i = rng.randrange(len(value))
            op = rng.random()
            if op < 0.6:
                wrong = value[:i] + rng.choice(pool) + value[i + 1:]
            elif op < 0.8 and len(value) > 1:
                wrong = value[:i] + value[i + 1:]
            else:
                wrong = value[:i] + value[i] + value[i:]
        if normalize(wrong, field) != target:
            return wrong
    return value + rng.choice(pool)
