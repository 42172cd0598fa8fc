"""The demo organisation and the `demo` command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.urls import reverse

from trellis.accounts.models import User
from trellis.community.models import Post, TopicFollow
from trellis.connections.models import Exchange, Intro, Reflection, Relationship
from trellis.demo.accounts import ADMIN_EMAIL, DEMO_PASSWORD, MEMBER_EMAIL, ORGANISER_EMAIL
from trellis.demo.seed import MIN_MEMBERS, demo_organisation_create
from trellis.matching.engine.synthetic import DISCIPLINES
from trellis.notifications.models import Notification
from trellis.people.models import STATEMENT_FIELDS, Member, ProfileTopic

MEMBERS = 60


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The demo hashes three real passwords per run; a cheap hasher keeps the tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation(db):
    return demo_organisation_create(members=MEMBERS, seed=7)


def fingerprint() -> list[tuple]:
    """Everything the seed decides about every member, independent of primary keys."""
    fields = (
        "user__email",
        "display_name",
        "discipline",
        "team",
        "level",
        "manager__user__email",
        "timezone",
        "capacity",
        "status",
        *STATEMENT_FIELDS,
    )
    rows = Member.objects.values_list(*fields, "languages", "background")
    links = ProfileTopic.objects.values_list("member__user__email", "topic__slug", "statement")
    return sorted(rows) + sorted(links) + network_fingerprint()


def network_fingerprint() -> list[tuple]:
    """Everything the seed decides about the living network, independent of keys and today."""
    intros = Intro.objects.values_list(
        "sender__user__email",
        "recipient__user__email",
        "state",
        "message",
        "decline_reason",
        "origin",
        "suggestion__kind",
    )
    relationships = Relationship.objects.values_list(
        "member_a__user__email", "member_b__user__email", "state", "closed_reason"
    )
    exchanges = Exchange.objects.values_list(
        "author__user__email", "what_i_shared", "what_i_learned", "note", "topics__slug"
    )
    reflections = Reflection.objects.values_list("author__user__email", "prompt", "body")
    notifications = Notification.objects.values_list(
        "recipient__user__email", "kind", "text", Q(read_at__isnull=True)
    )
    posts = Post.objects.values_list("author__user__email", "title", "body", "topics__slug")
    follows = TopicFollow.objects.values_list("member__user__email", "topic__slug")
    rows = (intros, relationships, exchanges, reflections, notifications, posts, follows)
    return [row for rows_of_one in rows for row in sorted(rows_of_one)]


def test_it_creates_the_requested_members_and_the_named_accounts(organisation):
    assert organisation.created
    assert Member.objects.count() == MEMBERS + 2
    assert User.objects.count() == MEMBERS + 3
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    organiser = Member.objects.get(user__email=ORGANISER_EMAIL)
    admin = User.objects.get(email=ADMIN_EMAIL)
    assert organiser.user.is_organiser and not member.user.is_organiser
    assert admin.is_staff and admin.is_superuser
    for account in (member.user, organiser.user, admin):
        assert account.check_password(DEMO_PASSWORD)
    others = User.objects.exclude(email__in=[MEMBER_EMAIL, ORGANISER_EMAIL, ADMIN_EMAIL])
    assert not any(user.has_usable_password() for user in others)


def test_the_named_members_have_complete_profiles(organisation):
    for email in (MEMBER_EMAIL, ORGANISER_EMAIL):
        member = Member.objects.get(user__email=email)
        assert " " in member.display_name and member.team and member.manager is not None
        assert all(getattr(member, field) for field in STATEMENT_FIELDS)
        linked = set(member.profile_topics.values_list("statement", flat=True))
        assert linked == set(STATEMENT_FIELDS)


def test_the_reporting_tree_has_one_head_and_no_cycles(organisation):
    managers = dict(Member.objects.values_list("id", "manager_id"))
    heads = [member for member, manager in managers.items() if manager is None]
    assert len(heads) == 1
    for member in managers:
        seen = {member}
        current = managers[member]
        while current is not None:
            assert current not in seen, "a reporting cycle"
            seen.add(current)
            current = managers[current]
        assert heads[0] in seen


def test_spans_of_control_stay_realistic(db):
    demo_organisation_create(members=400, seed=3)
    spans = {}
    for manager_id in Member.objects.exclude(manager=None).values_list("manager_id", flat=True):
        spans[manager_id] = spans.get(manager_id, 0) + 1
    assert max(spans.values()) <= 9  # 8, plus a named demo account
    assert sum(span >= 3 for span in spans.values()) / len(spans) > 0.8


def test_nobody_outranks_their_manager(organisation):
    members = Member.objects.exclude(manager=None).exclude(
        user__email__in=[MEMBER_EMAIL, ORGANISER_EMAIL]
    )
    assert all(m.level <= m.manager.level for m in members.select_related("manager"))
    assert set(Member.objects.values_list("level", flat=True)) <= set(range(1, 9))


def test_every_discipline_is_present(organisation):
    assert set(Member.objects.values_list("discipline", flat=True)) == set(DISCIPLINES)


def test_profiles_are_linked_to_topics(organisation):
    linked = Member.objects.filter(profile_topics__isnull=False).distinct().count()
    assert linked >= 0.9 * Member.objects.count()
    statements = set(ProfileTopic.objects.values_list("statement", flat=True))
    assert statements == set(STATEMENT_FIELDS)


def test_profile_texts_vary(organisation):
    texts = Member.objects.values_list("working_on", flat=True)
    assert len(set(texts)) >= 0.9 * len(texts)


def test_some_problem_is_shared_by_people_in_different_teams_and_disciplines(organisation):
    seen: dict[int, set[tuple[str, str]]] = {}
    links = ProfileTopic.objects.filter(statement="working_on")
    for topic_id, team, discipline in links.values_list(
        "topic_id", "member__team", "member__discipline"
    ):
        seen.setdefault(topic_id, set()).add((team, discipline))
    assert any(len({d for _, d in places}) >= 2 for places in seen.values())
    assert any(len({t for t, _ in places}) >= 3 for places in seen.values())


def test_the_same_seed_gives_the_same_organisation(db):
    demo_organisation_create(members=MEMBERS, seed=11)
    first = fingerprint()
    assert Intro.objects.exists() and Exchange.objects.exists()
    assert Post.objects.exists() and TopicFollow.objects.exists()
    User.objects.all().delete()
    demo_organisation_create(members=MEMBERS, seed=11)
    assert fingerprint() == first
    User.objects.all().delete()
    demo_organisation_create(members=MEMBERS, seed=12)
    assert fingerprint() != first


def test_seeding_emails_nobody(db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo_organisation_create(members=40, seed=5)

    assert Notification.objects.filter(read_at__isnull=True).exists()
    assert mailoutbox == []
    # The story opens initiatives and offers help through the services, which ask the
    # worker to work out fit; nothing else is left for the worker (no e-mail to send).
    from django_tasks_db.models import DBTaskResult

    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued <= {
        "trellis.initiatives.tasks.refresh_fit_task",
        "trellis.initiatives.tasks.refresh_all_fit_task",
    }


def test_seeding_again_creates_nothing(organisation):
    before = fingerprint()
    again = demo_organisation_create(members=MEMBERS, seed=99)
    assert not again.created
    assert fingerprint() == before


def test_it_refuses_too_few_members(db):
    with pytest.raises(ValueError, match="at least"):
        demo_organisation_create(members=MIN_MEMBERS - 1)
    assert not User.objects.exists()


def test_the_demo_organiser_can_sign_in(organisation, client):
    response = client.post(
        reverse("accounts:login"),
        {"username": ORGANISER_EMAIL, "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=ORGANISER_EMAIL).pk)


def run_demo(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("demo", "--no-serve", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_demo_command_prints_the_url_and_the_sign_in_details(db):
    out, err = run_demo("--members", "40")
    assert "http://127.0.0.1:8000/" in out
    for text in (MEMBER_EMAIL, ORGANISER_EMAIL, ADMIN_EMAIL, DEMO_PASSWORD):
        assert text in out
    assert Member.objects.count() == 42
    assert "members" in err  # progress, on stderr


def test_the_demo_command_does_not_seed_twice(db):
    run_demo("--members", "40")
    out, _ = run_demo("--members", "50")
    assert "already there" in out
    assert ORGANISER_EMAIL in out
    assert Member.objects.count() == 42


def test_the_demo_command_is_quiet_at_verbosity_zero(db):
    _, err = run_demo("--members", "40", "--verbosity", "0")
    assert err == ""


def test_the_demo_command_allows_the_host_it_serves_on(db, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["localhost"]
    # The command hands its hosts to the server it starts through the environment: keep
    # that from leaking into later tests' subprocesses.
    monkeypatch.setenv("TRELLIS_ALLOWED_HOSTS", "localhost")
    out, _ = run_demo("--members", "40", "--host", "0.0.0.0", "--port", "8123")
    assert "0.0.0.0" in settings.ALLOWED_HOSTS
    assert "ALLOWED_HOSTS" in out
    assert "http://0.0.0.0:8123/" in out


def test_the_demo_command_serves_with_trellis_serve_on_its_host_and_port(db, monkeypatch):
    from trellis.demo.management.commands import demo as command

    served = []
    real_call_command = command.call_command

    def fake_call_command(name, *args, **options):
        if name == "serve":
            served.append((args, options["host"], options["port"]))
            return None
        return real_call_command(name, *args, **options)

    monkeypatch.setattr(command, "call_command", fake_call_command)
    call_command("demo", "--members", "40", "--port", "8765", stdout=StringIO(), stderr=StringIO())
    assert served == [((), "127.0.0.1", 8765)]


def test_the_demo_command_refuses_too_few_members(db):
    with pytest.raises(CommandError, match="at least"):
        run_demo("--members", "3")
    assert not Member.objects.exists()


def test_the_directory_finds_seeded_members_by_name(organisation):
    from trellis.people.selectors import directory_search

    seeded = Member.objects.filter(status=Member.Status.ACTIVE).exclude(
        user__email__in=[MEMBER_EMAIL, ORGANISER_EMAIL]
    )
    member = seeded.order_by("id")[5]
    assert member in directory_search(query=member.display_name.split()[-1].lower())
