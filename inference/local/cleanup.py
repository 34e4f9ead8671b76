"""Page clean-up for scans: turn a page upright (0/90/180/270) and straighten a small skew.

Pure functions on Pillow images, no Django: intake uses them on pages without a text layer
(`dataentry.pdf.clean_pdf`, in the PDF sandbox) so the stored page is the corrected one, and an
OCR keyer can call `straighten` on any page image it reads.

Orientation comes from Tesseract's orientation-and-script detection (OSD) through tesserocr.
Without tesserocr or its `osd` data the clean-up straightens only, and the report says so
(`report.note`). Tesseract aborts the whole process on some inputs instead of raising, which is
one more reason intake runs this in the sandbox's child process.

Skew is measured by projection profiles: on a small bilevel copy, text lines sheared by the
right angle give the sharpest row profile (the largest sum of squared differences between
neighbouring rows). Searched within ±MAX_SKEW degrees, coarse then fine.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass

import numpy as np
from PIL import Image

MAX_SKEW = 5.0
# Below this the page is left as it is: resampling costs more sharpness than it gains.
MIN_SKEW = 0.15
# OSD's confidence below which a rotation is not trusted (upright Japanese pages score 9-15).
MIN_ORIENTATION_CONFIDENCE = 2.0
# The long side of the copy OSD and the skew search look at, in pixels.
ANALYSIS_SIDE = 1800  # about 150 dpi on A4: at 100 dpi OSD guessed right but with little confidence
SKEW_SIDE = 1200


@dataclass(frozen=True)
class CleanupReport:
    rotation: int          # degrees clockwise the page was turned to stand upright: 0, 90, 180, 270
    skew: float            # degrees the page was turned to straighten it (counter-clockwise positive)
    orientation_checked: bool
    note: str = ""         # why orientation was not checked, when it was not

    @property
    def changed(self) -> bool:
        return bool(self.rotation) or abs(self.skew) >= MIN_SKEW

    def as_dict(self) -> dict:
        return {"rotation": self.rotation, "skew": round(self.skew, 2),
                "orientation_checked": self.orientation_checked, **({"note": self.note} if self.note else {})}


def straighten(image: Image.Image, *, orientation: bool = True) -> tuple[Image.Image, CleanupReport]:
    """The page upright and straight, and what was done. The image keeps its mode and,
    unless turned by 90°/270°, its size; new corners are white."""
    rotation, note, checked = 0, "", False
    if orientation:
        rotation, note = detect_rotation(image)
        checked = not note
    else:
        note = "orientation not checked"
    if rotation:
        # PIL turns counter-clockwise; `rotation` is clockwise.
        image = image.transpose({90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                                 270: Image.Transpose.ROTATE_90}[rotation])
    skew = detect_skew(image)
    if abs(skew) >= MIN_SKEW:
        image = rotate_fill_white(image, skew)
    else:
        skew = 0.0
    return image, CleanupReport(rotation=rotation, skew=skew, orientation_checked=checked, note=note)


def rotate_fill_white(image: Image.Image, degrees: float) -> Image.Image:
    """Turn by `degrees` counter-clockwise about the centre, same size, white corners."""
    mode = image.mode
    work = image.convert("L") if mode == "1" else image
    white = 255 if work.mode == "L" else (255,) * len(work.getbands())
    turned = work.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=white)
    return turned.point(lambda v: 255 if v >= 128 else 0).convert("1") if mode == "1" else turned


# --- skew ---------------------------------------------------------------------------------------

def _ink(image: Image.Image, side: int) -> np.ndarray:
    """A small bilevel copy: True where there is ink."""
    gray = image.convert("L")
    scale = min(1.0, side / max(gray.size))
    if scale < 1.0:
        gray = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
                           Image.Resampling.BOX)
    pixels = np.asarray(gray, dtype=np.uint8)
    # A fixed threshold below the paper: scans are mostly white; Otsu is not worth its cost here.
    threshold = min(160, int(np.percentile(pixels, 50)) - 40) if pixels.size else 128
    return pixels < max(threshold, 40)


def _profile_score(ys: np.ndarray, xs: np.ndarray, height: int, degrees: float) -> float:
    # Shear each ink pixel's row by the angle: the rows of straight text lines then coincide.
    shifted = np.round(ys - xs * np.tan(np.radians(degrees))).astype(np.int64)
    offset = int(-shifted.min()) if shifted.size else 0
    profile = np.bincount(shifted + offset, minlength=height + offset)
    return float(np.sum(np.diff(profile.astype(np.float64)) ** 2))


def detect_skew(image: Image.Image) -> float:
    """The angle in degrees (counter-clockwise positive, as PIL's rotate) that makes text lines
    horizontal, within ±MAX_SKEW; 0.0 for a page without enough ink to tell."""
    ink = _ink(image, SKEW_SIDE)
    ys, xs = np.nonzero(ink)
    if ys.size < 200:
        return 0.0
    if ys.size > 400_000:  # a dark page: a sample of the ink is enough
        pick = np.random.default_rng(0).choice(ys.size, 400_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs - ink.shape[1] / 2
    height = ink.shape[0]

    def best(angles) -> float:
        return max(angles, key=lambda a: _profile_score(ys, xs, height, a))

    coarse = best(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5))
    fine = best(np.arange(coarse - 0.5, coarse + 0.5 + 1e-9, 0.05))
    # Lines sheared flat by -a were turned by a; turning the page by the sheared angle undoes it.
    return float(round(fine, 2))


# --- orientation ----------------------------------------------------------------------------------

def _tessdata() -> str | None:
    candidates = [os.environ.get("TESSDATA_PREFIX", "")] + sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata"))
    candidates += ["/usr/share/tessdata", "/usr/local/share/tessdata"]
    for folder in candidates:
        if folder and os.path.isfile(os.path.join(folder, "osd.traineddata")):
            return folder.rstrip("/") + "/"
    return None


def orientation_unavailable() -> str:
    """Why orientation cannot be detected here, or "" when it can."""
    try:
        import tesserocr  # noqa: F401
    except Exception:  # ImportError, or a libtesseract that does not load
        return "orientation not checked: tesserocr (Tesseract) is not installed, so pages were only straightened"
    if _tessdata() is None:
        return "orientation not checked: Tesseract's osd data is not installed, so pages were only straightened"
    return ""


def detect_rotation(image: Image.Image) -> tuple[int, str]:
    """(degrees clockwise to turn the page upright, "") or (0, why it was not checked)."""
    why = orientation_unavailable()
    if why:
        return 0, why
    import tesserocr

    gray = image.convert("L")
    scale = min(1.0, ANALYSIS_SIDE / max(gray.size))
    if scale < 1.0:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.LANCZOS)
    try:
        # lang="osd": with the default language this Tesseract aborts the process in OSD mode.
        with tesserocr.PyTessBaseAPI(path=_tessdata(), lang="osd", psm=tesserocr.PSM.OSD_ONLY) as api:
            api.SetImage(gray)
            found = api.DetectOrientationScript()
    except RuntimeError as exc:
        return 0, f"orientation not checked: Tesseract failed ({exc})"
    if not found or found.get("orient_conf", 0.0) < MIN_ORIENTATION_CONFIDENCE:
        return 0, ""
    # `orient_deg` is how far to turn the page counter-clockwise: a page lying turned 90°
    # counter-clockwise reports 270; we report the same turn clockwise.
    return (360 - int(found["orient_deg"])) % 360, ""
