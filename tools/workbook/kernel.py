"""The Java kernel (JJava): its JVM options and command line, the kernelspec written over JJava's
(the library on the classpath, the start-up script), the class archive (AppCDS) that the kernel
JVM maps, recorded by starting a kernel on tools/kernel/warmup.jsh, and the time-outs of kernel
start and of a cell."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from . import BUILD, ROOT, RunError, log

KERNEL_NAME = "java"
KERNEL_STARTUP = ROOT / "tools" / "kernel" / "startup.jsh"
KERNEL_WARMUP = ROOT / "tools" / "kernel" / "warmup.jsh"
CELL_TIMEOUT = int(os.environ.get("VWB_CELL_TIMEOUT", "900"))
STARTUP_TIMEOUT = int(os.environ.get("VWB_STARTUP_TIMEOUT", "120"))
# A kernel reused from the previous notebook has just answered its reset: it gets this long to
# answer again before it is replaced by a fresh one.
REUSED_READY_TIMEOUT = int(os.environ.get("VWB_REUSED_READY_TIMEOUT", "30"))


def kernel_side_jar() -> Path:
    """The kernel-side jar (src/kernel/java: start-up code the kernel runs, not the library)."""
    return BUILD / "kernel" / "variational-workbook-kernel.jar"


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
    ensure_lab_status_config()


# Why JupyterLab showed the Java kernel as "Unknown" until its first cell ran (issue 16, item 4).
# JupyterLab sets a kernel's status only from IOPub `status` messages, and it skips those whose
# parent is one of the server's `untracked_message_types` (jupyter_server's
# MappingKernelManager.untracked_message_types, handed to the page as page config), a list that
# includes kernel_info_request. JJava publishes busy/idle for the kernel_info requests, and they
# do reach the browser (recorded on the WebSocket: busy, idle, kernel_info_reply, idle), but
# JupyterLab drops them. JJava publishes no status of its own at start-up (ipykernel publishes
# "starting"), and it leaves the notebook's history_request unanswered (no history manager), the
# request whose busy/idle tells JupyterLab that an IPython kernel is idle. So nothing JupyterLab
# counts arrived before the first execute_request. The fix: the server's list without
# kernel_info_request, so the busy/idle of the kernel_info request that JupyterLab sends when it
# connects sets the status bar to Idle as soon as the kernel answers. (The same statuses then
# count as kernel activity on the server too: a kernel_info request is a second's activity, and
# nothing here culls idle kernels.) A config file in .venv, so `./workbook lab` and a plain
# `jupyter lab` from .venv both get it; tests/browser/test_lab_w4.py times it.
UNTRACKED_MESSAGE_TYPES = [  # jupyter_server 2.21's default, less kernel_info_request (tests/runner/test_kernel_status.py checks it)
    "comm_info_request", "comm_info_reply", "kernel_info_reply", "shutdown_request", "shutdown_reply",
    "interrupt_request", "interrupt_reply", "debug_request", "debug_reply", "stream", "display_data",
    "update_display_data", "execute_input", "execute_result", "error", "status", "clear_output",
    "debug_event", "input_request", "input_reply",
]


def lab_status_config() -> Path:
    """The Jupyter server's config file of this environment (traitlets reads it; the *.d folders
    beside it hold only server-extension switches)."""
    return Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"


def ensure_lab_status_config() -> None:
    """Sets MappingKernelManager.untracked_message_types in the environment's server config,
    keeping whatever else the file holds."""
    path = lab_status_config()
    try:
        config = json.loads(path.read_text()) if path.exists() else {}
    except ValueError:
        config = {}
    if config.get("MappingKernelManager", {}).get("untracked_message_types") == UNTRACKED_MESSAGE_TYPES:
        return
    config.setdefault("MappingKernelManager", {})["untracked_message_types"] = UNTRACKED_MESSAGE_TYPES
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=2) + "\n")


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


@functools.cache
def kernel_manager_class():
    """The kernel manager the runner starts its kernels with: jupyter_client's, except that each
    client it makes connects under a ZMQ identity of its own.

    Every client that jupyter_client makes for one kernel manager shares the manager's session id,
    and that id is the identity of the client's shell, control and stdin sockets. The kernel's
    ROUTER sockets (jeromq, inside JJava) refuse a peer whose identity they still hold: when a new
    client connected before the kernel had seen the previous one's sockets close, nothing it sent
    was answered, and a kernel reused from the last notebook looked stuck until
    `REUSED_READY_TIMEOUT` (4 of 8 `./workbook run`s in a row hit it; none of 24 since). The kernel
    does not check who a request comes from, so a session id per client costs nothing."""
    from jupyter_client import AsyncKernelManager

    class OwnIdentityKernelManager(AsyncKernelManager):
        def client(self, **kwargs):
            kc = super().client(**kwargs)  # with a copy of this manager's session
            kc.session.session = str(uuid.uuid4())
            return kc

    return OwnIdentityKernelManager


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
