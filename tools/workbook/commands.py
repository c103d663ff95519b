"""The command line: argument parsing and the commands `run`, `test`, `fuzz`, `lab`, `list` and
`setup`, their output, and their exit statuses (0 done, 1 a notebook or test failed, 2 a mistake
in the command line, 130 interrupted)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import BUILD, NOTEBOOKS, RunError, UsageError, log
from .execution import Layout, default_jobs, run_notebooks
from .kernel import KERNEL_NAME, kernel_dir
from .parameters import load_notebook, notebook_ids
from .setup import setup
from .testing import cmd_test, parameter_space


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


