"""Two accepts at the same moment never take a member past their capacity.

The two accepts race in a child process (`tests.race`), each on its own connection:
on SQLite to a real file in WAL mode with IMMEDIATE transactions, as Trellis runs by
default, and on PostgreSQL to a database on the same server, where intro_accept locks
both members' rows in id order.
"""

import pytest

from tests.race import Race, run_race


def two_accepts_for_one_place() -> Race:
    """A sender with room for one relationship, and two people accepting their intros."""
    from trellis.connections import selectors, services
    from trellis.connections.services import intros as intro_services
    from trellis.people.services import member_create

    sender = member_create(email="sam@example.org", display_name="Sam", capacity=1)
    takers = [member_create(email=f"t{n}@example.org", display_name=f"Taker {n}") for n in (1, 2)]
    intros = [
        services.intro_send(sender=sender, recipient=t, message="Hi, about Kubernetes…")
        for t in takers
    ]
    return Race(
        writes=tuple(
            (lambda i=i, t=t: services.intro_accept(intro=i, member=t))
            for i, t in zip(intros, takers, strict=True)
        ),
        slowed=(intro_services.selectors, "relationship_count"),
        report=lambda: {"relationships": selectors.relationship_count(member_id=sender.pk)},
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_two_concurrent_accepts_never_exceed_the_senders_capacity(tmp_path):
    race = run_race(f"{__name__}:two_accepts_for_one_place", tmp_path)

    assert race["relationships"] == 1
    assert race["outcomes"] == [
        "accepted",
        "refused: Sam has as many relationships as they want right now.",
    ]
