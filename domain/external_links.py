"""External links of a task (web pages, attachments, local files), recognised from what
the user typed as Kanboard's link providers do, without ever fetching anything.

Kanboard fetches a web page to find its title when none is given; boardlog never makes a
network request for a link (that would let any member make the server reach internal
addresses), so a web link's default title is what Kanboard answers when it does not
fetch: the URL itself for a private address, else host and path (what Kanboard falls back
to when the page has no <title> or cannot be fetched).
"""
from __future__ import annotations

import re
from ipaddress import IPv4Address, IPv6Address
from urllib.parse import SplitResult, urlsplit

from domain.errors import Invalid
from domain.rules import require_text

AUTO = "auto"
FILE, ATTACHMENT, WEBLINK = "file", "attachment", "weblink"
KINDS = (FILE, ATTACHMENT, WEBLINK)  # the order "auto" tries them in, as Kanboard's
MAX_TEXT, MAX_DEPENDENCY = 65535, 100

_PAGE_EXTENSIONS = {"html", "htm", "xhtml", "php", "jsp", "do", "action", "asp", "aspx", "cgi"}
_ATTACHMENT = re.compile(r"^https?://.*/.*\.([^/]+)$")
_PHP_TRIM = " \t\n\r\0\x0b"


# --- recognising a link ---------------------------------------------------------------


def _matches(kind: str, text: str) -> bool:
    if kind == FILE:  # any scheme:// but the web's and ftp's
        return "://" in text and not text.startswith(("http", "ftp"))
    if kind == ATTACHMENT:  # a file name at the end of an http(s) URL, not a page
        found = _ATTACHMENT.match(text)
        return bool(found) and found.group(1).lower() not in _PAGE_EXTENSIONS
    return text.startswith(("http://", "https://")) and is_valid_url(text)


def recognise(text: str | None, kind: str) -> tuple[str, str]:
    """(kind, url) of what the user typed, with `kind` "auto" or one of KINDS; Invalid
    when no kind (or not the one asked for) reads it."""
    if text is None:  # no provider reads null
        raise Invalid("no URL")
    url = text.strip(_PHP_TRIM)
    if kind == AUTO:
        found = next((k for k in KINDS if _matches(k, url)), None)
        if found is None:
            raise Invalid("no kind of external link reads this URL")
        return found, url
    if kind not in KINDS:
        raise Invalid(f"unknown kind of external link {kind!r}")
    if not _matches(kind, url):
        raise Invalid(f"the URL is not a {kind} link")
    return kind, url


def default_title(kind: str, url: str) -> str:
    """The title of a link created without one (no network request, see above)."""
    parts = _split(url)
    path = parts.path if parts else ""
    if kind == FILE:
        return _basename(path.replace("\\", "/"))
    if kind == ATTACHMENT:
        return _basename(path)
    host = _host(parts) if parts else ""
    if _is_private_host(parts, host):
        return url
    return host + path if host and path else url


def _basename(path: str) -> str:
    """PHP's basename: the last segment, trailing slashes ignored."""
    return path.rstrip("/").rpartition("/")[2]


# --- validating a link ----------------------------------------------------------------


def check(url: str, title: str, dependency: str) -> None:
    """Kanboard's ExternalLinkValidator: all three required, within their lengths, and
    the URL valid as PHP's FILTER_VALIDATE_URL has it."""
    for value, what, longest in ((url, "url", MAX_TEXT), (title, "title", MAX_TEXT),
                                 (dependency, "dependency", MAX_DEPENDENCY)):
        require_text(value, what, None)  # false, sent as the EmptyText "", passes
        if len(value) > longest:
            raise Invalid(f"{what} is longer than {longest} characters")
    if not is_valid_url(url):
        raise Invalid("the URL is invalid")


# What PHP's FILTER_SANITIZE_URL keeps; a URL with anything else is not valid.
_URL_CHARS = re.compile(r"[A-Za-z0-9$\-_.+!*'(),{}|\\^~\[\]`<>#%\";/?:@&=]*")
_USERINFO = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
_HOSTLESS_SCHEMES = ("mailto", "news", "file")


def is_valid_url(url: str) -> bool:
    """PHP's filter_var(url, FILTER_VALIDATE_URL): a scheme, a host (but for mailto:,
    news:, file:), an http(s) host that is a valid host name, and plain characters."""
    if not _URL_CHARS.fullmatch(url):
        return False
    parts = _split(url)
    if parts is None or not parts.scheme:
        return False
    host = _host(parts)
    if parts.scheme in ("http", "https"):
        if not host or not (_is_bracketed_ipv6(host) or _is_host_name(host)):
            return False
    elif not host and parts.scheme not in _HOSTLESS_SCHEMES:
        return False
    userinfo, at, _ = parts.netloc.rpartition("@")
    return not at or all(_USERINFO.fullmatch(piece) for piece in userinfo.split(":", 1))


def _split(url: str) -> SplitResult | None:
    """The URL's parts, or None where PHP's parse_url fails (a port that is no number
    or beyond 65535, an empty host after "//")."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        return None
    if parts.scheme != "file" and url.partition(":")[2].startswith("///"):
        return None  # scheme:/// with no host parses only for file:
    return parts


def _host(parts: SplitResult) -> str:
    """The host as typed (urlsplit's hostname lower-cases it and drops IPv6 brackets)."""
    host = parts.netloc.rpartition("@")[2]
    if host.startswith("["):
        return host[:host.find("]") + 1] if "]" in host else host
    return host.partition(":")[0]


def _is_host_name(host: str) -> bool:
    name = host[:-1] if host.endswith(".") else host
    return 0 < len(name) <= 253 and all(
        len(label) <= 63 and _LABEL.fullmatch(label) for label in name.split("."))


def _is_bracketed_ipv6(host: str) -> bool:
    try:
        IPv6Address(host[1:-1])
    except ValueError:
        return False
    return host.startswith("[") and host.endswith("]")


# --- private addresses, without resolving any name --------------------------------------

# PHP's FILTER_FLAG_NO_PRIV_RANGE | FILTER_FLAG_NO_RES_RANGE refuse these IPv4 blocks.
_PRIVATE_V4 = ((0, 8), (10 << 24, 8), (127 << 24, 8), ((169 << 24) | (254 << 16), 16),
               ((172 << 24) | (16 << 16), 12), ((192 << 24) | (168 << 16), 16),
               (240 << 24, 4))


def _is_private_host(parts: SplitResult | None, host: str) -> bool:
    """Whether Kanboard would see a private address (and so not fetch the page): the
    name localhost or an IPv4 address, in any form the C library reads one. Other names
    are not resolved, so one that resolves to a private address counts as public."""
    if parts is None or parts.scheme not in ("http", "https") or not host.strip():
        return False
    if host.lower() == "localhost":
        return True
    address = _inet_aton(host)
    return address is not None and any(
        address >> (32 - bits) == block >> (32 - bits) for block, bits in _PRIVATE_V4)


def _inet_aton(text: str) -> int | None:
    """An IPv4 address as the C library's inet_aton reads it (1 to 4 parts, the last
    filling the remaining bytes; a leading 0 means octal), as PHP's gethostbyname does."""
    pieces = text.split(".")
    if not 1 <= len(pieces) <= 4:
        return None
    values = []
    for piece in pieces:
        if not piece.isdigit() or not piece.isascii():
            return None
        if len(piece) > 1 and piece.startswith("0"):
            if any(c in "89" for c in piece):
                return None
            values.append(int(piece, 8))
        else:
            values.append(int(piece))
    *head, last = values
    if any(v > 255 for v in head) or last >= 1 << (8 * (4 - len(head))):
        return None
    address = last
    for index, value in enumerate(head):
        address |= value << (24 - 8 * index)
    return int(IPv4Address(address))
