"""One Settings object, layered as scrapy does: defaults < config file < environment < command line.

The config file is TOML: ``legation.toml`` in the data folder, or the path in
``LEGATION_CONFIG``. Environment variables are ``LEGATION_<FIELD>`` in upper case.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

__all__ = ["Settings", "load_settings"]

log = logging.getLogger(__name__)

_ENV_PREFIX = "LEGATION_"
_DEFAULT_DATA = Path("legation-data")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    data: Path = _DEFAULT_DATA
    host: str = "127.0.0.1"
    port: int = 8000
    per_page: int = 10
    max_input_bytes: int = 32 * 1024 * 1024  # larger single files are refused, not parsed
    batch_size: int = 200
    enrich: bool = True
    workers: int = 2  # processes for enrichment during ingest (the machine has 2 cores)
    crawl_delay: float = 1.0
    crawl_concurrency: int = 2
    fetch_timeout: float = 30.0  # seconds per request (connect, read, write)
    fetch_retries: int = 3  # on 429 and 5xx, with backoff
    obey_robots: bool = True
    user_agent: str = "Legation/0.1 (+self-hosted research library)"

    @property
    def db_path(self) -> Path:
        return self.data / "library.sqlite3"

    @property
    def index_path(self) -> Path:
        return self.data / "index"

    @property
    def raw_path(self) -> Path:
        return self.data / "raw"


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if kind in ("Path", Path):
        return Path(value)
    if kind in ("int", int):
        return int(value)
    if kind in ("float", float):
        return float(value)
    if kind in ("bool", bool):
        return (
            value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "on")
        )
    return str(value)


def _layer(
    base: Settings, values: Mapping[str, Any], origin: str, *, strict: bool = True
) -> Settings:
    known = {f.name for f in fields(Settings)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        name = key.replace("-", "_").lower()
        if name not in known:
            if not strict:  # other tools (and our tests) share the LEGATION_ prefix
                log.debug("ignoring %s%s: not a setting", _ENV_PREFIX, key)
                continue
            raise ValueError(f"unknown setting {key!r} in {origin}")
        try:
            changes[name] = _coerce(name, value)
        except (TypeError, ValueError):
            raise ValueError(f"bad value for {key!r} in {origin}: {value!r}") from None
    return replace(base, **changes)


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings; ``overrides`` are the command line's (None values ignored)."""
    env = os.environ if environ is None else environ
    overrides = dict(overrides or {})
    env_values = {
        k[len(_ENV_PREFIX) :]: v
        for k, v in env.items()
        if k.startswith(_ENV_PREFIX) and k != "LEGATION_CONFIG"
    }
    # The data folder decides where the config file is, so find it first.
    data = Path(overrides.get("data") or env_values.get("DATA") or _DEFAULT_DATA)
    config_path = (
        Path(env["LEGATION_CONFIG"]) if "LEGATION_CONFIG" in env else data / "legation.toml"
    )
    settings = Settings()
    if config_path.is_file():
        with config_path.open("rb") as fh:
            settings = _layer(settings, tomllib.load(fh), str(config_path))
    settings = _layer(settings, env_values, "environment", strict=False)
    return _layer(settings, overrides, "command line")
