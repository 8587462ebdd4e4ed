"""One canonical form per web address, so the same page reached many ways is one document.

Folds what changes an address but not the page: the scheme (http and https), a
``www.`` or ``amp.`` host prefix, default ports, host case, the fragment, tracking
parameters (``utm_*``, ``fbclid``, ``gclid``, ...), AMP forms (``/amp``, ``?amp``,
``?outputType=amp``, ``.amp.html``), a trailing slash, the order of the remaining
query parameters and needless percent-escapes. ``url_document_id`` is the Document id
every source should use for a web address.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from legation.model import document_id

__all__ = ["canonical_url", "is_tracking_param", "url_document_id"]

_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "wickedid",
        "s_cid",
        "ncid",
        "cmpid",
        "smid",
        "sr_share",
        "ref_src",
        "ref_url",
        "spm",
        "__twitter_impression",
        "outputtype",  # only ever "amp"; handled as an AMP marker too
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "piwik_", "mtm_", "matomo_", "at_", "hsa_", "ga_")
_AMP_VALUES = frozenset({"", "1", "true", "amp"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_AMP_PATH_SUFFIX = re.compile(r"/amp/?$", re.IGNORECASE)
_AMP_PATH_PREFIX = re.compile(r"^/amp(?=/)", re.IGNORECASE)
_AMP_EXTENSION = re.compile(r"\.amp(?=\.html?$)|\.amp$", re.IGNORECASE)


def is_tracking_param(name: str) -> bool:
    key = name.lower()
    return key in _TRACKING_EXACT or key.startswith(_TRACKING_PREFIXES)


def _host(netloc_host: str) -> str:
    host = netloc_host.lower().rstrip(".")
    # An undecodable host is kept as written; it still compares consistently.
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    for prefix in ("www.", "amp."):
        if host.startswith(prefix) and host.count(".") >= 2:  # noqa: PLR2004 - keep "www.com"
            host = host[len(prefix) :]
    return host


def _unescape_unreserved(part: str) -> str:
    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else f"%{match.group(1).upper()}"

    return _ESCAPE.sub(fix, part)


def _path(path: str) -> str:
    path = _unescape_unreserved(path) or "/"
    path = _AMP_PATH_PREFIX.sub("", path)
    path = _AMP_PATH_SUFFIX.sub("/", path)
    path = _AMP_EXTENSION.sub("", path)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return path


def _query(query: str) -> str:
    kept = []
    for name, value in parse_qsl(query, keep_blank_values=True):
        if is_tracking_param(name):
            continue
        if name.lower() == "amp" and value.lower() in _AMP_VALUES:
            continue
        kept.append((name, value))
    return urlencode(sorted(kept))


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) address; other strings come back trimmed."""
    text = url.strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return text
    host = _host(parts.hostname)
    try:
        port = parts.port
    except ValueError:
        port = None  # a malformed port is dropped rather than failing a whole crawl
    netloc = host if port in (None, *_DEFAULT_PORTS.values()) else f"{host}:{port}"
    # http and https serve the same page on every site worth keeping: fold to https.
    return urlunsplit(("https", netloc, _path(parts.path), _query(parts.query), ""))


def url_document_id(url: str) -> str:
    """The Document id of a web address: the same for every form of the same address."""
    return document_id(canonical_url(url))
