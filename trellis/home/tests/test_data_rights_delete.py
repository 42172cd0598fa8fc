"""Deleting an account: the person's private content goes, the other side keeps theirs,
and what remains shows "a former member"."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from trellis.audit.models import AuditEvent
from trellis.community.models import Post, Reply
from trellis.connections.models import Exchange, Intro, MeetingProposal, Reflection, Relationship
from trellis.home.data_rights.forget import account_delete, is_forgotten
from trellis.initiatives.models import Contribution, Initiative, Observation
from trellis.matching.models import HelperList, PossibleHelper, Suggestion
from trellis.notifications.models import Notification
from trellis.people.models import Member

FORMER = "a former member"


@pytest.fixture
def forgotten(ana_with_data):
    account_delete(member=ana_with_data.ana, by=ana_with_data.ana.user)
    ana_with_data.ana.refresh_from_db()
    ana_with_data.ana.user.refresh_from_db()
    return ana_with_data


def test_the_member_becomes_a_former_member_with_nothing_of_theirs_left(forgotten):
    ana = forgotten.ana

    assert ana.display_name == FORMER
    assert ana.status == Member.Status.LEFT
    assert (ana.working_on, ana.can_help_with, ana.learning, ana.team) == ("", "", "", "")
    assert ana.background == [] and ana.languages == [] and ana.chat_handle == ""
    assert not ana.profile_topics.exists()
    assert is_forgotten(ana)


def test_the_address_is_freed_and_the_login_can_never_sign_in(forgotten, client):
    user = forgotten.ana.user

    assert user.email != "ana@example.org"
    assert not user.is_active and not user.has_usable_password()
    response = client.post(
        reverse("accounts:login"),
        {"username": "ana@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    get_user_model().objects.create_user("ana@example.org")  # the address may be used again


def test_her_private_content_is_deleted(forgotten):
    ana = forgotten.ana

    assert not Reflection.objects.filter(author=ana).exists()
    assert not Exchange.objects.filter(author=ana).exists()
    assert not MeetingProposal.objects.filter(proposer=ana).exists()
    assert not Post.objects.filter(author=ana).exists()
    assert not Reply.objects.filter(author=ana).exists()
    assert not Observation.objects.filter(observer=ana).exists()
    assert not Intro.objects.filter(sender=ana).exists()
    assert not Notification.objects.filter(recipient=ana).exists()


def test_the_other_side_keeps_their_own_notes(forgotten):
    ben = forgotten.ben
    relationship = Relationship.objects.get(pk=forgotten.relationship.pk)

    assert relationship.is_closed
    assert relationship.other(ben.pk).display_name == FORMER
    assert Exchange.objects.filter(author=ben, relationship=relationship).exists()
    assert Reflection.objects.filter(author=ben, body__startswith="BEN-JOURNAL").exists()
    assert Observation.objects.filter(observer=ben, subject=forgotten.ana).exists()
    assert Contribution.objects.filter(member=ben).exists()
    assert Initiative.objects.get(pk=forgotten.initiative.pk).lead.display_name == FORMER
    assert Post.objects.filter(pk=forgotten.bens_post.pk).exists()


def test_replies_under_her_posts_go_with_them(forgotten):
    assert not Reply.objects.filter(pk=forgotten.bens_reply.pk).exists()


def test_an_open_intro_to_her_closes_as_an_expiry_reads_to_its_sender(forgotten):
    intro = Intro.objects.get(pk=forgotten.from_carla.pk)

    assert intro.state == Intro.State.EXPIRED
    assert intro.state_for(forgotten.carla.pk) == "No longer open"
    assert intro.recipient.display_name == FORMER


def test_nobody_elses_notifications_still_name_her(forgotten):
    texts = list(Notification.objects.values_list("text", flat=True))

    assert texts
    assert not [text for text in texts if "Ana Lima" in text]
    assert not Notification.objects.filter(url=f"/intros/{forgotten.to_carla.pk}/").exists()


def test_suggestions_with_her_are_gone(published_round, ana):
    assert (
        Suggestion.objects.filter(member_a=ana).exists()
        or Suggestion.objects.filter(member_b=ana).exists()
    )

    account_delete(member=ana, by=ana.user)

    assert not Suggestion.objects.filter(member_a=ana).exists()
    assert not Suggestion.objects.filter(member_b=ana).exists()


def test_who_could_help_no_longer_names_her(ana, ben):
    bens_list = HelperList.objects.create(about=HelperList.About.MEMBER, member=ben)
    PossibleHelper.objects.create(
        helper_list=bens_list, helper=ana, position=1, score=0.9, explanation="Ana knows Go."
    )

    account_delete(member=ana, by=ana.user)

    assert not PossibleHelper.objects.filter(helper=ana).exists()
    assert HelperList.objects.filter(member=ben).exists()  # Ben's own list stays


def test_the_audit_log_records_it_without_her_name_or_address(forgotten):
    (event,) = AuditEvent.objects.filter(action="account.deleted")

    assert event.actor is None and event.actor_label == ""
    assert event.target == f"member {forgotten.ana.pk}"
    assert event.details == {"deleted_by": "self"}
    assert "Ana" not in str(event.details) + event.target


def test_her_earlier_events_keep_what_was_done_but_no_longer_her_address(ana, client):
    from trellis.audit.log import record

    address = ana.user.email
    record("sign_in.succeeded", actor=ana.user)
    account_delete(member=ana, by=ana.user)

    (earlier,) = AuditEvent.objects.filter(action="sign_in.succeeded", actor_id=ana.user_id)
    assert earlier.actor_label == f"member-{ana.pk}@former-member.invalid"
    assert not AuditEvent.objects.filter(actor_label=address).exists()


def test_an_organiser_may_delete_someone_who_left_and_is_named_as_the_actor(ana, organiser):
    Member.objects.filter(pk=ana.pk).update(status=Member.Status.LEFT)

    account_delete(member=ana, by=organiser.user)

    (event,) = AuditEvent.objects.filter(action="account.deleted")
    assert event.actor == organiser.user
    assert event.details == {"deleted_by": "organiser"}
    assert Member.objects.get(pk=ana.pk).display_name == FORMER


def test_an_organiser_cannot_delete_an_active_member_and_nothing_is_written(
    ana_with_data, organiser
):
    with pytest.raises(ValidationError, match="still a member"):
        account_delete(member=ana_with_data.ana, by=organiser.user)

    assert Member.objects.get(pk=ana_with_data.ana.pk).display_name == "Ana Lima"
    assert Reflection.objects.filter(author=ana_with_data.ana).count() == 2
    assert not AuditEvent.objects.filter(action="account.deleted").exists()


def test_another_member_cannot_delete_her_even_after_she_left(ana, ben):
    Member.objects.filter(pk=ana.pk).update(status=Member.Status.LEFT)

    with pytest.raises(PermissionError):
        account_delete(member=ana, by=ben.user)

    assert Member.objects.get(pk=ana.pk).display_name == "Ana Lima"


def test_an_account_is_deleted_once(forgotten, organiser):
    with pytest.raises(ValidationError, match="deleted already"):
        account_delete(member=forgotten.ana, by=organiser.user)


def test_her_api_tokens_go_with_her_login(ana, ben):
    from trellis.accounts.access_tokens import token_create
    from trellis.accounts.models import AccessToken

    token_create(user=ana.user, name="HR sync", scope="write")
    bens = token_create(user=ben.user, name="Ben's", scope="read")
    account_delete(member=ana, by=ana.user)
    assert list(AccessToken.objects.all()) == [bens.token]
