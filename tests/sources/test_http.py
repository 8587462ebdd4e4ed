"""The fetcher against a real local server: limits, retries, redirects, conditional GET."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from legation.errors import FetchRefused
from legation.sources.http import (
    ANY_TYPE,
    LISTING_TYPES,
    Fetcher,
    FetchFailed,
    FetchOptions,
    retry_after,
)
from legation.sources.politeness import Politeness
from tests.sources.server import LocalServer, Reply

OPTIONS = FetchOptions(user_agent="LegationTest/1.0", timeout=2.0, backoff=0.05, max_retries=2)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(OPTIONS) as live:
        yield live


def test_plain_get_sends_user_agent(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/a"] = Reply(body=b"<html>hi</html>", etag='"v1"', last_modified="x")
    result = fetcher.get(server.url("/a"))
    assert result.status == 200
    assert result.data == b"<html>hi</html>"
    assert result.media_type == "text/html"
    assert result.etag == '"v1"'
    assert server.hits[-1].headers["user-agent"] == "LegationTest/1.0"


def test_conditional_get_by_etag_and_by_date(server: LocalServer, fetcher: Fetcher) -> None:
    stamp = "Mon, 01 Jan 2024 00:00:00 GMT"
    server.routes["/e"] = Reply(body=b"body", etag='"v1"')
    server.routes["/d"] = Reply(body=b"body", last_modified=stamp)
    assert fetcher.get(server.url("/e"), etag='"v1"').not_modified
    assert not fetcher.get(server.url("/e"), etag='"v0"').not_modified
    dated = fetcher.get(server.url("/d"), last_modified=stamp)
    assert dated.not_modified
    assert dated.data == b""
    assert server.hits[-1].headers["if-modified-since"] == stamp


def test_429_waits_for_retry_after_then_succeeds(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/busy"] = lambda n: (
        Reply(status=429, headers={"Retry-After": "1"}) if n == 1 else Reply(body=b"ok")
    )
    assert fetcher.get(server.url("/busy")).data == b"ok"
    first, second = (h.at for h in server.hits if h.path == "/busy")
    assert second - first >= 0.95


def test_5xx_retried_with_backoff_then_given_up(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/flaky"] = lambda n: Reply(status=503) if n < 3 else Reply(body=b"ok")
    assert fetcher.get(server.url("/flaky")).data == b"ok"
    times = [h.at for h in server.hits if h.path == "/flaky"]
    assert times[2] - times[1] >= times[1] - times[0] >= 0.04  # 0.05 then 0.1
    server.routes["/down"] = Reply(status=500)
    with pytest.raises(FetchFailed, match="HTTP 500") as caught:
        fetcher.get(server.url("/down"))
    assert server.count("/down") == 3  # one try and two retries
    assert not caught.value.gone


def test_long_retry_after_fails_for_later(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/later"] = Reply(status=503, headers={"Retry-After": "3600"})
    with pytest.raises(FetchFailed, match="asked to wait 3600"):
        fetcher.get(server.url("/later"))
    assert server.count("/later") == 1


def test_404_is_gone_without_retry(server: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchFailed) as caught:
        fetcher.get(server.url("/missing"))
    assert caught.value.gone
    assert server.count("/missing") == 1


def test_redirects_followed_loops_and_chains_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/old"] = Reply(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Reply(body=b"moved here")
    result = fetcher.get(server.url("/old"))
    assert (result.final_url, result.url, result.redirects) == (
        server.url("/new"),
        server.url("/old"),
        1,
    )
    server.routes["/r1"] = Reply(status=302, headers={"Location": "/r2"})
    server.routes["/r2"] = Reply(status=302, headers={"Location": server.url("/r1")})
    with pytest.raises(FetchRefused, match="redirect loop"):
        fetcher.get(server.url("/r1"))
    for i in range(10):
        server.routes[f"/c{i}"] = Reply(status=307, headers={"Location": f"/c{i + 1}"})
    with pytest.raises(FetchRefused, match="more than 5 redirects"):
        fetcher.get(server.url("/c0"))
    assert server.count("/c6") == 0


def test_oversized_bodies_refused(server: LocalServer) -> None:
    small = replace(OPTIONS, max_bytes=10_000)
    server.routes["/big"] = Reply(body=b"x" * 50_000)
    server.routes["/big-undeclared"] = Reply(body=b"x" * 50_000, declare_length=False)
    with Fetcher(small) as fetcher:
        with pytest.raises(FetchRefused, match="50000 bytes, over the 10000 limit"):
            fetcher.get(server.url("/big"))
        with pytest.raises(FetchRefused, match="over the 10000 byte limit"):
            fetcher.get(server.url("/big-undeclared"))
        server.routes["/fits"] = Reply(body=b"x" * 9_000, declare_length=False)
        assert len(fetcher.get(server.url("/fits")).data) == 9_000


def test_wrong_content_types_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/img"] = Reply(body=b"\x89PNG....", content_type="image/png")
    server.routes["/svg"] = Reply(body=b"<svg/>", content_type="image/svg+xml")
    server.routes["/zip"] = Reply(body=b"PK..", content_type="application/zip")
    server.routes["/rss"] = Reply(body=b"<rss/>", content_type="application/rss+xml")
    for path in ("/img", "/svg", "/zip"):
        with pytest.raises(FetchRefused, match="is not accepted"):
            fetcher.get(server.url(path))
    assert fetcher.get(server.url("/rss"), accept=LISTING_TYPES).data == b"<rss/>"
    # Any +xml type passes an item check: an XML article is the parsers' business.
    assert fetcher.get(server.url("/rss"), accept=frozenset({"text/html"})).data == b"<rss/>"
    assert fetcher.get(server.url("/zip"), accept=ANY_TYPE).data == b"PK.."


def test_slow_responses_time_out(server: LocalServer) -> None:
    quick = replace(OPTIONS, timeout=0.3, max_retries=1, deadline=0.8)
    server.routes["/slow"] = Reply(body=b"late", delay=1.0)
    server.routes["/drip"] = Reply(body=b"y" * 20_000, drip=0.1)
    with Fetcher(quick) as fetcher:
        with pytest.raises(FetchFailed, match="ReadTimeout"):
            fetcher.get(server.url("/slow"))
        assert server.count("/slow") == 2
        with pytest.raises(FetchFailed, match="took over 1 s"):
            fetcher.get(server.url("/drip"))


def test_robots_txt_obeyed(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/robots.txt"] = Reply(
        body=b"User-agent: *\nDisallow: /private\n\nUser-agent: LegationTest\nDisallow: /mine\n",
        content_type="text/plain",
    )
    server.routes["/open"] = Reply(body=b"ok")
    server.routes["/mine/x"] = Reply(body=b"no")
    server.routes["/private/x"] = Reply(body=b"ok for us")
    assert fetcher.get(server.url("/open")).data == b"ok"
    with pytest.raises(FetchRefused, match=r"robots\.txt disallows"):
        fetcher.get(server.url("/mine/x"))
    # Only the group naming our product token applies, so /private is allowed to us.
    assert fetcher.get(server.url("/private/x")).data == b"ok for us"
    assert server.count("/mine/x") == 0
    assert server.count("/robots.txt") == 1


def test_robots_redirect_target_checked(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /secret\n")
    server.routes["/go"] = Reply(status=302, headers={"Location": "/secret/page"})
    with pytest.raises(FetchRefused, match=r"robots\.txt disallows"):
        fetcher.get(server.url("/go"))
    assert server.count("/secret/page") == 0


def test_unreachable_robots_means_not_now(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/robots.txt"] = Reply(status=503)
    server.routes["/page"] = Reply(body=b"ok")
    with pytest.raises(FetchFailed, match=r"robots\.txt unreachable"):
        fetcher.get(server.url("/page"))
    assert server.count("/page") == 0


def test_robots_crawl_delay_slows_the_host(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Reply(body=b"User-agent: *\nCrawl-delay: 0.3\n")
    server.routes["/p"] = Reply(body=b"ok")
    with Fetcher(OPTIONS, politeness=Politeness(0.0, 1)) as fetcher:
        for _ in range(3):
            fetcher.get(server.url("/p"))
    times = [h.at for h in server.hits if h.path == "/p"]
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.28


def test_mock_transport_and_bad_schemes() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, text="mocked", headers={"content-type": "text/plain"})

    with Fetcher(OPTIONS, transport=httpx.MockTransport(answer)) as fetcher:
        assert fetcher.get("https://example.invalid/x").data == b"mocked"
        with pytest.raises(FetchRefused, match="not an http"):
            fetcher.get("ftp://example.invalid/file")
    assert seen[-1].headers["user-agent"] == "LegationTest/1.0"


def test_retry_after_parsing() -> None:
    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert retry_after("7") == 7.0
    assert retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert retry_after("soon") is None
    assert retry_after(None) is None
