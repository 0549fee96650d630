"""``pasarkerja serve``: the real command starts uvicorn, prints the address and answers on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pasarkerja.store.db import make_engine, upgrade


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_command_prints_the_url_and_answers(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'serve.db'}"
    engine = make_engine(database)
    upgrade(engine)
    engine.dispose()
    port = _free_port()
    env = {**os.environ, "PASARKERJA_DATA_DIR": str(tmp_path / "state"), "COLUMNS": "200"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pasarkerja.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--database",
            database,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        body = None
        deadline = time.monotonic() + 30
        while body is None and time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as response:
                    body = response.read().decode()
            except OSError:
                time.sleep(0.2)
        assert body == '{"status":"ok","database":"sqlite"}'
        # the deployment secret was created in the data directory, readable by its owner only
        secret = tmp_path / "state" / "secret.key"
        assert secret.exists() and secret.stat().st_mode & 0o077 == 0
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=15)
    assert f"pasarkerja serving at http://127.0.0.1:{port}/" in output
    assert process.returncode == 0
