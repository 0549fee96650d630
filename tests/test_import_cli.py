"""The `pasarkerja import` commands: report table, rejected rows, exit codes 0/1/2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from pasarkerja.cli import app
from pasarkerja.store.db import make_engine, upgrade
from test_import_support import seed_reference

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine: Engine = make_engine(url)
    upgrade(engine)
    seed_reference(engine)
    engine.dispose()
    return url


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["import", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_report_and_rejected_rows(database: str, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    shutil.copy(FIXTURES / "vacancies_mixed.csv", path)
    code, output = _run("vacancies", str(path), "--database", database, "--batch-size", "3")
    assert code == 0
    assert "│        10 │        3 │       0 │         0 │        7 │" in output
    assert "unknown place 'Atlantis'" in output and "│   9 │ judul" in output
    assert f"rejected rows written to {path}.rejected.csv" in output.replace("\n", "")
    code, output = _run("vacancies", str(path), "--database", database, "--strict")
    assert code == 1 and "nothing was imported" in output


def test_fatal_file_errors_exit_2_without_traceback(database: str, tmp_path: Path) -> None:
    png = tmp_path / "photo.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, output = _run("vacancies", str(png), "--database", database)
    assert code == 2 and "photo.csv is a PNG image" in output and "Traceback" not in output
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, output = _run("employers", str(empty), "--database", database)
    assert code == 2 and "empty.csv is empty" in output
    code, output = _run(
        "vacancies", str(tmp_path / "nope.csv"), "--database", f"sqlite:///{tmp_path / 'new.db'}"
    )
    assert code == 2 and "pasarkerja db init" in output


def test_seekers_output_never_shows_personal_data(database: str, tmp_path: Path) -> None:
    path = tmp_path / "seekers.csv"
    shutil.copy(FIXTURES / "seekers.csv", path)
    result = CliRunner().invoke(
        app,
        ["import", "seekers", str(path), "--database", database],
        env={"COLUMNS": "200", "PASARKERJA_SECRET_KEY": "cli-test-secret-0123456789"},
    )
    assert result.exit_code == 0
    assert "NIK must be exactly 16 digits (found 15)" in result.output
    for secret in ("327301410295000", "Nik Pendek", "Siti", "9901010101900002", "08123456789"):
        assert secret not in result.output
