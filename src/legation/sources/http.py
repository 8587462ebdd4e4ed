"""The one HTTP fetcher every source uses: polite, bounded, conditional, retrying.

Built on httpx; a transport can be injected (``httpx.MockTransport`` in unit tests).
Redirects are followed by hand so each hop is checked against robots.txt, counted,
and spaced by the politeness gate, and loops are caught.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import httpx

from legation.errors import FetchRefused, LegationError
from legation.sources.politeness import Politeness, host_of
from legation.sources.robots import RobotsCache

if TYPE_CHECKING:
    from legation.settings import Settings

__all__ = [
    "ANY_TYPE",
    "ITEM_TYPES",
    "LISTING_TYPES",
    "FetchFailed",
    "FetchOptions",
    "FetchResult",
    "Fetcher",
]

log = logging.getLogger(__name__)

# Media types a listing (feed, sitemap) may come as; gzip and octet-stream for .xml.gz sitemaps.
LISTING_TYPES = frozenset(
    {
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
        "text/plain",
        "application/gzip",
        "application/x-gzip",
        "application/octet-stream",
        "text/html",  # home pages, for feed discovery
    }
)
# Media types worth handing to the parsers; images, audio, video and archives are refused.
ITEM_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/pdf",
        "text/plain",
        "text/markdown",
        "application/xml",
        "text/xml",
        "application/json",
        "application/octet-stream",  # often PDFs; the parsers sniff the bytes
    }
)
ANY_TYPE: frozenset[str] = frozenset()  # empty: no content-type check

_NOT_MODIFIED = 304
_FIRST_ERROR = 400
_NEVER = ("image/", "audio/", "video/", "font/", "model/")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchFailed(LegationError):  # noqa: N818 - a verdict, like FetchRefused
    """A fetch was made and failed (network, timeout, HTTP error); it may work later."""

    def __init__(self, reason: str, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status

    @property
    def gone(self) -> bool:
        """The server says the resource does not exist (no point asking again soon)."""
        return self.status in (404, 410)


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    user_agent: str = "Legation/0.1 (+self-hosted research library)"
    timeout: float = 30.0  # connect / read / write / pool, per request
    deadline: float = 120.0  # whole response, so a slow drip cannot hold a worker forever
    max_bytes: int = 32 * 1024 * 1024
    max_redirects: int = 5
    max_retries: int = 3
    backoff: float = 1.0  # first retry waits this long, then doubles
    max_wait: float = 120.0  # a longer Retry-After means "not now": the fetch fails for later
    obey_robots: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchOptions:
        return cls(
            user_agent=settings.user_agent,
            max_bytes=settings.max_input_bytes,
            timeout=settings.fetch_timeout,
            max_retries=settings.fetch_retries,
            obey_robots=settings.obey_robots,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchResult:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    data: bytes
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: int = 0

    @property
    def not_modified(self) -> bool:
        return self.status == _NOT_MODIFIED

    @property
    def media_type(self) -> str:
        return (self.content_type or "").split(";", 1)[0].strip().lower()


@dataclass(frozen=True, slots=True, kw_only=True)
class _Redirect:
    location: str


@dataclass(frozen=True, slots=True, kw_only=True)
class _Error:
    status: int
    retry_after: str | None


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Fetcher:
    """GET with robots.txt, politeness, size and type limits, conditional headers and retries."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        politeness: Politeness | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.options = options or FetchOptions()
        self.politeness = politeness or Politeness(delay=0.0, concurrency=4)
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(self.options.timeout),
            headers={"User-Agent": self.options.user_agent},
        )
        self.robots = RobotsCache(self._fetch_robots, self.options.user_agent)
        self.requests = 0  # made, including retries and redirect hops
        self._count_lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        accept: frozenset[str] = ITEM_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """Fetch ``url``; a 304 comes back as a result with ``not_modified`` set.

        Raises FetchRefused (robots.txt, size, type, redirect loop) or FetchFailed.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, accept, check_robots=self.options.obey_robots)

    def _follow(
        self, url: str, headers: Mapping[str, str], accept: frozenset[str], *, check_robots: bool
    ) -> FetchResult:
        current, seen = url, {url}
        for hop in range(self.options.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchRefused(f"not an http(s) URL: {current}")
            if check_robots:
                self._obey_robots(current)
            outcome = self._with_retries(current, headers, accept)
            if isinstance(outcome, FetchResult):
                return replace(outcome, url=url, redirects=hop)
            current = urljoin(current, outcome.location)
            if current in seen:
                raise FetchRefused(f"redirect loop at {current}")
            seen.add(current)
        raise FetchRefused(f"more than {self.options.max_redirects} redirects from {url}")

    def _obey_robots(self, url: str) -> None:
        host = host_of(url)
        unreachable = self.robots.unreachable(url)
        if unreachable:
            raise FetchFailed(unreachable)
        if not self.robots.allowed(url):
            raise FetchRefused(f"robots.txt disallows {url}")
        delay = self.robots.crawl_delay(url)
        if delay:
            self.politeness.ask_delay(host, delay)

    def _with_retries(
        self, url: str, headers: Mapping[str, str], accept: frozenset[str]
    ) -> FetchResult | _Redirect:
        host = host_of(url)
        attempt = 0
        while True:
            try:
                with self.politeness.slot(host):
                    with self._count_lock:
                        self.requests += 1
                    outcome = self._once(url, headers, accept)
            except httpx.TransportError as exc:
                reason = f"{exc.__class__.__name__} fetching {url}: {exc}".rstrip(": ")
                wait, status = self.options.backoff * 2**attempt, None
            else:
                if not isinstance(outcome, _Error):
                    return outcome
                status = outcome.status
                reason = f"HTTP {status} from {url}"
                if status not in _RETRY_STATUSES:
                    raise FetchFailed(reason, status=status)
                asked = retry_after(outcome.retry_after)
                wait = asked if asked is not None else self.options.backoff * 2**attempt
                if wait > self.options.max_wait:
                    raise FetchFailed(f"{reason}; asked to wait {wait:.0f} s", status=status)
            if attempt >= self.options.max_retries:
                raise FetchFailed(f"{reason} (after {attempt + 1} tries)", status=status)
            attempt += 1
            log.info("retrying %s in %.1f s (%s)", url, wait, reason)
            # The wait holds the whole host, not just this URL: the server asked for a pause.
            self.politeness.defer(host, wait)

    def _once(
        self, url: str, headers: Mapping[str, str], accept: frozenset[str]
    ) -> FetchResult | _Redirect | _Error:
        started = time.monotonic()
        with self._client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in _REDIRECTS and "location" in response.headers:
                return _Redirect(location=response.headers["location"])
            content_type = response.headers.get("content-type")
            if status >= _FIRST_ERROR:  # the body of an error page is not wanted
                return _Error(status=status, retry_after=response.headers.get("retry-after"))
            data = b""
            if status != _NOT_MODIFIED:
                _check_type(url, content_type, accept)
                data = self._read_body(url, response, started)
            return FetchResult(
                url=url,
                final_url=str(response.url),
                status=status,
                data=data,
                content_type=content_type,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )

    def _read_body(self, url: str, response: httpx.Response, started: float) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchRefused(f"body of {url} is {int(declared)} bytes, over the {limit} limit")
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > limit:
                raise FetchRefused(f"body of {url} is over the {limit} byte limit")
            if time.monotonic() - started > self.options.deadline:
                raise FetchFailed(f"{url} took over {self.options.deadline:.0f} s to arrive")
            chunks.append(chunk)
        return b"".join(chunks)

    def _fetch_robots(self, url: str) -> FetchResult:
        return self._follow(url, {}, ANY_TYPE, check_robots=False)


def _check_type(url: str, content_type: str | None, accept: frozenset[str]) -> None:
    if not accept or not content_type:
        return  # no declared type: the parsers sniff the bytes
    media = content_type.split(";", 1)[0].strip().lower()
    if media.startswith(_NEVER) or (media not in accept and not media.endswith(("+xml", "+json"))):
        raise FetchRefused(f"content type {media} of {url} is not accepted")
