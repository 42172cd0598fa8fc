"""The intros list and an intro's page; accepting, declining and withdrawing from them."""

import pytest
from django.urls import reverse

from trellis.connections import services
from trellis.connections.models import Intro, Relationship
from trellis.connections.tests.conftest import GROUNDED

LIST = reverse("connections:intro_list")
REASON = "Swamped with the audit until spring."


def detail(intro) -> str:
    return reverse("connections:intro_detail", args=[intro.pk])


def act(intro, action: str) -> str:
    return reverse(f"connections:intro_{action}", args=[intro.pk])


def page(client, member, url) -> str:
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_recipient_sees_the_intro_with_accept_and_decline(client, sent_intro, ben):
    content = page(client, ben, detail(sent_intro))

    assert "Ana Lima introduced themselves" in content
    assert "I can share our upgrade checklist." in content
    assert act(sent_intro, "accept") in content
    assert act(sent_intro, "decline") in content


def test_both_see_it_in_their_lists(client, sent_intro, ana, ben):
    assert "To Ben Okafor" in page(client, ana, LIST)
    received = page(client, ben, LIST)
    assert "From Ana Lima" in received
    assert "Waiting for your answer" in received


def test_accepting_leads_to_the_new_relationship(client, sent_intro, ben):
    client.force_login(ben.user)

    response = client.post(act(sent_intro, "accept"))

    relationship = Relationship.objects.get()
    assert response.status_code == 302
    assert response.url == relationship.get_absolute_url()


def test_an_accept_that_is_refused_says_why_and_writes_nothing(client, sent_intro, ben, carla):
    from trellis.people.services import member_update

    member_update(member=ben, capacity=0)
    client.force_login(ben.user)

    response = client.post(act(sent_intro, "accept"), follow=True)

    assert "as many as your profile allows" in response.content.decode()
    assert not Relationship.objects.exists()


def test_declining_keeps_the_reason_for_the_recipient_alone(client, sent_intro, ana, ben):
    client.force_login(ben.user)
    client.post(act(sent_intro, "decline"), {"reason": REASON})

    assert Intro.objects.get().state == Intro.State.DECLINED
    assert REASON in page(client, ben, detail(sent_intro))
    for url in (detail(sent_intro), LIST):
        content = page(client, ana, url)
        assert "Waiting for an answer" in content  # until it would have expired
        assert REASON not in content
        assert "eclined" not in content


def test_an_expired_intro_reads_the_same_to_its_sender_as_one_declined_before_expiry(
    client, ana, ben, carla
):
    from trellis.connections.tests.conftest import days_ago

    declined = services.intro_send(sender=ana, recipient=ben, message=GROUNDED, now=days_ago(20))
    services.intro_decline(intro=declined, member=ben, now=days_ago(19))
    expired = services.intro_send(sender=ana, recipient=carla, message=GROUNDED, now=days_ago(20))
    services.intros_expire()

    declined_page = page(client, ana, detail(declined)).replace("Ben Okafor", "X")
    expired_page = page(client, ana, detail(expired)).replace("Carla Mendes", "X")

    def badge(content: str) -> str:
        return content.split('<span class="badge">', 1)[1].split("</span>", 1)[0]

    assert badge(declined_page) == badge(expired_page) == "No longer open"


def test_a_decline_reason_that_is_too_long_is_refused_and_nothing_changes(client, sent_intro, ben):
    client.force_login(ben.user)

    response = client.post(act(sent_intro, "decline"), {"reason": "x" * 1001})

    assert response.status_code == 200
    assert "at most 1000 characters" in response.content.decode()
    assert Intro.objects.get().state == Intro.State.SENT


def test_the_sender_withdraws_from_the_intros_page(client, sent_intro, ana):
    client.force_login(ana.user)

    response = client.post(act(sent_intro, "withdraw"))

    assert response.url == LIST
    assert Intro.objects.get().state == Intro.State.WITHDRAWN


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_the_sender_cannot_answer_their_own_intro(client, sent_intro, ana, action):
    client.force_login(ana.user)

    assert client.post(act(sent_intro, action), {"reason": "x"}).status_code == 404
    assert Intro.objects.get().state == Intro.State.SENT


def test_the_recipient_cannot_withdraw_it(client, sent_intro, ben):
    client.force_login(ben.user)

    assert client.post(act(sent_intro, "withdraw")).status_code == 404
    assert Intro.objects.get().state == Intro.State.SENT


@pytest.mark.parametrize("who", ["carla", "organiser"])
def test_anyone_else_gets_not_found_for_every_intro_url(client, request, sent_intro, who):
    client.force_login(request.getfixturevalue(who).user)
    missing = Intro(pk=sent_intro.pk + 1000)

    for intro in (sent_intro, missing):
        assert client.get(detail(intro)).status_code == 404
        for action in ("accept", "decline", "withdraw"):
            assert client.post(act(intro, action), {"reason": "x"}).status_code == 404
    assert Intro.objects.get().state == Intro.State.SENT


def test_a_draft_is_unreachable_for_its_recipient(client, ana, ben):
    draft = services.intro_draft(sender=ana, recipient=ben, message="Hi Ben, draft words")
    client.force_login(ben.user)

    assert client.get(detail(draft)).status_code == 404
    assert client.post(act(draft, "accept")).status_code == 404
    assert "draft words" not in page(client, ben, LIST)
    assert "draft words" in page(client, ana, detail(draft))


def test_the_intros_list_costs_the_same_queries_whatever_its_length(
    client, ana, make_member, django_assert_num_queries
):
    client.force_login(ana.user)

    def one_each():
        other = make_member(working_on="Kubernetes")
        services.intro_send(sender=ana, recipient=other, message=GROUNDED)
        services.intro_send(sender=make_member(), recipient=ana, message=GROUNDED)

    one_each()
    # Session, user, member, unread count, sent (with recipients), received (with senders).
    with django_assert_num_queries(6):
        client.get(LIST)
    for _ in range(4):
        one_each()
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert len(response.context["sent"]) == len(response.context["received"]) == 5
