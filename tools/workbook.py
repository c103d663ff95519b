"""The runner behind ./workbook: set-up, parameterised notebook runs, the HTML site, and tests.

    workbook run [ID ...] [-p name=value ...] [--build-dir DIR]
    workbook test
    workbook fuzz [ID ...] [--draws N] [--seed S] [--cases]
    workbook lab [--port N]
    workbook list [ID ...]
    workbook setup

Notebooks live in notebooks/ID.ipynb. The first code cell, tagged `parameters`, declares each
parameter as `TYPE name = value;` and, at the end of its comment, its domain (tools/domains.py).
`-p name=value` overrides are checked against those declarations and domains before anything runs and injected as a new cell (tagged `injected-parameters`)
right after it. The source notebook is never modified: outputs are written to a staging folder
and moved into build/ only when the run succeeded.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import domains  # noqa: E402  (tools/domains.py: parameter domains, their checks and random draws)

ROOT = Path(__file__).resolve().parent.parent
# VWB_NOTEBOOKS_DIR lets the runner's tests use fixture notebooks; users never need it.
NOTEBOOKS = Path(os.environ.get("VWB_NOTEBOOKS_DIR") or ROOT / "notebooks").resolve()
BUILD = ROOT / "build"
VENV = ROOT / ".venv"
KERNEL_NAME = "java"
KERNEL_STARTUP = ROOT / "tools" / "kernel" / "startup.jsh"
KERNEL_WARMUP = ROOT / "tools" / "kernel" / "warmup.jsh"
SITE_TEMPLATES = ROOT / "tools" / "site" / "templates"
CELL_TIMEOUT = int(os.environ.get("VWB_CELL_TIMEOUT", "900"))
STARTUP_TIMEOUT = int(os.environ.get("VWB_STARTUP_TIMEOUT", "120"))

# Notebook order on the site and in full runs; notebooks not listed here follow alphabetically.
ORDER = ["A", "B", "C", "D", "E", "W1", "W2", "W3", "W4", "BBVI", "BLR", "EP", "GMM"]


class UsageError(Exception):
    """A mistake in the command line: reported in plain words, exit status 2."""


class RunError(Exception):
    """A notebook failed: reported naming the notebook and the cell's error, exit status 1."""


# --------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------

TYPES = ("double", "int", "long", "boolean", "String", "double[]", "int[]", "long[]")
DECLARATION = re.compile(
    r"^\s*(?P<type>double\[\]|int\[\]|long\[\]|double|int|long|boolean|String)\s+"
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<value>.+?)\s*;\s*(?://(?P<comment>.*))?$"
)
NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
INTEGER = re.compile(r"^[-+]?\d+$")
WORD = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass
class Parameter:
    name: str
    type: str
    default: str  # the Java text of the default value
    comment: str = ""  # what the parameter is (the comment before "domain:")
    domain: domains.Domain | None = None

    @property
    def default_value(self):
        """The default as a Python value (a float, a list of floats, a bool or a str)."""
        return json_value(self.type, self.default)


@dataclass
class Notebook:
    id: str
    path: Path
    parameters: dict[str, Parameter] = field(default_factory=dict)
    title: str = ""
    requirements: list = field(default_factory=list)  # domains.Requirement: rules across parameters

    @property
    def domains(self) -> dict:
        return {n: p.domain for n, p in self.parameters.items()}

    def defaults(self) -> dict:
        return {n: p.default_value for n, p in self.parameters.items()}

    def check(self, values: dict, names=None) -> None:
        """Raises UsageError naming the parameter, the rule and the value if `values` (every
        parameter) lie outside the declared domains or break a requirement."""
        try:
            domains.check_all(self.id, self.domains, self.requirements, values, names)
        except domains.DomainError as exc:
            raise UsageError(str(exc)) from None


def notebook_ids() -> list[str]:
    found = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    ordered = [i for i in ORDER if i in found]
    return ordered + [i for i in found if i not in ordered]


def read_json(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cell_source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def load_notebook(nb_id: str) -> Notebook:
    path = NOTEBOOKS / f"{nb_id}.ipynb"
    if not path.exists():
        raise UsageError(f"unknown notebook '{nb_id}'. Notebooks are: {', '.join(notebook_ids())}")
    nb = read_json(path)
    params_cell = parameters_cell(nb, nb_id)
    params = {}
    requirements = []
    for number, line in enumerate(cell_source(params_cell).splitlines(), start=1):
        stripped = line.strip()
        try:
            if stripped.startswith("//"):
                rest = stripped[2:].strip()
                if rest.startswith("require:"):
                    requirements.append(domains.parse_requirement(rest[len("require:"):]))
                continue
            if not stripped:
                continue
            m = DECLARATION.match(line)
            if not m:
                raise RunError(
                    f"{nb_id}: line {number} of the parameters cell is not a declaration "
                    f"'TYPE name = value;' with TYPE one of {', '.join(TYPES)}: {line!r}"
                )
            comment, _, rules = (m["comment"] or "").rpartition("domain:") if "domain:" in (m["comment"] or "") \
                else ((m["comment"] or ""), "", "")
            p = Parameter(m["name"], m["type"], m["value"], comment.strip().rstrip(".;,").strip(),
                          domains.parse_domain(m["name"], m["type"], rules.strip()))
        except domains.DeclarationError as exc:
            raise RunError(f"{nb_id}: line {number} of the parameters cell: {exc}") from None
        if p.name in params:
            raise RunError(f"{nb_id}: parameter '{p.name}' is declared twice in the parameters cell")
        params[p.name] = p
    title = ""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in cell_source(cell).splitlines():
                if line.startswith("#"):
                    title = line.lstrip("#").strip()
                    break
            if title:
                break
    meta = Notebook(nb_id, path, params, title, requirements)
    try:
        meta.check(meta.defaults())
    except UsageError as exc:
        raise RunError(f"{nb_id}: its defaults lie outside its own declared domains: {exc}") from None
    return meta


def parameters_cell(nb: dict, nb_id: str) -> dict:
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    if not code or "parameters" not in code[0].get("metadata", {}).get("tags", []):
        raise RunError(f"{nb_id}: the first code cell must be tagged 'parameters'")
    return code[0]


def describe(params: dict[str, Parameter]) -> str:
    if not params:
        return "(this notebook has no parameters)"
    return ", ".join(f"{p.name} ({p.type}, default {p.default}, domain: {p.domain.text})" for p in params.values())


def java_literal(nb_id: str, p: Parameter, value: str) -> str:
    """The Java text for `value` as a `p.type`, or a UsageError saying what is expected."""

    def fail(expected: str) -> UsageError:
        return UsageError(
            f"{nb_id}: parameter '{p.name}' is a {p.type}; {expected}, got '{value}'"
        )

    v = value.strip()
    if p.type == "double":
        if not NUMBER.match(v) or not math.isfinite(float(v)):
            raise fail("expected a finite number such as 1.5 or -2e-3")
        return v
    if p.type in ("int", "long"):
        if not INTEGER.match(v):
            raise fail("expected a whole number such as 3")
        n = int(v)
        limit = 2**31 if p.type == "int" else 2**63
        if not -limit <= n < limit:
            raise fail(f"expected a whole number that fits in a Java {p.type}")
        return str(n) + ("L" if p.type == "long" else "")
    if p.type == "boolean":
        if v not in ("true", "false"):
            raise fail("expected true or false")
        return v
    if p.type == "String":
        if not WORD.match(v):
            raise fail("expected one word of letters, digits, '_', '.' or '-'")
        return '"' + v + '"'
    # arrays
    items = [s.strip() for s in v.split(",")] if v else []
    if any(s == "" for s in items):
        raise fail("expected a comma-separated list of numbers with no empty entries, such as 1.2,0.7,2.3")
    element = p.type[:-2]
    out = []
    for s in items:
        if element == "double":
            if not NUMBER.match(s) or not math.isfinite(float(s)):
                raise fail(f"expected a comma-separated list of finite numbers ('{s}' is not one)")
            out.append(s)
        else:
            if not INTEGER.match(s):
                raise fail(f"expected a comma-separated list of whole numbers ('{s}' is not one)")
            out.append(s + ("L" if element == "long" else ""))
    return "{" + ", ".join(out) + "}"


def parse_overrides(nb: Notebook, pairs: list[str]) -> dict[str, str]:
    """name=value strings to {name: java literal}; refuses unknown names and ill-typed values."""
    result = {}
    for pair in pairs:
        if "=" not in pair:
            raise UsageError(f"-p expects name=value, got '{pair}'")
        name, value = pair.split("=", 1)
        name = name.strip()
        if name not in nb.parameters:
            hint = difflib.get_close_matches(name, list(nb.parameters), n=1)
            did_you_mean = f" Did you mean '{hint[0]}'?" if hint else ""
            raise UsageError(
                f"{nb.id} has no parameter '{name}'.{did_you_mean} Valid parameters: {describe(nb.parameters)}"
            )
        result[name] = java_literal(nb.id, nb.parameters[name], value)
    values = nb.defaults()
    values.update({n: json_value(nb.parameters[n].type, lit) for n, lit in result.items()})
    # The parameters given first (their own rules), then every rule, so that a combination the
    # notebook cannot serve (a length that no longer matches a default) is refused too.
    nb.check(values, names=list(result))
    nb.check(values)
    return result


def injected_cell(nb: Notebook, overrides: dict[str, str]) -> dict:
    lines = ["// Parameters injected by ./workbook run (they replace the defaults above)"]
    for name, literal in overrides.items():
        lines.append(f"{nb.parameters[name].type} {name} = {literal};")
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": "injected-parameters",
        "metadata": {"tags": ["injected-parameters"]},
        "outputs": [],
        "source": "\n".join(lines),
    }


# --------------------------------------------------------------------------------------------
# Set-up: the library jar and the kernel
# --------------------------------------------------------------------------------------------

def log(message: str) -> None:
    print(message, flush=True)


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


def kernel_side_jar() -> Path:
    """The kernel-side jar (src/kernel/java: start-up code the kernel runs, not the library)."""
    return BUILD / "kernel" / "variational-workbook-kernel.jar"


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


def kernel_dir() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME


# The kernel JVM's options. Start-up speed (bench/README.md): C1 only and the serial collector
# roughly halve kernel start and a W4 run on 2 cores; the notebooks' numerics are too short to
# miss C2.
KERNEL_JVM_OPTIONS = ["-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def kernel_archive() -> Path:
    """The kernel's class archive (AppCDS): the classes a kernel loads, recorded once per build."""
    return BUILD / "kernel" / "kernel.jsa"


def kernel_argv(extra: list[str]) -> list[str]:
    """The kernel's command line. JJava's own spec starts jjava-launcher.jar, a JVM whose only job
    is to start a second JVM with these same options; starting the kernel JVM directly saves that
    JVM's start-up (about 0.3 s a notebook)."""
    kernel_jar = kernel_dir() / "jjava.jar"
    return ["java", *KERNEL_JVM_OPTIONS, *extra, "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
            "-jar", str(kernel_jar), "{connection_file}"]


def kernel_spec(jar: Path, argv: list[str]) -> dict:
    return {
        "argv": argv,
        "display_name": "Java (Variational Workbook)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            # The kernel side first, then the library (the runner's test reads the library last).
            "JJAVA_CLASSPATH": os.pathsep.join([str(kernel_side_jar()), str(jar)]),
            "JJAVA_STARTUP_SCRIPTS_PATH": str(KERNEL_STARTUP),
        },
        "metadata": {"variational-workbook": True},
    }


def ensure_kernel(jar: Path) -> None:
    """Writes our kernelspec over JJava's: the same kernel jar, plus the library on the classpath,
    the start-up script that imports it and registers the renderers, and the class archive."""
    kdir = kernel_dir()
    if not (kdir / "jjava.jar").exists():
        raise RunError(f"JJava is not installed in {sys.prefix} ({kdir / 'jjava.jar'} is missing); run ./workbook setup")
    extra = []
    if ensure_kernel_archive(jar):
        # -Xshare:auto (the default): a JVM that cannot use the archive starts without it.
        extra = [f"-XX:SharedArchiveFile={kernel_archive()}", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
    path = kdir / "kernel.json"
    text = json.dumps(kernel_spec(jar, kernel_argv(extra)), indent=2) + "\n"
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def archive_stamp(jar: Path) -> str:
    """What the archive was recorded against: the JVM, JJava, the library, the options and the
    warm-up. If any of them changes the archive is recorded again."""
    java = shutil.which("java") or "java"
    real = os.path.realpath(java)
    parts = {"java": real, "java_mtime": os.stat(real).st_mtime if os.path.exists(real) else 0}
    for name, f in (("jjava", kernel_dir() / "jjava.jar"), ("library", jar), ("kernel_side", kernel_side_jar())):
        st = f.stat() if f.exists() else None
        parts[name] = [str(f), st.st_size, st.st_mtime] if st else None
    parts["options"] = KERNEL_JVM_OPTIONS
    parts["scripts"] = hashlib.sha256(KERNEL_STARTUP.read_bytes() + KERNEL_WARMUP.read_bytes()).hexdigest()
    return json.dumps(parts, sort_keys=True)


def ensure_kernel_archive(jar: Path) -> bool:
    """Records the kernel's class archive when it is missing or stale; True if it can be used.

    A kernel loads some 5,000 classes (javac, JShell, JJava, XChart, Tablesaw, the library) before
    it runs a cell. A JVM started with -XX:ArchiveClassesAtExit writes the classes it loaded to an
    archive as it exits; later JVMs map that archive instead of loading and verifying the classes
    again: kernel start 2.3 -> 1.7 s, 1 CPU-second less per notebook (bench/README.md). The
    recording runs tools/kernel/warmup.jsh in a kernel once per library build (about 6 s). If it
    fails the kernels simply start without the archive."""
    archive = kernel_archive()
    stamp_file = archive.with_name("kernel.jsa.stamp")
    stamp = archive_stamp(jar)
    archive.parent.mkdir(parents=True, exist_ok=True)
    import fcntl

    with open(archive.with_name(".kernel.jsa.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two ./workbook commands at once record it once
        if archive.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
            return True
        for f in (archive, stamp_file):
            f.unlink(missing_ok=True)
        log("recording the kernel's class archive (once per library build) ...")
        t = time.time()
        try:
            record_kernel_archive(jar, archive)
        except Exception as exc:  # a slower start, not a failure: say so and go on
            log(f"  warning: no class archive ({exc}); kernels start about 1 s slower. "
                f"Details: build/logs/kernel-archive.log")
            return False
        stamp_file.write_text(stamp)
        log(f"  recorded in {time.time() - t:.1f} s: {os.path.relpath(archive, ROOT)}")
        return True


def record_kernel_archive(jar: Path, archive: Path) -> None:
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    tmp = archive.with_name(".kernel.jsa.tmp")
    tmp.unlink(missing_ok=True)
    logs = BUILD / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vwb-archive-") as scratch, \
            open(logs / "kernel-archive.log", "w") as kernel_log:
        specs = Path(scratch) / "kernels"
        (specs / "vwb-archive").mkdir(parents=True)
        spec = kernel_spec(jar, kernel_argv([f"-XX:ArchiveClassesAtExit={tmp}"]))
        (specs / "vwb-archive" / "kernel.json").write_text(json.dumps(spec))
        km = KernelManager(kernel_name="vwb-archive", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)]))
        env = dict(os.environ, VWB_RESULTS_DIR=scratch)
        km.start_kernel(stdout=kernel_log, stderr=kernel_log, cwd=scratch, env=env)
        process = km.provisioner.process
        kc = km.client()
        try:
            kc.start_channels()
            kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
            reply = kc.execute_interactive(KERNEL_WARMUP.read_text(), timeout=CELL_TIMEOUT, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                content = reply["content"]
                raise RunError(f"the warm-up failed: {content.get('ename')}: {content.get('evalue')}")
            # The JVM writes the archive as it exits. (JJava answers a shutdown request by stopping
            # its loops, but its JVM then lingers for about a minute.) SIGTERM makes it exit at once.
            process.terminate()
            code = process.wait(timeout=120)
            if code not in (0, 143) or not tmp.exists() or tmp.stat().st_size == 0:  # 143: exit on SIGTERM
                raise RunError(f"the recording kernel exited with status {code} and no archive")
        finally:
            kc.stop_channels()
            if process.poll() is None:
                km.shutdown_kernel(now=True)
            else:
                km.cleanup_resources()
        os.replace(tmp, archive)


def setup(force_build: bool = False) -> Path:
    jar = ensure_library(force=force_build)
    ensure_kernel(jar)
    mathjax_source()  # fail early if MathJax is missing
    return jar


# --------------------------------------------------------------------------------------------
# Running notebooks
# --------------------------------------------------------------------------------------------

@dataclass
class Layout:
    """Where a run writes: DIR/executed, DIR/results, DIR/site."""

    root: Path

    @property
    def executed(self) -> Path:
        return self.root / "executed"

    @property
    def results(self) -> Path:
        return self.root / "results"

    @property
    def site(self) -> Path:
        return self.root / "site"


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def error_summary(exc: Exception, nb=None) -> str:
    """The cell's error in plain words: its name and value, then the kernel's traceback (for a
    compilation error that is where the compiler's message is)."""
    name = getattr(exc, "ename", None)
    value = getattr(exc, "evalue", None)
    text = f"{name}: {value}" if (name or value) else (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
    if nb is not None:
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    lines = [ANSI.sub("", line).rstrip() for line in out.get("traceback", [])]
                    lines = [line for line in lines if line.strip()][:12]
                    if lines:
                        text += "\n    " + "\n    ".join(lines)
                    break
    return ANSI.sub("", text)


def failing_cell_index(nb) -> int | None:
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return i
    return None


# One kernel per worker, reused from notebook to notebook: a kernel start (JVM, JShell, the start-up
# script) is about 40% of a warm `./workbook run`. Between two notebooks the kernel-side
# kernel.KernelReset empties the shell (every variable, method, class and import) and runs the
# start-up imports again. A kernel that failed a notebook, or cannot reset, is replaced by a fresh
# one. VWB_FRESH_KERNELS=1: a fresh kernel for every notebook, as before.
RESET_REQUEST = "// vwb: reset the kernel"  # kernel.KernelReset.REQUEST
RESET_DONE = "vwb: kernel reset"            # kernel.KernelReset.DONE
WORKER_KERNELS = threading.local()
ALL_KERNELS: list = []
ALL_KERNELS_LOCK = threading.Lock()


def reuse_kernels() -> bool:
    return os.environ.get("VWB_FRESH_KERNELS", "") in ("", "0")


def worker_kernel():
    """This worker's kernel, reset for the next notebook: (km, its results folder, its log), or
    None: then the notebook starts a fresh one."""
    held = getattr(WORKER_KERNELS, "kernel", None)
    if held is not None:
        from jupyter_core.utils import run_sync

        km = held[0]
        if run_sync(km.is_alive)() and kernel_reset(km):
            return held
        drop_worker_kernel()
    return None


def kernel_reset(km) -> bool:
    from jupyter_core.utils import run_sync

    kc = km.client()
    try:
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=STARTUP_TIMEOUT)
        shown = []
        reply = run_sync(kc.execute_interactive)(RESET_REQUEST, timeout=CELL_TIMEOUT, output_hook=lambda msg: shown.append(
            msg["content"]["data"].get("text/plain")) if msg["msg_type"] == "execute_result" else None)
        return reply["content"]["status"] == "ok" and any(RESET_DONE in (t or "") for t in shown)
    except Exception:  # a kernel that cannot reset is replaced
        return False
    finally:
        kc.stop_channels()


def drop_worker_kernel() -> None:
    held = getattr(WORKER_KERNELS, "kernel", None)
    WORKER_KERNELS.kernel = None
    if held is not None:
        stop_kernel(held[0], held[1])


def stop_kernel(km, results: Path) -> None:
    with ALL_KERNELS_LOCK:
        if (km, results) not in ALL_KERNELS:
            return
        ALL_KERNELS.remove((km, results))
    try:
        from jupyter_core.utils import run_sync

        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        pass
    shutil.rmtree(results, ignore_errors=True)


def stop_all_kernels() -> None:
    with ALL_KERNELS_LOCK:
        held = list(ALL_KERNELS)
    for km, results in held:
        stop_kernel(km, results)


def execute(nb_meta: Notebook, overrides: dict[str, str], staging: Path, label: str):
    """Executes a copy of the notebook with overrides; returns the executed notebook node."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    nb = nbformat.read(nb_meta.path, as_version=4)
    if overrides:
        index = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
        nb.cells.insert(index + 1, nbformat.from_dict(injected_cell(nb_meta, overrides)))
    results_dir = staging / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    logs = BUILD / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    options = dict(timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT, kernel_name=KERNEL_NAME,
                   resources={"metadata": {"path": str(NOTEBOOKS)}})
    held = worker_kernel() if reuse_kernels() else None
    if held:
        km, kernel_results, log_path = held
        (kernel_results / f"{nb_meta.id}.json").unlink(missing_ok=True)
        client = NotebookClient(nb, km=km, **options)
    else:
        km = None
        kernel_results = Path(tempfile.mkdtemp(prefix="vwb-kernel-results-")) if reuse_kernels() else results_dir
        log_path = logs / f"{label}.kernel.log"
        # The results are on disk when the last cell returns; a graceful JJava shutdown costs ~3 s.
        client = NotebookClient(nb, shutdown_kernel="immediate", **options)
    log_name = f"build/logs/{log_path.name}"
    ACTIVE_CLIENTS.add(client)
    ok = False
    with open(log_path, "a" if held else "w") as kernel_log:
        try:
            if held:
                client.execute()
            else:
                # The kernel inherits this environment: the library writes the results JSON there.
                # The kernel's own log lines go to build/logs/LABEL.kernel.log, not the terminal.
                env = dict(os.environ, VWB_RESULTS_DIR=str(kernel_results))
                if reuse_kernels():
                    client.execute(env=env, stdout=kernel_log, stderr=kernel_log, cleanup_kc=False)
                    with ALL_KERNELS_LOCK:
                        ALL_KERNELS.append((client.km, kernel_results))
                    WORKER_KERNELS.kernel = (client.km, kernel_results, log_path)
                else:
                    client.execute(env=env, stdout=kernel_log, stderr=kernel_log)
            if kernel_results != results_dir:
                produced = kernel_results / f"{nb_meta.id}.json"
                if produced.exists():
                    os.replace(produced, results_dir / produced.name)
            ok = True
        except CellExecutionError as exc:
            index = failing_cell_index(nb)
            save_failed(nb, label)
            where = f"cell {index + 1}" if index is not None else "a cell"
            raise RunError(f"{nb_meta.id} failed in {where}: {error_summary(exc, nb)}") from None
        except DeadKernelError:
            save_failed(nb, label)
            raise RunError(f"{nb_meta.id} failed: the Java kernel died during the run ({log_name})") from None
        except TimeoutError as exc:
            save_failed(nb, label)
            raise RunError(f"{nb_meta.id} failed: {exc}") from None
        except RuntimeError as exc:
            raise RunError(
                f"{nb_meta.id} failed: the Java kernel did not start ({exc}); see {log_name}"
            ) from None
        finally:
            ACTIVE_CLIENTS.discard(client)
            if reuse_kernels():
                if client.kc is not None:
                    client.kc.stop_channels()
                if not ok:
                    if getattr(WORKER_KERNELS, "kernel", None) is None and client.km is not None:
                        with ALL_KERNELS_LOCK:  # started by this notebook and not yet held: stop it too
                            ALL_KERNELS.append((client.km, kernel_results))
                        stop_kernel(client.km, kernel_results)
                    drop_worker_kernel()  # the next notebook gets a fresh kernel
    return nb


ACTIVE_CLIENTS: set = set()


def kill_active_kernels() -> None:
    """On an interrupt: kill every running kernel so that the worker threads finish at once."""
    for client in list(ACTIVE_CLIENTS):
        provisioner = getattr(getattr(client, "km", None), "provisioner", None)
        process = getattr(provisioner, "process", None)
        if process is None:
            continue
        # JJava's launcher JVM starts the kernel JVM as its child: kill the whole process group
        # (jupyter_client starts each kernel in a session of its own), not only the launcher.
        try:
            pgid = getattr(provisioner, "pgid", None) or os.getpgid(process.pid)
            if pgid != os.getpgid(0):
                os.killpg(pgid, signal.SIGKILL)
            else:
                process.kill()
        except OSError:
            pass


def save_failed(nb, label: str) -> None:
    import nbformat

    failed = BUILD / "failed"
    failed.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, failed / f"{label}.ipynb")


def check_results(nb_meta: Notebook, overrides: dict[str, str], results_file: Path) -> dict:
    """The results JSON must exist, name the notebook, and record every declared parameter."""
    if not results_file.exists():
        raise RunError(f"{nb_meta.id} ran but wrote no results (expected Results.of(\"{nb_meta.id}\")...save())")
    data = read_json(results_file)
    if data.get("notebook") != nb_meta.id:
        raise RunError(f"{nb_meta.id}: results JSON names notebook {data.get('notebook')!r}")
    recorded = data.get("parameters", {})
    missing = [n for n in nb_meta.parameters if n not in recorded]
    if missing:
        raise RunError(f"{nb_meta.id}: results JSON does not record parameter(s) {', '.join(missing)}")
    bad = non_finite(data.get("results", {}))
    if bad:
        raise RunError(f"{nb_meta.id}: result {bad} is not a finite number (NaN or infinite, written as null); "
                       "every result must be finite for every valid parameter set")
    for name, literal in overrides.items():
        used = recorded[name]
        expected = json_value(nb_meta.parameters[name].type, literal)
        if not same_value(used, expected):
            raise RunError(f"{nb_meta.id}: parameter {name} was set to {literal} but the results record {used!r}")
    return data


def non_finite(value, path: str = "") -> str | None:
    """The path of the first null (a NaN or infinity the library could not write) in a result."""
    if value is None:
        return path or "(the results)"
    if isinstance(value, float) and not math.isfinite(value):
        return path
    if isinstance(value, dict):
        for k, v in value.items():
            found = non_finite(v, f"{path}.{k}" if path else k)
            if found:
                return found
    if isinstance(value, list):
        for i, v in enumerate(value):
            found = non_finite(v, f"{path}[{i}]")
            if found:
                return found
    return None


def json_value(java_type: str, literal: str):
    t = literal.strip().rstrip("L")
    if java_type == "String":
        return t.strip('"')
    if java_type == "boolean":
        return t == "true"
    whole = java_type.split("[")[0] in ("int", "long")
    if java_type.endswith("[]"):
        inner = t.strip("{}").strip()
        return [int(s.strip().rstrip("L")) if whole else float(s) for s in inner.split(",")] if inner else []
    return int(t) if whole else float(t)


def same_value(a, b) -> bool:
    if isinstance(b, list):
        return isinstance(a, list) and len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(b, float) and isinstance(a, (int, float)) and not isinstance(a, bool):
        return a == b or abs(a - b) <= 1e-12 * max(1.0, abs(b))
    return a == b


def run_one(nb_meta: Notebook, overrides: dict[str, str], layout: Layout, neighbours=(None, None), label=None) -> dict:
    """Runs one notebook; on success moves its executed copy, results and page into `layout`."""
    import nbformat

    layout.root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{nb_meta.id}-", dir=layout.root))
    try:
        nb = execute(nb_meta, overrides, staging, label or nb_meta.id)
        results = check_results(nb_meta, overrides, staging / "results" / f"{nb_meta.id}.json")
        nbformat.write(nb, staging / f"{nb_meta.id}.ipynb")
        html = export_html(nb, nb_meta, neighbours, results.get("parameters", {}))
        (staging / f"{nb_meta.id}.html").write_text(html, encoding="utf-8")
        for folder in (layout.executed, layout.results, layout.site):
            folder.mkdir(parents=True, exist_ok=True)
        os.replace(staging / f"{nb_meta.id}.ipynb", layout.executed / f"{nb_meta.id}.ipynb")
        os.replace(staging / "results" / f"{nb_meta.id}.json", layout.results / f"{nb_meta.id}.json")
        os.replace(staging / f"{nb_meta.id}.html", layout.site / f"{nb_meta.id}.html")
        return results
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# HTML site
# --------------------------------------------------------------------------------------------

def mathjax_source() -> Path:
    import importlib.util

    # Located, not imported: importing it imports all of jupyter_server (seconds on a busy machine).
    spec = importlib.util.find_spec("jupyter_server_mathjax")
    if spec is None or not spec.origin:
        raise RunError("MathJax is missing (jupyter-server-mathjax is not installed); run ./workbook setup")
    static = Path(spec.origin).parent / "static"
    if not (static / "MathJax.js").exists():
        raise RunError(f"MathJax is missing from {static}; run ./workbook setup")
    return static


EXPORTERS = threading.local()  # one exporter per worker thread: its template is compiled once


def html_exporter():
    """nbconvert's HTML exporter with our template, minus one pass that costs a third of an export.

    HTMLExporter re-parses the finished page (about 1 MB of mostly base64 PNG) with BeautifulSoup
    only to add alt text to images and tabindex to cells. The same two edits are made here with
    regular expressions on the few tags concerned (0.3 s less per notebook)."""
    exporter = getattr(EXPORTERS, "exporter", None)
    if exporter is not None:
        return exporter
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class WorkbookExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name"))
            self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            self.register_filter(
                "filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources)
            )
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return accessible(html), resources

    exporter = WorkbookExporter(
        template_name="workbook",
        extra_template_basedirs=[str(SITE_TEMPLATES)],
        mathjax_url="mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe",
    )
    EXPORTERS.exporter = exporter
    return exporter


IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")
FOCUSABLE = re.compile(r'<div class="(jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"')


def accessible(html: str) -> str:
    """Alt text on every image and keyboard focus on every cell's input and output, as nbconvert's
    HTMLExporter adds them."""
    html = IMG_WITHOUT_ALT.sub('<img alt="No description has been provided for this image"', html)
    return FOCUSABLE.sub(lambda m: m.group(0) + ' tabindex="0"', html)


def changed_parameters(nb_meta: Notebook, recorded: dict) -> list[str]:
    """The parameters whose recorded value differs from the declared default."""
    return [n for n, p in nb_meta.parameters.items() if n in recorded and not same_value(recorded[n], p.default_value)]


def shown_value(value) -> str:
    if isinstance(value, list):
        return "{" + ", ".join(shown_value(v) for v in value) + "}" if len(value) <= 12 else \
            "{" + ", ".join(shown_value(v) for v in value[:10]) + f", ... ({len(value)} values)}}"
    if isinstance(value, float):
        return f"{value:.1f}" if value.is_integer() and abs(value) < 1e6 else repr(value)
    return domains.show(value)


def parameters_header(nb_meta: Notebook, recorded: dict) -> str:
    """The HTML block at the top of a page: every parameter with the value this page was run
    with, those that differ from the defaults marked (with the default beside them)."""
    import html as h

    changed = set(changed_parameters(nb_meta, recorded))
    rows = []
    for name, p in nb_meta.parameters.items():
        value = shown_value(recorded.get(name, p.default_value))
        mark = ' class="vwb-changed"' if name in changed else ""
        note = f'<span class="vwb-default">default {h.escape(shown_value(p.default_value))}</span>' if name in changed else ""
        rows.append(f'<tr{mark}><td><code>{h.escape(name)}</code></td><td><code>{h.escape(value)}</code> {note}</td>'
                    f'<td>{h.escape(p.comment)}</td><td class="vwb-domain">{h.escape(p.domain.text)}</td></tr>')
    summary = (f"{len(changed)} of {len(nb_meta.parameters)} differ from the defaults: "
               + ", ".join(sorted(changed, key=list(nb_meta.parameters).index))) if changed \
        else f"all {len(nb_meta.parameters)} at their defaults"
    return (f'<details class="vwb-parameters{" vwb-nondefault" if changed else ""}" open>'
            f'<summary>This page was run with these parameters ({h.escape(summary)})</summary>'
            '<table><thead><tr><th>parameter</th><th>value</th><th>meaning</th><th>domain</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></details>')


def export_html(nb, nb_meta: Notebook, neighbours, recorded: dict | None = None) -> str:
    previous, following = neighbours
    resources = {
        "metadata": {"name": f"{nb_meta.id}: {nb_meta.title}" if nb_meta.title else nb_meta.id},
        "vwb_previous": previous,
        "vwb_next": following,
        "vwb_parameters": parameters_header(nb_meta, recorded if recorded is not None else {}),
    }
    body, _ = html_exporter().from_notebook_node(nb, resources=resources)
    return body


def install_mathjax(site: Path) -> None:
    target = site / "mathjax"
    if (target / "MathJax.js").exists():
        return
    tmp = site / ".mathjax-tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(mathjax_source(), tmp)
    os.replace(tmp, target)


KEY_RESULTS = 4


def summarise(value) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        if len(value) > 4 or any(isinstance(v, (list, dict)) for v in value):
            return f"[{len(value)} values]"
        return "[" + ", ".join(summarise(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {summarise(v)}" for k, v in list(value.items())[:4]) + "}"
    return str(value)


def write_index(layout: Layout) -> None:
    """build/site/index.html: every notebook with results, the problem it answers, key results."""
    import html as h

    rows = []
    for nb_id in notebook_ids():
        page = layout.site / f"{nb_id}.html"
        results_file = layout.results / f"{nb_id}.json"
        if not page.exists() or not results_file.exists():
            continue
        meta = load_notebook(nb_id)
        data = read_json(results_file)
        results = data.get("results", {})
        recorded = data.get("parameters", {})
        changed = changed_parameters(meta, recorded)
        run_with = ("<br><span class=\"nondefault\">non-default parameters: "
                    + ", ".join(f"<code>{h.escape(n)} = {h.escape(shown_value(recorded[n]))}</code>" for n in changed)
                    + "</span>") if changed else ""
        scalars = [(k, v) for k, v in results.items() if not isinstance(v, (list, dict))]
        shown = (scalars or list(results.items()))[:KEY_RESULTS]
        key = "<br>".join(f"<code>{h.escape(k)}</code> = {h.escape(summarise(v))}" for k, v in shown)
        rows.append(
            f'<tr><td><a href="{nb_id}.html">{h.escape(nb_id)}</a></td>'
            f"<td>{h.escape(meta.title)}{run_with}</td><td>{key}</td></tr>"
        )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Variational Workbook</title>
<script type="text/x-mathjax-config">
MathJax.Hub.Config({{tex2jax: {{inlineMath: [['$','$']], processEscapes: true}}, messageStyle: 'none'}});
</script>
<script src="mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"></script>
<style>
 body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }}
 table {{ border-collapse: collapse; width: 100%; }}
 td, th {{ text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid #ddd; }}
 code {{ font-size: 90%; }} a {{ color: #0b5394; }}
 .nondefault {{ color: #8a3b00; font-size: 90%; }}
</style></head><body>
<h1>Variational Workbook</h1>
<p>Worked, checked solutions in mean-field variational inference. Each page was executed by
<code>./workbook run</code> on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.</p>
<table><thead><tr><th>notebook</th><th>problem</th><th>key results</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""
    tmp = layout.site / ".index.html.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, layout.site / "index.html")


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------

@dataclass
class Job:
    label: str
    meta: Notebook
    overrides: dict
    layout: Layout
    neighbours: tuple = (None, None)


def default_jobs() -> int:
    return int(os.environ.get("VWB_JOBS") or min(2, os.cpu_count() or 1))


def run_jobs(jobs: list[Job], workers: int) -> list[str]:
    """Runs the jobs, `workers` kernels at a time; prints one line per job; returns the failures."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    total = len(jobs)
    failures = []
    done = 0

    def one(job: Job):
        t = time.time()
        try:
            run_one(job.meta, job.overrides, job.layout, job.neighbours, job.label)
            return job, None, time.time() - t
        except RunError as exc:
            return job, str(exc), time.time() - t

    # Longest first, by the durations of earlier runs (unknown ones first of all), so that no
    # long notebook starts last while the other core has nothing left to do.
    durations = read_durations()
    jobs = sorted(jobs, key=lambda job: -durations.get(job.label, math.inf))
    log(f"running {total} notebook run(s), {workers} at a time")
    # Import what the workers use here, once, before they start: two threads importing
    # jupyter_client at the same time can see it half initialised ("partially initialized
    # module"; seen once in 2026-11). About 1 s.
    import nbclient  # noqa: F401
    import nbconvert  # noqa: F401
    import nbformat  # noqa: F401
    from nbconvert import HTMLExporter  # noqa: F401
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        futures = [pool.submit(one, job) for job in jobs]
        for future in as_completed(futures):
            job, error, seconds = future.result()
            done += 1
            if error is None:
                log(f"[{done}/{total}] {job.label} ok in {seconds:.1f} s")
                durations[job.label] = round(seconds, 1)
            else:
                log(f"[{done}/{total}] {job.label} FAILED after {seconds:.1f} s: {error}")
                failures.append(error)
    except KeyboardInterrupt:
        log("interrupted: stopping the running kernels; build/ keeps the last good outputs")
        pool.shutdown(wait=False, cancel_futures=True)
        kill_active_kernels()
        pool.shutdown(wait=True)
        raise
    finally:
        stop_all_kernels()  # the workers' kernels (reused from notebook to notebook)
    pool.shutdown(wait=True)
    write_durations(durations)
    return failures


DURATIONS = BUILD / "logs" / "durations.json"


def read_durations() -> dict[str, float]:
    try:
        data = json.loads(DURATIONS.read_text())
        return {k: float(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError, TypeError):
        return {}


def write_durations(durations: dict[str, float]) -> None:
    DURATIONS.parent.mkdir(parents=True, exist_ok=True)
    tmp = DURATIONS.with_name(f".durations-{os.getpid()}.json")
    tmp.write_text(json.dumps(durations, indent=1, sort_keys=True) + "\n")
    os.replace(tmp, DURATIONS)


def run_notebooks(ids: list[str], pairs: list[str], layout: Layout, workers: int | None = None) -> int:
    metas = [load_notebook(i) for i in ids]
    overrides = {}
    if pairs:
        if len(metas) != 1:
            raise UsageError("-p applies to one notebook: name it, e.g. ./workbook run W4 -p theta1=2")
        overrides = parse_overrides(metas[0], pairs)
    setup()
    all_ids = notebook_ids()
    jobs = []
    for meta in metas:
        pos = all_ids.index(meta.id)
        neighbours = (all_ids[pos - 1] if pos > 0 else None, all_ids[pos + 1] if pos + 1 < len(all_ids) else None)
        jobs.append(Job(meta.id, meta, overrides, layout, neighbours))
    started = time.time()
    failures = run_jobs(jobs, workers or default_jobs())
    if layout.site.exists():
        install_mathjax(layout.site)
        write_index(layout)
    log(f"{len(jobs) - len(failures)} of {len(jobs)} notebooks ran in {time.time() - started:.1f} s; "
        f"site: {layout.site / 'index.html'}")
    if failures:
        log("failed:\n  " + "\n  ".join(failures))
        return 1
    return 0


def cmd_run(args) -> int:
    ids = args.ids or notebook_ids()
    layout = Layout(Path(args.build_dir).resolve() if args.build_dir else BUILD)
    return run_notebooks(ids, args.param or [], layout, args.jobs)


def cmd_list(args) -> int:
    for nb_id in args.ids or notebook_ids():
        meta = load_notebook(nb_id)
        print(f"{nb_id:6} {meta.title}")
        width = max((len(p.name) for p in meta.parameters.values()), default=0)
        for p in meta.parameters.values():
            print(f"       {p.name:{width}}  {p.type:8} = {p.default:14}  domain: {p.domain.text}"
                  + (f"   ({p.comment})" if p.comment else ""))
        for r in meta.requirements:
            print(f"       require: {r.expression}" + (f"  ({r.reason})" if r.reason else ""))
    return 0


def cmd_setup(args) -> int:
    setup(force_build=args.rebuild)
    log(f"kernel '{KERNEL_NAME}' ready: {kernel_dir() / 'kernel.json'}")
    return 0


def cmd_lab(args) -> int:
    setup()
    cmd = [
        str(Path(sys.prefix) / "bin" / "jupyter"), "lab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={args.port}",
        "--ServerApp.open_browser=False",
        f"--ServerApp.root_dir={NOTEBOOKS}",
        "--IdentityProvider.token=" + (os.environ.get("VWB_LAB_TOKEN") or os.urandom(24).hex()),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI run as root; the token still guards the server
    log("JupyterLab on 127.0.0.1 only, token authentication on (the URL with the token is printed below)")
    return subprocess.call(cmd, cwd=NOTEBOOKS)


def read_cases(extended: bool = True) -> list[tuple[str, str, list[str]]]:
    """tests/cases/ID.txt lines: CASE -p name=value ... (blank lines and # comments ignored).
    A line that starts with `extended:` is an edge case of the longer sweep: run by
    `./workbook fuzz --cases` and by `VWB_TEST_CASES=all ./workbook test`, not by the default
    `./workbook test` (which keeps to 15 minutes on 2 cores); left out unless `extended`."""
    cases = []
    for path in sorted((ROOT / "tests" / "cases").glob("*.txt")):
        nb_id = path.stem
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("extended:"):
                if not extended:
                    continue
                line = line[len("extended:"):].strip()
            parts = line.split()
            case = parts[0]
            if not re.match(r"^[A-Za-z0-9-]+$", case):
                raise UsageError(f"{path}:{number}: case name must be letters, digits and '-', got '{case}'")
            pairs = []
            rest = parts[1:]
            while rest:
                if rest[0] != "-p" or len(rest) < 2:
                    raise UsageError(f"{path}:{number}: expected '-p name=value', got '{' '.join(rest)}'")
                pairs.append(rest[1])
                rest = rest[2:]
            cases.append((nb_id, case, pairs))
    return cases


CHROMIUM = Path(os.environ.get("VWB_CHROMIUM", "/usr/bin/chromium"))


def ensure_chromium() -> None:
    """The browser tests drive Debian's headless Chromium (never a downloaded browser): installed
    with apt-get when missing and we are root, else a clear refusal."""
    if CHROMIUM.exists():
        return
    if not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")):
        raise RunError(f"{CHROMIUM} is missing: the browser tests need Debian's chromium package "
                       "(as root: apt-get update && apt-get install -y chromium)")
    log("installing Debian's chromium for the browser tests (apt-get) ...")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        if subprocess.run(cmd, env=env).returncode != 0:
            raise RunError(f"'{' '.join(cmd)}' failed: the browser tests need {CHROMIUM}")
    if not CHROMIUM.exists():
        raise RunError(f"apt-get installed chromium but {CHROMIUM} is still missing")


def cmd_test(args) -> int:
    """Unit tests, every notebook with defaults, the edge cases, random draws from the domains,
    runner and browser tests, notebook ITs."""
    started = time.time()
    ensure_chromium()  # before the long steps: the browser tests need it
    step = lambda s: log(f"\n=== {s} ===")  # noqa: E731
    step("1/6 library unit and numerical tests (mvn package)")
    proc = subprocess.run(["mvn", "-B", "-ntp", "package"], cwd=ROOT)
    if proc.returncode != 0:
        log("library tests failed")
        return 1
    install_jar()
    setup()

    test_root = BUILD / "test"
    shutil.rmtree(test_root, ignore_errors=True)
    step("2/6 every notebook with its defaults")
    status = run_notebooks(notebook_ids(), [], Layout(test_root / "default"))

    all_cases = os.environ.get("VWB_TEST_CASES") == "all"
    step("3/6 edge cases (tests/cases" + ("" if all_cases else "; VWB_TEST_CASES=all adds the extended ones") + ")")
    jobs = []
    for nb_id, case, pairs in read_cases(extended=all_cases):
        try:
            meta = load_notebook(nb_id)
            jobs.append(Job(case, meta, parse_overrides(meta, pairs), Layout(test_root / "cases" / case)))
            log(f"case {case}: {nb_id} " + " ".join(f"-p {p}" for p in pairs))
        except (RunError, UsageError) as exc:
            log(f"case {case} FAILED: {exc}")
            status = 1
    if run_jobs(jobs, default_jobs()):
        status = 1

    step("4/6 the parameter space: seeded random draws from every notebook's domains")
    # One draw or more per notebook, and with the edge cases of step 3 at least 4 runs per notebook;
    # VWB_TEST_DRAWS and VWB_TEST_SEED change the sweep (./workbook fuzz runs a larger one on demand).
    cases_per = {}
    for nb_id, _, _ in read_cases(extended=all_cases):
        cases_per[nb_id] = cases_per.get(nb_id, 0) + 1
    fixed = int(os.environ.get("VWB_TEST_DRAWS") or 0)
    draws = {i: fixed or max(1, 4 - cases_per.get(i, 0)) for i in notebook_ids()}
    if parameter_space(draws, int(os.environ.get("VWB_TEST_SEED") or 1), test_root / "space", default_jobs(),
                       with_cases=False, ready=True):
        status = 1

    step("5/6 runner tests and browser tests (pytest; headless Chromium on the site and in JupyterLab)")
    # The browser tests open the default run's site (step 2) with the network cut off.
    env = dict(os.environ, VWB_SITE_DIR=str(Layout(test_root / "default").site))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests/runner", "tests/browser"], cwd=ROOT, env=env)
    status = status or (1 if proc.returncode != 0 else 0)

    step("6/6 notebook results against the library (mvn failsafe)")
    proc = subprocess.run(
        ["mvn", "-B", "-ntp", "failsafe:integration-test", "failsafe:verify", f"-Dvwb.results.dir={test_root}"],
        cwd=ROOT,
    )
    status = status or (1 if proc.returncode != 0 else 0)
    log(f"\nworkbook test {'passed' if status == 0 else 'FAILED'} in {time.time() - started:.0f} s")
    return status


def cli_value(value) -> str:
    """A Python parameter value as the text after -p name=."""
    if isinstance(value, list):
        return ",".join(domains.show(v) for v in value)
    return domains.show(value)


def fuzz_command(nb_id: str, overrides: dict) -> str:
    import shlex

    return "./workbook run " + nb_id + "".join(f" -p {shlex.quote(f'{n}={cli_value(v)}')}" for n, v in overrides.items())


def fuzz_draws(meta: Notebook, draws: int, seed: int) -> list[dict]:
    """`draws` seeded random parameter sets inside the notebook's domains: for each, the
    parameters whose drawn value differs from the default."""
    import random

    rng = random.Random(f"{seed}:{meta.id}")  # one stream per notebook: adding a notebook changes no other's draws
    defaults = meta.defaults()
    out = []
    for _ in range(draws):
        try:
            values = domains.draw(meta.id, meta.domains, meta.requirements, defaults, rng)
        except domains.DeclarationError as exc:
            raise RunError(str(exc)) from None
        out.append({n: v for n, v in values.items() if v != defaults[n]})
    return out


def run_commands(runs: list[tuple[str, str, list[str]]], workers: int, build: Path) -> list[str]:
    """Runs each (label, command text, argv) as its own ./workbook run, `workers` at a time,
    with a progress line per run; returns the failures, each with the command that reproduces it."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    failures = []
    total = len(runs)
    logs = build / "logs"
    logs.mkdir(parents=True, exist_ok=True)

    def one(run):
        label, command, argv = run
        t = time.time()
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), *argv,
                               "--build-dir", str(build / label), "-j", "1"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        (logs / f"{label}.log").write_text(proc.stdout)
        return label, command, proc, time.time() - t

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for done, future in enumerate(as_completed([pool.submit(one, r) for r in runs]), start=1):
            label, command, proc, seconds = future.result()
            if proc.returncode == 0:
                log(f"[{done}/{total}] {label} ok in {seconds:.1f} s")
            else:
                lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
                why = next((ln for ln in lines if ln.startswith("workbook:") or "FAILED" in ln), lines[-1] if lines else "")
                log(f"[{done}/{total}] {label} FAILED (exit {proc.returncode}) after {seconds:.1f} s: {why.strip()}\n"
                    f"    reproduce: {command}\n    log: {os.path.relpath(logs / (label + '.log'), ROOT)}")
                failures.append(f"{label}: {command}")
    return failures


def parameter_space(draws: dict[str, int], seed: int, build: Path, workers: int, with_cases: bool,
                    ready: bool = False) -> int:
    """Seeded random draws from the notebooks' domains (`draws`: how many for each notebook id),
    with the edge cases of tests/cases if asked, each run as ./workbook run ID -p ...; a failure
    prints the command that reruns it."""
    import shlex

    if not ready:
        setup()  # once, before the runs start: they then find the jar and the kernel ready
    runs = []
    for nb_id, n in draws.items():
        for k, overrides in enumerate(fuzz_draws(load_notebook(nb_id), n, seed), start=1):
            argv = ["run", nb_id] + [x for name, v in overrides.items() for x in ("-p", f"{name}={cli_value(v)}")]
            runs.append((f"{nb_id}-draw{k}", fuzz_command(nb_id, overrides), argv))
    if with_cases:
        for nb_id, case, pairs in read_cases():
            if nb_id in draws:
                command = f"./workbook run {nb_id}" + "".join(f" -p {shlex.quote(p)}" for p in pairs)
                runs.append((f"{nb_id}-case-{case}", command, ["run", nb_id] + [x for p in pairs for x in ("-p", p)]))
    log(f"parameter space: {len(runs)} runs of {len(draws)} notebook(s) (seed {seed}"
        + (", plus tests/cases" if with_cases else "") + f"), {workers} at a time; each is ./workbook run ID -p ...")
    started = time.time()
    failures = run_commands(runs, workers, build)
    log(f"parameter space: {len(runs) - len(failures)} of {len(runs)} runs passed, {len(failures)} failed, "
        f"in {time.time() - started:.0f} s")
    if failures:
        log("failed (each line reruns it):\n  " + "\n  ".join(failures))
    return 1 if failures else 0


def cmd_fuzz(args) -> int:
    ids = args.ids or notebook_ids()
    for i in ids:
        load_notebook(i)
    build = BUILD / "fuzz"
    shutil.rmtree(build, ignore_errors=True)
    return parameter_space({i: args.draws for i in ids}, args.seed, build, args.jobs or default_jobs(),
                           with_cases=args.cases)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="workbook", description="Variational Workbook: run, test, explore.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run notebooks (all by default) and write build/site")
    run.add_argument("ids", nargs="*", help="notebook ids (default: all)")
    run.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="override a parameter")
    run.add_argument("--build-dir", help="write executed/, results/ and site/ here instead of build/")
    run.add_argument("-j", "--jobs", type=int, help="notebooks run at once (default: 2, or $VWB_JOBS)")
    run.set_defaults(func=cmd_run)
    sub.add_parser("test", help="the whole test suite").set_defaults(func=cmd_test)
    fz = sub.add_parser("fuzz", help="run notebooks with seeded random parameters from their domains")
    fz.add_argument("ids", nargs="*", help="notebook ids (default: all)")
    fz.add_argument("--draws", type=int, default=10, help="random parameter sets per notebook (default 10)")
    fz.add_argument("--seed", type=int, default=1, help="seed of the draws (default 1)")
    fz.add_argument("--cases", action="store_true", help="also run the edge cases of tests/cases")
    fz.add_argument("-j", "--jobs", type=int, help="runs at once (default: 2, or $VWB_JOBS)")
    fz.set_defaults(func=cmd_fuzz)
    lab = sub.add_parser("lab", help="JupyterLab on 127.0.0.1 with the workbook's kernel")
    lab.add_argument("--port", type=int, default=8888)
    lab.set_defaults(func=cmd_lab)
    lst = sub.add_parser("list", help="notebooks, their parameters, defaults and domains")
    lst.add_argument("ids", nargs="*", help="notebook ids (default: all)")
    lst.set_defaults(func=cmd_list)
    setup_p = sub.add_parser("setup", help="build the library and install the kernel")
    setup_p.add_argument("--rebuild", action="store_true")
    setup_p.set_defaults(func=cmd_setup)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"workbook: {exc}", file=sys.stderr)
        return 2
    except RunError as exc:
        print(f"workbook: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("workbook: interrupted; build/ keeps the last good outputs", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
