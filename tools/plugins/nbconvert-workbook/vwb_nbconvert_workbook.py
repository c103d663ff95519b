"""The entry point of the nbconvert exporter `workbook` (group `nbconvert.exporters`): the class
itself is the runner's, tools/workbook/exporter.py, so that the site and `jupyter nbconvert --to
workbook` share one code path. This folder is put on sys.path by a .pth file and named by a small
dist-info, both written into .venv by ./workbook's set-up (tools/workbook/setup.py,
ensure_nbconvert_exporter); see docs/DEVELOPING.md."""

import sys
from pathlib import Path

TOOLS = str(Path(__file__).resolve().parents[2])  # tools/: the runner package `workbook` lives there
if TOOLS not in sys.path:
    sys.path.append(TOOLS)  # appended: nothing installed is shadowed by a folder of tools/

from workbook.exporter import WorkbookExporter  # noqa: E402

__all__ = ["WorkbookExporter"]
