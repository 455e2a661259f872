"""Which network addresses downloads may reach.

Public addresses only, unless the library's own server lives on this computer
or the local network (a setting of the library, see `state.get_local_server`):
loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16, fe80::/10), private
(10/8, 172.16/12, 192.168/16, fc00::/7) and every other non-global address
(0.0.0.0, 100.64/10, multicast, reserved) are refused, for the first URL and
for every redirect and retry. A host name counts by the addresses it resolves
to (all of them). Checked before connecting, so nothing is sent there.

Not covered: DNS rebinding (a name that resolves to a public address here and
to a private one a moment later, when http.client connects), and what a proxy
from the environment reaches on our behalf; a name that does not resolve here
but is sent to such a proxy is left to the proxy.
"""

from __future__ import annotations

import ipaddress
import socket

from reslib_desktop.offline.errors import DownloadError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
REFUSED = "refused unless the library's own server is there"


def address_problem(address: Address) -> str | None:
    """Why downloads may not reach this address ('on this computer', ...), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if address.is_loopback or address.is_unspecified:
        return "on this computer"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "on the local network"
    if not address.is_global or address.is_multicast:
        return "not a public address"
    return None


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _resolve(host: str, port: int) -> list[Address]:
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(entry[4][0]).split("%")[0]) for entry in found]


class LocalAddressRefused(DownloadError):
    """A download that would reach this computer or the local network; `where` names the address."""

    def __init__(self, where: str, kind: str, redirected: bool = False) -> None:
        reason = f"redirected to {where}, {kind}" if redirected else f"{where} is {kind}"
        super().__init__(f"{reason}: {REFUSED}", retryable=False)
        self.where = where
        self.kind = kind

    def after_redirect(self) -> LocalAddressRefused:
        return LocalAddressRefused(self.where, self.kind, redirected=True)


def check_host(host: str, port: int, via_proxy: bool = False) -> None:
    """LocalAddressRefused if `host` is, or resolves to, an address downloads may not reach.

    `via_proxy`: the request goes to a proxy, so a name that does not resolve here is not an error.
    """
    literal = _literal(host)
    if literal is not None:
        problem = address_problem(literal)
        if problem:
            mapped = getattr(literal, "ipv4_mapped", None)
            raise LocalAddressRefused(f"{literal} ({mapped})" if mapped else str(literal), problem)
        return
    try:
        addresses = _resolve(host, port)
    except (socket.gaierror, UnicodeError, OSError):
        if via_proxy:
            return
        raise DownloadError(f"host not found: {host}") from None
    for address in addresses:
        problem = address_problem(address)
        if problem:
            raise LocalAddressRefused(f"{host} ({address})", problem)
