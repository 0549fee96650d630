"""One settings object for the whole product, read from the environment and an optional TOML file.

Precedence (highest first): environment variables ``PASARKERJA_*``, the TOML file named by
``PASARKERJA_CONFIG`` (default ``./pasarkerja.toml`` when it exists), then the defaults below.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_CONFIG_FILE = Path("pasarkerja.toml")


def _config_file() -> Path:
    return Path(os.environ.get("PASARKERJA_CONFIG", DEFAULT_CONFIG_FILE))


class Settings(BaseSettings):
    """Deployment settings. Field names map to ``PASARKERJA_<NAME>`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="PASARKERJA_", extra="ignore")

    database_url: str = Field(default="sqlite:///./pasarkerja.db", description="SQLAlchemy URL")
    data_dir: Path = Field(default=Path(".pasarkerja"), description="Where local state (the secret) lives")
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs sessions and derives the NIK hash and encryption keys; generated on first run",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    session_max_age_s: int = Field(default=8 * 3600, gt=0)
    login_max_failures: int = Field(default=5, ge=1, le=1000)
    login_window_s: int = Field(default=15 * 60, gt=0)
    # Labour-market tables: cells counting fewer persons than this are suppressed on every output path.
    lmi_min_cell_persons: int = Field(default=5, ge=2, le=1000)
    import_batch_size: int = Field(default=500, gt=0, le=100_000)
    default_language: str = Field(default="id", pattern="^(id|en)$")

    @field_validator("database_url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError(
                f"database_url must be a sqlite:// or postgresql:// URL, got {value.split(':')[0]!r}"
            )
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = _config_file()
        if path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)

    def secret(self) -> bytes:
        """The deployment secret; created once in ``data_dir/secret.key`` (mode 0600) when not configured."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value().encode()
        path = self.data_dir / "secret.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # O_EXCL so two processes starting together cannot both write different secrets.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_urlsafe(48))
        return path.read_text().strip().encode()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def settings_from(**overrides: Any) -> Settings:
    """Settings with explicit overrides (tests and the CLI's ``--database`` option)."""
    return Settings(**overrides)
