"""Initiative fit, kept: worked out by the background worker when what it depends on
changes (a profile, a post, an initiative opened, edited or closed, a volunteer's note),
stored, and read by the pages at a fixed number of queries, without the engine."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trellis.community import services as community
from trellis.initiatives import fit, services, tasks
from trellis.initiatives.models import InitiativeFit, InitiativeFitList, Volunteer
from trellis.matching.engine import fit as engine_fit
from trellis.people.models import Member
from trellis.people.services import member_update

HOME = reverse("home:home")
LIST = reverse("initiatives:initiative_list")
WORK_OUT_MINE = reverse("home:work_out_mine")


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run as soon as they are queued (and queued once the transaction commits)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def no_engine(monkeypatch):
    """The engine's fit refuses to run: a page that reaches it fails."""

    def refuse(*args, **kwargs):
        raise AssertionError("a page ran the matching engine")

    monkeypatch.setattr(engine_fit, "fit_scores", refuse)
    monkeypatch.setattr(fit, "fit_scores", refuse)


def stored_titles(member) -> list[str]:
    return [
        row.initiative.title
        for row in InitiativeFit.objects.filter(member=member).select_related("initiative")
    ]


def store_fit(member, initiative, position: int = 1, reason: str = "Fits.") -> None:
    """A fit as the worker would have stored it, and the member's list worked out."""
    InitiativeFit.objects.create(
        member=member,
        initiative=initiative,
        position=position,
        score=1,
        helps=1,
        learns=0,
        shared=0,
        reason=reason,
    )
    InitiativeFitList.objects.update_or_create(
        member=member, defaults={"computed_at": timezone.now()}
    )


def shown(client, member) -> list[str]:
    client.force_login(member.user)
    return [item.initiative.title for item in client.get(HOME).context["initiatives"]]


# What it depends on changes -------------------------------------------------------------


def test_an_initiative_opened_is_worked_into_everyones_fits_by_the_worker(
    make_initiative, ana, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_initiative()  # opened at once: Ana can help with its Terraform, learns Go

    assert stored_titles(ana) == ["Kubernetes cost reports"]
    assert not InitiativeFitList.objects.get(member=ana).pending


def test_a_draft_asks_the_worker_for_nothing(
    make_initiative, ana, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as queued:
        make_initiative(publish=False)

    assert queued == []
    assert not InitiativeFit.objects.exists()


def test_an_initiative_edited_is_worked_out_again_with_its_new_words(
    make_initiative, ana, ben, carla, immediate_tasks, django_capture_on_commit_callbacks
):
    initiative = make_initiative(
        title="Checkout usability study",
        problem="Customers abandon the checkout on mobile.",
        skills="usability testing",
        why_it_matters="Lost sales.",
    )
    fit.fit_refresh_everything()
    assert stored_titles(ana) == []

    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_update(
            initiative=initiative, member=carla, skills="Terraform", problem="Provision it."
        )

    [row] = InitiativeFit.objects.filter(member=ana)
    assert row.initiative == initiative
    assert "Terraform" in row.reason


def test_closing_an_initiative_takes_it_off_every_list_at_once_without_the_worker(
    initiative, ana, carla, django_capture_on_commit_callbacks
):
    fit.fit_refresh_everything()
    assert stored_titles(ana) == ["Kubernetes cost reports"]

    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.initiative_move(initiative=initiative, member=carla, to="cancelled")

    assert queued == []
    assert not InitiativeFit.objects.filter(initiative=initiative).exists()


def test_a_profile_change_is_worked_out_once_home_asks_for_it(
    client, make_initiative, ben, immediate_tasks, django_capture_on_commit_callbacks
):
    make_initiative(
        title="Payroll export",
        problem="Finance retypes the payroll every month.",
        skills="Python",
        why_it_matters="Mistakes cost money.",
    )
    fit.fit_refresh_everything()
    assert shown(client, ben) == []

    member_update(member=ben, can_help_with="Python scripting")
    response = client.get(HOME)
    assert response.context["post_on_load"] == WORK_OUT_MINE  # the page asks, once loaded
    with django_capture_on_commit_callbacks(execute=True):
        client.post(WORK_OUT_MINE)

    assert shown(client, ben) == ["Payroll export"]
    assert client.get(HOME).context.get("post_on_load") is None


def test_a_post_is_worked_into_its_authors_fits(
    make_initiative, make_member, immediate_tasks, django_capture_on_commit_callbacks
):
    make_initiative(
        title="Payroll export",
        problem="Finance retypes the payroll every month.",
        skills="Python",
        why_it_matters="Mistakes cost money.",
    )
    writer = make_member("Wren", working_on="the office move")
    fit.fit_refresh_everything()
    assert stored_titles(writer) == []

    with django_capture_on_commit_callbacks(execute=True):
        community.post_create(
            author=writer, title="Python for payroll", body="I automate payroll with Python."
        )

    assert stored_titles(writer) == ["Payroll export"]


def test_a_volunteers_note_is_worked_out_for_the_lead(
    initiative, make_member, immediate_tasks, django_capture_on_commit_callbacks
):
    sol = make_member("Sol", working_on="billing")
    with django_capture_on_commit_callbacks(execute=True):
        offer = services.volunteer_offer(
            initiative=initiative, member=sol, brings="I write Terraform modules daily"
        )

    offer.refresh_from_db()
    assert offer.fit_score > 0
    assert offer.fit_reason == "Can help with Terraform, which it needs."


def test_the_sweep_works_out_what_was_asked_for_while_the_worker_was_down(
    initiative, ana, immediate_tasks, django_capture_on_commit_callbacks
):
    services.fit_request(member=ana)  # queued outside a captured commit: never run
    assert not InitiativeFit.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.fit_sweep()

    assert stored_titles(ana) == ["Kubernetes cost reports"]
    assert not InitiativeFitList.objects.get(member=ana).pending


def test_a_burst_of_changes_is_worked_out_once(initiative, ana):
    asked = timezone.now()
    fit.fit_refresh_everything()

    assert tasks.refresh_all_fit_task.call(asked.isoformat()) == 0


def test_members_who_left_or_are_not_open_keep_no_fits(initiative, ana, dev):
    fit.fit_refresh_everything()
    assert InitiativeFit.objects.filter(member=ana).exists()

    Member.objects.filter(pk=ana.pk).update(status=Member.Status.LEFT)
    Member.objects.filter(pk=dev.pk).update(open_to_initiatives=False)
    fit.fit_refresh_everything()

    assert not InitiativeFit.objects.filter(member__in=[ana, dev]).exists()


# What pages show -------------------------------------------------------------------------


def test_before_the_first_computation_home_says_it_is_being_worked_out_and_asks(
    client, initiative, ana, no_engine
):
    client.force_login(ana.user)

    response = client.get(HOME)

    assert response.context["initiatives"] == []
    assert "is being worked out" in response.content.decode()
    assert response.context["post_on_load"] == WORK_OUT_MINE


def test_before_the_first_computation_the_list_says_so_and_lists_them_all(
    client, initiative, ana, no_engine
):
    client.force_login(ana.user)

    content = client.get(LIST).content.decode()

    assert "Kubernetes cost reports" in content
    assert "is being worked out" in content


def test_the_list_and_the_initiative_page_say_why_it_fits_the_reader(
    client, initiative, ana, no_engine
):
    store_fit(ana, initiative, 1, "It needs Terraform, which you can help with.")
    client.force_login(ana.user)

    listed = client.get(LIST).content.decode()
    page = client.get(initiative.get_absolute_url()).content.decode()

    reason = '<p class="fit-reason">It needs Terraform, which you can help with.</p>'
    assert reason in listed
    assert "is being worked out" not in listed
    assert reason in page


def test_a_member_reads_only_their_own_fits(client, initiative, ana, ben):
    store_fit(ben, initiative, 1, "Only Ben reads this reason.")

    for page in (HOME, LIST, initiative.get_absolute_url()):
        client.force_login(ana.user)
        assert "Only Ben reads this reason." not in client.get(page).content.decode()
        client.force_login(ben.user)
        assert "Only Ben reads this reason." in client.get(page).content.decode()


def test_only_the_lead_reads_how_volunteers_fit(client, initiative, offer, carla, ana, ben):
    fit.volunteer_fit_refresh_pending()
    reason = Volunteer.objects.get(pk=offer.pk).fit_reason
    assert reason
    url = reverse("initiatives:volunteer_list", args=[initiative.pk])

    client.force_login(carla.user)
    assert reason in client.get(url).content.decode()
    for someone in (ana, ben):
        client.force_login(someone.user)
        assert client.get(url).status_code == 404
        assert reason not in client.get(initiative.get_absolute_url()).content.decode()


def test_an_offer_not_worked_out_yet_says_so_to_the_lead(client, offer, carla, no_engine):
    client.force_login(carla.user)

    response = client.get(reverse("initiatives:volunteer_list", args=[offer.initiative_id]))

    [ranked] = response.context["ranked"]
    assert ranked.fit is None
    assert "How they fit is being worked out." in response.content.decode()


def test_a_closed_initiative_or_one_whose_lead_left_is_never_shown(
    client, make_initiative, carla, ana, no_engine
):
    closed, left = make_initiative(title="Closed one"), make_initiative(title="Lead left")
    for position, initiative in enumerate((closed, left), start=1):
        store_fit(ana, initiative, position, "Fits.")
    closed.state = "done"
    closed.closed_at = closed.created_at
    closed.save()
    Member.objects.filter(pk=carla.pk).update(status=Member.Status.LEFT)

    assert shown(client, ana) == []


@pytest.mark.parametrize("many", [2, 8])
def test_the_pages_read_fit_at_a_fixed_number_of_queries_without_the_engine(
    client, make_initiative, make_member, ana, carla, many, no_engine, django_assert_num_queries
):
    initiatives = [make_initiative(title=f"Terraform work {n}") for n in range(many)]
    for n in range(many):
        volunteer = make_member(f"Volunteer {n}", can_help_with="Terraform")
        services.volunteer_offer(initiative=initiatives[0], member=volunteer, brings="Terraform")
    for position, initiative in enumerate(initiatives, start=1):
        store_fit(ana, initiative, position, f"Reason {position}.")
    Volunteer.objects.update(fit_score=0.5, fit_reason="Can help.", fit_computed_at=timezone.now())
    client.force_login(ana.user)

    # session, user, member (layout), unread count, page count, initiatives, their topics,
    # led, joined (none: no topics to read), why each fits the reader (as stored), whether
    # that was ever worked out
    with django_assert_num_queries(11):
        response = client.get(LIST)
    assert len([i for i in response.context["page"].object_list if i.fit_reason]) == many
    # session, user, member (layout), unread count, the initiative, its topics, its team,
    # the reader's offer, their refusal (an offer again), why it fits the reader, its milestones
    with django_assert_num_queries(11):
        response = client.get(initiatives[0].get_absolute_url())
    assert response.context["fit_reason"] == "Reason 1."

    client.force_login(carla.user)
    url = reverse("initiatives:volunteer_list", args=[initiatives[0].pk])
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(response.context["ranked"]) == many


def test_home_reads_fit_at_a_fixed_number_of_queries(
    client, make_initiative, ana, no_engine, django_assert_num_queries
):
    initiatives = [make_initiative(title=f"Terraform work {n}") for n in range(7)]
    client.force_login(ana.user)
    counts = []
    for position, initiative in enumerate(initiatives, start=1):
        store_fit(ana, initiative, position, f"Reason {position}.")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(HOME)
        counts.append(len(queries))
        assert len(response.context["initiatives"]) == min(position, 5)

    # Its list, its rows, their initiatives and their topics: four, however many fit.
    assert len(set(counts)) == 1
