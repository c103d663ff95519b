"""W4 against its Python twin (bench/twin/W4.ipynb: ipykernel, numpy, matplotlib), in the same window,
alternating: what a user waits for after changing a parameter.

    .venv/bin/python bench/twin.py [--repeat 5] [--reruns 1]

Each round starts a Java kernel (the workbook's kernelspec, installed by ./workbook setup), runs
every cell of notebooks/W4.ipynb once, then reruns it with theta1 = 0 in the parameters cell: the
time until the new chart's PNG arrives ("Java W4 rerun to the new chart") and until the last cell
is done ("Java W4 every cell"). Then the same for the twin in a Python kernel (bench/.venv, made
from bench/requirements.txt on first use; never the notebooks' .venv): its parameters, CAVI and
plot cells, until the PNG arrives ("Python twin rerun"). With --reruns K > 1 each kernel also
reruns K - 1 more times, flipping theta1 between 1 and 0 (a user trying values: a warmer kernel);
those are reported apart. Prints one line per round with the load average and a JSON summary
(medians)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager, start_new_kernel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel import cells, run  # noqa: E402  (bench/kernel.py)

ROOT = Path(__file__).resolve().parent.parent
BENCH_VENV = ROOT / "bench" / ".venv"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def bench_python() -> Path:
    """bench/.venv's python with bench/requirements.txt installed (as bench/gmm_vs_sklearn.sh makes it)."""
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run(["python3", "-m", "venv", str(BENCH_VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import ipykernel, matplotlib, numpy"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(ROOT / "bench" / "requirements.txt")], check=True)
    return python


def python_kernel(python: Path, scratch: str):
    """A Python kernel from bench/.venv, through a kernelspec in a scratch folder."""
    specs = Path(scratch) / "kernels"
    (specs / "twin").mkdir(parents=True, exist_ok=True)
    spec = {"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python (bench twin)", "language": "python"}
    (specs / "twin" / "kernel.json").write_text(json.dumps(spec))
    km = KernelManager(kernel_name="twin", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)]))
    # MPLBACKEND unset: ipykernel's inline backend, as in JupyterLab.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    km.start_kernel(cwd=str(ROOT / "bench" / "twin"), env=env)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc


def rerun(kc, params: str, rest: list[str], chart_cell: int) -> tuple[float, float]:
    """Runs params and then every cell of rest; returns (seconds until the chart cell's PNG, seconds
    until the last cell is done)."""
    t = time.perf_counter()
    run(kc, params)
    for c in rest[:chart_cell]:
        run(kc, c)
    chart = run(kc, rest[chart_cell])
    if chart["png_at"] is None:
        raise RuntimeError("the chart cell showed no PNG")
    to_chart = time.perf_counter() - t - chart["done"] + chart["png_at"]
    for c in rest[chart_cell + 1:]:
        run(kc, c)
    return to_chart, time.perf_counter() - t


def measure(kc, code: list[str], chart_markers: tuple[str, ...], old: str, new: str, reruns: int):
    """One full run, then `reruns` reruns flipping a parameter between new and old. Returns the
    list of (to_chart, all_cells) of the reruns."""
    params, rest = code[0], code[1:]
    # the first cell that draws: it names a chart class or builder (W4: GaussianPlots.meanFieldPath)
    chart_cell = next(i for i, c in enumerate(rest) if any(m in c for m in chart_markers))
    assert old in params, f"{old!r} is not in the parameters cell"
    run(kc, params)
    for c in rest:
        run(kc, c)
    out = []
    for k in range(reruns):
        out.append(rerun(kc, params.replace(old, new) if k % 2 == 0 else params, rest, chart_cell))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--reruns", type=int, default=1, help="reruns per kernel (default 1)")
    args = parser.parse_args()
    python = bench_python()
    java_code = cells("W4")
    twin = json.loads((ROOT / "bench" / "twin" / "W4.ipynb").read_text())
    twin_code = ["".join(c["source"]) for c in twin["cells"] if c["cell_type"] == "code"]
    os.environ["VWB_RESULTS_DIR"] = tempfile.mkdtemp(prefix="vwb-twin-")
    java_chart, java_all, py_chart, java_warm, py_warm = [], [], [], [], []
    print(f"load before: {load()} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="vwb-twin-") as scratch:
        for r in range(args.repeat):
            km, kc = start_new_kernel(kernel_name="java", cwd=str(ROOT / "notebooks"), startup_timeout=600)
            try:
                j = measure(kc, java_code, ("XYChart", "Plots."), "double theta1 = 1.0;", "double theta1 = 0.0;", args.reruns)
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
            km, kc = python_kernel(python, scratch)
            try:
                p = measure(kc, twin_code, ("plt.",), "theta1 = 1.0", "theta1 = 0.0", args.reruns)
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
            java_chart.append(j[0][0])
            java_all.append(j[0][1])
            py_chart.append(p[0][0])
            java_warm += [c for c, _ in j[1:]]
            py_warm += [c for c, _ in p[1:]]
            warm = ""
            if args.reruns > 1:
                warm = (f"; later reruns: Java to the chart {statistics.median(c for c, _ in j[1:]):.3f} s, "
                        f"Python {statistics.median(c for c, _ in p[1:]):.3f} s")
            print(f"round {r + 1} (load {load()}): Java W4 rerun to the new chart {j[0][0]:.3f} s, every cell {j[0][1]:.3f} s; "
                  f"Python twin rerun {p[0][0]:.3f} s{warm}", flush=True)
    summary = {
        "java_w4_rerun_to_new_chart_s": round(statistics.median(java_chart), 3),
        "java_w4_rerun_every_cell_s": round(statistics.median(java_all), 3),
        "python_twin_rerun_s": round(statistics.median(py_chart), 3),
        "repeats": args.repeat,
        "load_after": load(),
    }
    if java_warm:
        summary["java_w4_later_reruns_to_chart_s"] = round(statistics.median(java_warm), 3)
        summary["python_twin_later_reruns_s"] = round(statistics.median(py_warm), 3)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
