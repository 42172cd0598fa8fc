"""The evidence of who can help (`hooks.help_given`): what the areas tell matching about the
help each member gave, in words anyone may read, dated, within the engine's limits."""

from datetime import date, timedelta

from django.utils import timezone

from trellis.community import services as community
from trellis.connections import services as connections
from trellis.connections.models import Relationship
from trellis.initiatives import services as initiatives
from trellis.initiatives.models import Initiative
from trellis.matching.tests.conftest import SECRET
from trellis.people import hooks
from trellis.people.hooks import HelpGiven


def evidence(member) -> tuple[HelpGiven, ...]:
    return hooks.help_given(member_ids=[member.pk]).get(member.pk, ())


def an_initiative(lead, *, publish: bool = True, title="Kubernetes cost reports") -> Initiative:
    return initiatives.initiative_create(
        lead=lead,
        title=title,
        problem="Nobody can say what each Kubernetes cluster costs.",
        skills="Go, Terraform",
        ends_on=timezone.localdate() + timedelta(days=60),
        publish=publish,
    )


def on_the_team(initiative: Initiative, member) -> None:
    offer = initiatives.volunteer_offer(initiative=initiative, member=member, brings="Terraform")
    initiatives.volunteer_accept(volunteer=offer, lead=initiative.lead)


def related(a, b, **fields) -> Relationship:
    low, high = sorted((a, b), key=lambda m: m.pk)
    return Relationship.objects.create(member_a=low, member_b=high, **fields)


def test_an_exchange_in_which_a_member_shared_is_told_by_its_topics_never_its_words(
    tess, give_help
):
    give_help(tess, "Terraform", "Kubernetes", day=date(2026, 6, 3))

    assert evidence(tess) == (HelpGiven(date(2026, 6, 3), "Kubernetes, Terraform"),)
    assert SECRET not in repr(hooks.help_given(member_ids=[tess.pk]))


def test_each_person_helped_counts_once_whatever_the_number_of_exchanges(
    tess, make_member, give_help
):
    sam = make_member("Sam")
    give_help(tess, "Terraform", to=sam, day=date(2026, 6, 3))
    give_help(tess, "Kubernetes", to=sam, day=date(2026, 7, 1))
    give_help(tess, "Terraform", day=date(2026, 8, 1))

    assert evidence(tess) == (
        HelpGiven(date(2026, 8, 1), "Terraform"),
        HelpGiven(date(2026, 6, 3), "Terraform, Kubernetes"),  # dated from the first
    )


def test_exchanges_without_topics_or_only_learning_are_not_evidence(tess, ana, give_help):
    give_help(tess)  # no topic: it says nothing of what was helped with
    connections.exchange_record(
        relationship=related(tess, ana), author=tess, date=timezone.localdate(), what_i_learned="Go"
    )

    assert evidence(tess) == ()


def test_help_on_someone_elses_initiative_is_told_by_its_title_and_topics_not_the_work(ana, carla):
    initiative = an_initiative(carla)
    on_the_team(initiative, ana)
    contribution = initiatives.contribution_log(  # its words are for the team alone
        initiative=initiative, member=ana, text=f"Wrote the Terraform tagging. {SECRET}"
    )

    (entry,) = evidence(ana)

    assert entry.text.startswith("Kubernetes cost reports: ")
    assert "Kubernetes" in entry.text.split(": ", 1)[1]
    assert SECRET not in entry.text
    assert entry.on == contribution.created_at.date()


def test_the_leads_own_work_and_drafts_are_not_help_given(carla):
    initiative = an_initiative(carla)
    initiatives.contribution_log(initiative=initiative, member=carla, text="Ran the kickoff.")
    an_initiative(carla, title="Retire the old billing cron", publish=False)

    assert evidence(carla) == ()


def test_an_observation_shown_on_the_profile_is_evidence_in_its_own_words(ana, ben):
    seen = initiatives.observation_record(
        observer=ben,
        subject=ana,
        text="Ana rewrote the Terraform modules so each team can apply its own.",
        seen_on=timezone.localdate() - timedelta(days=3),
    )
    assert evidence(ana) == ()  # kept between Ben and Ana

    initiatives.observation_show(observation=seen, member=ana, shown=True)

    assert evidence(ana) == (HelpGiven(seen.seen_on, seen.text),)


def test_a_hidden_observation_on_an_initiative_is_told_by_the_initiative_only(ana, ben, carla):
    initiative = an_initiative(carla)
    on_the_team(initiative, ana)
    initiatives.observation_record(
        observer=ben,
        subject=ana,
        text=f"Ana paired with me on the cost model. {SECRET}",
        seen_on=timezone.localdate(),
        initiative=initiative,
    )

    texts = [entry.text for entry in evidence(ana)]

    assert texts and all(text.startswith("Kubernetes cost reports") for text in texts)
    assert SECRET not in " ".join(texts)


def test_help_is_kept_within_the_engines_limits_newest_first(monkeypatch):
    many = [HelpGiven(date(2026, 1, 1) + timedelta(days=i), "x" * 2500) for i in range(1200)]
    monkeypatch.setattr(hooks, "_help_readers", [lambda member_ids: {7: many}])

    kept = hooks.help_given(member_ids=[7])[7]

    assert len(kept) == hooks.MAX_HELP_ENTRIES == 1000
    assert kept[0].on == many[-1].on  # the newest
    assert {len(entry.text) for entry in kept} == {hooks.MAX_HELP_TEXT} == {2000}


def test_a_members_relationships_fill_their_capacity(ana, ben, carla):
    related(ana, ben)
    related(carla, ben, state=Relationship.State.CLOSED, closed_at=timezone.now())

    assert hooks.relationship_load(member_ids=[ana.pk, ben.pk, carla.pk]) == {
        ana.pk: 1,
        ben.pk: 1,
    }


def test_a_published_post_is_a_problem_with_its_author_and_words(ana):
    post = community.post_create(author=ana, title="Terraform drift", body="Our state drifts.")

    problems = hooks.post_problems(post_ids=[post.pk])

    assert problems[post.pk].author_id == ana.pk
    assert problems[post.pk].text == "Terraform drift\nOur state drifts."


def test_a_deleted_post_is_no_longer_a_problem(ana):
    post = community.post_create(author=ana, title="Terraform drift", body="Our state drifts.")
    community.post_delete(post=post, member=ana)

    assert hooks.post_problems(post_ids=[post.pk]) == {}
