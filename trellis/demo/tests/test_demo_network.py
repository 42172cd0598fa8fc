"""The demo's living network: the demo member's story on their pages, and everyone's invariants."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from trellis.community.models import Post, TopicFollow
from trellis.connections.models import Exchange, Intro, Reflection, Relationship
from trellis.connections.services import relationships_rest
from trellis.demo.accounts import MEMBER_EMAIL
from trellis.demo.posts import MIN_AUTHORS
from trellis.demo.tests.conftest import demo_for_the_module
from trellis.lint import lint_intro
from trellis.notifications.models import Notification
from trellis.people.models import Member
from trellis.people.selectors import management_chain

MEMBERS = 60


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One demo organisation for the whole module, seeded once (it takes a second)."""
    with demo_for_the_module(django_db_blocker, members=MEMBERS, seed=7) as report:
        yield report


@pytest.fixture
def noor(seeded, db) -> Member:
    return Member.objects.select_related("user").get(user__email=MEMBER_EMAIL)


@pytest.fixture
def noor_client(client, noor):
    client.force_login(noor.user)
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def the_intro(noor: Member, state: str, *, sent_by_noor: bool) -> Intro:
    side = {"sender": noor} if sent_by_noor else {"recipient": noor}
    return Intro.objects.get(state=state, **side)


def the_relationship(noor: Member, state: str) -> Relationship:
    return Relationship.objects.get(Q(member_a=noor) | Q(member_b=noor), state=state)


# The demo member's story, on their pages.


def test_the_demo_member_has_intros_in_every_state(noor_client, noor):
    content = page(noor_client, reverse("connections:intro_list"))

    waiting = the_intro(noor, Intro.State.SENT, sent_by_noor=True)
    received = the_intro(noor, Intro.State.SENT, sent_by_noor=False)
    assert waiting.is_open() and received.is_open()
    assert f"To {waiting.recipient.display_name}" in content
    assert "Waiting for an answer" in content
    assert f"From {received.sender.display_name}" in content
    assert "Waiting for your answer" in content
    assert reverse("connections:intro_accept", args=[received.pk]) in content
    for state, label in (("draft", "Draft"), ("withdrawn", "Withdrawn")):
        intro = the_intro(noor, state, sent_by_noor=True)
        assert f"To {intro.recipient.display_name}" in content
        assert f'<span class="badge">{label}</span>' in content
    expired = the_intro(noor, Intro.State.EXPIRED, sent_by_noor=True)
    assert f"To {expired.recipient.display_name}" in content
    assert "No longer open" in content
    declined = the_intro(noor, Intro.State.DECLINED, sent_by_noor=False)
    assert f"From {declined.sender.display_name}" in content
    assert '<span class="badge">Declined</span>' in content


def test_intros_are_grounded_in_what_the_two_share(noor):
    mine = Intro.objects.filter(Q(sender=noor) | Q(recipient=noor))
    assert mine.count() >= 9
    for intro in mine:
        assert intro.shared, intro.message
        assert intro.message.startswith("Hi ")


def test_only_the_demo_member_reads_why_they_declined(client, noor_client, noor):
    declined = the_intro(noor, Intro.State.DECLINED, sent_by_noor=False)
    url = declined.get_absolute_url()
    assert declined.decline_reason

    assert f"Your reason, for you alone: {declined.decline_reason}" in page(noor_client, url)

    client.force_login(declined.sender.user)
    content = page(client, url)
    assert "No longer open" in content
    assert declined.decline_reason not in content


def test_the_demo_member_can_accept_the_intro_waiting_for_them(noor_client, noor):
    received = the_intro(noor, Intro.State.SENT, sent_by_noor=False)

    response = noor_client.post(reverse("connections:intro_accept", args=[received.pk]))

    relationship = Relationship.objects.get(intro=received)
    assert response.status_code == 302
    assert response.url == relationship.get_absolute_url()


def test_the_demo_member_has_active_resting_and_closed_relationships(noor_client, noor):
    content = page(noor_client, reverse("connections:relationship_list"))

    for state, label in (("active", "Active"), ("dormant", "Resting"), ("closed", "Closed")):
        other = the_relationship(noor, state).other(noor.pk)
        row = re.search(rf"{re.escape(other.display_name)}</a></td>\s*<td>(.*?)</td>", content)
        assert row and label in row.group(1), state


def test_the_active_relationship_shows_exchanges_both_ways_with_topics(noor_client, noor):
    relationship = the_relationship(noor, Relationship.State.ACTIVE)
    other = relationship.other(noor.pk)

    content = page(noor_client, relationship.get_absolute_url())

    exchanges = relationship.exchanges.all()
    assert {e.author_id for e in exchanges} == {noor.pk, other.pk}
    assert all(e.topics.exists() for e in exchanges)
    assert f"· {other.display_name}</p>" in content and "· you</p>" in content
    assert 'class="gave"' in content and 'class="received"' in content
    for exchange in exchanges:
        assert exchange.what_i_shared in content.replace("&#x27;", "'")


def test_the_reciprocity_page_shows_value_both_ways(noor_client):
    response = noor_client.get(reverse("connections:reciprocity"))

    assert response.context["gave"] > 0 and response.context["received"] > 0
    content = response.content.decode()
    assert 'class="gave"' in content and 'class="received"' in content


def test_only_the_demo_member_reads_why_they_closed_a_relationship(client, noor_client, noor):
    closed = the_relationship(noor, Relationship.State.CLOSED)
    assert closed.closed_by_id == noor.pk and closed.closed_reason

    content = page(noor_client, closed.get_absolute_url()).replace("&#x27;", "'")
    assert f"Your reason, for you alone: {closed.closed_reason}" in content

    client.force_login(closed.other(noor.pk).user)
    assert closed.closed_reason not in page(client, closed.get_absolute_url())


def test_the_resting_relationship_says_it_rests(noor_client, noor):
    resting = the_relationship(noor, Relationship.State.DORMANT)

    content = page(noor_client, resting.get_absolute_url())

    assert "Resting: nothing recorded for a while. That's fine" in content.replace("&#x27;", "'")
    assert resting.resting_notified_at is not None


def test_the_demo_member_has_a_reflection_in_their_journal_and_nobody_else_sees_it(
    client, noor_client, noor
):
    (reflection,) = Reflection.objects.filter(author=noor)
    assert reflection.prompt and reflection.exchange.author_id == noor.pk

    content = page(noor_client, reverse("connections:reflection_list"))
    assert reflection.prompt in content.replace("&#x27;", "'")

    other = reflection.exchange.relationship.other(noor.pk)
    client.force_login(other.user)
    assert client.get(reflection.get_absolute_url()).status_code == 404


def test_the_helper_on_the_other_side_reflected_too(noor):
    relationship = the_relationship(noor, Relationship.State.ACTIVE)
    other = relationship.other(noor.pk)

    assert Reflection.objects.filter(author=other, exchange__relationship=relationship).exists()


def test_the_demo_member_has_unread_notifications(noor_client, noor):
    unread = Notification.objects.filter(recipient=noor, read_at__isnull=True)
    kinds = set(unread.values_list("kind", flat=True))
    assert {Notification.Kind.INTRO_RECEIVED, Notification.Kind.RELATIONSHIP_RESTING} <= kinds
    assert Notification.objects.filter(recipient=noor, read_at__isnull=False).exists()

    home = page(noor_client, reverse("home:home"))
    assert f'aria-label="{unread.count()} unread"' in home
    content = page(noor_client, reverse("notifications:notification_list"))
    received = the_intro(noor, Intro.State.SENT, sent_by_noor=False)
    assert f"{received.sender.display_name} sent you an intro." in content


# Everyone's network.


def test_every_state_appears_beyond_the_demo_member(noor):
    others = Intro.objects.exclude(Q(sender=noor) | Q(recipient=noor))
    assert set(others.values_list("state", flat=True)) == set(Intro.State.values)
    relationships = Relationship.objects.exclude(Q(member_a=noor) | Q(member_b=noor))
    assert set(relationships.values_list("state", flat=True)) == set(Relationship.State.values)
    assert Exchange.objects.exclude(author=noor).exists()
    assert Reflection.objects.exclude(author=noor).exists()
    assert Notification.objects.filter(read_at__isnull=True).exclude(recipient=noor).exists()


def test_nobody_has_more_relationships_and_waiting_intros_than_their_capacity(seeded, db):
    load: dict[int, int] = {}
    for a, b in Relationship.objects.exclude(state="closed").values_list("member_a", "member_b"):
        load[a], load[b] = load.get(a, 0) + 1, load.get(b, 0) + 1
    capacity = dict(Member.objects.values_list("id", "capacity"))
    assert all(count <= capacity[member] for member, count in load.items())
    waiting = Intro.objects.filter(state="sent").values_list("sender", "recipient")
    for sender, recipient in waiting:  # each could still be accepted
        assert load.get(sender, 0) < capacity[sender]
        assert load.get(recipient, 0) < capacity[recipient]


def test_nobody_meets_their_reporting_line(seeded, db):
    pairs = list(Intro.objects.values_list("sender", "recipient"))
    pairs += Relationship.objects.values_list("member_a", "member_b")
    members = Member.objects.select_related("manager").in_bulk()
    for a, b in pairs:
        assert members[b] not in management_chain(members[a])
        assert members[a] not in management_chain(members[b])


def test_pairs_meet_once_and_only_active_people_open_to_it_take_part(seeded, db):
    pairs = [
        frozenset(pair)
        for pair in Intro.objects.exclude(state="accepted").values_list("sender", "recipient")
    ]
    pairs += [frozenset(pair) for pair in Relationship.objects.values_list("member_a", "member_b")]
    assert len(pairs) == len(set(pairs))
    waiting = Intro.objects.filter(state="sent").values_list("sender", flat=True)
    assert max(list(waiting).count(s) for s in set(waiting)) <= settings.MAX_OPEN_INTROS
    taking_part = set(Intro.objects.values_list("sender", flat=True))
    taking_part |= set(Intro.objects.values_list("recipient", flat=True))
    people = Member.objects.filter(pk__in=taking_part)
    assert not people.exclude(status=Member.Status.ACTIVE).exists()
    assert not people.filter(open_to_peer_learning=False).exists()


def test_every_relationship_began_with_an_accepted_intro_and_exchanges_follow_it(seeded, db):
    for relationship in Relationship.objects.select_related("intro"):
        intro = relationship.intro
        assert intro.state == Intro.State.ACCEPTED
        assert {intro.sender_id, intro.recipient_id} == {
            relationship.member_a_id,
            relationship.member_b_id,
        }
        assert intro.sent_at <= relationship.started_at < intro.expires_at
        for exchange in relationship.exchanges.all():
            assert relationship.has_member(exchange.author_id)
            assert relationship.started_at.date() <= exchange.date
            if relationship.is_closed:
                assert exchange.date <= relationship.closed_at.date()
    accepted = Intro.objects.filter(state=Intro.State.ACCEPTED)
    assert accepted.count() == Relationship.objects.count()


def test_a_relationships_last_exchange_is_its_newest_and_the_sweep_leaves_active_ones(seeded, db):
    for relationship in Relationship.objects.prefetch_related("exchanges"):
        dates = [exchange.date for exchange in relationship.exchanges.all()]
        if dates:
            assert timezone.localdate(relationship.last_exchange_at) == max(dates)

    assert relationships_rest().rested == 0  # every active one had an exchange lately


def test_the_seeded_intros_pass_the_ask_linter(seeded, db):
    for intro in Intro.objects.all():
        findings = lint_intro(intro.message, shared=intro.shared)
        assert [f.rule for f in findings] == [], intro.message


# Posts and topic follows.


def test_the_demo_member_sees_posts_on_the_topics_she_follows(noor_client, noor):
    followed = TopicFollow.objects.filter(member=noor)
    assert 2 <= followed.count() <= 3
    response = noor_client.get(reverse("home:home"))
    assert response.status_code == 200
    posts = response.context["followed_posts"]
    assert posts and all(post.author_id != noor.pk for post in posts)
    content = response.content.decode()
    assert "Topics you follow" in content
    assert reverse("home:post_detail", args=[posts[0].pk]) in content
    topics = set(followed.values_list("topic_id", flat=True))
    for post in posts:
        assert topics & {topic.pk for topic in post.topics.all()}
    assert Post.objects.exclude(author=noor).count() >= MIN_AUTHORS


def test_the_demo_member_finds_her_own_post_on_her_profile(noor_client, noor):
    mine = list(Post.objects.filter(author=noor))
    assert 1 <= len(mine) <= 2
    assert all(post.topics.exists() for post in mine)
    content = page(noor_client, reverse("home:profile", args=[noor.pk]))
    for post in mine:
        assert reverse("home:post_detail", args=[post.pk]) in content


def test_seeded_posts_are_linked_to_their_topics_and_vary(seeded, db):
    posts = Post.objects.exclude(author__user__email=MEMBER_EMAIL)
    assert posts.filter(topics__isnull=False).distinct().count() == posts.count()
    bodies = list(posts.values_list("body", flat=True))
    assert len(set(bodies)) == len(bodies)
    assert TopicFollow.objects.exclude(member__user__email=MEMBER_EMAIL).exists()
    authors = Member.objects.filter(pk__in=posts.values("author_id"))
    assert not authors.exclude(status=Member.Status.ACTIVE).exists()


def test_the_demo_members_first_post_has_replies_and_one_helped(noor_client, noor):
    from trellis.community.models import Reply

    replies = Reply.objects.filter(post__author=noor)
    assert replies.count() == 3
    helped = replies.get(helped_at__isnull=False)
    assert helped == replies.order_by("created_at").first()
    content = page(noor_client, reverse("home:post_detail", args=[helped.post_id]))
    assert f"This helped {noor.display_name}" in content
    kinds = set(Notification.objects.filter(recipient=noor).values_list("kind", flat=True))
    assert Notification.Kind.REPLY_RECEIVED in kinds
