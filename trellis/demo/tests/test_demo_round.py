"""`trellis demo`: a published round at creation, then `trellis serve`."""

from io import StringIO

import pytest
from django.core.management import call_command

from trellis.demo.accounts import MEMBER_EMAIL
from trellis.demo.management.commands import demo as command
from trellis.matching.models import Round, Suggestion
from trellis.people.models import Member


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_demo_publishes_a_round_with_suggestions_for_the_demo_member(fake_engine, db):
    out = run_demo("--no-serve", "--members", "40")

    round_obj = Round.objects.latest("created_at")
    assert round_obj.state == Round.State.PUBLISHED
    assert round_obj.cohort == {"kind": "all", "value": ""}
    assert "Published a demo matching round over everyone" in out
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    mine = Suggestion.objects.filter(recommended_to=member)
    assert mine.exists()  # recommendations too, so the home page is not empty


def test_the_demo_works_out_the_insights_so_the_organiser_sees_figures_at_once(
    fake_engine, db, client
):
    from trellis.accounts.models import User
    from trellis.demo.accounts import ORGANISER_EMAIL
    from trellis.insights.models import CohortFigures

    out = run_demo("--no-serve", "--members", "40")

    assert "Worked out the organisers' insights" in out
    everyone = CohortFigures.objects.get(kind=CohortFigures.Kind.EVERYONE)
    assert everyone.members == Member.objects.filter(status__in=["active", "paused"]).count()
    client.force_login(User.objects.get(email=ORGANISER_EMAIL))
    content = client.get("/organise/insights/growing/?weeks=26").content.decode()
    assert "Not worked out yet" not in content and "Being worked out" not in content


def test_a_large_demo_runs_its_round_over_the_demo_members_first_problem(
    fake_engine, db, monkeypatch
):
    monkeypatch.setattr(command, "ROUND_EVERYONE_UP_TO", 100)

    out = run_demo("--no-serve", "--members", "150")

    round_obj = Round.objects.latest("created_at")
    assert round_obj.cohort["kind"] == "topic"
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    assert member.profile_topics.filter(topic__slug=round_obj.cohort["value"]).exists()
    assert "over the people who mention" in out
    assert "covers one topic" in out


def test_the_demo_says_when_no_round_could_be_published(fake_engine, db):
    fake_engine.fail_with = NotImplementedError("being integrated")

    out = run_demo("--no-serve", "--members", "40")

    assert "No demo round was published" in out
    assert "matching engine is not available" in out


def test_the_demo_ends_by_serving_once_its_round_is_published(fake_engine, db, monkeypatch):
    events = []
    real_call_command = command.call_command

    def fake_call_command(name, *args, **options):
        if name == "serve":
            events.append(f"serving, {Round.objects.latest('created_at').state}")
            raise KeyboardInterrupt  # Ctrl-C
        return real_call_command(name, *args, **options)

    monkeypatch.setattr(command, "call_command", fake_call_command)

    with pytest.raises(KeyboardInterrupt):
        run_demo("--members", "40")

    assert events == ["serving, published"]


def helpers_of_the_demo_member() -> dict[str, int]:
    """How many people could help the demo member, on each of their pages: home, each of
    their posts, each topic on their profile."""
    from trellis.community.models import Post
    from trellis.matching import selectors

    member = Member.objects.get(user__email=MEMBER_EMAIL)
    counts = {"home": len(selectors.helpers_shown(viewer=member, member=member).helpers)}
    for post in Post.objects.filter(author=member):
        counts[f"post {post.pk}"] = len(
            selectors.helpers_shown(viewer=member, post_id=post.pk).helpers
        )
    for link in member.profile_topics.select_related("topic"):
        shown = selectors.helpers_shown(viewer=member, topic=link.topic).helpers
        counts[f"topic {link.topic.name}"] = len(shown)
    return counts


def test_the_demo_works_out_who_could_help_the_demo_member(fake_engine, db):
    out = run_demo("--no-serve", "--members", "40")

    assert "Worked out who could help whom" in out
    counts = helpers_of_the_demo_member()
    assert counts["home"] > 0
    assert [key for key, count in counts.items() if key.startswith("post") and not count] == []


def test_the_demo_works_out_which_initiatives_fit_the_demo_member_and_her_volunteers(
    fake_engine, db
):
    from trellis.initiatives import selectors
    from trellis.initiatives.models import Volunteer

    out = run_demo("--no-serve", "--members", "40")

    assert "Worked out which initiatives fit whom" in out
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    fits = selectors.initiatives_fitting(member=member, limit=5)
    assert fits.worked_out and fits.items
    offers = Volunteer.objects.filter(initiative__lead=member).exclude(state="withdrawn")
    assert offers.exists()
    assert not offers.filter(fit_score__isnull=True).exists()


@pytest.mark.slow
def test_in_the_default_demo_someone_could_help_the_demo_member_on_every_page(fake_engine, db):
    run_demo("--no-serve")  # 300 members, as `python3 dev.py demo`

    counts = helpers_of_the_demo_member()

    assert len(counts) > 5
    assert [key for key, count in counts.items() if not count] == []


def test_the_demos_round_pairs_nobody_beyond_their_free_capacity(fake_engine, db):
    from collections import Counter

    from trellis.connections.models import Relationship
    from trellis.matching.models import UnpairedMember

    run_demo("--no-serve", "--members", "40")

    round_obj = Round.objects.latest("created_at")
    in_use: Counter = Counter()
    for a, b in Relationship.objects.exclude(state=Relationship.State.CLOSED).values_list(
        "member_a_id", "member_b_id"
    ):
        in_use.update((a, b))
    paired: Counter = Counter()
    for a, b in Suggestion.objects.filter(round=round_obj).values_list(
        "member_a_id", "member_b_id"
    ):
        paired.update((a, b))
    capacity = dict(Member.objects.values_list("pk", "capacity"))
    assert all(paired[pk] <= max(0, capacity[pk] - in_use[pk]) for pk in paired)
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    if in_use[member.pk] >= member.capacity:  # the demo member, every relationship in use
        assert paired[member.pk] == 0
        assert UnpairedMember.objects.get(round=round_obj, member=member).reason == "no_capacity"
