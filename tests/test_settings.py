from __future__ import annotations

from pathlib import Path

import pytest

from legation.settings import load_settings


def test_layers_defaults_file_environment_command_line(tmp_path: Path) -> None:
    data = tmp_path / "lib"
    data.mkdir()
    (data / "legation.toml").write_text("per_page = 25\nport = 9000\ncrawl_delay = 2.5\n")
    settings = load_settings({"data": data}, environ={"LEGATION_PORT": "9100"})
    assert settings.per_page == 25  # file over default
    assert settings.port == 9100  # environment over file
    assert settings.crawl_delay == 2.5
    settings = load_settings({"data": data, "port": 9200}, environ={"LEGATION_PORT": "9100"})
    assert settings.port == 9200  # command line over environment


def test_environment_names_the_data_folder(tmp_path: Path) -> None:
    settings = load_settings({}, environ={"LEGATION_DATA": str(tmp_path)})
    assert settings.data == tmp_path
    assert settings.db_path == tmp_path / "library.sqlite3"


def test_unknown_or_bad_settings_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "legation.toml").write_text('colour = "red"\n')
    with pytest.raises(ValueError, match="unknown setting 'colour'"):
        load_settings({"data": tmp_path}, environ={})
    # Unknown environment variables are other tools' business, not errors.
    assert load_settings({"data": tmp_path / "x"}, environ={"LEGATION_SHARED": "/s"}).port == 8000
    with pytest.raises(ValueError, match="bad value for 'PORT'"):
        load_settings({"data": tmp_path / "y"}, environ={"LEGATION_PORT": "eighty"})


def test_fetch_settings_reach_the_fetcher(tmp_path: Path) -> None:
    from legation.sources.http import FetchOptions

    settings = load_settings(
        {"data": tmp_path}, environ={"LEGATION_FETCH_TIMEOUT": "5", "LEGATION_FETCH_RETRIES": "1"}
    )
    options = FetchOptions.from_settings(settings)
    assert (options.timeout, options.max_retries, options.obey_robots) == (5.0, 1, True)
