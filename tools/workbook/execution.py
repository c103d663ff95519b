"""Running notebooks: one notebook executed by nbclient in a kernel (with the injected parameters
cell), in a staging folder; the results JSON checked (it names the notebook, records every
parameter, holds only finite numbers); the executed copy, results and page moved into the build
folder only when all of that succeeded, so a failure never overwrites the last good outputs
(the failed notebook goes to build/failed/). Several notebooks run at once (longest first, by the
durations of earlier runs); an interrupt kills the running kernels."""

from __future__ import annotations

import atexit
import json
import math
import os
import re
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import BUILD, NOTEBOOKS, RunError, UsageError, log
from .kernel import ALL_KERNELS, ALL_KERNELS_LOCK, CELL_TIMEOUT, KERNEL_NAME, REUSED_READY_TIMEOUT, STARTUP_TIMEOUT, \
    WORKER_KERNELS, drop_worker_kernel, kernel_manager_class, reuse_kernels, stop_all_kernels, stop_kernel, \
    worker_kernel
from .parameters import Notebook, injected_cell, json_value, load_notebook, notebook_ids, parse_overrides, read_json, \
    same_value
from .setup import setup
from .site import export_html, remove_old_mathjax, write_index


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


class KernelStartError(RunError):
    """The kernel did not start (for instance a port taken between its choice and its bind, when many
    kernels start at once): run_one tries a fresh kernel once more before it fails the notebook."""


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
                   kernel_manager_class=kernel_manager_class(), resources={"metadata": {"path": str(NOTEBOOKS)}})
    held = worker_kernel() if reuse_kernels() else None
    if held:
        km, kernel_results, log_path = held
        (kernel_results / f"{nb_meta.id}.json").unlink(missing_ok=True)
        # It answered the reset a moment ago: if it does not answer nbclient's kernel_info soon, it
        # is stuck, and a fresh kernel (the retry below) is quicker than the 120 s a kernel gets to
        # start. (What made kernels look stuck was a client identity still in use: see
        # kernel_manager_class.)
        client = NotebookClient(nb, km=km, **dict(options, startup_timeout=min(STARTUP_TIMEOUT, REUSED_READY_TIMEOUT)))
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
            forget_exit_cleanup(client)
            raise KernelStartError(
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


def forget_exit_cleanup(client) -> None:
    """nbclient registers an exit-time clean-up of its kernel when it sets one up, and unregisters
    it when the run ends. When the kernel does not answer, nbclient cleans up at once (its kernel
    manager becomes None) and raises before that point: the clean-up stays registered and fails at
    exit with a traceback (`assert self.km is not None`), after a run that had already recovered."""
    atexit.unregister(client._cleanup_kernel)


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



def run_one(nb_meta: Notebook, overrides: dict[str, str], layout: Layout, neighbours=(None, None), label=None) -> dict:
    """Runs one notebook; on success moves its executed copy, results and page into `layout`."""
    import nbformat

    layout.root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{nb_meta.id}-", dir=layout.root))
    try:
        try:
            nb = execute(nb_meta, overrides, staging, label or nb_meta.id)
        except KernelStartError as exc:
            log(f"{exc}; trying a fresh kernel once more")
            nb = execute(nb_meta, overrides, staging, label or nb_meta.id)
        results = check_results(nb_meta, overrides, staging / "results" / f"{nb_meta.id}.json")
        nbformat.write(nb, staging / f"{nb_meta.id}.ipynb")
        html = export_html(nb, nb_meta.id, neighbours)
        (staging / f"{nb_meta.id}.html").write_text(html, encoding="utf-8")
        for folder in (layout.executed, layout.results, layout.site):
            folder.mkdir(parents=True, exist_ok=True)
        os.replace(staging / f"{nb_meta.id}.ipynb", layout.executed / f"{nb_meta.id}.ipynb")
        os.replace(staging / "results" / f"{nb_meta.id}.json", layout.results / f"{nb_meta.id}.json")
        os.replace(staging / f"{nb_meta.id}.html", layout.site / f"{nb_meta.id}.html")
        return results
    finally:
        shutil.rmtree(staging, ignore_errors=True)



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
    from .exporter import WorkbookExporter  # noqa: F401  (nbconvert's HTMLExporter and the page's template)
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
        remove_old_mathjax(layout.site)
        write_index(layout)
    log(f"{len(jobs) - len(failures)} of {len(jobs)} notebooks ran in {time.time() - started:.1f} s; "
        f"site: {layout.site / 'index.html'}")
    if failures:
        log("failed:\n  " + "\n  ".join(failures))
        return 1
    return 0

