"""The demo's tests run rounds with matching's stand-in engine where the real one is not
the point; people come from the root conftest. Modules that read one demo organisation
seed it once with `demo_for_the_module`."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from trellis.accounts.models import User
from trellis.audit.models import AuditEvent
from trellis.demo.seed import DemoReport, demo_organisation_create
from trellis.matching.models import Round
from trellis.matching.tests.conftest import fake_engine  # noqa: F401

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def demo_for_the_module(django_db_blocker, *, members: int, seed: int) -> Iterator[DemoReport]:
    """A demo organisation committed for a whole module, then every trace of it removed.

    Seeded outside any test's transaction, it commits: the tasks it queues on commit and
    its audit events too. Left behind, they would be seen by whichever test runs next on
    this worker (one that checks nothing was queued, say).
    """
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        report = demo_organisation_create(members=members, seed=seed)
        try:
            yield report
        finally:
            User.objects.all().delete()
            Round.objects.all().delete()  # the past rounds, left with no organiser
            DBTaskResult.objects.all().delete()
            AuditEvent.objects.all().delete()
