"""A real HTTP server on 127.0.0.1 for crawler tests and the crawl benchmark.

Routes are set per test: a fixed Reply, or a function of the request count. Every
request is logged with its arrival time and the headers the crawler sent.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Hit", "LocalServer", "Reply"]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # before the status line
    drip: float = 0.0  # between 1 KiB body chunks
    declare_length: bool = True


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    headers: dict[str, str]


Route = Reply | Callable[[int], Reply]  # a function gets the route's 1-based hit count


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs (~40 ms each)
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        owner = self.server.owner
        hit = Hit(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()})
        count = owner.record(hit)
        route = owner.routes.get(self.path)
        if route is None:
            reply = Reply(status=404, body=b"not found", content_type="text/plain")
        else:
            reply = route(count) if callable(route) else route
        owner.enter()
        try:
            self._send(reply, hit)
        finally:
            owner.leave()

    def _send(self, reply: Reply, hit: Hit) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        if reply.status == 200 and _not_modified(reply, hit):
            self.send_response(304)
            self.send_header("Content-Length", "0")
            if reply.etag:
                self.send_header("ETag", reply.etag)
            self.end_headers()
            return
        self.send_response(reply.status)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        if reply.etag:
            self.send_header("ETag", reply.etag)
        if reply.last_modified:
            self.send_header("Last-Modified", reply.last_modified)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.declare_length:
            self.send_header("Content-Length", str(len(reply.body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self._write_body(reply)

    def _write_body(self, reply: Reply) -> None:
        try:
            if not reply.drip:
                self.wfile.write(reply.body)
                return
            for start in range(0, len(reply.body), 1024):
                self.wfile.write(reply.body[start : start + 1024])
                self.wfile.flush()
                time.sleep(reply.drip)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (size limit, deadline)


def _not_modified(reply: Reply, hit: Hit) -> bool:
    if reply.etag and hit.headers.get("if-none-match") == reply.etag:
        return True
    return bool(reply.last_modified) and hit.headers.get("if-modified-since") == reply.last_modified


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up (size limits, timeouts, a killed crawl) are what tests do.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 with settable routes and a request log."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._counts: dict[str, int] = {}
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def record(self, hit: Hit) -> int:
        with self._lock:
            self.hits.append(hit)
            self._counts[hit.path] = self._counts.get(hit.path, 0) + 1
            return self._counts[hit.path]

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def count(self, path: str) -> int:
        with self._lock:
            return self._counts.get(path, 0)

    def paths(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
