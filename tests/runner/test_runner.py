"""Tests of the runner (the package tools/workbook): parameters, refusals, and what a failed run leaves."""

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

import workbook  # the package tools/workbook (tests/conftest.py puts tools/ on the path)
from workbook import parameters

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args):
    return subprocess.run([str(ROOT / "workbook"), *args], cwd=ROOT, capture_output=True, text=True, timeout=900)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- parameters cell --------------------------------------------------------------------------

def test_w4_parameters_are_read_with_their_types():
    nb = parameters.load_notebook("W4")
    params = {name: (p.type, p.default) for name, p in nb.parameters.items()}
    assert params == {
        "theta1": ("double", "1.0"), "theta2": ("double", "1.5"), "x": ("double", "2.0"), "sigma2": ("double", "1.0"),
        "m1_init": ("double", "0.0"), "m2_init": ("double", "0.0"), "tol": ("double", "1e-12"), "max_iter": ("int", "1000"),
    }


def test_every_notebook_has_a_parameters_cell_and_no_outputs():
    ids = parameters.notebook_ids()
    assert "W3" in ids and "W4" in ids
    for nb_id in ids:
        parameters.load_notebook(nb_id)  # raises if the first code cell is not a valid parameters cell
        nb = json.loads((ROOT / "notebooks" / f"{nb_id}.ipynb").read_text())
        assert nb["metadata"]["kernelspec"]["name"] == "java", nb_id
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [], f"{nb_id} is committed with outputs"
                assert cell.get("execution_count") is None, f"{nb_id} is committed with execution counts"


def test_overrides_become_java_declarations_of_the_declared_type():
    nb = parameters.load_notebook("W4")
    lit = parameters.parse_overrides(nb, ["theta1=2", "x=-1.5", "tol=1e-9", "max_iter=7"])
    assert lit == {"theta1": "2", "x": "-1.5", "tol": "1e-9", "max_iter": "7"}
    cell = parameters.injected_cell(nb, lit)
    assert cell["metadata"]["tags"] == ["injected-parameters"]
    assert "double theta1 = 2;" in cell["source"] and "int max_iter = 7;" in cell["source"]


def test_arrays_strings_and_longs():
    p = parameters.Parameter("data", "double[]", "{}")
    assert parameters.java_literal("X", p, "1.2,0.7,2.3") == "{1.2, 0.7, 2.3}"
    assert parameters.java_literal("X", p, "") == "{}"
    assert parameters.java_literal("X", parameters.Parameter("seed", "long", "1"), "42") == "42L"
    assert parameters.java_literal("X", parameters.Parameter("e", "String", '"a"'), "reparam") == '"reparam"'
    assert parameters.java_literal("X", parameters.Parameter("b", "boolean", "true"), "false") == "false"


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
        parameters.java_literal("W4", parameters.Parameter(name, java_type, "0"), value)
    message = str(err.value)
    assert name in message and java_type in message and value in message and expected in message


def test_unknown_parameter_lists_the_valid_names():
    nb = parameters.load_notebook("W4")
    with pytest.raises(workbook.UsageError) as err:
        parameters.parse_overrides(nb, ["thta1=2"])
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
    """A library error inside a notebook (a negative variance reaches Normal.ofMeanVariance) fails
    the run naming the notebook and the error; the previous page and results stay; the source
    notebook is untouched."""
    nbs = tmp_path / "notebooks"
    source = fixture_notebook(nbs, "FAILS", ["Normal n = Normal.ofMeanVariance(0, -a);",
                                             'Results.of("FAILS").parameter("a", a).save()'])
    layout = tmp_path / "out"
    (layout / "site").mkdir(parents=True)
    (layout / "results").mkdir()
    (layout / "site" / "FAILS.html").write_text("last good page")
    (layout / "results" / "FAILS.json").write_text('{"last": "good"}')
    before = digest(source)
    env = dict(os.environ, VWB_NOTEBOOKS_DIR=str(nbs))
    proc = subprocess.run([str(ROOT / "workbook"), "run", "FAILS", "--build-dir", str(layout)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    combined = proc.stdout + proc.stderr
    assert "FAILS failed" in combined and "variance must be finite and > 0, got -1.0" in combined, combined
    assert (layout / "site" / "FAILS.html").read_text() == "last good page"
    assert (layout / "results" / "FAILS.json").read_text() == '{"last": "good"}'
    assert digest(source) == before
    assert not [p for p in layout.iterdir() if p.name.startswith(".staging")], "staging folder left behind"


def test_a_value_outside_its_domain_is_refused_and_loses_nothing(tmp_path):
    """W4's sigma2 must be > 0: refused before a kernel starts (exit 2), naming the parameter, the
    rule and the value; the last good page and results stay, the source is untouched."""
    layout = tmp_path / "out"
    (layout / "site").mkdir(parents=True)
    (layout / "results").mkdir()
    (layout / "site" / "W4.html").write_text("last good page")
    (layout / "results" / "W4.json").write_text('{"last": "good"}')
    w4 = ROOT / "notebooks" / "W4.ipynb"
    before = digest(w4)
    proc = run_cli("run", "W4", "-p", "sigma2=-1", "--build-dir", str(layout))
    assert proc.returncode == 2
    assert "parameter 'sigma2' must be > 0; got sigma2 = -1" in proc.stderr
    assert (layout / "site" / "W4.html").read_text() == "last good page"
    assert (layout / "results" / "W4.json").read_text() == '{"last": "good"}'
    assert digest(w4) == before
    assert sorted(p.name for p in layout.iterdir()) == ["results", "site"], "a refused run wrote something"


# ---- JupyterLab -------------------------------------------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses of sockets listening on `port`, read from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                found.add(address)
    return found


def test_lab_listens_on_loopback_only_with_a_token():
    import time
    import urllib.error
    import urllib.request

    port = free_port()
    token = "workbook-test-" + os.urandom(6).hex()
    env = dict(os.environ, VWB_LAB_TOKEN=token)
    proc = subprocess.Popen([str(ROOT / "workbook"), "lab", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 120
        status = None
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as r:
                    status = r.status
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(1)
        assert status == 200, "JupyterLab did not answer on 127.0.0.1 with the token"
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(f"{base}/api/kernelspecs", timeout=5)
        assert denied.value.code == 403, "a request without the token must be refused"
        with urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=5) as r:
            specs = json.loads(r.read())
        assert "java" in specs["kernelspecs"]
        assert specs["kernelspecs"]["java"]["spec"]["env"]["JJAVA_CLASSPATH"].endswith("variational-workbook-all.jar")
        addresses = listening_addresses(port)
        assert addresses, "no listening socket found"
        loopback = {"0100007F", "00000000000000000000000001000000"}
        assert addresses <= loopback, f"JupyterLab listens beyond loopback: {addresses}"
    finally:
        import signal

        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


# ---- faults: a dying kernel, an interrupt ----------------------------------------------------

def fixture_notebook(folder: Path, nb_id: str, cells: list[str]) -> Path:
    """A notebook with a parameters cell and the given code cells, in `folder`."""
    source = [{"cell_type": "markdown", "id": "t", "metadata": {}, "source": f"# {nb_id} fixture"},
              {"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "outputs": [],
               "execution_count": None, "source": "double a = 1.0;"}]
    for i, code in enumerate(cells):
        source.append({"cell_type": "code", "id": f"c{i}", "metadata": {}, "outputs": [], "execution_count": None,
                       "source": code})
    nb = {"cells": source, "metadata": {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}},
          "nbformat": 4, "nbformat_minor": 5}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{nb_id}.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_a_kernel_that_dies_mid_run_fails_the_run_clearly(tmp_path):
    nbs = tmp_path / "notebooks"
    fixture_notebook(nbs, "DIES", ["int b = 2;", "System.exit(3);", 'Results.of("DIES").parameter("a", a).save()'])
    out = tmp_path / "out"
    env = dict(os.environ, VWB_NOTEBOOKS_DIR=str(nbs))
    proc = subprocess.run([str(ROOT / "workbook"), "run", "DIES", "--build-dir", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    combined = proc.stdout + proc.stderr
    assert "DIES failed" in combined and "kernel died" in combined
    assert not (out / "site" / "DIES.html").exists() and not (out / "results" / "DIES.json").exists()
    assert not kernels_started_for(nbs), "a failed run left a kernel JVM running"


def test_an_interrupt_mid_run_exits_non_zero_and_keeps_the_last_good_site(tmp_path):
    import signal
    import time

    nbs = tmp_path / "notebooks"
    fixture_notebook(nbs, "SLOW", ["Thread.sleep(120_000);", 'Results.of("SLOW").parameter("a", a).save()'])
    out = tmp_path / "out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "SLOW.html").write_text("last good page")
    env = dict(os.environ, VWB_NOTEBOOKS_DIR=str(nbs))
    proc = subprocess.Popen([str(ROOT / "workbook"), "run", "SLOW", "--build-dir", str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.time() + 300
    # Wait until the kernel runs the sleeping cell (its staging folder exists), then interrupt like Ctrl-C.
    while time.time() < deadline and not any(p.name.startswith(".staging") for p in out.iterdir()):
        time.sleep(0.5)
    time.sleep(8)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "interrupted" in (stdout + stderr)
    assert (out / "site" / "SLOW.html").read_text() == "last good page"
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")], "staging folder left behind"
    time.sleep(2)
    assert not kernels_started_for(nbs), "an interrupted run left its kernel JVM running"


def kernels_started_for(notebooks_dir: Path) -> list[int]:
    """PIDs of live processes whose environment names this fixture notebooks folder (kernels of a test run)."""
    pids = []
    marker = f"VWB_NOTEBOOKS_DIR={notebooks_dir}".encode()
    for proc_dir in Path("/proc").iterdir():
        if not proc_dir.name.isdigit():
            continue
        try:
            environ = (proc_dir / "environ").read_bytes()
            cmdline = (proc_dir / "cmdline").read_bytes()
        except OSError:
            continue
        if marker in environ.split(b"\0") and b"java" in cmdline:
            pids.append(int(proc_dir.name))
    return pids


# ---- reproducibility --------------------------------------------------------------------------

def test_the_same_seed_and_parameters_give_bit_identical_results(tmp_path):
    """Two runs of a seeded Monte Carlo notebook (W1) with the same parameters write byte-identical
    results JSON; a different seed changes the Monte Carlo estimate."""
    outputs = []
    runs = (("first", "7"), ("second", "7"), ("other", "8"))
    # The three runs at once (independent build folders): the test costs one run's wall time, not three.
    procs = [subprocess.Popen([str(ROOT / "workbook"), "run", "W1", "-p", f"seed={seed}", "-p", "samples=20000",
                               "--build-dir", str(tmp_path / run)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for run, seed in runs]
    for (run, _), proc in zip(runs, procs):
        log_text, _ = proc.communicate(timeout=900)
        assert proc.returncode == 0, log_text
        outputs.append((tmp_path / run / "results" / "W1.json").read_bytes())
    assert outputs[0] == outputs[1], "same seed, different results"
    first, other = json.loads(outputs[0]), json.loads(outputs[2])
    assert first["results"]["kl_pq"] == other["results"]["kl_pq"], "the closed form does not depend on the seed"
    assert first["results"]["kl_pq_mc"] != other["results"]["kl_pq_mc"], "the seed must drive the Monte Carlo draws"


SILENT_KERNEL_SCRIPT = """
import sys
import nbformat
from nbclient import NotebookClient
from workbook import execution

class Silent:
    allow_stdin = False
    def start_channels(self): pass
    def wait_for_ready(self, timeout): raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
    def stop_channels(self): pass

class HeldKernel:  # a kernel the runner holds from the previous notebook, gone silent
    has_kernel = True
    def client(self): return Silent()
    def is_alive(self): return False
    def cleanup_resources(self): pass

client = NotebookClient(nbformat.v4.new_notebook(), km=HeldKernel(), startup_timeout=1)
try:
    client.execute()
except RuntimeError:
    assert client.km is None
    if sys.argv[1] == "runner":
        execution.forget_exit_cleanup(client)
"""


def test_a_kernel_that_does_not_answer_leaves_no_failing_clean_up_for_exit(tmp_path):
    """nbclient's own path, with a kernel that never answers: nbclient leaves a clean-up registered
    for exit that fails there (a traceback after a green suite, seen in CI after a reused kernel
    went silent). The runner unregisters it; without that, the same process prints the traceback."""
    import sys

    script = tmp_path / "silent_kernel.py"
    script.write_text(SILENT_KERNEL_SCRIPT)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tools"))
    bare = subprocess.run([sys.executable, str(script), "bare"], capture_output=True, text=True, env=env, timeout=120)
    assert "Exception ignored in atexit" in bare.stderr, "nbclient no longer leaves it: forget_exit_cleanup can go"
    runner = subprocess.run([sys.executable, str(script), "runner"], capture_output=True, text=True, env=env, timeout=120)
    assert runner.returncode == 0, runner.stderr
    assert "Exception ignored" not in runner.stderr, runner.stderr


TWO_RUNS_ON_ONE_KERNEL_SCRIPT = """
import json, sys
from pathlib import Path
from jupyter_client.client import KernelClient
from workbook import execution, parameters

identities = []  # the identity each client connects its shell socket under
start_channels = KernelClient.start_channels

def recording_start_channels(self, *args, **kwargs):
    identities.append(self.session.bsession.decode())
    return start_channels(self, *args, **kwargs)

KernelClient.start_channels = recording_start_channels
layout = execution.Layout(Path(sys.argv[1]))
try:
    for k in range(2):  # the second run reuses the first run's kernel, reset in between
        execution.run_one(parameters.load_notebook("W3"), {}, layout, label=f"identity-test-{k}")
finally:
    execution.stop_all_kernels()
print(json.dumps({"identities": identities}))
"""


def test_each_client_of_a_reused_kernel_connects_under_an_identity_of_its_own(tmp_path):
    """jupyter_client gives every client of one kernel manager the same ZMQ identity, and the
    kernel refuses a new client whose identity it still holds: the reused kernel then looked stuck
    for REUSED_READY_TIMEOUT (30 s; 4 of 8 `./workbook run`s in a row here). Two runs of W3 on one kernel
    make three clients (the first run's, the reset's, the second run's): each needs its own."""
    import sys

    script = tmp_path / "two_runs.py"
    script.write_text(TWO_RUNS_ON_ONE_KERNEL_SCRIPT)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tools"), VWB_FRESH_KERNELS="0")
    proc = subprocess.run([sys.executable, str(script), str(tmp_path / "build")], capture_output=True, text=True,
                          env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "trying a fresh kernel" not in proc.stderr, proc.stderr[-3000:]
    identities = json.loads(proc.stdout.strip().splitlines()[-1])["identities"]
    assert len(identities) >= 3, f"expected a client per run and one for the reset: {identities}"
    assert len(set(identities)) == len(identities), f"clients share a ZMQ identity: {identities}"
    assert (tmp_path / "build" / "results" / "W3.json").exists()


def test_a_kernel_that_does_not_start_is_tried_once_more_then_fails_the_notebook(monkeypatch, tmp_path):
    from workbook import execution

    calls = []

    def never_starts(nb_meta, overrides, staging, label):
        calls.append(label)
        raise execution.KernelStartError(f"{nb_meta.id} failed: the Java kernel did not start (port taken)")

    monkeypatch.setattr(execution, "execute", never_starts)
    layout = execution.Layout(tmp_path / "build")
    with pytest.raises(execution.KernelStartError, match="did not start"):
        execution.run_one(parameters.load_notebook("W4"), {}, layout)
    assert calls == ["W4", "W4"]  # one retry, no more

    calls.clear()

    def starts_then_a_cell_fails(nb_meta, overrides, staging, label):
        calls.append(label)
        if len(calls) == 1:
            raise execution.KernelStartError("W4 failed: the Java kernel did not start (port taken)")
        raise workbook.RunError("W4 failed in cell 3: boom")

    monkeypatch.setattr(execution, "execute", starts_then_a_cell_fails)
    with pytest.raises(workbook.RunError, match="cell 3"):
        execution.run_one(parameters.load_notebook("W4"), {}, layout)
    assert calls == ["W4", "W4"]
    assert not (layout.results / "W4.json").exists()  # nothing half-written
