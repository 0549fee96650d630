"""`pasarkerja taxonomy show|search|region`: look-ups over the shipped classifications, no database."""

from __future__ import annotations

from typer.testing import CliRunner

from pasarkerja.cli import app

runner = CliRunner()


def test_show_an_isco_group_with_its_parents_and_kbji_title() -> None:
    result = runner.invoke(app, ["taxonomy", "show", "7212"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Welders and flamecutters" in result.output and "Pekerja Pengelasan" in result.output
    assert "721 Sheet and structural metal workers" in result.output
    assert "7 Craft and related trades workers" in result.output


def test_show_a_skill_and_refuse_an_unknown_code() -> None:
    result = runner.invoke(app, ["taxonomy", "show", "sk.ms-excel"], terminal_width=200)
    assert result.exit_code == 0 and "tool-software" in result.output and "Ms. Excel" in result.output
    result = runner.invoke(app, ["taxonomy", "show", "9999"], terminal_width=200)
    assert result.exit_code == 1 and "neither an ISCO-08 code nor a skill id" in result.output


def test_search_uses_indonesian_job_titles() -> None:
    result = runner.invoke(app, ["taxonomy", "search", "tukang las", "--limit", "1"], terminal_width=200)
    assert result.exit_code == 0
    assert "7212" in result.output and "Welders and flamecutters" in result.output
    result = runner.invoke(app, ["taxonomy", "search", "excel", "--what", "skills", "--limit", "1"])
    assert "sk.ms-excel" in result.output
    assert runner.invoke(app, ["taxonomy", "search", "x", "--what", "cats"]).exit_code == 1


def test_region_aliases() -> None:
    result = runner.invoke(app, ["taxonomy", "region", "Jakpus"], terminal_width=200)
    assert "3171 Kota Administrasi Jakarta Pusat" in result.output
    result = runner.invoke(app, ["taxonomy", "region", "Cibitung, Jawa Barat"], terminal_width=200)
    assert "3216 Kabupaten Bekasi" in result.output
    result = runner.invoke(app, ["taxonomy", "region", "WFH"], terminal_width=200)
    assert "(remote work)" in result.output
    assert runner.invoke(app, ["taxonomy", "region", "Atlantis"]).exit_code == 1
