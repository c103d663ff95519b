"""Seconds until a page of the site is typeset in headless Chromium, median of 5 loads.

    .venv/bin/python tests/browser/page_ready.py SITE_DIR [ID ...]
    .venv/bin/python tests/browser/page_ready.py --against OTHER_SITE_DIR [--loads N] SITE_DIR [ID ...]
    .venv/bin/python tests/browser/page_ready.py --busy 2 SITE_DIR [ID ...]

With --against, each load of a page of SITE_DIR is followed at once by a load of the same page of
OTHER_SITE_DIR (side by side in one window, so a slow minute slows both alike), N loads each
(default 5); it prints both medians and the fastest load of each.

With --busy N, N other processes spin on the CPU for the whole measurement: the machine is as busy
as one running N CPU-bound jobs besides the browser. (DevTools' CPU throttling is no stand-in for
this: it suspends the page's process in slices, and its overhead dominates a 0.1 s load; throttled
3 times, W3 took 8 times as long.)

Each load is a fresh browser context (no cache) on loopback HTTP. A page whose mathematics is
typeset at export time is ready at the end of its load event; a page that still loads MathJax 2
(sites written before) is ready when MathJax's typesetting queue has run. Prints one line per
page and, at the end, the medians as JSON."""

from __future__ import annotations

import functools
import json
import multiprocessing
import statistics
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


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def load(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded", timeout=120_000)
    seconds = page.evaluate(READY_JS)
    context.close()
    return seconds


def spin() -> None:
    while True:
        pass


def main(site: Path, ids: list[str], against: Path | None = None, loads: int = LOADS,
         busy: int = 0) -> dict:
    spinners = [multiprocessing.Process(target=spin, daemon=True) for _ in range(busy)]
    for spinner in spinners:
        spinner.start()
    try:
        return measure(site, ids, against, loads)
    finally:
        for spinner in spinners:
            spinner.terminate()


def measure(site: Path, ids: list[str], against: Path | None, loads: int) -> dict:
    from playwright.sync_api import sync_playwright

    sites = [site] + ([against] if against else [])
    servers = [serve(s) for s in sites]
    medians = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for nb_id in ids:
            times = [[] for _ in sites]
            for _ in range(loads):
                for k, (_, base) in enumerate(servers):
                    times[k].append(load(browser, f"{base}/{nb_id}.html"))
            for k, folder in enumerate(sites):
                key = nb_id if k == 0 else f"{nb_id} ({folder})"
                medians[key] = round(statistics.median(times[k]), 3)
                size = (folder / f"{nb_id}.html").stat().st_size
                print(f"{key}: median {medians[key]:.3f} s, fastest {min(times[k]):.3f} s, of "
                      f"{[round(t, 3) for t in times[k]]}; {size / 1e3:.0f} kB", flush=True)
        browser.close()
    for httpd, _ in servers:
        httpd.shutdown()
    return medians


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Seconds until a page of the site is typeset.")
    parser.add_argument("site", type=Path)
    parser.add_argument("ids", nargs="*", default=["W4", "C", "BBVI", "A"])
    parser.add_argument("--against", type=Path, help="a second site, loaded in turn with the first")
    parser.add_argument("--loads", type=int, default=LOADS)
    parser.add_argument("--busy", type=int, default=0,
                        help="keep this many other processes spinning on the CPU meanwhile")
    args = parser.parse_args()
    if args.busy < 0:
        parser.error(f"--busy counts processes, so it must be 0 or more; got {args.busy}")
    print(json.dumps(main(args.site.resolve(), args.ids, args.against and args.against.resolve(),
                          args.loads, args.busy)))
