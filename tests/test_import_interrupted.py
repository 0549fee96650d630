"""An import killed with SIGKILL half-way leaves whole batches only, and running it again completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pasarkerja.store.db import make_engine, upgrade
from test_import_support import seed_reference

ROWS = 20_000
BATCH = 500


def _count(db: Path, sql: str) -> int:
    connection = sqlite3.connect(db, timeout=30)
    try:
        return int(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


def _command(csv_path: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pasarkerja.cli",
        "import",
        "vacancies",
        str(csv_path),
        "--database",
        f"sqlite:///{db}",
        "--batch-size",
        str(BATCH),
        "--source",
        "bulk",
    ]


def test_killed_import_is_consistent_and_a_rerun_completes_it(tmp_path: Path) -> None:
    db = tmp_path / "import.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    seed_reference(engine)
    engine.dispose()
    csv_path = tmp_path / "vacancies.csv"
    with csv_path.open("w", encoding="utf-8") as handle:
        handle.write("id,judul,perusahaan,lokasi,gaji_min,gaji_max,keterampilan\n")
        for i in range(ROWS):
            handle.write(f"V{i:05d},Operator {i},PT Baja {i % 40},3273,4000000,5000000,las;excel\n")

    env = {**os.environ, "COLUMNS": "200"}
    process = subprocess.Popen(
        _command(csv_path, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    deadline = time.monotonic() + 60
    committed = 0
    try:
        while time.monotonic() < deadline and process.poll() is None:
            committed = _count(db, "SELECT count(*) FROM vacancy")
            if committed >= BATCH:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.01)
    finally:
        process.wait(timeout=30)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed"

    # Whole batches only: every committed vacancy has both its skills, and the run's counters agree.
    vacancies = _count(db, "SELECT count(*) FROM vacancy")
    assert 0 < vacancies < ROWS and vacancies % BATCH == 0
    assert _count(db, "SELECT count(*) FROM vacancy_skill") == 2 * vacancies
    assert (
        _count(
            db,
            "SELECT count(*) FROM vacancy v WHERE (SELECT count(*) FROM vacancy_skill s "
            "WHERE s.vacancy_id = v.id) <> 2",
        )
        == 0
    )
    assert _count(db, "SELECT count(*) FROM employer") == min(40, vacancies)
    assert _count(db, "SELECT rows_imported FROM import_run") == vacancies
    assert _count(db, "SELECT last_committed_row FROM import_run") == vacancies + 1  # header is line 1
    assert _count(db, "SELECT count(*) FROM import_run WHERE status = 'running'") == 1

    rerun = subprocess.run(_command(csv_path, db), capture_output=True, text=True, env=env, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert (
        f"│     {ROWS} │    {ROWS - vacancies:>5} │       0 │     {vacancies:>5} │        0 │" in rerun.stdout
    )
    assert _count(db, "SELECT count(*) FROM vacancy") == ROWS
    assert _count(db, "SELECT count(DISTINCT external_id) FROM vacancy") == ROWS
    assert _count(db, "SELECT count(*) FROM vacancy_skill") == 2 * ROWS
    assert _count(db, "SELECT count(*) FROM employer") == 40
    assert _count(db, "SELECT count(*) FROM import_run WHERE status = 'completed'") == 1
