"""Two accepts at the same moment never take an initiative past the helpers it asked for.

The two accepts race in a child process (`tests.race`), each on its own connection:
on SQLite to a real file in WAL mode with IMMEDIATE transactions, as Trellis runs by
default, and on PostgreSQL to a database on the same server, where volunteer_accept
locks the initiative's row first.
"""

from datetime import timedelta

import pytest

from tests.race import Race, run_race


def two_welcomes_for_one_place() -> Race:
    """An initiative asking for one helper, two offers, and its lead welcoming both."""
    from django.utils import timezone

    from trellis.initiatives import services
    from trellis.initiatives.services import volunteers as volunteer_services
    from trellis.people.services import member_create

    lead = member_create(email="lee@example.org", display_name="Lee")
    helpers = [member_create(email=f"h{n}@example.org", display_name=f"Helper {n}") for n in (1, 2)]
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
    return Race(
        writes=tuple(
            (lambda offer=offer: services.volunteer_accept(volunteer=offer, lead=lead))
            for offer in offers
        ),
        slowed=(volunteer_services, "places_taken"),
        report=lambda: {"team": volunteer_services.places_taken(initiative)},
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_two_concurrent_accepts_never_exceed_the_places_asked_for(tmp_path):
    race = run_race(f"{__name__}:two_welcomes_for_one_place", tmp_path)

    assert race["team"] == 1
    assert race["outcomes"] == [
        "accepted",
        "refused: The team is full: you asked for 1 helper. Ask for more on the initiative "
        "to welcome another.",
    ]
