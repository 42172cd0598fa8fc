"""The organiser's chat pages: organisers only, nothing while off, bad input refused with
nothing saved, the secret shown once, deliveries listed newest first, audit entries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.audit.models import AuditEvent
from trellis.integrations.chat.models import Delivery, Webhook
from trellis.integrations.chat.selectors import DELIVERIES_PER_PAGE
from trellis.people.models import Topic

LIST = reverse("chat:webhook_list")
NEW = reverse("chat:webhook_create")
TOPICS = reverse("chat:topic_suggestions")
SLACK_URL = "https://hooks.slack.com/services/T0001/B0002/SECRETTOKENabcd"


def pages(webhook_id: int) -> dict[str, str]:
    """Every chat page, GET and POST addresses alike."""
    return {
        "list": LIST,
        "new": NEW,
        "topics": TOPICS,
        "detail": reverse("chat:webhook_detail", args=[webhook_id]),
        "edit": reverse("chat:webhook_edit", args=[webhook_id]),
        "test": reverse("chat:webhook_test", args=[webhook_id]),
        "delete": reverse("chat:webhook_delete", args=[webhook_id]),
    }


def form(**changes) -> dict:
    data = {
        "name": "#mentoring",
        "url": SLACK_URL,
        "format": "slack",
        "on_round_published": "on",
        "active": "on",
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


@pytest.fixture
def webhook(make_webhook, receiver) -> Webhook:
    return make_webhook(receiver.url)[0]


def test_a_member_gets_404_on_every_chat_page_and_changes_nothing(chat_on, client, ana, webhook):
    client.force_login(ana.user)
    for name, url in pages(webhook.pk).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, form()).status_code == 404, name

    assert Webhook.objects.count() == 1 and not Delivery.objects.exists()


def test_another_organiser_sees_and_runs_the_webhooks_organisers_share(
    chat_on, client, make_member, webhook
):
    second = make_member("Oscar Organiser", is_organiser=True)
    client.force_login(second.user)

    assert client.get(pages(webhook.pk)["detail"]).status_code == 200
    assert client.post(pages(webhook.pk)["test"]).status_code == 302


def test_while_chat_is_off_every_page_is_404_even_to_organisers_and_no_link_shows(
    organiser_client, settings
):
    settings.CHAT_WEBHOOKS_ENABLED = False

    for name, url in pages(1).items():
        assert organiser_client.get(url).status_code == 404, name
    assert LIST not in organiser_client.get(reverse("home:home")).content.decode()


def test_organisers_see_the_chat_link_while_it_is_on(chat_on, organiser_client, client, ana):
    assert LIST in organiser_client.get(reverse("home:home")).content.decode()


def test_an_organiser_adds_a_slack_webhook_and_its_address_is_never_shown_whole(
    chat_on, organiser_client, organiser
):
    response = organiser_client.post(NEW, form())

    webhook = Webhook.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("chat:webhook_detail", args=[webhook.pk])
    assert (webhook.url, webhook.format, webhook.secret) == (SLACK_URL, "slack", "")
    for page in (LIST, response.url, reverse("chat:webhook_edit", args=[webhook.pk])):
        content = organiser_client.get(page).content.decode()
        assert "hooks.slack.com/…abcd" in content and "SECRETTOKEN" not in content
    event = AuditEvent.objects.get(action="webhook.created")
    assert event.actor == organiser.user and event.target == f"webhook {webhook.pk}"
    assert "SECRETTOKEN" not in str(event.details)


def test_a_signed_webhooks_secret_is_shown_once_and_never_again(chat_on, organiser_client):
    response = organiser_client.post(NEW, form(format="signed"))

    webhook = Webhook.objects.get()
    assert response.status_code == 201
    assert len(webhook.secret) >= 40
    assert webhook.secret in response.content.decode()
    for page in (LIST, reverse("chat:webhook_detail", args=[webhook.pk])):
        assert webhook.secret not in organiser_client.get(page).content.decode()
    edit = reverse("chat:webhook_edit", args=[webhook.pk])
    assert webhook.secret not in organiser_client.get(edit).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"url": "http://hooks.slack.com/x"}, "must start with https://"),
        ({"url": "https://me:pw@hooks.slack.com/x"}, "may not contain a user name or password"),
        ({"url": "https://10.0.0.8/hook"}, "10.0.0.8 is a private or reserved address"),
        ({"url": "https://169.254.169.254/x"}, "link-local address"),
        ({"url": "not an address"}, "Enter a valid URL"),
        ({"url": ""}, "This field is required"),
        ({"name": ""}, "This field is required"),
        ({"name": "x" * 81}, "at most 80 characters"),
        ({"name": "Bell\x07"}, "“Name”"),
        ({"format": "irc"}, "Select a valid choice"),
        ({"on_round_published": None}, "Choose at least one thing to send"),
        ({"nudge_topic": "Underwater basket weaving"}, "No topic is called"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(
    chat_on, organiser_client, changes, message
):
    audit_before = AuditEvent.objects.count()

    response = organiser_client.post(NEW, form(**changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Webhook.objects.exists()
    assert AuditEvent.objects.count() == audit_before


def test_a_private_address_is_accepted_only_with_its_setting(chat_on, organiser_client):
    chat_on.CHAT_ALLOW_PRIVATE_ADDRESSES = True

    assert organiser_client.post(NEW, form(url="https://10.0.0.8/hook")).status_code == 302


def test_the_weekly_topic_is_typed_with_suggestions_and_read_by_its_exact_name(
    chat_on, organiser_client, django_assert_num_queries
):
    with django_assert_num_queries(3):  # session, user, the topics
        options = organiser_client.get(TOPICS, {"nudge_topic": "kube"}).content.decode()
    assert '<option value="Kubernetes">' in options
    assert organiser_client.get(TOPICS).content.decode() == ""

    organiser_client.post(NEW, form(nudge_topic="kubernetes", on_round_published=None))

    assert Webhook.objects.get().nudge_topic == Topic.objects.get(name="Kubernetes")


def test_changing_a_webhook_keeps_its_address_when_left_empty_and_audits_it(
    chat_on, organiser_client, webhook
):
    url = webhook.url
    edit = reverse("chat:webhook_edit", args=[webhook.pk])

    response = organiser_client.post(
        edit, form(url="", name="Renamed", format="signed", on_initiative_opened="on")
    )

    webhook.refresh_from_db()
    assert response.status_code == 302
    assert (webhook.name, webhook.url, webhook.on_initiative_opened) == ("Renamed", url, True)
    assert AuditEvent.objects.filter(action="webhook.changed").count() == 1


def test_a_bad_change_is_refused_and_nothing_changes(chat_on, organiser_client, webhook):
    before = Webhook.objects.values().get()
    edit = reverse("chat:webhook_edit", args=[webhook.pk])

    response = organiser_client.post(edit, form(url="https://192.168.0.3/x", name="New name"))

    assert "192.168.0.3 is a private or reserved address" in response.content.decode()
    assert Webhook.objects.values().get() == before
    assert not AuditEvent.objects.filter(action="webhook.changed").exists()


def test_switching_to_the_signed_format_shows_the_new_secret_once(
    chat_on, organiser_client, make_webhook, receiver
):
    webhook, _ = make_webhook(receiver.url, Webhook.Format.SLACK)
    edit = reverse("chat:webhook_edit", args=[webhook.pk])

    response = organiser_client.post(edit, form(url="", format="signed"))

    webhook.refresh_from_db()
    assert webhook.secret and webhook.secret in response.content.decode()


def test_the_test_button_sends_a_message_and_the_page_shows_how_it_went(
    chat_on, organiser_client, webhook, receiver, django_capture_on_commit_callbacks
):
    detail = reverse("chat:webhook_detail", args=[webhook.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(reverse("chat:webhook_test", args=[webhook.pk]))

    assert response.url == detail
    assert len(receiver.received) == 1
    content = organiser_client.get(detail).content.decode()
    assert "Test message" in content and "Sent" in content and "HTTP 200" in content


def test_deliveries_are_listed_newest_first_a_page_at_a_time_at_a_fixed_cost(
    chat_on, organiser_client, webhook, django_assert_num_queries
):
    now = timezone.now()
    for n in range(DELIVERIES_PER_PAGE + 5):
        delivery = Delivery.objects.create(webhook=webhook, event="test", body="{}")
        Delivery.objects.filter(pk=delivery.pk).update(created_at=now - timedelta(minutes=n))
    newest = Delivery.objects.order_by("-created_at").first()
    detail = reverse("chat:webhook_detail", args=[webhook.pk])

    # Session, user, the webhook, the count, the page of deliveries, and the layout's two
    # (the member, unread notifications).
    with django_assert_num_queries(7):
        first = organiser_client.get(detail)
    second = organiser_client.get(detail, {"page": 2})

    assert first.context["page"].object_list[0] == newest
    assert len(first.context["page"].object_list) == DELIVERIES_PER_PAGE
    assert len(second.context["page"].object_list) == 5
    assert "Older →" in first.content.decode()


def test_the_list_costs_the_same_with_more_webhooks(
    chat_on, organiser_client, make_webhook, receiver, django_assert_num_queries
):
    make_webhook(receiver.url)
    # Session, user, the webhooks with their topics and counts, and the layout's two.
    with django_assert_num_queries(5):
        organiser_client.get(LIST)
    for _ in range(5):
        make_webhook(receiver.url, nudge_topic=Topic.objects.get(name="Python"))
    with django_assert_num_queries(5):
        organiser_client.get(LIST)


def test_deleting_a_webhook_drops_its_deliveries_and_is_audited(
    chat_on, organiser_client, webhook, organiser
):
    Delivery.objects.create(webhook=webhook, event="test", body="{}")

    response = organiser_client.post(reverse("chat:webhook_delete", args=[webhook.pk]))

    assert response.url == LIST
    assert not Webhook.objects.exists() and not Delivery.objects.exists()
    assert AuditEvent.objects.get(action="webhook.deleted").actor == organiser.user
