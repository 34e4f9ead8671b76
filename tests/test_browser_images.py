"""Scans in the browser (issue 11): the manager uploads a PNG, a JPEG and a fax TIFF of a notice
lying on its side; the pages are shown upright, and two operators key one to acceptance (the
text-layer keyer cannot read a scan, so two humans key it)."""
from __future__ import annotations

import io
import json

import pymupdf
import pytest
from PIL import Image

from dataentry.models import Document
from tests.browser import key_next_document, log_in, shot, submit_and_stop
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scanned_pages(pdf_path, dpi: int = 200) -> list[Image.Image]:
    """The sample's pages as a scanner lying the paper sideways would produce them."""
    with pymupdf.open(pdf_path) as doc:
        pages = []
        for page in doc:
            pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
            pages.append(Image.frombytes("L", (pix.width, pix.height), pix.samples).rotate(90, expand=True))
    return pages


def test_a_manager_uploads_each_image_format_and_two_operators_key_a_scan_to_acceptance(new_page, generated_samples,
                                                                                        tmp_path):
    make_user("manager1", "manager")
    make_user("operator1", "operator")
    make_user("operator2", "operator")
    sample = generated_samples[0]
    truth = json.loads(sample.with_suffix(".json").read_text(encoding="utf-8"))["records"]
    pages = scanned_pages(sample)
    files = {
        "notice.png": lambda out: pages[0].save(out, format="PNG", dpi=(200, 200)),
        "notice.jpg": lambda out: pages[0].convert("RGB").save(out, format="JPEG", quality=85, dpi=(200, 200)),
        "notice.tif": lambda out: pages[0].convert("1").save(out, format="TIFF", compression="group4", dpi=(200, 200),
                                                             save_all=True, append_images=[p.convert("1") for p in pages[1:]]),
    }
    paths = []
    for name, save in files.items():
        out = io.BytesIO()
        save(out)
        (tmp_path / name).write_bytes(out.getvalue())
        paths.append(str(tmp_path / name))

    manager = new_page()
    log_in(manager, "manager1", PASSWORD)
    manager.goto("/documents/")
    accept = manager.get_attribute("input[type=file]", "accept")
    assert all(kind in accept for kind in ("image/png", "image/jpeg", "image/tiff", "application/pdf"))
    manager.set_input_files("input[type=file]", paths)
    # Tasks run in the request here (eager Celery): three scans turned upright take a while on a busy machine.
    manager.click("form[enctype] button[type=submit]", timeout=300_000)
    manager.wait_for_selector("text=notice.tif uploaded as document", timeout=300_000)
    assert manager.locator("text=uploaded as document").count() == 3
    shot(manager, "images-1-upload")
    docs = list(Document.objects.order_by("pk"))
    assert [d.source_kind for d in docs] == ["png", "jpeg", "tiff"]
    assert all(d.status == Document.Status.KEYING for d in docs)
    first = docs[0]
    assert first.pages.get(number=1).cleanup["rotation"] == 90, "lying on its side: turned upright"
    manager.goto(f"/documents/{first.pk}/")
    assert manager.locator("text=turned 90° clockwise to stand upright").count() == 1
    # The page the operators see stands upright (taller than wide, as the notice is printed).
    size = manager.evaluate("""async () => { const img = document.querySelector('img.page-thumb');
        await img.decode(); return [img.naturalWidth, img.naturalHeight]; }""")
    assert size[1] > size[0]
    shot(manager, "images-2-document-page")

    for name in ("operator1", "operator2"):
        operator = new_page()
        log_in(operator, name, PASSWORD)
        key_next_document(operator, [dict(r) for r in truth])
        submit_and_stop(operator, "/keying/")
    first.refresh_from_db()
    assert first.status == Document.Status.ACCEPTED
    assert [r["family_name"] for r in first.result.records] == [r["family_name"] for r in truth]
