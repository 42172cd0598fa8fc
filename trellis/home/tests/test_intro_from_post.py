"""'I saw your post about X…': an intro that starts from a post."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from trellis.community import services as community
from trellis.connections import services as connections
from trellis.connections.models import Intro, Origin
from trellis.home import services as home


def compose(member, post=None) -> str:
    url = reverse("home:compose", args=[member.pk])
    return f"{url}?post={post.pk}" if post else url


def test_the_composer_opens_with_the_post(client, post, ana, ben):
    client.force_login(ben.user)

    response = client.get(compose(ana, post))

    draft = response.context["form"]["message"].value()
    assert draft.startswith(
        "Hi Ana,\n\nI saw your post about “Making Kubernetes upgrades boring”, "
        "and I'm learning k8s myself."
    )
    content = response.content.decode()
    assert f'<input type="hidden" name="post" value="{post.pk}">' in content
    assert post.get_absolute_url() in content
    assert not Intro.objects.exists()  # GET writes nothing


def test_a_post_without_a_title_is_named_by_its_topics(client, ana, ben):
    untitled = community.post_create(author=ana, body="Terraform modules keep drifting.")
    client.force_login(ben.user)

    draft = client.get(compose(ana, untitled)).context["form"]["message"].value()

    assert "I saw your post about Terraform." in draft


def test_a_post_naming_no_topic_is_named_by_its_first_words(client, ana, ben):
    plain = community.post_create(author=ana, body="Why do our weekly meetings run so long?")
    client.force_login(ben.user)

    draft = client.get(compose(ana, plain)).context["form"]["message"].value()

    assert "I saw your post about “Why do our weekly meetings run so long?”." in draft


def test_sending_from_a_post_records_it_and_the_relationship_starts_from_it(client, post, ana, ben):
    client.force_login(ben.user)
    draft = client.get(compose(ana, post)).context["form"]["message"].value()

    response = client.post(compose(ana), {"message": draft, "action": "send", "post": post.pk})

    intro = Intro.objects.get()
    assert response.status_code == 302
    assert (intro.state, intro.origin, intro.post) == ("sent", Origin.POST, post)
    assert intro.shared[:2] == ["Making Kubernetes upgrades boring", "Kubernetes"]
    assert "no-shared-mention" not in {f["rule"] for f in intro.findings}
    relationship = connections.intro_accept(intro=intro, member=ana)
    assert relationship.origin == Origin.POST


def test_a_draft_saved_from_a_post_keeps_it(client, post, ana, ben):
    client.force_login(ben.user)

    client.post(compose(ana), {"message": "Hi Ana, about k8s…", "action": "save", "post": post.pk})

    intro = Intro.objects.get()
    assert (intro.state, intro.origin, intro.post) == ("draft", Origin.POST, post)


def test_the_live_linter_reads_the_post_as_shared_ground(client, post, ana, ben):
    client.force_login(ben.user)
    lint = reverse("home:compose_lint", args=[ana.pk])
    message = "Hi Ana, I read your write-up on making Kubernetes upgrades boring. Any tips?"

    with_post = client.post(lint, {"message": message, "post": post.pk}).content.decode()

    assert "no-shared-mention" not in with_post


def test_a_post_by_someone_else_than_the_recipient_is_not_found(client, post, ben, make_member):
    carla = make_member("Carla Mendes", working_on="Kubernetes")
    client.force_login(ben.user)

    assert client.get(compose(carla, post)).status_code == 404
    data = {"message": "Hi", "action": "send", "post": post.pk}
    assert client.post(compose(carla), data).status_code == 404
    assert not Intro.objects.exists()


def test_a_deleted_or_missing_post_is_not_found(client, post, ana, ben):
    community.post_delete(post=post, member=ana)
    client.force_login(ben.user)

    assert client.get(compose(ana, post)).status_code == 404
    assert client.get(f"{compose(ana)}?post=999999").status_code == 404
    assert client.get(f"{compose(ana)}?post=abc").status_code == 404


def test_the_service_refuses_a_post_that_is_not_the_recipients(post, ben, make_member):
    carla = make_member("Carla Mendes")

    with pytest.raises(ValidationError, match="not one of theirs"):
        home.intro_send(sender=ben, recipient=carla, message="Hi Carla", post=post)
    assert not Intro.objects.exists()


def test_deleting_a_post_keeps_the_intro_it_started(post, ana, ben):
    intro = home.intro_send(sender=ben, recipient=ana, message="Hi Ana, about k8s", post=post)

    community.post_delete(post=post, member=ana)

    intro.refresh_from_db()
    assert (intro.state, intro.post_id) == ("sent", post.pk)
