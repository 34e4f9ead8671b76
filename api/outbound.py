"""Where callbacks may go, and how TwoMatch connects there.

A callback URL comes from an API client, so it is untrusted: it could point the server at
itself, the private network or a cloud metadata service (SSRF). The rules, applied when the
URL is submitted and again before every attempt (DNS may answer differently by then):

* https only; http only for hosts named in API_CALLBACK_HTTP_HOSTS;
* if the client has an allow-list of callback hosts, the host must be on it;
* every address the host resolves to must be public: loopback, private, link-local, CGNAT,
  multicast, reserved and unspecified addresses are refused, also when wrapped in IPv6
  (IPv4-mapped, 6to4, Teredo, NAT64). Loopback only with API_CALLBACK_ALLOW_LOOPBACK (tests,
  or a receiver on the same machine).

The request then goes to the address that was checked (the URL's host is replaced by it; the
Host header and TLS server name stay the name), so a DNS answer that changes between the check
and the connection (DNS rebinding) cannot redirect it.
"""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx
from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
DEFAULT_PORTS = {"http": 80, "https": 443}


class CallbackRefused(Exception):
    """The URL may not be called. `temporary`: the host could not be resolved (try again later)."""

    def __init__(self, reason: str, *, temporary: bool = False):
        super().__init__(reason)
        self.temporary = temporary


@dataclass(frozen=True)
class CallbackTarget:
    scheme: str
    host: str                     # lower-case name or address literal, as in the URL
    port: int
    path: str                     # path and query, as in the URL
    addresses: tuple[str, ...]    # checked public addresses, in the resolver's order


def host_list(text: str) -> list[str]:
    """An allow-list as typed in the admin: one host per line (commas and spaces also separate)."""
    return [item.lower().rstrip(".") for item in text.replace(",", " ").split() if item]


def host_allowed(host: str, allowed: list[str]) -> bool:
    """`hooks.example.com` allows that host; `*.example.com` allows its subdomains."""
    return any(host == entry or (entry.startswith("*.") and host.endswith(entry[1:])) for entry in allowed)


def address_problem(ip: IPAddress) -> str | None:
    """Why a callback may not go to this address, or None for a public one."""
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return address_problem(embedded)
    if ip.is_loopback:
        return None if settings.API_CALLBACK_ALLOW_LOOPBACK else "loopback"
    if ip.version == 4 and ip in _CGNAT:
        return "shared (CGNAT)"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private or not ip.is_global:
        return "private"
    return None


def _resolve(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise CallbackRefused(f"{host} could not be resolved ({exc}).", temporary=True) from None
    # getaddrinfo may add a scope (fe80::1%eth0); the address alone is what is checked.
    return list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))


def callback_target(url: str, *, allowed_hosts: list[str]) -> CallbackTarget:
    """The checked target of `url`; raises CallbackRefused with a reason the client can read."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise CallbackRefused("callback_url has no host.")
    if parts.username is not None or parts.password is not None:
        raise CallbackRefused("callback_url must not contain a user name or password.")
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme, 0)
    except ValueError:
        raise CallbackRefused("callback_url has an invalid port.") from None
    if scheme == "http":
        if host not in settings.API_CALLBACK_HTTP_HOSTS:
            raise CallbackRefused("callback_url must use https:// (http:// only for hosts in API_CALLBACK_HTTP_HOSTS).")
    elif scheme != "https":
        raise CallbackRefused("callback_url must be an https:// URL.")
    if allowed_hosts and not host_allowed(host, allowed_hosts):
        raise CallbackRefused(f"{host} is not one of this client's callback hosts.")
    addresses = _resolve(host, port)
    for address in addresses:
        problem = address_problem(ipaddress.ip_address(address))
        if problem:
            raise CallbackRefused(f"{host} resolves to {address}, a {problem} address; callbacks go to public addresses only.")
    path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return CallbackTarget(scheme=scheme, host=host, port=port, path=path, addresses=tuple(addresses))


def post_pinned(target: CallbackTarget, *, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST to the checked addresses in turn (the next only when connecting fails); the status code.

    The response body is never read: a receiver cannot make TwoMatch download or store anything.
    Redirects are not followed and proxy environment variables are ignored.
    """
    default_port = DEFAULT_PORTS[target.scheme] == target.port
    host_header = target.host if default_port else f"{target.host}:{target.port}"
    if ":" in target.host:  # an IPv6 literal
        host_header = f"[{target.host}]" if default_port else f"[{target.host}]:{target.port}"
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    last_error: httpx.HTTPError | None = None
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for address in target.addresses:
            literal = f"[{address}]" if ":" in address else address
            request = client.build_request("POST", f"{target.scheme}://{literal}:{target.port}{target.path}",
                                           content=body, headers={**headers, "Host": host_header},
                                           extensions=extensions)
            try:
                response = client.send(request, stream=True)
            except httpx.ConnectError as exc:
                last_error = exc
                continue
            response.close()
            return response.status_code
    assert last_error is not None
    raise last_error
