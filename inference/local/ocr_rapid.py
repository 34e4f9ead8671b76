"""RapidOCR (PaddleOCR models in ONNX, shipped in the `rapidocr-onnxruntime` wheel) as a word
source: a candidate measured by ``manage.py bench_ocr`` against Tesseract (docs/keyer.md).

Not used by the keyers: it reads Japanese print less accurately than Tesseract on the scanned
corpus. Install it only to repeat the measurement (requirements-dev.txt pins it).
"""
from __future__ import annotations

import pymupdf

from inference.layout import PageLayout, Word
from jptext.ocr import fix_word

_engine = None


def ocr_page_rapid(page: pymupdf.Page, *, dpi: int = 300) -> PageLayout:
    global _engine
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    from inference.local.ocr import INK, _rules

    if _engine is None:
        _engine = RapidOCR()
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    arr = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3)
    result, _elapsed = _engine(arr)
    scale = page.rect.width / pix.width
    words: list[Word] = []
    for box, text, score in result or []:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        x0, x1, y0, y1 = min(xs) * scale, max(xs) * scale, min(ys) * scale, max(ys) * scale
        for part in fix_word(text).split():
            # the engine gives one box per text line: characters are spread evenly over it
            n = len(part)
            words.append(Word(text=part, x0=x0, y0=y0, x1=x1, y1=y1, size=y1 - y0, conf=float(score),
                              char_x=tuple(x0 + (x1 - x0) * i / n for i in range(n)), char_conf=(float(score),) * n))
    gray = np.asarray(arr).mean(axis=2) < INK
    return PageLayout(number=page.number + 1, width=page.rect.width, height=page.rect.height, words=words,
                      rules=_rules(gray, scale, dpi), source="ocr")
