"""papermill with the Java kernel (issue 16, item 3): `papermill notebooks/W4.ipynb out.ipynb -p theta1 2
-k java` through the plugin tools/plugins/papermill-java (papermill's Java translator, installed into
.venv by ./workbook). It injects the same Java cell as `./workbook run -p`, right after the parameters
cell, and refuses what the runner refuses (unknown names, ill-typed values, values outside their
domains) with the runner's message, before a kernel starts."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from workbook import parameters

ROOT = Path(__file__).resolve().parents[2]
W4 = ROOT / "notebooks" / "W4.ipynb"
PAPERMILL = Path(sys.prefix) / "bin" / "papermill"


def papermill(*args, env=None, timeout=600):
    return subprocess.run([str(PAPERMILL), *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def kernel_installed():
    """The kernelspec `java` (our kernel, language java) and the library jar: ./workbook setup
    (a second or two when they are up to date)."""
    proc = subprocess.run([str(ROOT / "workbook"), "setup"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_papermill_runs_w4_with_theta1_2_and_injects_a_java_cell(kernel_installed, tmp_path):
    out = tmp_path / "out.ipynb"
    results = tmp_path / "results"
    proc = papermill(str(W4), str(out), "-p", "theta1", "2", "-k", "java",
                     env=dict(os.environ, VWB_RESULTS_DIR=str(results)))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    nb = nbformat.read(out, as_version=4)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    params_at, injected = code[0], nb.cells[code[1]]
    assert "parameters" in nb.cells[params_at].metadata.tags
    assert code[1] == params_at + 1, "the injected cell follows the parameters cell"
    assert injected.metadata.tags == ["injected-parameters"]
    # The runner's form: a comment line, then one declaration of the declared type (papermill's int 2 -> double).
    meta = parameters.load_notebook("W4")
    assert injected.source == parameters.injected_source(meta, {"theta1": "2"}, by="papermill") + "\n"
    assert injected.source.splitlines()[1:] == ["double theta1 = 2;"]
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    saved = json.loads((results / "W4.json").read_text())
    assert saved["parameters"]["theta1"] == 2.0 and saved["parameters"]["theta2"] == 1.5
    # The mean-field variance of z1 does not depend on the data: s1^2 = sigma2 / (sigma2 + theta1^2) = 1 / 5.
    assert math.isclose(saved["results"]["s1_sq"], 1.0 / 5.0, rel_tol=1e-12), saved["results"]
    assert saved["results"]["kl"] > 0


@pytest.mark.parametrize("args, message", [
    (["-p", "thetaa", "2"], "W4 has no parameter 'thetaa'. Did you mean 'theta2'? Valid parameters: theta1 (double"),
    (["-p", "sigma2", "-1"], "W4: parameter 'sigma2' must be > 0; got sigma2 = -1 (its domain: > 0)"),
])
def test_papermill_refuses_before_anything_runs(tmp_path, args, message):
    out = tmp_path / "out.ipynb"
    t = time.time()
    proc = papermill(str(W4), str(out), *args, "-k", "java", timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"Error: {message}" in proc.stderr, proc.stderr
    assert "Executing notebook with kernel" not in proc.stderr, "a kernel was started"
    assert not out.exists(), "nothing is written when a parameter is refused"
    assert time.time() - t < 60


def test_papermill_reads_the_parameters_with_types_defaults_and_domains():
    """What `papermill notebooks/W4.ipynb --help-notebook` prints (papermill.inspect_notebook, in process)."""
    import papermill

    found = papermill.inspect_notebook(str(W4))
    assert list(found) == list(parameters.load_notebook("W4").parameters)
    assert found["sigma2"]["inferred_type_name"] == "double" and found["sigma2"]["default"] == "1.0"
    assert found["sigma2"]["help"] == "variance of x given z. domain: > 0"
    assert found["max_iter"]["inferred_type_name"] == "int"


# ---- the translator itself (no kernel): papermill's Python values to the declared Java types ----

SOURCE = "\n".join([
    'double[] mu = {1.0, 2.0};     // means. domain: each > 0; length >= 1',
    'String estimator = "reparam";  // which fit. domain: one of reparam, reinforce',
    'boolean centred = true;        // centre the data. domain: any',
    'long seed = 7L;                // seed. domain: any',
    'int draws = 10;                // draws. domain: >= 1',
    'double rate = 0.5;             // rate. domain: in (0, 1]',
])


def translator():
    import vwb_papermill_java

    return vwb_papermill_java


def codify(values: dict) -> str:
    plugin = translator()
    cell = nbformat.v4.new_code_cell(SOURCE, metadata={"tags": ["parameters"]})
    found = plugin.JavaTranslator.inspect(cell)
    assert [p.name for p in found] == ["mu", "estimator", "centred", "seed", "draws", "rate"]
    return plugin.JavaTranslator.codify(values)


def test_translator_maps_python_values_to_the_declared_java_types():
    source = codify({"mu": [1, 2.5], "estimator": "reinforce", "centred": False, "seed": 42, "draws": 3, "rate": 1})
    assert source.splitlines() == [
        "// Parameters injected by papermill (they replace the defaults above)",
        "double[] mu = {1, 2.5};", 'String estimator = "reinforce";', "boolean centred = false;",
        "long seed = 42L;", "int draws = 3;", "double rate = 1;",
    ]


@pytest.mark.parametrize("values, message", [
    ({"mu": [1, -2]}, "parameter 'mu' must be a list whose every entry is > 0; got mu = 1,-2 (entry 2 is -2)"),
    ({"mu": []}, "parameter 'mu' must be of length >= 1"),
    ({"estimator": "adam"}, "parameter 'estimator' must be one of reparam, reinforce; got estimator = adam"),
    ({"rate": 0.0}, "parameter 'rate' must be in (0, 1]; got rate = 0"),
    ({"rate": float("nan")}, "parameter 'rate' is a double; expected a finite number"),
    ({"draws": 2.5}, "parameter 'draws' is a int; expected a whole number such as 3, got '2.5'"),
    ({"draws": None}, "parameter 'draws' is a int; expected a whole number such as 3, got 'None'"),
    ({"mu": [[1, 2]]}, "parameter 'mu' takes a number, a word, true/false or a list of numbers, got [[1, 2]]"),
    ({"centred": "yes"}, "parameter 'centred' is a boolean; expected true or false, got 'yes'"),
    ({"rate": True}, "parameter 'rate' is a double; expected a finite number such as 1.5 or -2e-3, got 'true'"),
    ({"sedd": 3}, "the notebook has no parameter 'sedd'. Did you mean 'seed'?"),
])
def test_translator_refuses_with_the_runners_message(values, message):
    plugin = translator()
    with pytest.raises(plugin.ParameterRefused) as refused:
        codify(values)
    assert message in str(refused.value.message), refused.value.message


def test_translator_refuses_without_the_parameters_cell():
    plugin = translator()
    with pytest.raises(plugin.ParameterRefused, match="needs the notebook's parameters cell"):
        plugin.JavaTranslator.codify({"theta1": 2})


def test_the_translator_is_registered_for_the_kernel_language_java(kernel_installed):
    import papermill.engines  # noqa: F401  (loads the entry points, as the papermill command does)
    from papermill.translators import papermill_translators

    # `-k java` names our kernelspec; papermill looks the translator up by kernel name, then by the
    # kernelspec's language: both are `java`.
    spec = json.loads((Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java" / "kernel.json").read_text())
    assert spec["language"] == "java" and spec["display_name"] == "Java (Variational Workbook)"
    assert papermill_translators.find_translator("java", spec["language"]) is translator().JavaTranslator
