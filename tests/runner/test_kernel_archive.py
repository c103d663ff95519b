"""The kernel's class archive (AppCDS): recorded by ./workbook setup, used by the kernelspec, valid
for the kernel's JVM, recorded again when what it was made from changes, and optional: a failed
recording only costs start-up time."""

import json
import subprocess
from pathlib import Path

import workbook  # the package tools/workbook (tests/conftest.py puts tools/ on the path)
from workbook import kernel
from workbook.setup import library_jar

ROOT = Path(__file__).resolve().parents[2]


def kernelspec() -> dict:
    return json.loads((kernel.kernel_dir() / "kernel.json").read_text())


def test_setup_records_the_archive_and_the_kernel_jvm_can_map_it():
    setup = subprocess.run([str(ROOT / "workbook"), "setup"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    argv = kernelspec()["argv"]
    archive = kernel.kernel_archive()
    assert f"-XX:SharedArchiveFile={archive}" in argv, argv
    assert archive.exists() and archive.stat().st_size > 1_000_000
    stamp = archive.with_name("kernel.jsa.stamp").read_text()
    assert stamp == kernel.archive_stamp(library_jar())
    # The kernel JVM itself, not JJava's launcher JVM, is what the spec starts.
    assert not any("jjava-launcher" in a for a in argv), argv
    assert argv[argv.index("-jar") + 1].endswith("jjava.jar")
    # -Xshare:on makes the JVM refuse to start if it cannot map the archive (same JVM, options
    # and class path as the kernel): so this checks the archive is really usable.
    kernel_jar = kernel.kernel_dir() / "jjava.jar"
    check = subprocess.run(["java", *kernel.KERNEL_JVM_OPTIONS, f"-XX:SharedArchiveFile={archive}", "-Xshare:on",
                            "-cp", str(kernel_jar), "-version"], capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr


def test_the_archive_is_recorded_again_when_its_inputs_change_and_a_failure_only_warns(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(kernel, "BUILD", tmp_path / "build")
    jar = tmp_path / "library.jar"
    jar.write_bytes(b"not really a jar: only its size and time are stamped")
    recordings = []

    def fake_record(jar_path, archive):
        recordings.append(jar_path)
        archive.write_bytes(b"archive")

    monkeypatch.setattr(kernel, "record_kernel_archive", fake_record)
    assert kernel.ensure_kernel_archive(jar) is True
    assert kernel.ensure_kernel_archive(jar) is True
    assert len(recordings) == 1, "an up-to-date archive is not recorded again"

    warmup = tmp_path / "warmup.jsh"
    warmup.write_text(kernel.KERNEL_WARMUP.read_text() + "\n// changed\n")
    monkeypatch.setattr(kernel, "KERNEL_WARMUP", warmup)
    assert kernel.ensure_kernel_archive(jar) is True
    assert len(recordings) == 2, "a changed warm-up script makes a new archive"

    jar.write_bytes(b"a rebuilt library jar, longer than the first one was")
    def failing_record(jar_path, archive):
        raise workbook.RunError("the recording kernel exited with status 1 and no archive")

    monkeypatch.setattr(kernel, "record_kernel_archive", failing_record)
    capsys.readouterr()
    assert kernel.ensure_kernel_archive(jar) is False
    out = capsys.readouterr().out
    assert "warning: no class archive (the recording kernel exited with status 1 and no archive)" in out, out
    assert not kernel.kernel_archive().exists(), "a stale archive is not left for the kernels to use"
