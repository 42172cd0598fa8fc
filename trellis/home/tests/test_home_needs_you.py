"""What needs the member comes first on home: intros to answer, their own intros waiting,
their relationships with the last exchange. A sender never learns of a decline there."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from trellis.connections import services as connections
from trellis.connections.models import Intro
from trellis.connections.tests.conftest import GROUNDED, record
from trellis.people.models import Member

HOME = reverse("home:home")


def home(client, member) -> str:
    client.force_login(member.user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_an_intro_waiting_for_the_members_answer_comes_before_suggestions(client, ana, ben):
    intro = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)

    content = home(client, ben)

    assert "Intros waiting for your answer" in content
    assert content.index("Intros waiting for your answer") < content.index('id="suggestions"')
    assert reverse("connections:intro_accept", args=[intro.pk]) in content
    assert "Ana Lima" in content


def test_a_member_at_capacity_is_told_why_they_cannot_accept_yet(client, ana, ben, carla):
    Member.objects.filter(pk=ben.pk).update(capacity=1)
    intro = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    first = connections.intro_send(sender=carla, recipient=ben, message=GROUNDED)
    connections.intro_accept(intro=first, member=ben)

    content = home(client, ben)

    assert "Your relationships fill your capacity" in content
    assert reverse("connections:intro_accept", args=[intro.pk]) not in content


def test_the_sender_sees_their_intro_waiting_and_the_recipient_does_not_see_it_as_theirs(
    client, ana, ben
):
    connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)

    mine = home(client, ana)

    assert "Your intros waiting for an answer" in mine
    assert "To Ben Okafor" in mine
    assert "Intros waiting for your answer" not in mine


def _waiting_block(content: str) -> str:
    start = content.index('aria-labelledby="waiting-for-them"')
    return content[start : content.index("</section>", start)]


def test_a_declined_intro_reads_to_its_sender_exactly_as_one_still_waiting(client, ana, ben, carla):
    declined = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    connections.intro_decline(intro=declined, member=ben, reason="Not now")
    waiting = connections.intro_send(sender=carla, recipient=ben, message=GROUNDED)
    Intro.objects.filter(pk=waiting.pk).update(
        sent_at=declined.sent_at, expires_at=declined.expires_at
    )

    ana_sees = _waiting_block(home(client, ana)).replace(declined.get_absolute_url(), "URL")
    carla_sees = _waiting_block(home(client, carla)).replace(waiting.get_absolute_url(), "URL")

    assert ana_sees == carla_sees
    assert "Not now" not in home(client, ana)


def test_a_declined_intro_leaves_the_senders_home_when_it_would_have_expired(client, ana, ben):
    intro = connections.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    connections.intro_decline(intro=intro, member=ben)
    Intro.objects.filter(pk=intro.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert "Your intros waiting for an answer" not in home(client, ana)


def test_relationships_show_the_last_exchange_and_a_link_to_log_one(client, relationship, ana, ben):
    record(relationship, ben, shared="our retry-detector notes")

    content = home(client, ana)

    today = date_format(timezone.localdate(), "j F Y")
    assert "Your relationships" in content
    assert f"Last exchange {today}, logged by Ben Okafor" in content
    assert "our retry-detector notes" in content
    assert f"{relationship.get_absolute_url()}#record" in content


def test_a_relationship_without_exchanges_says_when_it_started(client, relationship, ana):
    content = home(client, ana)

    assert "no exchange logged yet" in content


def test_nothing_waiting_leaves_the_blocks_out(client, ana):
    content = home(client, ana)

    for heading in (
        "Intros waiting for your answer",
        "Your intros waiting for an answer",
        "Your relationships",
    ):
        assert heading not in content


def test_another_members_intros_and_relationships_are_not_on_my_home(client, relationship, carla):
    content = home(client, carla)

    assert "Ana Lima" not in content and "Ben Okafor" not in content


def test_what_waits_costs_the_same_queries_whatever_its_number(
    client, make_member, django_assert_num_queries
):
    me = make_member("Me", working_on="Kubernetes", capacity=10)

    def add_one_of_each(n: int) -> None:
        them = make_member(f"Sender {n}", working_on="Kubernetes")
        connections.intro_send(sender=them, recipient=me, message=GROUNDED)
        other = make_member(f"Recipient {n}", working_on="Kubernetes")
        connections.intro_send(sender=me, recipient=other, message=GROUNDED)
        friend = make_member(f"Friend {n}", working_on="Kubernetes")
        intro = connections.intro_send(sender=friend, recipient=me, message=GROUNDED)
        related = connections.intro_accept(intro=intro, member=me)
        record(related, friend, shared=f"notes {n}")

    client.force_login(me.user)
    for many in (1, 4):
        while Intro.objects.filter(recipient=me, state="sent").count() < many:
            add_one_of_each(Intro.objects.count())
        # The first visit asks for recommendations and helpers once (its page posts this).
        client.post(reverse("home:work_out_mine"))
        with django_assert_num_queries(HOME_QUERIES):
            response = client.get(HOME)

        assert len(response.context["intros_to_answer"]) == many
        assert len(response.context["intros_waiting"]) == many
        assert len(response.context["relationships"]) == many


# The home page's queries with nothing followed and no suggestions (see
# test_home_followed.py, and who could help asked for), of which what waits on the member
# is four.
HOME_QUERIES = 17
