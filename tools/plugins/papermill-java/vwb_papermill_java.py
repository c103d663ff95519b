"""papermill's parameters for the workbook's Java notebooks.

papermill writes the injected parameters cell with a *translator* chosen by kernel name or kernel
language; it has none for Java ("No parameter translator functions specified for kernel 'java'"),
and no entry point to add one. It does load the `papermill.engine` entry points when it starts, so
this module is installed as one (pyproject.toml): importing it registers `JavaTranslator` for the
language `java` (our kernelspec, named `java`, declares `"language": "java"`).

The translator writes the same cell as `./workbook run -p` (tools/workbook/parameters.py): one
declaration of the declared Java type per parameter, after the `parameters` cell, tagged
`injected-parameters`. It refuses what the runner refuses, through the runner's own code
(`parameters.overrides_from_values` -> `parse_overrides` -> domains.py): an unknown name, a value
of the wrong type, a value outside its domain, a combination a `require:` line forbids. The
refusal is raised while papermill writes the injected cell, before the output notebook is
written or a kernel started.

papermill hands the translator the values but not the notebook: `codify(parameters)`. It does
hand the parameters cell to `inspect(cell)` first (papermill.execute_notebook calls
`_infer_parameters` just before `parameterize_notebook`, on the same notebook), so `inspect`
reads the declarations and `codify` uses them. A `codify` without an `inspect` before it (a
direct call of papermill.parameterize_notebook) is refused: without the declarations there is
no Java type to write and no domain to check.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path



def __getattr__(name):
    """`Engine`, the object the entry point names: papermill's default engine, unchanged (the
    import of this module is what counts). Looked up lazily, because papermill may be importing
    this module from the middle of its own papermill.engines (when this module is imported first,
    `import papermill` below loads the entry points, and so this module, before `Engine` could be
    bound)."""
    if name == "Engine":
        from papermill.engines import NBClientEngine

        return NBClientEngine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


import click  # noqa: E402
from papermill.exceptions import PapermillException  # noqa: E402
from papermill.models import Parameter  # noqa: E402
from papermill.translators import Translator, papermill_translators  # noqa: E402

TOOLS = Path(__file__).resolve().parents[2]  # tools/: the runner's package tools/workbook
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

from workbook import NOTEBOOKS, RunError, UsageError  # noqa: E402
from workbook import parameters  # noqa: E402

LANGUAGE = "java"


class ParameterRefused(click.UsageError, PapermillException):
    """A papermill parameter the notebook refuses (the message names the parameter, the rule and
    the value). The papermill command prints it as `Error: ...` and exits with status 2, as
    ./workbook does; from Python it is a PapermillException."""


_inspected = threading.local()


def notebook_id(source: str) -> str:
    """The id of the workbook notebook whose parameters cell is `source` (for the messages), or
    'the notebook'."""
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        try:
            nb = parameters.read_json(path)
            cell = parameters.parameters_cell(nb, path.stem)
        except (OSError, ValueError, RunError):
            continue
        if parameters.cell_source(cell) == source:
            return path.stem
    return "the notebook"


def declarations(cell) -> parameters.Notebook:
    source = parameters.cell_source(cell)
    try:
        return parameters.notebook_from_cell(notebook_id(source), None, source)
    except RunError as exc:
        raise ParameterRefused(str(exc)) from None


class JavaTranslator(Translator):
    """Java declarations of the declared types, checked as `./workbook run -p` checks them."""

    @classmethod
    def inspect(cls, parameters_cell):
        meta = declarations(parameters_cell)
        _inspected.meta = meta
        return [Parameter(name=p.name, inferred_type_name=p.type, default=p.default,
                          help=f"{p.comment}. domain: {p.domain.text}" if p.comment else f"domain: {p.domain.text}")
                for p in meta.parameters.values()]

    @classmethod
    def codify(cls, parameters_, comment="Parameters"):
        meta = getattr(_inspected, "meta", None)
        _inspected.meta = None
        if meta is None:
            raise ParameterRefused(
                "the Java translator writes each parameter with its declared type and checks it against "
                "its domain, so it needs the notebook's parameters cell: run the notebook with "
                "papermill.execute_notebook or the papermill command (they show it the cell first)")
        try:
            overrides = parameters.overrides_from_values(meta, dict(parameters_))
        except UsageError as exc:
            raise ParameterRefused(str(exc)) from None
        return parameters.injected_source(meta, overrides, by="papermill") + "\n"

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()


papermill_translators.register(LANGUAGE, JavaTranslator)
