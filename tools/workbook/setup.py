"""Set-up: the library jar with its dependencies (built by mvn package when the sources are newer,
copied to build/kernel/), and `setup()`, which makes a run ready: the jar, the kernelspec and its
class archive (kernel.py), the nbconvert exporter `workbook` registered in the environment, and
MathJax 3 for the pages (mathjax.py: npm ci into build/mathjax). The Python environment itself
(.venv, pip installs of requirements.txt with constraints.txt, JJava, Node) is made by the
./workbook script before this package runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import BUILD, ROOT, RunError, log
from .kernel import ensure_kernel, kernel_side_jar
from .mathjax import ensure_mathjax3


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



EXPORTER_PLUGIN = ROOT / "tools" / "plugins" / "nbconvert-workbook"
EXPORTER_DIST = "vwb_nbconvert_workbook-1.0.dist-info"


def ensure_nbconvert_exporter() -> Path:
    """Registers the nbconvert exporter `workbook` in the running environment (.venv, or
    VWB_VENV's): a .pth file that puts tools/plugins/nbconvert-workbook on sys.path and a dist-info
    folder whose entry_points.txt names the class (group nbconvert.exporters). Written directly,
    without pip or a build backend (nothing to download, a few ms); rewritten when the clone moved
    or the plugin's files changed. pip lists it as vwb-nbconvert-workbook and can uninstall it."""
    import sysconfig

    site_packages = Path(sysconfig.get_paths()["purelib"])
    dist = site_packages / EXPORTER_DIST
    wanted = {
        site_packages / "vwb_nbconvert_workbook.pth": f"{EXPORTER_PLUGIN}\n",
        dist / "METADATA": (EXPORTER_PLUGIN / "METADATA").read_text(),
        dist / "entry_points.txt": (EXPORTER_PLUGIN / "entry_points.txt").read_text(),
        dist / "INSTALLER": "workbook\n",
    }
    wanted[dist / "RECORD"] = "".join(f"{os.path.relpath(p, site_packages)},,\n" for p in [*wanted, dist / "RECORD"])
    if all(p.exists() and p.read_text() == text for p, text in wanted.items()):
        return dist
    dist.mkdir(parents=True, exist_ok=True)
    for path, text in wanted.items():
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text)
        os.replace(tmp, path)
    log(f"registered the nbconvert exporter 'workbook' in {site_packages}")
    return dist


def setup(force_build: bool = False) -> Path:
    jar = ensure_library(force=force_build)
    ensure_kernel(jar)
    ensure_nbconvert_exporter()
    ensure_mathjax3()
    return jar

