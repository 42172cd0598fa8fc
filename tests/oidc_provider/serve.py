"""Run the test OpenID provider: `python -m tests.oidc_provider.serve <data folder>`.

The folder must hold `private_key.pem` (the fixture writes one). The server binds
127.0.0.1 on a free port, sets its issuer to that address, migrates its SQLite database
in the folder, seeds its users and clients (seed.py), prints `READY <port>` and serves
until it is terminated.
"""

from __future__ import annotations

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main(folder: str) -> None:
    server = make_server(
        "127.0.0.1", 0, None, server_class=ThreadingServer, handler_class=QuietHandler
    )
    port = server.server_port
    os.environ["OIDC_PROVIDER_DIR"] = folder
    os.environ["OIDC_PROVIDER_ISSUER"] = f"http://127.0.0.1:{port}/o"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", verbosity=0)
    from tests.oidc_provider.seed import seed

    seed()
    server.set_app(get_wsgi_application())
    print(f"READY {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
