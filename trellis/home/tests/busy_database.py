"""A demo database and a writer that keeps writing to it: for test_backup_restore.py.

    python -m trellis.home.tests.busy_database seed|write

Run with TRELLIS_DATA_DIR and DATABASE_URL naming a SQLite file. `seed` migrates, loads
the vocabulary and seeds a small demo organisation (the demo without its round). `write`
publishes a post and replies to it (which notifies its author), one transaction each,
over and over; it prints "WRITING" once the first pair is in and stops when its standard
input closes, printing how many pairs it wrote.
"""

from __future__ import annotations

import os
import sys
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")

MEMBERS = 60


def seed() -> None:
    from django.conf import settings
    from django.core.management import call_command

    from trellis.demo.seed import demo_organisation_create
    from trellis.people.services import vocabulary_load

    call_command("migrate", interactive=False, verbosity=0)
    vocabulary_load(path=settings.TOPICS_FILE)
    demo_organisation_create(members=MEMBERS, seed=7)


def write() -> None:
    from trellis.community.services import post_create, reply_create
    from trellis.notifications.services import notifications_in_app_only
    from trellis.people.models import Member

    author, replier = Member.objects.order_by("pk")[:2]
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    written = 0
    with notifications_in_app_only():  # no e-mail printed to the console
        while not stop.is_set():
            post = post_create(author=author, body=f"Kubernetes upgrade notes, part {written}.")
            reply_create(post=post, author=replier, body=f"Thanks for part {written}.")
            written += 1
            if written == 1:
                print("WRITING", flush=True)
    print(written, flush=True)


if __name__ == "__main__":
    import django

    django.setup()
    {"seed": seed, "write": write}[sys.argv[1]]()
