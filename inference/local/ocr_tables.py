"""Two tables the OCR's name step reads, built once per install (`make ocr-models`, the image build:
`manage.py build_ocr_tables`) into OCR_MODEL_DIR beside Tesseract's model.

The name step (`ocr._person_shapes`) compares a kanji that makes no word with its neighbours against
every kanji that would make a person's name with them. Worked out in the process, that cost a fax page
up to ~1.4 s on a worker's first pages: 12,700 dictionary lookups for each new neighbour, and each
candidate drawn in MuPDF's typeface (~0.8 ms a kanji). The tables hold both answers:

- ``person-pairs-TAG.txt``: the two-kanji person names (人名) of the analyser's dictionary, one per
  line, found by iterating its entries (~3 s). The dictionary's entries include some that its lookup
  does not find, so a pair is still confirmed by lookup before it is proposed: the proposals are those
  of the lookups alone.
- ``name-shapes-TAG.npy``: each kanji of JIS X 0208 levels 1 and 2 drawn in MuPDF's typeface as
  `ocr._glyph_vector` makes it (float32, 6,355 × 1,024; ~26 MB, read by memory mapping so that the
  processes of one machine share it).

TAG names what the tables depend on (dictionary and PyMuPDF versions, glyph size): another install
builds new ones and never reads stale ones. Without the tables the step computes the same proposals
and shapes itself, as before.
"""
from __future__ import annotations

import functools
import hashlib
import os
from importlib import metadata
from pathlib import Path

PAIRS = "person-pairs-{tag}.txt"
SHAPES = "name-shapes-{tag}.npy"


def tag() -> str:
    from inference.local import ocr

    parts = [metadata.version("SudachiDict-core"), metadata.version("SudachiPy"), metadata.version("PyMuPDF"),
             str(ocr._GLYPH), "jis84", "1"]
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:12]


def _folder() -> Path:
    from django.conf import settings

    return Path(settings.OCR_MODEL_DIR)


def build(folder: Path | None = None) -> list[Path]:
    """Write both tables into `folder` (default OCR_MODEL_DIR); returns their paths."""
    import numpy as np

    from inference.local import ocr
    from inference.local.names import dictionary

    folder = folder or _folder()
    folder.mkdir(parents=True, exist_ok=True)
    kanji = ocr._name_kanji()
    known = set(kanji)
    pairs = sorted({m.surface() for m in dictionary().entries()
                    if len(m.surface()) == 2 and m.surface()[0] in known and m.surface()[1] in known
                    and m.part_of_speech()[2] == "人名"})
    shapes = np.zeros((len(kanji), ocr._GLYPH * ocr._GLYPH), dtype=np.float32)
    for i, c in enumerate(kanji):
        shapes[i] = ocr._drawn_shape(c, 0)
    pairs_path, shapes_path = folder / PAIRS.format(tag=tag()), folder / SHAPES.format(tag=tag())
    tmp = pairs_path.with_name(pairs_path.name + ".tmp")
    tmp.write_text("\n".join(pairs) + "\n", encoding="utf-8")
    os.replace(tmp, pairs_path)
    tmp = shapes_path.with_name(shapes_path.name + ".tmp")
    with open(tmp, "wb") as f:  # given a file, np.save adds no suffix
        np.save(f, shapes)
    os.replace(tmp, shapes_path)
    person_pairs.cache_clear()  # a process that looked before the build must see the tables
    name_shapes.cache_clear()
    return [pairs_path, shapes_path]


@functools.cache
def person_pairs() -> tuple[dict[str, str], dict[str, str]] | None:
    """(kanji → the kanji that follow it in a name, kanji → those before it), or None without the table."""
    path = _folder() / PAIRS.format(tag=tag())
    try:
        lines = path.read_text(encoding="utf-8").split()
    except OSError:
        return None
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for pair in lines:
        after.setdefault(pair[0], []).append(pair[1])
        before.setdefault(pair[1], []).append(pair[0])
    return ({k: "".join(v) for k, v in after.items()}, {k: "".join(v) for k, v in before.items()})


@functools.cache
def name_shapes():
    """(kanji → row, the rows as a read-only float32 matrix), or None without the table."""
    import numpy as np

    from inference.local import ocr

    path = _folder() / SHAPES.format(tag=tag())
    try:
        matrix = np.load(path, mmap_mode="r")
    except (OSError, ValueError):
        return None
    kanji = ocr._name_kanji()
    if matrix.shape != (len(kanji), ocr._GLYPH * ocr._GLYPH):
        return None
    return {c: i for i, c in enumerate(kanji)}, matrix
