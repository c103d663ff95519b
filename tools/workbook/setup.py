"""Set-up: the library jar with its dependencies (built by mvn package when the sources are newer,
copied to build/kernel/), and `setup()`, which makes a run ready: the jar, the kernelspec and its
class archive (kernel.py), MathJax for the pages (site.py). The Python environment itself (.venv,
pip installs of requirements.txt with constraints.txt, JJava) is made by the ./workbook script
before this package runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import BUILD, ROOT, RunError, log
from .kernel import ensure_kernel, kernel_side_jar
from .site import mathjax_source


def newest_mtime(paths) -> float:
    newest = 0.0
    for base in paths:
        base = Path(base)
        if base.is_file():
            newest = max(newest, base.stat().st_mtime)
        elif base.is_dir():
            for p in base.rglob("*"):
                if p.is_file():
                    newest = max(newest, p.stat().st_mtime)
    return newest


def library_jar() -> Path:
    return BUILD / "kernel" / "variational-workbook-all.jar"


def ensure_library(force: bool = False) -> Path:
    """Builds the library jar with its dependencies when the sources are newer than it."""
    jar = library_jar()
    sources = newest_mtime([ROOT / "src" / "main", ROOT / "src" / "kernel", ROOT / "pom.xml"])
    if force or not jar.exists() or jar.stat().st_mtime < sources or not kernel_side_jar().exists():
        log("building the library (mvn package, tests skipped here) ...")
        t = time.time()
        proc = subprocess.run(
            ["mvn", "-q", "-B", "package", "-DskipTests"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        if proc.returncode != 0:
            sys.stdout.write(proc.stdout)
            raise RunError("the library did not build (mvn package failed; its output is above)")
        install_jar()
        log(f"  library built in {time.time() - t:.1f} s: {jar.relative_to(ROOT)}")
    return jar


def install_jar() -> Path:
    """Copies the jars that mvn package built (the library with its dependencies, and the kernel
    side) to the place the kernel loads them from."""
    for jar, pattern in ((kernel_side_jar(), "variational-workbook-*-kernel.jar"),
                         (library_jar(), "variational-workbook-*-all.jar")):
        built = sorted((ROOT / "target").glob(pattern))
        if not built:
            raise RunError(f"mvn package did not produce target/{pattern}")
        jar.parent.mkdir(parents=True, exist_ok=True)
        tmp = jar.with_suffix(".jar.tmp")
        shutil.copy2(built[-1], tmp)
        os.replace(tmp, jar)
    return library_jar()



def setup(force_build: bool = False) -> Path:
    jar = ensure_library(force=force_build)
    ensure_kernel(jar)
    mathjax_source()  # fail early if MathJax is missing
    return jar

