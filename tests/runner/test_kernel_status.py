"""JupyterLab shows the Java kernel as Idle as soon as it is ready (issue 16, item 4): the server's
untracked_message_types, handed to JupyterLab's page, leave out kernel_info_request, so the busy/idle
that JJava publishes for JupyterLab's kernel_info request on connect set the status bar (see the
comment above kernel.UNTRACKED_MESSAGE_TYPES). The browser test times it (tests/browser/test_lab_w4.py)."""

import json

from workbook import kernel


def test_the_list_is_the_servers_default_without_kernel_info_request():
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    default = MappingKernelManager().untracked_message_types
    assert "kernel_info_request" in default  # what made JupyterLab drop JJava's first statuses
    assert kernel.UNTRACKED_MESSAGE_TYPES == [t for t in default if t != "kernel_info_request"]


def test_the_config_is_written_keeping_what_else_the_file_holds(tmp_path, monkeypatch):
    path = tmp_path / "etc" / "jupyter" / "jupyter_server_config.json"
    monkeypatch.setattr(kernel, "lab_status_config", lambda: path)
    kernel.ensure_lab_status_config()
    assert json.loads(path.read_text()) == {"MappingKernelManager": {"untracked_message_types": kernel.UNTRACKED_MESSAGE_TYPES}}
    path.write_text(json.dumps({"ServerApp": {"port": 9999}, "MappingKernelManager": {"cull_idle_timeout": 0,
                                                                                       "untracked_message_types": []}}))
    kernel.ensure_lab_status_config()
    assert json.loads(path.read_text()) == {"ServerApp": {"port": 9999}, "MappingKernelManager": {
        "cull_idle_timeout": 0, "untracked_message_types": kernel.UNTRACKED_MESSAGE_TYPES}}
