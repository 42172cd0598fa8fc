"""The e-mail telling two members they are connected still leaves when a name was stored
with a line break (before names were checked): its subject is built on one line."""

from __future__ import annotations

from django.core import mail

from trellis.connections import services as connections
from trellis.people.models import Member


def test_the_connected_e_mail_names_a_sender_stored_with_a_line_break_on_one_line(
    ana, ben, django_capture_on_commit_callbacks
):
    intro = connections.intro_send(sender=ana, recipient=ben, message="Hi Ben, about on-call?")
    Member.objects.filter(pk=ana.pk).update(display_name="Ana\nLima")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        connections.intro_accept(intro=intro, member=Member.objects.get(pk=ben.pk))

    subjects = [message.subject for message in mail.outbox]
    assert any("Ana Lima" in subject for subject in subjects), subjects
    assert all("\n" not in subject for subject in subjects)
