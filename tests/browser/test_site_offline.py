"""The exported site in a real browser with the network cut off: every page typesets its LaTeX
with the MathJax the site ships, shows its images, asks for nothing beyond loopback; the index
lists every notebook with its problem and key results; the navigation links lead where they say.

The site is the one `./workbook test` wrote (build/test/default/site), or $VWB_SITE_DIR; when
neither exists, the notebooks are run into a temporary folder first (minutes)."""

from __future__ import annotations

import functools
import html
import json
import os
import re
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, Requests, parameters
from workbook.site import KEY_RESULTS, summarise

NOTEBOOK_IDS = parameters.notebook_ids()
MATHJAX_TIMEOUT_MS = 120_000


def complete(site: Path) -> bool:
    return (site / "index.html").exists() and all((site / f"{i}.html").exists() for i in NOTEBOOK_IDS)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    given = os.environ.get("VWB_SITE_DIR")
    if given:
        path = Path(given).resolve()
        assert complete(path), f"VWB_SITE_DIR={path} lacks index.html or a page of {NOTEBOOK_IDS}"
        return path
    default = ROOT / "build" / "test" / "default" / "site"
    if complete(default):
        return default
    out = tmp_path_factory.mktemp("site-run")
    proc = subprocess.run([str(ROOT / "workbook"), "run", "--build-dir", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"./workbook run failed:\n{proc.stdout}\n{proc.stderr}"
    return out / "site"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    page.set_default_timeout(60_000)
    requests = Requests()
    requests.attach(page)
    page.vwb_requests = requests
    try:
        yield page
    finally:
        page.close()


def wait_for_mathjax(page) -> None:
    """Waits until MathJax (2.7, served from the site) has loaded and finished its typesetting queue."""
    page.wait_for_function("() => window.MathJax && window.MathJax.Hub && window.MathJax.isReady === true",
                           timeout=MATHJAX_TIMEOUT_MS)
    page.evaluate("""() => new Promise(resolve => MathJax.Hub.Queue(() => resolve(true)))""")


def image_outputs(site: Path, nb_id: str) -> int:
    """How many PNG/JPEG/SVG outputs the executed notebook next to the site has (0 if unknown)."""
    executed = site.parent / "executed" / f"{nb_id}.ipynb"
    if not executed.exists():
        return 0
    nb = json.loads(executed.read_text())
    count = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if any(k in data for k in ("image/png", "image/jpeg", "image/svg+xml")):
                count += 1
    return count


def has_math(nb_id: str) -> bool:
    nb = json.loads((ROOT / "notebooks" / f"{nb_id}.ipynb").read_text())
    return any(c["cell_type"] == "markdown" and "$" in parameters.cell_source(c) for c in nb["cells"])


RAW_TEX = re.compile(r"\$\$|\\(frac|mathbf|mathcal|mathbb|sigma|theta|begin\{|left|right|sum|int|log)\b|\$[^$\s][^$]*\$")


@pytest.mark.parametrize("nb_id", NOTEBOOK_IDS)
def test_page_renders_math_and_images_offline(nb_id, site, server, page):
    page.goto(f"{server}/{nb_id}.html", wait_until="load")
    wait_for_mathjax(page)

    if has_math(nb_id):
        typeset = page.evaluate("""() => document.querySelectorAll(
            '.MathJax, .MathJax_Display, .MathJax_CHTML, .MathJax_SVG, mjx-container').length""")
        assert typeset > 0, f"{nb_id}: the notebook has LaTeX but MathJax typeset nothing"
    font = page.evaluate("() => MathJax.OutputJax['HTML-CSS'] ? MathJax.OutputJax['HTML-CSS'].fontInUse : null")
    assert font != "generic", f"{nb_id}: MathJax found none of its web fonts and fell back to the browser's"
    errors = page.evaluate("""() => Array.from(document.querySelectorAll('.MathJax_Error, merror, [data-mjx-error]'))
        .map(e => e.textContent)""")
    assert not errors, f"{nb_id}: MathJax could not typeset: {errors[:5]}"
    # Text a reader sees in the rendered Markdown: no TeX left over (MathJax keeps its source in
    # <script type="math/tex"> elements, which are not part of the visible text).
    markdown_text = page.evaluate("""() => Array.from(document.querySelectorAll('.jp-RenderedMarkdown'))
        .map(e => e.innerText).join('\\n')""")
    leftover = RAW_TEX.findall(markdown_text)
    assert not leftover, f"{nb_id}: raw LaTeX visible after typesetting: {leftover[:5]}"

    images = page.evaluate("""() => Array.from(document.images).map(i => ({
        src: i.src.slice(0, 60), complete: i.complete, width: i.naturalWidth}))""")
    broken = [i for i in images if not i["complete"] or i["width"] == 0]
    assert not broken, f"{nb_id}: images that did not load: {broken}"
    expected = image_outputs(site, nb_id)
    assert len(images) >= expected, f"{nb_id}: {expected} image outputs but {len(images)} <img> on the page"

    requests = page.vwb_requests
    assert not requests.beyond_loopback(), f"{nb_id}: requests beyond loopback: {requests.beyond_loopback()}"
    failed = [f for f in requests.failed if "favicon" not in f and not f.startswith("about:")]
    assert not failed, f"{nb_id}: requests that failed: {failed}"


def test_index_lists_every_notebook_with_its_problem_and_key_results(site, server, page):
    page.goto(f"{server}/index.html", wait_until="load")
    wait_for_mathjax(page)
    for nb_id in NOTEBOOK_IDS:
        link = page.locator(f'a[href="{nb_id}.html"]')
        assert link.count() == 1, f"index: no single link to {nb_id}.html"
        assert link.inner_text().strip() == nb_id
        row = page.locator("tr", has=link)
        text = row.inner_text()
        title = parameters.load_notebook(nb_id).title
        assert title, f"{nb_id} has no title"
        # The index typesets the titles' LaTeX: the plain parts must be there and no raw $...$ left.
        plain_parts = [part.strip() for part in re.split(r"\$[^$]*\$", html.unescape(title)) if part.strip()]
        for part in plain_parts:
            assert part in text, f"index row of {nb_id} lacks its problem {title!r}: {text!r}"
        assert "$" not in text, f"index row of {nb_id} shows raw TeX: {text!r}"
        results = json.loads((site.parent / "results" / f"{nb_id}.json").read_text())["results"]
        scalars = [k for k, v in results.items() if not isinstance(v, (list, dict))]
        keys = (scalars or list(results))[:KEY_RESULTS]
        assert keys, f"{nb_id} has no results"
        for key in keys:
            assert f"{key} = " in text, f"index row of {nb_id} lacks key result {key}: {text!r}"
        first = results[keys[0]]
        assert summarise(first) in text, f"index row of {nb_id} shows {keys[0]} wrongly: {text!r}"
    assert not page.vwb_requests.beyond_loopback()


def nav_link(page, arrow: str):
    """The navigation bar's link whose text contains `arrow` (← previous, → next, ⌂ index), or None."""
    links = page.locator("nav.vwb-nav a", has_text=arrow)
    return links.first if links.count() else None


def test_navigation_index_pages_next_previous_and_back(server, page):
    page.goto(f"{server}/index.html", wait_until="load")
    page.click(f'a[href="{NOTEBOOK_IDS[0]}.html"]')
    page.wait_for_url(f"**/{NOTEBOOK_IDS[0]}.html")
    assert nav_link(page, "\u2190") is None, "the first notebook has no previous page"

    visited = [NOTEBOOK_IDS[0]]
    while (link := nav_link(page, "\u2192")) is not None:
        link.click()
        page.wait_for_load_state("load")
        visited.append(page.url.rsplit("/", 1)[-1].removesuffix(".html"))
        assert page.title().startswith(visited[-1]), f"page {page.url} has title {page.title()!r}"
        assert len(visited) <= len(NOTEBOOK_IDS)
    assert visited == NOTEBOOK_IDS, "following 'next' from the first page visits every notebook in order"

    back = [visited[-1]]
    while (link := nav_link(page, "\u2190")) is not None:
        link.click()
        page.wait_for_load_state("load")
        back.append(page.url.rsplit("/", 1)[-1].removesuffix(".html"))
        assert len(back) <= len(NOTEBOOK_IDS)
    assert back == list(reversed(NOTEBOOK_IDS)), "following 'previous' from the last page visits them back"

    nav_link(page, "\u2302").click()
    page.wait_for_url("**/index.html")
    assert page.locator("h1").inner_text() == "Variational Workbook"
    assert not page.vwb_requests.beyond_loopback()
