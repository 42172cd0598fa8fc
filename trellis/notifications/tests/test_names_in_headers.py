"""A name stored with a line break (before names were checked) no longer stops the
e-mails about that person: headers are built on one line (issue 14, item 5)."""

from __future__ import annotations

from django.core import mail

from trellis.notifications import services
from trellis.notifications.models import Notification

BROKEN_NAME = "Ben\r\nBcc: everyone@example.org\x07"


def test_a_notification_about_a_name_with_a_line_break_is_still_e_mailed_on_one_line(
    ana, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            member=ana,
            kind=Notification.Kind.FOLLOW_UP,
            text=f"Time to follow up with {BROKEN_NAME}.",
            url="/relationships/1/",
        )

    [message] = mail.outbox
    assert message.subject == "Time to follow up with Ben Bcc: everyone@example.org ."
    assert message.to == ["ana@example.org"]
    assert message.bcc == []
