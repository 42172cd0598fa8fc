"""Who may use each route: anonymous visitors, members, organisers.

Every URL pattern of the site (the admin aside) must have a row in ROUTES; a new
route without one fails `test_every_route_has_a_row_saying_who_may_use_it`.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

SIGN_IN = "sign in"  # redirected to the sign-in page, coming back afterwards
HOME = "home"  # redirected to the home page
NOT_FOUND = 404
NOT_ALLOWED = 405
OK = 200


@dataclass(frozen=True)
class Route:
    """What a GET of the route answers to each kind of visitor."""

    anonymous: int | str
    member: int | str
    organiser: int | str
    kwargs: dict = field(default_factory=dict)


BOGUS_LINK = {"uidb64": "MQ", "token": "not-a-token"}

ROUTES = {
    "home:home": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "people:directory": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "home:profile": Route(anonymous=SIGN_IN, member=OK, organiser=OK, kwargs={"member_id": 0}),
    "people:profile_edit": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "people:roster_upload": Route(anonymous=SIGN_IN, member=NOT_FOUND, organiser=OK),
    "matching:round_list": Route(anonymous=SIGN_IN, member=NOT_FOUND, organiser=OK),
    "matching:round_new": Route(anonymous=SIGN_IN, member=NOT_FOUND, organiser=OK),
    "matching:round_detail": Route(
        anonymous=SIGN_IN, member=NOT_FOUND, organiser=OK, kwargs={"round_id": 0}
    ),
    # Publishing, restarting and dismissing are POST-only; see trellis/matching/tests/.
    "matching:round_publish": Route(
        anonymous=SIGN_IN, member=NOT_FOUND, organiser=NOT_ALLOWED, kwargs={"round_id": 0}
    ),
    "matching:round_restart": Route(
        anonymous=SIGN_IN, member=NOT_FOUND, organiser=NOT_ALLOWED, kwargs={"round_id": 0}
    ),
    # Item 12 (round review): withdrawing and changing pairs are POST-only organiser actions
    # (see trellis/matching/tests/test_round_edits.py); the hand-pair type-ahead is a GET.
    "matching:round_withdraw": Route(
        anonymous=SIGN_IN, member=NOT_FOUND, organiser=NOT_ALLOWED, kwargs={"round_id": 0}
    ),
    "matching:round_pair_add": Route(
        anonymous=SIGN_IN, member=NOT_FOUND, organiser=NOT_ALLOWED, kwargs={"round_id": 0}
    ),
    "matching:round_pair_remove": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        organiser=NOT_ALLOWED,
        kwargs={"round_id": 0, "suggestion_id": 0},
    ),
    "matching:round_member_search": Route(
        anonymous=SIGN_IN, member=NOT_FOUND, organiser=OK, kwargs={"round_id": 0}
    ),
    "matching:suggestion_dismiss": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"suggestion_id": 0}
    ),
    # Connections: a member's own intros, relationships, journal and notifications. The ids
    # are Ana's (the member); the organiser is in none of them, so gets 404 as if missing.
    "connections:intro_list": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "home:compose": Route(anonymous=SIGN_IN, member=OK, organiser=OK, kwargs={"member_id": 0}),
    "connections:intro_detail": Route(
        anonymous=SIGN_IN, member=OK, organiser=NOT_FOUND, kwargs={"intro_id": 0}
    ),
    "connections:relationship_list": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "connections:relationship_detail": Route(
        anonymous=SIGN_IN, member=OK, organiser=NOT_FOUND, kwargs={"relationship_id": 0}
    ),
    "connections:reciprocity": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "connections:reflection_list": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "connections:reflection_new": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "connections:reflection_detail": Route(
        anonymous=SIGN_IN, member=OK, organiser=NOT_FOUND, kwargs={"reflection_id": 0}
    ),
    "connections:reflection_export": Route(
        anonymous=SIGN_IN, member=OK, organiser=OK, kwargs={"fmt": "json"}
    ),
    "notifications:notification_list": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "notifications:preferences": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    # State changes are POST-only (the lint endpoint changes nothing but reads a long
    # message); see trellis/connections/tests/.
    "home:compose_lint": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"member_id": 0}
    ),
    "connections:intro_accept": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"intro_id": 0}
    ),
    "connections:intro_decline": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"intro_id": 0}
    ),
    "connections:intro_withdraw": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"intro_id": 0}
    ),
    "connections:exchange_new": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        kwargs={"relationship_id": 0},
    ),
    "connections:relationship_close": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        kwargs={"relationship_id": 0},
    ),
    # Issue 13, item 1 (contact): proposing a time is POST-only (see
    # trellis/connections/tests/test_meetings.py); its invitation is for the pair alone.
    "connections:meeting_new": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        kwargs={"relationship_id": 0},
    ),
    "connections:meeting_ics": Route(
        anonymous=SIGN_IN,
        member=OK,
        organiser=NOT_FOUND,
        kwargs={"relationship_id": 0, "meeting_id": 0},
    ),
    "connections:reflection_delete": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"reflection_id": 0}
    ),
    "notifications:notification_read": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        kwargs={"notification_id": 0},
    ),
    "notifications:notifications_read_all": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED
    ),
    # Community: posts and topics are read by every member; a post is changed by its
    # author alone (Ana's post: the organiser gets 404 as if it were missing).
    "community:post_new": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "home:post_detail": Route(anonymous=SIGN_IN, member=OK, organiser=OK, kwargs={"post_id": 0}),
    "community:post_edit": Route(
        anonymous=SIGN_IN, member=OK, organiser=NOT_FOUND, kwargs={"post_id": 0}
    ),
    "community:member_posts": Route(
        anonymous=SIGN_IN, member=OK, organiser=OK, kwargs={"member_id": 0}
    ),
    "home:topic_detail": Route(
        anonymous=SIGN_IN, member=OK, organiser=OK, kwargs={"slug": "kubernetes"}
    ),
    # Deleting, following and unfollowing are POST-only; see trellis/community/tests/.
    "community:post_delete": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"post_id": 0}
    ),
    "community:topic_follow": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"slug": "kubernetes"}
    ),
    "community:topic_unfollow": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"slug": "kubernetes"}
    ),
    # Item 4 of issue 13, replies: Ben's reply to Ana's post. Every member may read it (its
    # address leads to its place on the post's page); writing, deleting and "this helped"
    # are POST-only, see trellis/community/tests/test_reply_pages.py.
    "community:reply_detail": Route(
        anonymous=SIGN_IN, member=302, organiser=302, kwargs={"reply_id": 0}
    ),
    "community:reply_new": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"post_id": 0}
    ),
    "community:reply_delete": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"reply_id": 0}
    ),
    "community:reply_helped": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"reply_id": 0}
    ),
    # Initiatives: the ids are of an initiative Ana (the member) leads, Ben's offer to help
    # with it and his contribution, and Ben's observation about Ana. Only the lead edits an
    # initiative and reads its volunteers; only organisers see unseen contributors.
    "initiatives:initiative_list": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "initiatives:initiative_new": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "initiatives:initiative_detail": Route(
        anonymous=SIGN_IN, member=OK, organiser=OK, kwargs={"initiative_id": 0}
    ),
    "initiatives:initiative_edit": Route(
        anonymous=SIGN_IN, member=OK, organiser=NOT_FOUND, kwargs={"initiative_id": 0}
    ),
    "initiatives:volunteer_new": Route(
        anonymous=SIGN_IN, member=OK, organiser=OK, kwargs={"initiative_id": 0}
    ),
    "initiatives:volunteer_list": Route(
        anonymous=SIGN_IN, member=OK, organiser=NOT_FOUND, kwargs={"initiative_id": 0}
    ),
    "initiatives:observation_new": Route(
        anonymous=SIGN_IN, member=OK, organiser=OK, kwargs={"member_id": 0}
    ),
    "initiatives:visibility": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "initiatives:visibility_chart": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "initiatives:unseen_contributors": Route(anonymous=SIGN_IN, member=NOT_FOUND, organiser=OK),
    # Moving, answering, logging, showing and taking back are POST-only (the lint endpoint
    # changes nothing but reads a long text); see trellis/initiatives/tests/.
    "initiatives:initiative_move": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"initiative_id": 0}
    ),
    "initiatives:volunteer_withdraw": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"initiative_id": 0}
    ),
    "initiatives:volunteer_accept": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"volunteer_id": 0}
    ),
    "initiatives:volunteer_decline": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"volunteer_id": 0}
    ),
    "initiatives:contribution_new": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"initiative_id": 0}
    ),
    "initiatives:contribution_delete": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        kwargs={"contribution_id": 0},
    ),
    "initiatives:observation_lint": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"member_id": 0}
    ),
    "initiatives:observation_show": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"observation_id": 0}
    ),
    "initiatives:observation_delete": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"observation_id": 0}
    ),
    "accounts:login": Route(anonymous=OK, member=HOME, organiser=HOME),
    # Sign-out is POST-only; see trellis/accounts/tests/test_sign_in.py.
    "accounts:logout": Route(anonymous=NOT_ALLOWED, member=NOT_ALLOWED, organiser=NOT_ALLOWED),
    "accounts:password_change": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "accounts:password_change_done": Route(anonymous=SIGN_IN, member=OK, organiser=OK),
    "accounts:password_reset": Route(anonymous=OK, member=OK, organiser=OK),
    "accounts:password_reset_done": Route(anonymous=OK, member=OK, organiser=OK),
    # A link that does not check out shows "This link no longer works".
    "accounts:password_reset_confirm": Route(
        anonymous=OK, member=OK, organiser=OK, kwargs=BOGUS_LINK
    ),
    "accounts:password_reset_complete": Route(anonymous=OK, member=OK, organiser=OK),
    "accounts:claim": Route(
        anonymous=NOT_FOUND, member=NOT_FOUND, organiser=NOT_FOUND, kwargs=BOGUS_LINK
    ),
    # Issue 13, item 3 (home): undoing a dismissed suggestion is POST-only; see
    # trellis/home/tests/test_suggestion_undo.py (the pair's two members, someone else).
    "home:suggestion_restore": Route(
        anonymous=SIGN_IN, member=NOT_ALLOWED, organiser=NOT_ALLOWED, kwargs={"suggestion_id": 0}
    ),
}


def route_names(patterns, namespace: str = ""):
    """The full name of every URL pattern, outside the admin site."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name)


def test_every_route_has_a_row_saying_who_may_use_it():
    names = list(route_names(get_resolver("trellis.urls").url_patterns))

    assert "None" not in names, "every route needs a name"
    assert sorted(names) == sorted(ROUTES)


@pytest.fixture
def as_role(client, ana, ben, organiser):
    def sign_in(role: str):
        if role == "member":
            client.force_login(ana.user)
        elif role == "organiser":
            client.force_login(organiser.user)
        return client

    return sign_in


@pytest.fixture
def real_ids(ana, ben, organiser):
    """Ids of things that exist, so that a 404 means "not for you", not "no such thing"."""
    from trellis.community import services as community
    from trellis.connections import services as connections
    from trellis.initiatives import services as initiatives
    from trellis.matching.models import Round, Suggestion

    round_obj = Round.objects.create(organiser=organiser.user, cohort={"kind": "all"})
    a, b = sorted((ana, ben), key=lambda member: member.pk)
    suggestion = Suggestion.objects.create(round=round_obj, member_a=a, member_b=b, score=0.5)
    intro = connections.intro_send(sender=ben, recipient=ana, message="Hi Ana, about Kubernetes…")
    relationship = connections.intro_accept(intro=intro, member=ana)
    meeting = connections.meeting_propose(
        relationship=relationship,
        proposer=ana,
        starts_at=timezone.now() + timedelta(days=1),
        minutes=30,
        place="The third-floor kitchen",
    )
    reflection = connections.reflection_write(author=ana, body="Explaining it showed me a gap.")
    notification = ana.notifications.first()
    post = community.post_create(author=ana, body="Our Kubernetes upgrades take a weekend.")
    reply = community.reply_create(post=post, author=ben, body="We drain nodes in pairs.")
    initiative = initiatives.initiative_create(
        lead=ana,
        title="Kubernetes cost reports",
        problem="Nobody can say what each cluster costs.",
        ends_on=timezone.localdate() + timedelta(days=30),
        publish=True,
    )
    volunteer = initiatives.volunteer_offer(initiative=initiative, member=ben, brings="SQL")
    initiatives.volunteer_accept(volunteer=volunteer, lead=ana)
    contribution = initiatives.contribution_log(
        initiative=initiative, member=ben, text="Wrote the cost query."
    )
    observation = initiatives.observation_record(
        observer=ben,
        subject=ana,
        text="Ana ran the cluster upgrade and wrote its rollback plan.",
        seen_on=timezone.localdate(),
    )
    return {
        "member_id": ben.pk,
        "round_id": round_obj.pk,
        "suggestion_id": suggestion.pk,
        "intro_id": intro.pk,
        "relationship_id": relationship.pk,
        "meeting_id": meeting.pk,
        "reflection_id": reflection.pk,
        "notification_id": notification.pk,
        "post_id": post.pk,
        "reply_id": reply.pk,
        "initiative_id": initiative.pk,
        "volunteer_id": volunteer.pk,
        "contribution_id": contribution.pk,
        "observation_id": observation.pk,
    }


@pytest.mark.parametrize("role", ["anonymous", "member", "organiser"])
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_who_may_use_each_route(as_role, real_ids, name, role):
    route = ROUTES[name]
    kwargs = {k: real_ids.get(k, v) for k, v in route.kwargs.items()}
    path = reverse(name, kwargs=kwargs)
    expected = getattr(route, role)

    response = as_role(role).get(path)

    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response.url == f"{reverse('accounts:login')}?next={path}"
    elif expected == HOME:
        assert response.status_code == 302
        assert response.url == reverse("home:home")
    else:
        assert response.status_code == expected


# The roster upload, in more detail: it writes members, so only organisers may use it.

ROSTER = reverse("people:roster_upload")


def test_a_member_cannot_see_or_post_to_the_roster_upload(client, ana):
    client.force_login(ana.user)

    assert client.get(ROSTER).status_code == 404
    assert client.post(ROSTER, {}).status_code == 404


@pytest.mark.django_db
def test_an_anonymous_visitor_posting_a_roster_is_sent_to_sign_in(client):
    response = client.post(ROSTER, {})

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={ROSTER}"


def test_an_organiser_sees_the_roster_upload_form(organiser_client):
    response = organiser_client.get(ROSTER)

    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


@pytest.mark.django_db
def test_an_operator_without_a_profile_may_upload_a_roster(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root@example.org"))

    assert client.get(ROSTER).status_code == 200


def test_only_organisers_see_the_roster_link(client, ana, organiser):
    client.force_login(ana.user)
    assert ROSTER not in client.get(reverse("home:home")).content.decode()

    client.force_login(organiser.user)
    assert ROSTER in client.get(reverse("home:home")).content.decode()
