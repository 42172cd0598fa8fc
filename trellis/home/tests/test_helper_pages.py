"""'People who could help' at home, 'Who could help with this' on posts and topics, and the
composer they open: what was worked out in the background, shown with its reason."""

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.community import services as community
from trellis.connections.models import Intro, Origin
from trellis.home.tests.test_home_followed import fresh_recommendations
from trellis.matching import helping
from trellis.matching.models import HelperList, PossibleHelper
from trellis.matching.tests.conftest import SECRET
from trellis.people.models import Topic

HOME = reverse("home:home")
TERRAFORM = reverse("home:topic_detail", args=["terraform"])
WORK_OUT_MINE = reverse("home:work_out_mine")


def compose(member, entry=None) -> str:
    url = reverse("home:compose", args=[member.pk])
    return f"{url}?helper={entry.pk}" if entry else url


@pytest.fixture
def helped_three(tess, give_help):
    """Tess has helped three people with Terraform, since 3 June 2026."""
    for day in (timezone.datetime(2026, 6, 3), timezone.datetime(2026, 7, 1)):
        give_help(tess, "Terraform", day=day.date())
    give_help(tess, "Terraform")
    return tess


@pytest.fixture
def worked_out(asker, helped_three, carla, dev):
    """Everything worked out once, as the background worker would."""
    return helping.helpers_refresh_everything()


def entry_for(**target) -> PossibleHelper:
    return PossibleHelper.objects.filter(**target).select_related("helper").first()


def test_the_home_page_shows_people_who_could_help_with_the_reason(client, asker, worked_out):
    client.force_login(asker.user)

    content = client.get(HOME).content.decode()

    assert "People who could help" in content
    assert "Tess Lund" in content
    assert "Helped 3 people with Terraform since June" in content
    entry = entry_for(helper_list__member=asker, helper__display_name="Tess Lund")
    assert compose(entry.helper, entry).replace("&", "&amp;") in content


def test_before_it_is_worked_out_the_home_page_says_so_and_asks_once(
    client, asker, tess, django_capture_on_commit_callbacks
):
    client.force_login(asker.user)

    with django_capture_on_commit_callbacks() as queued:
        content = client.get(HOME).content.decode()

    assert "We are working out who could help with what you are working on" in content
    assert queued == []  # a GET writes nothing: the page asks by POST once loaded
    assert f'hx-post="{WORK_OUT_MINE}" hx-trigger="load"' in content
    with django_capture_on_commit_callbacks() as queued:
        assert client.post(WORK_OUT_MINE).status_code == 204
    assert HelperList.objects.get(member=asker).requested_at is not None
    assert len(queued) == 3  # recommendations, who could help, initiatives that fit
    with django_capture_on_commit_callbacks() as queued_again:
        client.post(WORK_OUT_MINE)
    assert queued_again == []  # all asked for already: page views do not pile up tasks
    assert WORK_OUT_MINE not in client.get(HOME).content.decode()


def test_a_list_with_nobody_on_it_says_so(client, asker):
    HelperList.objects.create(about="member", member=asker, computed_at=timezone.now())
    client.force_login(asker.user)

    content = client.get(HOME).content.decode()

    assert "Nobody we know of could help with what you are working on right now" in content


def test_a_topic_page_shows_who_could_help_with_it(client, asker, ben, worked_out):
    client.force_login(ben.user)

    content = client.get(TERRAFORM).content.decode()

    assert "Who could help with this" in content
    assert "Helped 3 people with Terraform since June" in content


def test_a_topic_page_never_shown_before_asks_the_worker(
    client, ben, django_capture_on_commit_callbacks
):
    client.force_login(ben.user)
    work_out = reverse("home:work_out_topic", args=["terraform"])

    with django_capture_on_commit_callbacks() as queued:
        content = client.get(TERRAFORM).content.decode()

    assert "We are working out who could help with Terraform" in content
    assert queued == [] and not HelperList.objects.exists()  # a GET writes nothing
    assert f'hx-post="{work_out}"' in content
    with django_capture_on_commit_callbacks() as queued:
        assert client.post(work_out).status_code == 204
    assert len(queued) == 1
    assert HelperList.objects.filter(topic__slug="terraform").exists()
    assert work_out not in client.get(TERRAFORM).content.decode()


def test_a_post_page_never_shown_before_asks_the_worker_for_its_readers_only(
    client, asker, ben, django_capture_on_commit_callbacks
):
    post = community.post_create(author=asker, title="Terraform drift", body="Terraform state")
    HelperList.objects.filter(post=post).delete()  # as for a post from before lists were kept
    work_out = reverse("home:work_out_post", args=[post.pk])
    client.force_login(ben.user)

    assert f'hx-post="{work_out}"' in client.get(post.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks() as queued:
        assert client.post(work_out).status_code == 204
    assert len(queued) == 1
    assert HelperList.objects.filter(post=post).exists()
    missing = reverse("home:work_out_post", args=[post.pk + 1000])
    assert client.post(missing).status_code == 404


def test_asking_for_a_topic_that_does_not_exist_is_404(client, ben):
    client.force_login(ben.user)

    response = client.post(reverse("home:work_out_topic", args=["no-such-topic"]))

    assert response.status_code == 404
    assert not HelperList.objects.exists()


def test_a_post_page_shows_who_could_help_with_it_to_each_reader(client, asker, ben, tess):
    post = community.post_create(author=asker, title="Terraform drift", body="Terraform state")
    helping.helpers_refresh(post_ids=[post.pk])

    for reader in (asker, ben):
        client.force_login(reader.user)
        content = client.get(post.get_absolute_url()).content.decode()
        assert "Who could help with this" in content
        assert "Tess Lund" in content

    client.force_login(tess.user)
    response = client.get(post.get_absolute_url())
    assert "Who could help with this" in response.content.decode()
    assert tess not in [entry.helper for entry in response.context["helpers"].helpers]


def test_the_composer_opens_from_a_helper_grounded_in_the_askers_problem(client, asker, worked_out):
    entry = entry_for(helper_list__member=asker, helper__display_name="Tess Lund")
    client.force_login(asker.user)

    response = client.get(compose(entry.helper, entry))

    draft = response.context["form"]["message"].value()
    assert draft.startswith(
        "Hi Tess,\n\nI'm learning Terraform, and Trellis suggested you as someone who has "
        "helped people with it."
    )
    content = response.content.decode()
    assert f'<input type="hidden" name="helper" value="{entry.pk}">' in content
    assert "Helped 3 people with Terraform since June" in content
    assert not Intro.objects.exists()  # GET writes nothing


def test_the_composer_opens_from_a_topic_and_from_someone_elses_post(client, asker, ben, tess):
    post = community.post_create(author=asker, title="Terraform drift", body="Terraform state")
    helping.helpers_refresh(post_ids=[post.pk], topic_ids=[Topic.objects.get(slug="terraform").pk])
    client.force_login(ben.user)

    from_post = entry_for(helper_list__post=post, helper=tess)
    from_topic = entry_for(helper_list__topic__slug="terraform", helper=tess)
    on_post = client.get(compose(tess, from_post)).context["form"]["message"].value()
    on_topic = client.get(compose(tess, from_topic)).context["form"]["message"].value()

    assert "I'm looking into “Terraform drift”, and Trellis suggested you" in on_post
    assert "I'm looking into Terraform, and Trellis suggested you" in on_topic


def test_sending_from_a_helper_records_where_it_came_from(client, asker, worked_out):
    entry = entry_for(helper_list__member=asker, helper__display_name="Tess Lund")
    client.force_login(asker.user)
    draft = client.get(compose(entry.helper, entry)).context["form"]["message"].value()

    response = client.post(
        compose(entry.helper), {"message": draft, "action": "send", "helper": entry.pk}
    )

    intro = Intro.objects.get()
    assert response.status_code == 302
    assert (intro.state, intro.origin, intro.recipient) == ("sent", Origin.HELP, entry.helper)
    assert "Terraform" in intro.shared


def test_someone_elses_helper_does_not_open_the_composer(client, asker, ben, worked_out):
    entry = entry_for(helper_list__member=asker, helper__display_name="Tess Lund")
    client.force_login(ben.user)

    assert client.get(compose(entry.helper, entry)).status_code == 404
    assert client.get(compose(asker, entry)).status_code == 404  # not about the recipient
    assert (
        client.post(
            compose(entry.helper), {"message": "Hi", "action": "send", "helper": entry.pk}
        ).status_code
        == 404
    )
    assert not Intro.objects.exists()


def test_a_planted_private_note_never_reaches_a_page_or_a_reason(
    client, asker, ben, worked_out, helped_three
):
    post = community.post_create(author=asker, title="Terraform drift", body="Terraform state")
    helping.helpers_refresh(post_ids=[post.pk])
    entry = entry_for(helper_list__member=asker, helper=helped_three)
    stored = " ".join(PossibleHelper.objects.values_list("explanation", flat=True))
    assert SECRET not in stored

    for viewer in (asker, ben):
        client.force_login(viewer.user)
        for url in (HOME, TERRAFORM, post.get_absolute_url()):
            assert SECRET not in client.get(url).content.decode()
    client.force_login(asker.user)
    assert SECRET not in client.get(compose(entry.helper, entry)).content.decode()


@pytest.mark.parametrize("many", [1, 5])
def test_each_page_costs_the_same_queries_whatever_the_number_of_helpers(
    client, asker, make_member, many, django_assert_num_queries
):
    post = community.post_create(author=make_member(), title="Terraform", body="Terraform")
    topic = Topic.objects.get(slug="terraform")
    lists = [
        HelperList.objects.get_or_create(about="member", member=asker)[0],
        HelperList.objects.get_or_create(about="post", post=post)[0],
        HelperList.objects.get_or_create(about="topic", topic=topic)[0],
    ]
    helpers = [make_member(f"Helper {n}") for n in range(many)]
    for helper_list in lists:
        for position, helper in enumerate(helpers, start=1):
            PossibleHelper.objects.create(
                helper_list=helper_list,
                helper=helper,
                position=position,
                score=1.0,
                explanation="Can help with Terraform.",
            )
    later = timezone.now() + timezone.timedelta(hours=1)
    HelperList.objects.update(computed_at=later)
    fresh_recommendations(asker)
    client.force_login(asker.user)

    # Each page's own queries (see its tests), and who could help: nine, whatever its length,
    # and one more to know whether the viewer has room to introduce themselves. The post's
    # page counts its replies too (none here, so no page of them is read).
    for url, queries in ((HOME, 23), (TERRAFORM, 21), (post.get_absolute_url(), 17)):
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert len(response.context["helpers"].helpers) == many
