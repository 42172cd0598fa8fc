"""Single sign-on through the test OpenID provider, with many members on file.

    .venv/bin/python bench/sso_sign_in.py [--members 100000] [--sign-ins 20]

Starts the test provider (tests/oidc_provider) on loopback, a fresh SQLite Trellis (or
DATABASE_URL) with `--members` members, then signs one member in `--sign-ins` times
through the real flow: the button's POST, the provider's sign-in and consent (over
HTTP), and Trellis's callback (code exchange, JWKS, userinfo, the lookup, the session).
Prints, each as median and slowest: the callback alone (Trellis's share, which includes
its three calls to the provider) and the whole flow, the first sign-in (which links the
member) apart from the later ones (found by subject), and the callback's queries.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def start_provider(folder: Path) -> tuple[subprocess.Popen, str]:
    from cryptography.hazmat.primitives.asymmetric import rsa

    from tests.oidc_provider.fixture import private_key_pem

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (folder / "private_key.pem").write_bytes(private_key_pem(key))
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline().split()
    if not line or line[0] != "READY":
        process.kill()
        raise SystemExit("the test OpenID provider did not start")
    return process, f"http://127.0.0.1:{line[1]}/o"


def seed_members(count: int) -> None:
    """`count` members with no password, by bulk insert (the roster import's cost is
    measured by bench/roster_import.py; here only their number matters)."""
    from trellis.accounts.models import User
    from trellis.people.models import Member

    batch = 5000
    for start in range(0, count, batch):
        users = User.objects.bulk_create(
            User(email=f"member.{n}@example.org", password="!") for n in range(start, start + batch)
        )
        Member.objects.bulk_create(
            Member(user=user, display_name=f"Member {n}", search_name=f"member {n}")
            for n, user in enumerate(users, start)
            if n < count
        )


def one_sign_in(client) -> tuple[float, float, int]:
    """(whole flow in s, callback in s, the callback's queries) for one sign-in."""
    from django.db import connection

    from tests.oidc_provider.person import consent_at_provider

    began = time.perf_counter()
    start = client.post("/sso/start/")
    callback = urlsplit(consent_at_provider(start["Location"], username="ana"))
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        callback_began = time.perf_counter()
        answer = client.get(f"{callback.path}?{callback.query}")
        callback_s = time.perf_counter() - callback_began
    if answer.status_code != 302:
        raise SystemExit(f"the sign-in failed: {answer.status_code}")
    client.post("/accounts/sign-out/")
    return time.perf_counter() - began, callback_s, len(queries)


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.1f} ms, slowest {max(values) * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--sign-ins", type=int, default=20)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="trellis-sso-bench-"))
    (folder / "provider").mkdir()
    provider, issuer = start_provider(folder / "provider")
    try:
        from tests.oidc_provider import seed

        os.environ.update(
            TRELLIS_DATA_DIR=str(folder),
            DJANGO_SETTINGS_MODULE="trellis.settings",
            TRELLIS_SSO_ENABLED="true",
            TRELLIS_SSO_ISSUER=issuer,
            TRELLIS_SSO_CLIENT_ID=seed.CLIENT_ID,
            TRELLIS_SSO_CLIENT_SECRET=seed.CLIENT_SECRET,
        )
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
        migrate = [sys.executable, "-m", "trellis.cli", "migrate", "--verbosity", "0"]
        subprocess.run(migrate, check=True, cwd=ROOT, env=os.environ)
        import django

        django.setup()
        from django.test import Client

        from trellis.people.services import member_create

        seed_members(args.members)
        member_create(email="ana@example.org", display_name="Ana Lima", password=None)
        client = Client(HTTP_HOST="localhost")
        runs = [one_sign_in(client) for _ in range(args.sign_ins)]
        print(f"members on file: {args.members + 1}, sign-ins: {len(runs)}")
        print(
            f"first sign-in (links by e-mail): callback {runs[0][1] * 1000:.1f} ms, "
            f"whole flow {runs[0][0] * 1000:.1f} ms, {runs[0][2]} queries"
        )
        later = runs[1:] or runs
        print(f"later sign-ins (by subject): callback {ms([r[1] for r in later])}")
        print(f"later sign-ins, whole flow: {ms([r[0] for r in later])}")
        print(f"later sign-ins, callback queries: {sorted({r[2] for r in later})}")
    finally:
        provider.terminate()
        provider.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
