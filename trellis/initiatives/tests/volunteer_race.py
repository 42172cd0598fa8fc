"""A lead accepts two volunteers at the same moment for one place: run by
test_volunteer_accept_race.py in a child process.

    python -m trellis.initiatives.tests.volunteer_race DATABASE_NAME

It creates a fresh database (a SQLite file, or a PostgreSQL database on the server
DATABASE_URL names), an initiative asking for one helper and two offers, and
accepts both at once from two threads, each on its own connection. Counting the
places taken is slowed down so that, without locking, both would read "one place
left" before either writes. It prints one JSON line: each accept's outcome and
how many volunteers are on the team.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")

SLOW_COUNT_S = 0.5


def race(database_name: str) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.db import connection, connections
    from django.utils import timezone

    from trellis.initiatives import services
    from trellis.initiatives.services import volunteers as volunteer_services
    from trellis.people.services import member_create

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = database_name
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        lead = member_create(email="lee@example.org", display_name="Lee")
        helpers = [
            member_create(email=f"h{n}@example.org", display_name=f"Helper {n}") for n in (1, 2)
        ]
        initiative = services.initiative_create(
            lead=lead,
            title="Cost reports",
            problem="Nobody knows what each cluster costs.",
            helpers_wanted=1,
            ends_on=timezone.localdate() + timedelta(days=30),
            publish=True,
        )
        offers = [
            services.volunteer_offer(initiative=initiative, member=h, brings="SQL") for h in helpers
        ]
        counted = volunteer_services.places_taken

        def slow_count(initiative):
            taken = counted(initiative)
            time.sleep(SLOW_COUNT_S)  # the window in which an unlocked accept would slip in
            return taken

        volunteer_services.places_taken = slow_count
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def accept(offer):
            try:
                start.wait()
                services.volunteer_accept(volunteer=offer, lead=lead)
                outcomes.append("accepted")
            except ValidationError as error:
                outcomes.append("refused: " + " ".join(error.messages))
            except Exception as error:  # a lock error would be a failure of the test
                outcomes.append(f"error: {type(error).__name__}: {error}")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=accept, args=(offer,)) for offer in offers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        volunteer_services.places_taken = counted
        return {"outcomes": sorted(outcomes), "team": counted(initiative)}
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(original, verbosity=0)


if __name__ == "__main__":
    print(json.dumps(race(sys.argv[1])), flush=True)
