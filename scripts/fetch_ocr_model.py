"""Fetch Tesseract's Japanese `best` model into a tessdata folder (`make ocr-models`, the Dockerfile).

``python scripts/fetch_ocr_model.py [DEST]`` (default ``var/tessdata``) writes ``DEST/jpn.traineddata``
and links Debian's Japanese script model (``Japanese.traineddata``, tesseract-ocr-script-jpan) beside
it when installed, so the OCR reads with ``jpn+Japanese`` as with Debian's data alone.

The model is tessdata_best's ``jpn`` with integer weights (Tesseract's own conversion), as published
on the npm registry in ``@tesseract.js-data/jpn`` 1.0.0 (``4.0.0_best_int/jpn.traineddata.gz``; the
package is MIT, the model Apache-2.0). The tarball is pinned by its SHA-256: any other content is
refused and nothing is written. Why this model: docs/keyer.md, "OCR". Nothing is downloaded when
the app runs; without this folder the OCR uses Debian's data (`inference/local/ocr.py`).
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import sys
import tarfile
import urllib.request
from pathlib import Path

URL = "https://registry.npmjs.org/@tesseract.js-data/jpn/-/jpn-1.0.0.tgz"
SHA256 = "0a04436991da81e01c4c3a9549643365fff643495b8988755c565913517b7cc7"
MEMBER = "package/4.0.0_best_int/jpn.traineddata.gz"
DEBIAN_TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                   "/usr/share/tessdata")
SCRIPT_MODEL = "Japanese.traineddata"


def fetch(url: str = URL) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (a fixed https URL)
        return response.read()


def unpack(tarball: bytes, sha256: str = SHA256) -> bytes:
    """The model's bytes from the npm tarball, or ValueError when the tarball is not the pinned one."""
    digest = hashlib.sha256(tarball).hexdigest()
    if digest != sha256:
        raise ValueError(f"SHA-256 {digest} is not the pinned {sha256}: refusing the download")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise ValueError(f"{MEMBER} missing from the tarball")
        return gzip.decompress(member.read())


def install(model: bytes, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / "jpn.traineddata"
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(model)
    os.replace(tmp, target)
    script = dest / SCRIPT_MODEL
    for folder in DEBIAN_TESSDATA:
        source = Path(folder) / SCRIPT_MODEL
        if source.is_file() and not script.exists():
            script.symlink_to(source)
            break
    return target


def main(argv: list[str]) -> int:
    dest = Path(argv[1] if len(argv) > 1 else "var/tessdata")
    if (dest / "jpn.traineddata").is_file() and (dest / ".sha256").is_file() \
            and (dest / ".sha256").read_text().strip() == SHA256:
        return 0  # already there
    try:
        target = install(unpack(fetch()), dest)
    except (OSError, ValueError) as exc:
        print(f"fetch_ocr_model: {exc}", file=sys.stderr)
        return 1
    (dest / ".sha256").write_text(SHA256 + "\n")
    print(f"{target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
