"""The server's guard: what every request and response passes through.

- **Read-only.** Only GET and HEAD are answered (405 otherwise); no endpoint
  writes to the project.
- **Host header** (against DNS rebinding: a web page on `evil.example`
  whose name is made to point at 127.0.0.1 would otherwise read the
  project). A request is answered only when its Host is an IP address
  literal, `localhost`, or the name given to `--host`; any other name gets
  421. With the default loopback address only loopback literals and
  `localhost` pass.
- **Headers on every response**: a Content-Security-Policy (the app's pages
  run only the package's own script and styles; handouts and outputs run no
  script at all, in a sandbox), `nosniff`, no referrer, same-origin frames.
"""

from __future__ import annotations

import ipaddress

APP_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
           "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
# Handouts and built outputs: their own inline styles and pictures, never a script.
DOCUMENT_CSP = ("sandbox allow-popups allow-popups-to-escape-sandbox allow-downloads; default-src 'none'; style-src 'unsafe-inline'; "
                "img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


def _split_host(value: str) -> str | None:
    """The host name of a Host header, lower-cased, without the port; None when malformed."""
    value = value.strip().lower()
    if not value or any(ch in value for ch in " /\\@?#"):
        return None
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        rest = value[end + 1:]
        if rest and not (rest.startswith(":") and rest[1:].isdigit()):
            return None
        return value[1:end]
    name, _, port = value.partition(":")
    if port and not port.isdigit():
        return None
    return name.rstrip(".")


def _ip(name: str):
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def host_allowed(header: str | None, bound: str) -> bool:
    """Is a request with this Host header to be answered by a server bound to `bound`?"""
    if header is None:
        return False
    name = _split_host(header)
    if name is None:
        return False
    ip = _ip(name)
    loopback_only = (_ip(bound) is not None and _ip(bound).is_loopback) or bound == "localhost"
    if name == "localhost":
        return True
    if ip is not None:
        return ip.is_loopback or not loopback_only
    return not loopback_only and name == bound.lower().rstrip(".")


class Guard:
    """ASGI middleware: method and Host checks, security headers on everything."""

    def __init__(self, app, bound: str = "127.0.0.1"):
        self.app = app
        self.bound = bound

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if not host_allowed(headers.get("host"), self.bound):
            await _plain(send, 421, "refused: this server answers only requests addressed to it by its own address "
                                    "(the Host header names another site)\n")
            return
        if scope["method"] not in ("GET", "HEAD"):
            await _plain(send, 405, "argmap serve is read-only: only GET and HEAD are answered\n", [(b"allow", b"GET, HEAD")])
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                given = [(k.lower(), v) for k, v in message.get("headers", [])]
                names = {k for k, _ in given}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"SAMEORIGIN"), (b"cross-origin-resource-policy", b"same-origin"),
                         (b"cross-origin-opener-policy", b"same-origin")]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", APP_CSP.encode()))
                if b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": given + [h for h in extra if h[0] not in names]}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _plain(send, status: int, text: str, headers: list | None = None) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", APP_CSP.encode()), (b"x-content-type-options", b"nosniff"), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
