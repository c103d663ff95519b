"""Shared pieces of the browser tests: Debian's headless Chromium driven by Playwright (never a
downloaded browser), a request recorder that cuts off everything beyond loopback, and the
runner's parameters module (tools/workbook/parameters.py) for the list of notebooks."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("VWB_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "build" / "browser"

from workbook import parameters  # noqa: E402  tools/workbook/ (tests/conftest.py puts tools/ on the path)

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    host = (parts.hostname or "").lower()
    return parts.scheme in ("http", "https", "ws", "wss") and (host in LOOPBACK_HOSTS or host.startswith("127."))


class Requests:
    """Every request a page attempted; those beyond loopback were aborted and are kept apart."""

    def __init__(self):
        self.seen: list[str] = []
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.bad_responses: list[str] = []  # answered with a 4xx or 5xx status

    def attach(self, page) -> None:
        def route(r):
            url = r.request.url
            self.seen.append(url)
            if is_local(url):
                r.continue_()
            else:
                self.blocked.append(url)
                r.abort("internetdisconnected")

        page.route("**/*", route)
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url} ({req.failure})"))
        page.on("response", lambda r: self.bad_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        # WebSockets are not routed; record them too (JupyterLab's kernel channel) to check their hosts.
        page.on("websocket", lambda ws: self.seen.append(ws.url))

    def beyond_loopback(self) -> list[str]:
        return self.blocked + [u for u in self.seen if not is_local(u) and u not in self.blocked]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests use Debian's chromium package "
            "(apt-get install -y chromium; ./workbook test installs it when run as root)"
        )
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="vwb-chromium-")
    args = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}",
    ]
    with sync_playwright() as p:
        # launch() refuses --user-data-dir; a persistent context takes it as the profile folder.
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True,
            args=[a for a in args if not a.startswith("--user-data-dir")],
            viewport={"width": 1400, "height": 1000}, service_workers="block",
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
