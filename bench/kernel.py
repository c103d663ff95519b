"""Kernel-side timings, without a browser: how long the workbook's Java kernel takes to start, and
how long a rerun of W4 takes once it is up (set theta1 = 0 in the parameters cell, rerun the
cells up to the first chart, stop the clock when the chart's PNG arrives).

    .venv/bin/python bench/kernel.py [--repeat N]

Prints one line per measurement and a JSON summary (medians) at the end. Uses the same kernelspec
as ./workbook run (installed by ./workbook setup); results JSON go to a temporary folder."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parent.parent


def cells(nb_id: str) -> list[str]:
    nb = json.loads((ROOT / "notebooks" / f"{nb_id}.ipynb").read_text())
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def run(client, code: str, timeout: float = 600) -> dict:
    """Executes code; returns {'png_at': seconds until the first image arrived or None, 'done': seconds}."""
    t = time.perf_counter()
    msg_id = client.execute(code)
    png_at = None
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "error":
            raise RuntimeError("cell failed: " + msg["content"]["ename"] + ": " + msg["content"]["evalue"])
        if kind in ("display_data", "execute_result") and "image/png" in msg["content"]["data"] and png_at is None:
            png_at = time.perf_counter() - t
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            return {"png_at": png_at, "done": time.perf_counter() - t}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    code = cells("W4")
    params, rest = code[0], code[1:]
    first_chart = next(i for i, c in enumerate(rest) if "XYChart" in c or "Plots." in c)
    starts, first_cells, empties, reruns, rerun_all = [], [], [], [], []
    os.environ["VWB_RESULTS_DIR"] = tempfile.mkdtemp(prefix="vwb-bench-")
    for r in range(args.repeat):
        t = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="java", cwd=str(ROOT / "notebooks"), startup_timeout=600)
        try:
            started = time.perf_counter() - t  # kernel_info answered: JVM up, start-up script run
            first = run(kc, "1 + 1")["done"]
            # A cell with nothing to compile, ten times back to back (as Run All sends them): the
            # kernel's own overhead per cell.
            empty = statistics.median(run(kc, "// nothing")["done"] for _ in range(10))
            run(kc, params)
            for c in rest:
                run(kc, c)
            # The user's rerun: theta1 = 0 in the parameters cell, then the cells down to the first chart.
            t = time.perf_counter()
            run(kc, params.replace("double theta1 = 1.0;", "double theta1 = 0.0;"))
            for c in rest[:first_chart]:
                run(kc, c)
            chart = run(kc, rest[first_chart])
            to_chart = time.perf_counter() - t - chart["done"] + chart["png_at"]
            for c in rest[first_chart + 1:]:
                run(kc, c)
            whole = time.perf_counter() - t
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        starts.append(started)
        first_cells.append(first)
        empties.append(empty)
        reruns.append(to_chart)
        rerun_all.append(whole)
        print(f"run {r + 1}: kernel ready {started:.2f} s, first trivial cell {first:.2f} s, empty cell {empty * 1000:.0f} ms, "
              f"rerun to the new chart {to_chart:.2f} s, rerun of every cell {whole:.2f} s", flush=True)
    summary = {
        "kernel_ready_s": round(statistics.median(starts), 2),
        "first_cell_s": round(statistics.median(first_cells), 2),
        "empty_cell_ms": round(1000 * statistics.median(empties), 1),
        "w4_rerun_to_new_chart_s": round(statistics.median(reruns), 2),
        "w4_rerun_all_cells_s": round(statistics.median(rerun_all), 2),
        "repeats": args.repeat,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
