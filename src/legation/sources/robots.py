"""robots.txt, fetched once per host and obeyed (RFC 9309, via protego).

As the RFC says: a robots.txt that is missing (4xx) allows everything; one that cannot
be reached (5xx, network) disallows everything for now, so those fetches fail and are
tried again on a later crawl rather than made against the site's wishes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from protego import Protego

from legation.errors import LegationError

if TYPE_CHECKING:
    from legation.sources.http import FetchResult

__all__ = ["RobotsCache", "robots_url"]

log = logging.getLogger(__name__)


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def _product_token(user_agent: str) -> str:
    """'Legation/0.1 (+...)' -> 'Legation': the name robots.txt groups are matched on."""
    return user_agent.split("/", 1)[0].split(" ", 1)[0] or user_agent


@dataclass(frozen=True, slots=True)
class _Entry:
    rules: Protego | None  # None: allow everything
    unreachable: str | None  # a reason: disallow everything until the entry expires
    at: float


class RobotsCache:
    """Per-host robots.txt rules, kept for ``ttl`` seconds."""

    def __init__(
        self, fetch: Callable[[str], FetchResult], user_agent: str, *, ttl: float = 3600.0
    ) -> None:
        self._fetch = fetch
        self.token = _product_token(user_agent)
        self.ttl = ttl
        self._entries: dict[str, _Entry] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def _entry(self, url: str) -> _Entry:
        key = robots_url(url)
        with self._lock:
            host_lock = self._locks.setdefault(key, threading.Lock())
        with host_lock:  # one fetch per host even when several workers ask at once
            entry = self._entries.get(key)
            if entry is None or time.monotonic() - entry.at > self.ttl:
                entry = self._entries[key] = self._load(key)
            return entry

    def _load(self, key: str) -> _Entry:
        now = time.monotonic()
        try:
            result = self._fetch(key)
        except LegationError as exc:
            status = getattr(exc, "status", None)
            if status is not None and 400 <= status < 500:  # noqa: PLR2004 - RFC 9309 2.3.1.3
                return _Entry(None, None, now)
            log.warning("robots.txt unreachable: %s", exc)
            return _Entry(None, f"robots.txt unreachable ({exc})", now)
        text = result.data.decode("utf-8", errors="replace")
        return _Entry(Protego.parse(text), None, now)

    def unreachable(self, url: str) -> str | None:
        """Why the host's robots.txt could not be read (nothing may be fetched), or None."""
        return self._entry(url).unreachable

    def allowed(self, url: str) -> bool:
        """May ``url`` be fetched? False too while the host's robots.txt is unreachable."""
        entry = self._entry(url)
        if entry.unreachable:
            return False
        return entry.rules is None or entry.rules.can_fetch(url, self.token)

    def crawl_delay(self, url: str) -> float | None:
        rules = self._entry(url).rules
        return rules.crawl_delay(self.token) if rules is not None else None

    def sitemaps(self, url: str) -> list[str]:
        rules = self._entry(url).rules
        return list(rules.sitemaps) if rules is not None else []
