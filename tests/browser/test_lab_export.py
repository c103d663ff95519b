"""JupyterLab's File > Save and Export Notebook As > Workbook, as a user: `./workbook lab` lists
the `workbook` exporter (the server's /api/nbconvert, which the menu is built from), and the menu
item downloads the one-file page: the same bytes as `jupyter nbconvert --to workbook` of the
notebook, with its TeX typeset and no script. The notebook is the small executed fixture
(tests/fixtures/exported_page.py) in a folder of its own (VWB_NOTEBOOKS_DIR), so no notebook of
the project is opened or saved. The `lab` fixture is LAB's, in test_lab_w4.py."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SCREENSHOTS, Requests
from test_lab_w4 import get_json, lab  # noqa: F401  (lab: the fixture, used by name)

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import exported_page as fixture  # noqa: E402


@pytest.fixture
def notebooks(tmp_path, monkeypatch):
    """A notebooks folder holding only the fixture notebook; `lab` (requested after this) serves it."""
    folder = tmp_path / "notebooks"
    fixture.write(folder)
    monkeypatch.setenv("VWB_NOTEBOOKS_DIR", str(folder))
    return folder


def test_export_menu_lists_workbook_and_downloads_the_one_file_page(notebooks, lab, browser, tmp_path):
    base, token, _ = lab
    formats = get_json(f"{base}/api/nbconvert?token={token}")
    assert "workbook" in formats and formats["workbook"]["output_mimetype"] == "text/html", sorted(formats)

    page = browser.new_page()
    page.set_default_timeout(120_000)
    requests = Requests()
    requests.attach(page)
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.context.on("page", lambda popup: popup.on("download", lambda d: downloads.append(d)))
    try:
        page.goto(f"{base}/lab/tree/{fixture.NB_ID}.ipynb?token={token}", wait_until="domcontentloaded")
        page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=300_000)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^File$")).click()
        export_as = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Save and Export Notebook As$"))
        export_as.hover()
        export_as.click()
        item = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Workbook$"))
        page.wait_for_timeout(2000)
        if not item.is_visible():
            page.keyboard.press("ArrowRight")  # headless, the submenu does not always open on hover or click
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            item.wait_for(timeout=60_000)
        except Exception:
            pytest.fail(f"the menus list {page.locator('.lm-Menu-itemLabel').all_inner_texts()}, not Workbook")
        finally:
            page.screenshot(path=str(SCREENSHOTS / "lab-export-menu.png"))
        item.click()
        deadline = time.time() + 300
        while not downloads and time.time() < deadline:
            page.wait_for_timeout(200)
        assert downloads, "the Workbook item downloaded nothing"
        saved = tmp_path / "downloaded.html"
        downloads[0].save_as(saved)
        assert downloads[0].suggested_filename == f"{fixture.NB_ID}.html"
    finally:
        for p in page.context.pages:
            if p is not page and p.url.startswith(base):
                p.close()
        page.close()
    assert not requests.beyond_loopback(), requests.beyond_loopback()

    html = saved.read_text(encoding="utf-8")
    assert "<script" not in html and "<mjx-container" in html and 'class="vwb-parameters' in html
    # The same page as nbconvert's on the command line (of the notebook as it is on disk now).
    out = tmp_path / "cli"
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "workbook", "--output-dir", str(out),
                    str(notebooks / f"{fixture.NB_ID}.ipynb")], check=True, capture_output=True, timeout=600)
    assert html == (out / f"{fixture.NB_ID}.html").read_text(encoding="utf-8")
