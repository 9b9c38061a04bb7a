"""The join URL: this server's address as the students' devices reach it.

A teacher often browses the app on the laptop that serves it (http://localhost:8000), but "localhost" on a student's
phone is the phone. So a loopback address is replaced by this machine's address on the network — found by asking
the kernel which local address a UDP socket would send from (connect() on UDP sends nothing) — with the same port.
`--public-url` (BACKPROP_PUBLIC_URL) overrides all of it, e.g. behind a proxy or with a DNS name.

A server that listens on a loopback address only (the CLI's default, 127.0.0.1) cannot be reached from another
device at any address: its join URL keeps the loopback address (it works on this computer), and the class says
that students need the server started with --host 0.0.0.0.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

# Any routable address will do: nothing is sent, the kernel only picks the interface (and so the source address).
PROBE_ADDRESS = ("10.254.254.254", 1)


def lan_address() -> str | None:
    """This machine's IPv4 address on its network, or None when it has no route (no network at all)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(PROBE_ADDRESS)
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if is_loopback(address) or address == "0.0.0.0" else address


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def local_only(public_url: str | None, listen_host: str | None) -> bool:
    """Whether no other device can reach this server: it listens on loopback only and no public URL says otherwise
    (listen_host None: not known, as under a process manager, which is taken to serve the network)."""
    return not public_url and listen_host is not None and is_loopback(listen_host)


def base_url(public_url: str | None, request_url: str, lan: str | None = None, listen_host: str | None = None) -> str:
    """scheme://host[:port] of the join URL: the public URL when set; else the request's own, with a loopback
    host replaced by `lan` (this machine's LAN address when not given) unless the server listens on loopback only."""
    if public_url:
        return public_url.rstrip("/")
    parts = urlsplit(request_url)
    host = parts.hostname or "localhost"
    if is_loopback(host) and not local_only(public_url, listen_host):
        host = lan if lan is not None else (lan_address() or host)
    if ":" in host:  # an IPv6 address goes in brackets
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port is not None else ""
    return f"{parts.scheme}://{host}{port}"


def join_url(base: str, code: str) -> str:
    return f"{base}/join?code={code}"
