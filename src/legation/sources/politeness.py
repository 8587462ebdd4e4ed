"""Per-host politeness: a minimum gap between request starts and a cap on requests in flight.

Every request the crawler makes (robots.txt, listings, items, retries, redirect hops)
goes through :meth:`Politeness.slot`, so the gap holds whatever thread asks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

__all__ = ["Politeness", "host_of"]


def host_of(url: str) -> str:
    """The politeness key of a URL: its host and port, lower-cased."""
    parts = urlsplit(url)
    return (parts.netloc or parts.path).lower()


class _Gate:
    def __init__(self, delay: float, concurrency: int) -> None:
        self.delay = delay
        self.next_at = 0.0
        self.lock = threading.Lock()
        self.in_flight = threading.BoundedSemaphore(concurrency)


class Politeness:
    """Spaces requests to each host by ``delay`` seconds, at most ``concurrency`` at once."""

    def __init__(
        self,
        delay: float,
        concurrency: int,
        *,
        max_delay: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if delay < 0 or concurrency < 1:
            raise ValueError("delay must be >= 0 and concurrency >= 1")
        self.delay = delay
        self.concurrency = concurrency
        self.max_delay = max_delay
        self._clock = clock
        self._sleep = sleep
        self._gates: dict[str, _Gate] = {}
        self._lock = threading.Lock()

    def _gate(self, host: str) -> _Gate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = _Gate(self.delay, self.concurrency)
            return gate

    def ask_delay(self, host: str, seconds: float) -> None:
        """A host asked for a longer gap (robots.txt Crawl-delay); honoured up to max_delay."""
        gate = self._gate(host)
        with gate.lock:
            gate.delay = max(gate.delay, min(seconds, self.max_delay))

    def defer(self, host: str, seconds: float) -> None:
        """Hold every request to ``host`` for ``seconds`` from now (429/503 Retry-After)."""
        gate = self._gate(host)
        with gate.lock:
            gate.next_at = max(gate.next_at, self._clock() + seconds)

    def delay_of(self, host: str) -> float:
        return self._gate(host).delay

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for this host's turn, then hold one of its in-flight places."""
        gate = self._gate(host)
        with gate.in_flight:
            with gate.lock:
                now = self._clock()
                start = max(now, gate.next_at)
                gate.next_at = start + gate.delay
            if start > now:
                self._sleep(start - now)
            yield
