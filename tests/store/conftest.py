"""A real redis-server for the store tests, on a free loopback port, started and stopped here."""

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import redis

from tests.support.server import free_port


@dataclass
class RedisServer:
    port: int
    proc: subprocess.Popen

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_redis(timeout: float = 10.0) -> RedisServer:
    """redis-server without persistence on 127.0.0.1:<free port>, once it answers PING."""
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is not installed: run `make test` (it installs Debian's redis-server) "
                    "or `apt-get install -y --no-install-recommends redis-server`.")
    port = free_port()
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = RedisServer(port, proc)
    client = redis.Redis(port=port, socket_connect_timeout=0.5)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"redis-server exited early with status {proc.returncode}")
        try:
            if client.ping():
                return server
        except redis.ConnectionError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            pytest.fail(f"redis-server did not answer on port {port} within {timeout} s")
        time.sleep(0.05)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = start_redis()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The shared server, emptied for this test."""
    redis.Redis.from_url(redis_server.url).flushall()
    return redis_server.url


@pytest.fixture
def dead_redis_url() -> str:
    """A Redis URL where nothing listens."""
    return f"redis://127.0.0.1:{free_port()}/0"
