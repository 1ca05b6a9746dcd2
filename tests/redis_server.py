"""A real redis-server for the scale-out tests, on a free loopback port, in a temp dir."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import redis

from tests.e2e_helpers import missing_tool

ROOT = Path(__file__).resolve().parents[1]


def redis_binary() -> str:
    binary = shutil.which("redis-server")
    if binary is None:
        subprocess.run(["bash", str(ROOT / "tests" / "ensure_redis.sh")], check=False)
        binary = shutil.which("redis-server")
    if binary is None:
        missing_tool("redis-server", "redis-server")
    return binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = subprocess.Popen(
            [
                redis_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        self.client = client

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
