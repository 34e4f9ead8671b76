"""The report pages in headless Chromium: every chart draws (vendored Chart.js, no CDN) and a CSV downloads."""
from __future__ import annotations

import pytest

from tests.browser import shot
from tests.conftest import PASSWORD
from tests.test_reports import _today_label, build_documents, configure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# True when the canvas holds at least one pixel that is not transparent.
PAINTED = """(canvas) => {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) return true; }
  return false;
}"""


def log_in(page, username: str) -> None:
    # The login form inside <main>: the page header has other submit buttons (language switch).
    page.goto("/accounts/login/")
    page.fill("main input[name=username]", username)
    page.fill("main input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_it_draws_every_report_chart_and_downloads_a_csv(new_page, people, generated_samples, settings):
    configure()
    build_documents(people, generated_samples, settings)
    page = new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    log_in(page, "manager1")
    for path, charts in (("/reports/", 1), ("/reports/accuracy/", 2), ("/reports/cost/", 1), ("/reports/people/", 2)):
        page.goto(f"{path}?period={_today_label()}")
        page.wait_for_selector("canvas[data-rendered='1']")
        canvases = page.locator("canvas[data-chart]")
        assert canvases.count() == charts, path
        for i in range(charts):
            canvas = canvases.nth(i)
            assert canvas.get_attribute("data-rendered") == "1"
            box = canvas.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 100, path
            assert canvas.evaluate(PAINTED), f"{path}: chart {i} is blank"
            # The accessible table the chart describes is on the page, with rows.
            table_id = canvas.get_attribute("aria-describedby")
            assert page.locator(f"#{table_id} tbody tr").count() >= 1
        shot(page, "reports" + path.strip("/").replace("reports", "").replace("/", "-"))
    assert not failed, failed

    page.goto(f"/reports/?period={_today_label()}")
    with page.expect_download() as download_info:
        page.click("a[data-csv=documents]")
    download = download_info.value
    assert download.suggested_filename.startswith("twomatch-documents-")
    text = open(download.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[0].startswith("Document,Type,Accepted")
    assert len(text.splitlines()) == 4  # header + three documents
