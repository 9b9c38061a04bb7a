"""A TCP relay that can fall silent, as a classroom's Wi-Fi does: the connections stay open, nothing arrives.

`silence()` makes every connection open at that moment, and every one made until `restore()`, carry nothing ever
again: what the client sends is read and dropped (noted in `requests`), nothing reaches it, and neither side is
told — no FIN, no RST, as when a phone walks out of the access point's range. `restore()` lets new connections
through and resets the silenced ones (as a router that has forgotten them answers their next packet), so no
browser keeps a dead one in its pool.
"""

import contextlib
import select
import socket
import struct
import threading
from dataclasses import dataclass, field


@dataclass
class _Link:
    client: socket.socket
    upstream: socket.socket | None
    dead: bool = False
    sockets: list[socket.socket] = field(default_factory=list)


class SilentProxy:
    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.requests: list[str] = []  # the request line of each request made while silent, in order
        self._links: list[_Link] = []
        self._silent = False
        self._lock = threading.Lock()
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def silence(self) -> None:
        with self._lock:
            self._silent = True
            for link in self._links:
                link.dead = True

    def restore(self) -> None:
        with self._lock:
            self._silent = False
            dead = [link for link in self._links if link.dead]
            self._links = [link for link in self._links if not link.dead]
        for link in dead:
            _reset(link.client)
            if link.upstream is not None:
                link.upstream.close()

    def close(self) -> None:
        self._stopped = True
        self._listener.close()
        with self._lock:
            links, self._links = self._links, []
        for link in links:
            link.client.close()
            if link.upstream is not None:
                link.upstream.close()

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                silent = self._silent
            upstream = None if silent else socket.create_connection(self.target)
            link = _Link(client, upstream, dead=silent)
            with self._lock:
                self._links.append(link)
            threading.Thread(target=self._pump, args=(link,), daemon=True).start()

    def _pump(self, link: _Link) -> None:
        """Relay both ways until either side closes; once dead, read the client's bytes and drop them."""
        ends = [link.client] if link.upstream is None else [link.client, link.upstream]
        try:
            while not self._stopped:
                readable, _, _ = select.select(ends, [], [], 0.1)
                for end in readable:
                    chunk = end.recv(65536)
                    if not chunk:
                        if not link.dead:
                            link.client.close()
                            if link.upstream is not None:
                                link.upstream.close()
                        return
                    if link.dead:
                        if end is link.client:
                            self._note(chunk)
                        continue
                    (link.upstream if end is link.client else link.client).sendall(chunk)  # type: ignore[union-attr]
        except OSError:
            return

    def _note(self, chunk: bytes) -> None:
        line = chunk.split(b"\r\n", 1)[0].decode("latin-1")
        if line.split(" ", 1)[0] in ("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"):
            with self._lock:
                self.requests.append(line)


def _reset(sock: socket.socket) -> None:
    """Close with an RST rather than a FIN (SO_LINGER with a zero timeout)."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
