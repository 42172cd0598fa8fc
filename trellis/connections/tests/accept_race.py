"""Two members accept intros at the same moment: run by test_intro_accept_race.py in a child.

    python -m trellis.connections.tests.accept_race DATABASE_NAME

It creates a fresh database (a SQLite file, or a PostgreSQL database on the
server DATABASE_URL names), adds a sender with room for one relationship who
sent intros to two people, and has both accept at once from two threads, each
on its own connection. The capacity check is slowed down so that, without
locking, both would read "room for one" before either writes. It prints one
JSON line: the outcome of each accept and how many relationships the sender has.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")

SLOW_CHECK_S = 0.5


def race(database_name: str) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.db import connection, connections

    from trellis.connections import selectors, services
    from trellis.connections.services import intros as intro_services
    from trellis.people.services import member_create

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = database_name
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        sender = member_create(email="sam@example.org", display_name="Sam", capacity=1)
        takers = [
            member_create(email=f"t{n}@example.org", display_name=f"Taker {n}") for n in (1, 2)
        ]
        intros = [
            services.intro_send(sender=sender, recipient=t, message="Hi, about Kubernetes…")
            for t in takers
        ]
        counted = selectors.relationship_count

        def slow_count(**kwargs):
            count = counted(**kwargs)
            time.sleep(SLOW_CHECK_S)  # the window in which an unlocked accept would slip in
            return count

        intro_services.selectors.relationship_count = slow_count
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def accept(intro, taker):
            try:
                start.wait()
                services.intro_accept(intro=intro, member=taker)
                outcomes.append("accepted")
            except ValidationError as error:
                outcomes.append("refused: " + " ".join(error.messages))
            except Exception as error:  # a lock error would be a failure of the test
                outcomes.append(f"error: {type(error).__name__}: {error}")
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=accept, args=(i, t))
            for i, t in zip(intros, takers, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        intro_services.selectors.relationship_count = counted
        return {
            "outcomes": sorted(outcomes),
            "relationships": selectors.relationship_count(member_id=sender.pk),
        }
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(original, verbosity=0)


if __name__ == "__main__":
    print(json.dumps(race(sys.argv[1])), flush=True)
