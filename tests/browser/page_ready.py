"""Seconds until a page of the site is typeset in headless Chromium, median of 5 loads.

    .venv/bin/python tests/browser/page_ready.py SITE_DIR [ID ...]

Each load is a fresh browser context (no cache) on loopback HTTP. A page whose mathematics is
typeset at export time is ready at the end of its load event; a page that still loads MathJax 2
(sites written before) is ready when MathJax's typesetting queue has run. Prints one line per
page and, at the end, the medians as JSON."""

from __future__ import annotations

import functools
import json
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LOADS = 5

READY_JS = """() => new Promise(resolve => {
    const done = () => resolve(performance.now() / 1000);
    if (window.MathJax && window.MathJax.Hub) {
        const wait = () => window.MathJax.isReady ? MathJax.Hub.Queue(done) : setTimeout(wait, 10);
        wait();
    } else if (document.readyState === 'complete') {
        resolve(performance.getEntriesByType('navigation')[0].loadEventEnd / 1000);
    } else {
        window.addEventListener('load', () => setTimeout(() =>
            resolve(performance.getEntriesByType('navigation')[0].loadEventEnd / 1000)));
    }
})"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(site: Path, ids: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    medians = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for nb_id in ids:
            times = []
            for _ in range(LOADS):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.goto(f"{base}/{nb_id}.html", wait_until="domcontentloaded", timeout=120_000)
                times.append(page.evaluate(READY_JS))
                context.close()
            medians[nb_id] = round(statistics.median(times), 3)
            size = (site / f"{nb_id}.html").stat().st_size
            print(f"{nb_id}: median {medians[nb_id]:.3f} s of {[round(t, 3) for t in times]}; {size / 1e3:.0f} kB", flush=True)
        browser.close()
    httpd.shutdown()
    return medians


if __name__ == "__main__":
    folder = Path(sys.argv[1]).resolve()
    print(json.dumps(main(folder, sys.argv[2:] or ["W4", "C", "BBVI", "A"])))
