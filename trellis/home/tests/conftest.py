"""Home combines areas, so its tests use their fixtures: people come from the root
conftest, posts, initiatives, rounds and intros from the areas' own conftests."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from trellis.community.tests.conftest import post  # noqa: F401
from trellis.connections.tests.conftest import relationship, sent_intro  # noqa: F401
from trellis.initiatives.tests.conftest import (  # noqa: F401
    contribution,
    initiative,
    make_initiative,
    offer,
    on_team,
)
from trellis.matching.tests.conftest import (  # noqa: F401
    asker,
    cohort,
    done_round,
    fake_engine,
    give_help,
    published_round,
    tess,
)


@pytest.fixture
def ana_with_data(ana, ben, carla):
    """Ana with something of every kind, and Ben and Carla on the other side of it:
    a relationship with Ben (both logged an exchange, each wrote a reflection), posts and
    replies both ways, an initiative Ben works on, observations both ways, an intro Carla
    declined with a reason, and an intro from Carla still waiting for Ana."""
    from trellis.community import services as community
    from trellis.connections import services as connections
    from trellis.initiatives import services as initiatives

    intro = connections.intro_send(sender=ben, recipient=ana, message="Hi Ana, about Kubernetes…")
    pair = connections.intro_accept(intro=intro, member=ana)
    today = timezone.localdate()
    anas_exchange = connections.exchange_record(
        relationship=pair,
        author=ana,
        date=today,
        what_i_shared="ANA-SHARED how we drain nodes",
        note="ANA-NOTE for Ben",
    )
    bens_exchange = connections.exchange_record(
        relationship=pair, author=ben, date=today, what_i_learned="BEN-LEARNED draining"
    )
    connections.reflection_write(author=ana, body="ANA-JOURNAL explaining showed a gap.")
    connections.reflection_write(author=ana, body="ANA-JOURNAL-2 later.", exchange=anas_exchange)
    connections.reflection_write(author=ben, body="BEN-JOURNAL about Ana.", exchange=bens_exchange)
    connections.meeting_propose(
        relationship=pair,
        proposer=ana,
        starts_at=timezone.now() + timedelta(days=1),
        minutes=30,
        place="ANA-PLACE the kitchen",
    )
    anas_post = community.post_create(author=ana, body="ANA-POST our upgrades take a weekend.")
    bens_reply = community.reply_create(post=anas_post, author=ben, body="BEN-REPLY in pairs.")
    bens_post = community.post_create(author=ben, body="BEN-POST checkout accessibility.")
    community.reply_create(post=bens_post, author=ana, body="ANA-REPLY try a screen reader.")
    anas_initiative = initiatives.initiative_create(
        lead=ana,
        title="ANA-INITIATIVE cost reports",
        problem="Nobody can say what each cluster costs.",
        ends_on=today + timedelta(days=30),
        publish=True,
    )
    bens_offer = initiatives.volunteer_offer(initiative=anas_initiative, member=ben, brings="SQL")
    initiatives.volunteer_accept(volunteer=bens_offer, lead=ana)
    initiatives.contribution_log(initiative=anas_initiative, member=ben, text="BEN-CONTRIBUTION")
    initiatives.observation_record(
        observer=ben, subject=ana, text="BEN-OBSERVED Ana ran the upgrade.", seen_on=today
    )
    initiatives.observation_record(
        observer=ana, subject=ben, text="ANA-OBSERVED Ben ran the audit.", seen_on=today
    )
    to_carla = connections.intro_send(sender=ana, recipient=carla, message="ANA-INTRO to Carla")
    connections.intro_decline(intro=to_carla, member=carla, reason="CARLA-REASON too busy")
    from_carla = connections.intro_send(sender=carla, recipient=ana, message="CARLA-INTRO to Ana")
    return SimpleNamespace(
        ana=ana,
        ben=ben,
        carla=carla,
        relationship=pair,
        anas_post=anas_post,
        bens_post=bens_post,
        bens_reply=bens_reply,
        initiative=anas_initiative,
        to_carla=to_carla,
        from_carla=from_carla,
    )
