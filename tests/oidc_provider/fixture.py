"""The `oidc_provider` fixture: the test OpenID provider in a process of its own.

Started once per test session (migrating its tiny database takes a second or two),
on 127.0.0.1 and a free port, with an RSA key made here, and stopped at the end.
Import it into a conftest: `from tests.oidc_provider.fixture import oidc_provider`.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.oidc_provider import seed

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60


@dataclass(frozen=True)
class RunningProvider:
    """The provider as the tests see it: its issuer, its signing key and its database."""

    issuer: str
    private_key: rsa.RSAPrivateKey
    database: Path

    def set_email(self, username: str, email: str) -> None:
        """Change a user's address at the provider, as an identity team would."""
        with sqlite3.connect(self.database) as connection:
            connection.execute("UPDATE auth_user SET email=? WHERE username=?", (email, username))


def private_key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningProvider]:
    folder = tmp_path_factory.mktemp("oidc-provider")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (folder / "private_key.pem").write_bytes(private_key_pem(key))
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=(folder / "provider.log").open("w"),
        text=True,
    )
    try:
        line = _first_line(process)
        if not line.startswith("READY "):
            log = (folder / "provider.log").read_text()
            pytest.fail(f"the test OpenID provider did not start: {line!r}\n{log}")
        port = int(line.split()[1])
        yield RunningProvider(
            issuer=f"http://127.0.0.1:{port}/o",
            private_key=key,
            database=folder / "provider.sqlite3",
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _first_line(process: subprocess.Popen) -> str:
    """The provider's first line of output, or "" when it died or took too long."""
    import selectors

    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=START_TIMEOUT_S):
            return ""
    return process.stdout.readline().strip()


__all__ = ["RunningProvider", "oidc_provider", "seed"]
