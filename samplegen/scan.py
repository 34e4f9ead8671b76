"""Scanned copies of the generated announcements: image-only PDFs with the same truth (issue 11).

Each document of `samplegen` (development forms) is printed to images as a scanner or a fax
would produce them, then wrapped back into a PDF with no text layer:

* ``clean``: 300 dpi greyscale, light sensor noise (a flatbed scan of a clean print);
* ``office``: 200 dpi greyscale, noise, a slight blur and JPEG compression (a copier's scan);
* ``fax``: 200×100 dpi bilevel (fax "standard" resolution), blur and speckles before the
  threshold, so strokes break and thin lines thicken as on a received fax.

Everything is seeded, so the corpus is byte-for-byte reproducible.

Run: ``python -m samplegen.scan OUT_DIR [--profiles clean,office,fax] [--count N] [--seed N]``
writes ``OUT_DIR/<profile>/NN.pdf`` + ``NN.json`` (the truth of the born-digital original) +
``NN.txt`` (the original's printed text, for OCR character accuracy: ``manage.py bench_ocr``).
"""
from __future__ import annotations

import argparse
import io
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pymupdf
from PIL import Image, ImageChops, ImageFilter


@dataclass(frozen=True)
class Profile:
    name: str
    dpi_x: int
    dpi_y: int
    noise: float       # sigma of the Gaussian noise, grey levels
    blur: float        # Gaussian blur radius, pixels
    bilevel: bool = False
    jpeg: int = 0      # JPEG quality; 0 = lossless


PROFILES: dict[str, Profile] = {
    "clean": Profile("clean", 300, 300, noise=6.0, blur=0.0),
    "office": Profile("office", 200, 200, noise=12.0, blur=0.6, jpeg=60),
    "fax": Profile("fax", 200, 100, noise=20.0, blur=0.5, bilevel=True),
}


NOISE_TILE = 256


def _noise(size: tuple[int, int], sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian noise centred on grey 128, drawn from `rng` (PIL's effect_noise cannot be
    seeded): a seeded tile repeated with a seeded offset per row of tiles."""
    tile = Image.frombytes("L", (NOISE_TILE, NOISE_TILE), bytes(
        max(0, min(255, round(rng.gauss(128, sigma)))) for _ in range(NOISE_TILE * NOISE_TILE)))
    field = Image.new("L", size)
    for y in range(0, size[1], NOISE_TILE):
        shift = rng.randrange(NOISE_TILE)
        for x in range(-shift, size[0], NOISE_TILE):
            field.paste(tile, (x, y))
    return field


def _degrade(img: Image.Image, profile: Profile, rng: random.Random) -> Image.Image:
    if profile.blur:
        img = img.filter(ImageFilter.GaussianBlur(profile.blur))
    if profile.noise:
        img = ImageChops.add(img, _noise(img.size, profile.noise, rng), scale=1.0, offset=-128)
    if profile.bilevel:
        img = img.point(lambda v: 255 if v > 128 else 0).convert("1")
    return img


def scan_page(page: pymupdf.Page, profile: Profile, rng: random.Random) -> bytes:
    """The page as the scanner's image file (PNG or JPEG bytes)."""
    mat = pymupdf.Matrix(profile.dpi_x / 72, profile.dpi_y / 72)
    pix = page.get_pixmap(matrix=mat, colorspace=pymupdf.csGRAY, alpha=False)
    img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    img = _degrade(img, profile, rng)
    buf = io.BytesIO()
    if profile.jpeg:
        img.save(buf, "JPEG", quality=profile.jpeg)
    else:
        img.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def scanned_copy(pdf: bytes, profile: Profile | str, *, seed: int = 0) -> bytes:
    """An image-only PDF of every page of `pdf`, as `profile` scans it."""
    profile = PROFILES[profile] if isinstance(profile, str) else profile
    rng = random.Random(f"scan:{profile.name}:{seed}")
    out = pymupdf.open()
    with pymupdf.open("pdf", pdf) as src:
        for page in src:
            image = scan_page(page, profile, rng)
            new = out.new_page(width=page.rect.width, height=page.rect.height)
            new.insert_image(new.rect, stream=image, keep_proportion=False)
    out.set_metadata({"title": f"scanned personnel_change ({profile.name})", "producer": "TwoMatch samplegen",
                      "creationDate": "", "modDate": ""})
    return out.tobytes(garbage=3, deflate=True, no_new_id=True)


def build_scanset(out_dir: Path, *, profiles: Sequence[str] = tuple(PROFILES), seed: int = 1, count: int | None = None,
                  forms: Sequence[str] | None = None) -> dict[str, list[Path]]:
    """Write ``out_dir/<profile>/NN.pdf`` + ``NN.json`` for each profile; returns the PDFs per profile."""
    from samplegen import DEV_FORMS, build_document

    forms = tuple(forms or DEV_FORMS)
    count = len(forms) if count is None else count
    written: dict[str, list[Path]] = {}
    docs = [build_document(seed, i, forms=forms) for i in range(count)]
    for name in profiles:
        folder = Path(out_dir) / name
        folder.mkdir(parents=True, exist_ok=True)
        written[name] = []
        for i, (_form, pdf, truth, _pages) in enumerate(docs):
            stem = f"{i + 1:02d}"
            (folder / f"{stem}.pdf").write_bytes(scanned_copy(pdf, name, seed=seed * 1000 + i))
            (folder / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            with pymupdf.open("pdf", pdf) as src:  # the printed text, for character accuracy
                (folder / f"{stem}.txt").write_text("\n".join(p.get_text() for p in src), encoding="utf-8")
            written[name].append(folder / f"{stem}.pdf")
    return written


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samplegen.scan",
                                 description="Write scanned (image-only) copies of generated announcements with truth.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--profiles", default=",".join(PROFILES), help=f"comma-separated: {', '.join(PROFILES)}")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=None, help="documents per profile (default: one per development form)")
    args = ap.parse_args(argv)
    profiles = [p.strip() for p in args.profiles.split(",") if p.strip()]
    unknown = [p for p in profiles if p not in PROFILES]
    if unknown:
        ap.error(f"unknown profile(s) {', '.join(unknown)}; known: {', '.join(PROFILES)}")
    for name, paths in build_scanset(args.out_dir, profiles=profiles, seed=args.seed, count=args.count).items():
        print(f"{name}: {len(paths)} documents in {args.out_dir / name}")


if __name__ == "__main__":
    main()
