"""Tests of the runner (tools/workbook.py): parameters, refusals, and what a failed run leaves."""

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("workbook", ROOT / "tools" / "workbook.py")
workbook = importlib.util.module_from_spec(spec)
sys.modules["workbook"] = workbook  # dataclasses look the module up by name
spec.loader.exec_module(workbook)


def run_cli(*args):
    return subprocess.run([str(ROOT / "workbook"), *args], cwd=ROOT, capture_output=True, text=True, timeout=900)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- parameters cell --------------------------------------------------------------------------

def test_w4_parameters_are_read_with_their_types():
    nb = workbook.load_notebook("W4")
    params = {name: (p.type, p.default) for name, p in nb.parameters.items()}
    assert params == {
        "theta1": ("double", "1.0"), "theta2": ("double", "1.5"), "x": ("double", "2.0"), "sigma2": ("double", "1.0"),
        "m1_init": ("double", "0.0"), "m2_init": ("double", "0.0"), "tol": ("double", "1e-12"), "max_iter": ("int", "1000"),
    }


def test_every_notebook_has_a_parameters_cell_and_no_outputs():
    ids = workbook.notebook_ids()
    assert "W3" in ids and "W4" in ids
    for nb_id in ids:
        workbook.load_notebook(nb_id)  # raises if the first code cell is not a valid parameters cell
        nb = json.loads((ROOT / "notebooks" / f"{nb_id}.ipynb").read_text())
        assert nb["metadata"]["kernelspec"]["name"] == "java", nb_id
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [], f"{nb_id} is committed with outputs"
                assert cell.get("execution_count") is None, f"{nb_id} is committed with execution counts"


def test_overrides_become_java_declarations_of_the_declared_type():
    nb = workbook.load_notebook("W4")
    lit = workbook.parse_overrides(nb, ["theta1=2", "x=-1.5", "tol=1e-9", "max_iter=7"])
    assert lit == {"theta1": "2", "x": "-1.5", "tol": "1e-9", "max_iter": "7"}
    cell = workbook.injected_cell(nb, lit)
    assert cell["metadata"]["tags"] == ["injected-parameters"]
    assert "double theta1 = 2;" in cell["source"] and "int max_iter = 7;" in cell["source"]


def test_arrays_strings_and_longs():
    p = workbook.Parameter("data", "double[]", "{}")
    assert workbook.java_literal("X", p, "1.2,0.7,2.3") == "{1.2, 0.7, 2.3}"
    assert workbook.java_literal("X", p, "") == "{}"
    assert workbook.java_literal("X", workbook.Parameter("seed", "long", "1"), "42") == "42L"
    assert workbook.java_literal("X", workbook.Parameter("e", "String", '"a"'), "reparam") == '"reparam"'
    assert workbook.java_literal("X", workbook.Parameter("b", "boolean", "true"), "false") == "false"


@pytest.mark.parametrize(
    "param, value, expected",
    [
        (("max_iter", "int"), "2.5", "whole number"),
        (("max_iter", "int"), "99999999999", "fits in a Java int"),
        (("theta1", "double"), "abc", "finite number"),
        (("theta1", "double"), "nan", "finite number"),
        (("theta1", "double"), "1e999", "finite number"),
        (("theta1", "double"), "1,2", "finite number"),
        (("data", "double[]"), "1,,2", "no empty entries"),
        (("data", "double[]"), "1,x", "'x' is not one"),
        (("flag", "boolean"), "yes", "true or false"),
        (("estimator", "String"), "two words", "one word"),
    ],
)
def test_values_that_do_not_fit_the_type_are_refused_naming_parameter_and_value(param, value, expected):
    name, java_type = param
    with pytest.raises(workbook.UsageError) as err:
        workbook.java_literal("W4", workbook.Parameter(name, java_type, "0"), value)
    message = str(err.value)
    assert name in message and java_type in message and value in message and expected in message


def test_unknown_parameter_lists_the_valid_names():
    nb = workbook.load_notebook("W4")
    with pytest.raises(workbook.UsageError) as err:
        workbook.parse_overrides(nb, ["thta1=2"])
    message = str(err.value)
    assert "thta1" in message and "Did you mean 'theta1'" in message
    for name in nb.parameters:
        assert name in message


# ---- the command line -------------------------------------------------------------------------

def test_cli_refuses_an_unknown_parameter_before_running():
    w4 = ROOT / "notebooks" / "W4.ipynb"
    before = digest(w4)
    proc = run_cli("run", "W4", "-p", "thta1=2")
    assert proc.returncode == 2
    assert "thta1" in proc.stderr and "theta1" in proc.stderr and "max_iter" in proc.stderr
    assert "[1/1]" not in proc.stdout, "nothing may run before the parameters are checked"
    assert digest(w4) == before


def test_cli_refuses_an_unknown_notebook_listing_the_valid_ones():
    proc = run_cli("run", "W5")
    assert proc.returncode == 2
    assert "W5" in proc.stderr and "W3" in proc.stderr and "W4" in proc.stderr


def test_cli_refuses_a_value_of_the_wrong_type():
    proc = run_cli("run", "W4", "-p", "max_iter=ten")
    assert proc.returncode == 2
    assert "max_iter" in proc.stderr and "ten" in proc.stderr


def test_a_failing_run_keeps_the_last_good_outputs_and_the_source(tmp_path):
    """A library error inside the notebook (negative variance) fails the run naming the notebook
    and the error; the previous page and results stay; the source notebook is untouched."""
    layout = tmp_path / "out"
    (layout / "site").mkdir(parents=True)
    (layout / "results").mkdir()
    (layout / "site" / "W4.html").write_text("last good page")
    (layout / "results" / "W4.json").write_text('{"last": "good"}')
    w4 = ROOT / "notebooks" / "W4.ipynb"
    before = digest(w4)
    proc = run_cli("run", "W4", "-p", "sigma2=-1", "--build-dir", str(layout))
    assert proc.returncode == 1
    combined = proc.stdout + proc.stderr
    assert "W4 failed" in combined and "sigma2 must be finite and > 0, got -1.0" in combined
    assert (layout / "site" / "W4.html").read_text() == "last good page"
    assert (layout / "results" / "W4.json").read_text() == '{"last": "good"}'
    assert digest(w4) == before
    assert not [p for p in layout.iterdir() if p.name.startswith(".staging")], "staging folder left behind"
