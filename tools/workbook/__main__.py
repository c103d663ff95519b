"""`python tools/workbook ARGS` (what ./workbook runs) or `python -m workbook ARGS` with tools/ on
the path: the command line of commands.py, its exit status the process's."""

import os
import sys

if not __package__:
    # Run as a folder: Python put tools/workbook itself first on the path, where its modules
    # (site.py, setup.py, ...) would shadow others of the same names. Put tools/ there instead.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    sys.path.insert(0, os.path.dirname(here))

from workbook.commands import main  # noqa: E402

sys.exit(main())
