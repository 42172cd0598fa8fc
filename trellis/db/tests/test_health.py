"""`/healthz` and `/readyz` (`trellis.db.health`): what a load balancer asks."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone

from trellis.db import health
from trellis.db.worker import dead_after, heartbeat_beat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_process():
    """Each test is a process that has not checked the migrations yet."""
    health.forget_migrations_seen()
    yield
    health.forget_migrations_seen()


@pytest.fixture
def worker_alive():
    heartbeat_beat(worker_id="worker-1")


def test_healthz_answers_ok_without_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_ok_even_when_the_database_does_not(client, monkeypatch):
    monkeypatch.setattr(health, "latest_heartbeat", broken_database)

    assert client.get(reverse("healthz")).status_code == 200


def test_readyz_is_ready_with_migrations_applied_and_a_worker_alive(client, worker_alive):
    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    assert response.content == b"ready\n"
    assert "no-store" in response["Cache-Control"]


def test_once_ready_readyz_costs_one_query_the_heartbeat(
    client, worker_alive, django_assert_max_num_queries, django_assert_num_queries
):
    with django_assert_max_num_queries(3):  # the migration table, read once per process
        assert client.get("/readyz").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/readyz").status_code == 200


def test_readyz_is_not_ready_without_a_worker_heartbeat(client):
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert "worker: no background worker has written a heartbeat" in response.text


def test_readyz_is_not_ready_when_the_last_heartbeat_is_too_old(client):
    heartbeat_beat(worker_id="worker-1", now=timezone.now() - dead_after() - timedelta(seconds=5))

    response = client.get("/readyz")

    assert response.status_code == 503
    assert "worker: last heartbeat" in response.text


def test_readyz_is_not_ready_while_a_migration_is_missing(client, worker_alive):
    _app, name = forget_a_latest_migration()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert "migrations: 1 not applied;" in response.text
    assert name not in response.text  # the probe is public: no names, no version hint
    assert "trellis migrate" in response.text
    assert "worker:" not in response.text  # only what is not ready is named


def test_readyz_checks_the_migrations_again_until_they_are_applied(client, worker_alive):
    app, name = forget_a_latest_migration()
    assert client.get("/readyz").status_code == 503

    MigrationRecorder(connection).record_applied(app, name)  # `trellis migrate` ran meanwhile

    assert client.get("/readyz").status_code == 200


def forget_a_latest_migration() -> tuple[str, str]:
    """Make the database look as if the newest migration of `trellis.db` were not applied."""
    leaves = MigrationLoader(connection).graph.leaf_nodes()
    app, name = max(node for node in leaves if node[0] == "trellis_db")
    MigrationRecorder(connection).migration_qs.filter(app=app, name=name).delete()
    return app, name


def broken_database():
    raise OperationalError("connection refused")


def test_readyz_is_not_ready_when_the_database_cannot_be_reached(client, monkeypatch):
    monkeypatch.setattr(health, "latest_heartbeat", broken_database)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert "database: not reachable (OperationalError)" in response.text


def test_the_probes_are_open_to_a_signed_in_member_and_write_no_session(client, ana, worker_alive):
    client.force_login(ana.user)
    session_key = client.session.session_key

    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.session.session_key == session_key


@pytest.mark.parametrize("probe", ["/healthz", "/readyz"])
def test_a_probe_by_address_over_http_is_answered_despite_hosts_and_https_redirect(
    client, settings, worker_alive, probe
):
    settings.ALLOWED_HOSTS = ["trellis.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(probe, HTTP_HOST="10.0.3.7:8000")

    assert response.status_code == 200
    # Any other page still refuses the unknown host.
    assert client.get("/accounts/sign-in/", HTTP_HOST="10.0.3.7:8000").status_code == 400


def test_a_post_to_a_probe_is_not_allowed(client):
    assert client.post("/healthz").status_code == 405
