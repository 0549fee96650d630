from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from pasarkerja.settings import Settings


def test_defaults_and_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PASARKERJA_DATABASE_URL", raising=False)
    assert Settings().database_url == "sqlite:///./pasarkerja.db"
    monkeypatch.setenv("PASARKERJA_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    monkeypatch.setenv("PASARKERJA_PORT", "9001")
    settings = Settings()
    assert settings.database_url.startswith("postgresql://")
    assert settings.port == 9001


def test_config_file_is_read_and_environment_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "pk.toml"
    config.write_text('database_url = "sqlite:///from-file.db"\nport = 8100\n')
    monkeypatch.setenv("PASARKERJA_CONFIG", str(config))
    monkeypatch.delenv("PASARKERJA_DATABASE_URL", raising=False)
    monkeypatch.delenv("PASARKERJA_PORT", raising=False)
    assert Settings().database_url == "sqlite:///from-file.db"
    monkeypatch.setenv("PASARKERJA_PORT", "8200")
    assert Settings().port == 8200


def test_misconfiguration_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASARKERJA_DATABASE_URL", "mysql://x")
    with pytest.raises(ValidationError, match="sqlite:// or postgresql://"):
        Settings()
    monkeypatch.setenv("PASARKERJA_DATABASE_URL", "sqlite:///x.db")
    monkeypatch.setenv("PASARKERJA_PORT", "0")
    with pytest.raises(ValidationError):
        Settings()


def test_secret_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "state")
    first = settings.secret()
    assert len(first) >= 32
    assert settings.secret() == first
    assert (tmp_path / "state" / "secret.key").stat().st_mode & 0o077 == 0
    assert Settings(secret_key="configured-secret-value").secret() == b"configured-secret-value"
