"""`./workbook test` and the parameter space: the six steps of the test suite (library tests,
every notebook with defaults, the edge cases of tests/cases, seeded random draws, the runner and
browser tests, the notebook ITs), the edge-case files, the seeded draws from the notebooks'
domains and how each is run as its own `./workbook run ID -p ...` (a failure prints the command
that reruns it), and the headless Chromium the browser tests need."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import BUILD, PACKAGE, ROOT, RunError, UsageError, domains, log
from .draws import draw
from .execution import Job, Layout, default_jobs, run_jobs, run_notebooks
from .parameters import Notebook, cli_value, load_notebook, notebook_ids, parse_overrides
from .setup import install_jar, setup


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
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "--durations=12", "tests/runner", "tests/browser"], cwd=ROOT, env=env)
    status = status or (1 if proc.returncode != 0 else 0)

    step("6/6 notebook results against the library (mvn failsafe)")
    proc = subprocess.run(
        ["mvn", "-B", "-ntp", "failsafe:integration-test", "failsafe:verify", f"-Dvwb.results.dir={test_root}"],
        cwd=ROOT,
    )
    status = status or (1 if proc.returncode != 0 else 0)
    log(f"\nworkbook test {'passed' if status == 0 else 'FAILED'} in {time.time() - started:.0f} s")
    return status


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
            values = draw(meta.id, meta.domains, meta.requirements, defaults, rng)
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
        proc = subprocess.run([sys.executable, str(PACKAGE), *argv,
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


