"""Shared by the runner and browser tests: the runner, the package tools/workbook, imports as `workbook`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
