"""`trellis demo`: a published round at creation, and a worker beside the server."""

from io import StringIO

import pytest
from django.core.management import call_command

from trellis.demo.accounts import MEMBER_EMAIL
from trellis.demo.management.commands import demo as command
from trellis.matching.models import Round, Suggestion
from trellis.people.models import Member


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_demo_publishes_a_round_with_suggestions_for_the_demo_member(fake_engine, db):
    out = run_demo("--no-serve", "--members", "40")

    round_obj = Round.objects.get()
    assert round_obj.state == Round.State.PUBLISHED
    assert round_obj.cohort == {"kind": "all", "value": ""}
    assert "Published a demo matching round over everyone" in out
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    mine = Suggestion.objects.filter(recommended_to=member)
    assert mine.exists()  # recommendations too, so the home page is not empty


def test_a_large_demo_runs_its_round_over_the_demo_members_first_problem(
    fake_engine, db, monkeypatch
):
    monkeypatch.setattr(command, "ROUND_EVERYONE_UP_TO", 100)

    out = run_demo("--no-serve", "--members", "150")

    round_obj = Round.objects.get()
    assert round_obj.cohort["kind"] == "topic"
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    assert member.profile_topics.filter(topic__slug=round_obj.cohort["value"]).exists()
    assert "over the people who mention" in out
    assert "covers one topic" in out


def test_the_demo_says_when_no_round_could_be_published(fake_engine, db):
    fake_engine.fail_with = NotImplementedError("being integrated")

    out = run_demo("--no-serve", "--members", "40")

    assert "No demo round was published" in out
    assert "matching engine is not available" in out


def test_the_demo_runs_a_worker_while_it_serves_and_stops_it_after(fake_engine, db, monkeypatch):
    events = []
    monkeypatch.setattr(command, "start_worker", lambda: events.append("worker started") or "w")
    monkeypatch.setattr(command, "stop_worker", lambda worker: events.append(f"{worker} stopped"))
    real_call_command = command.call_command

    def fake_call_command(name, *args, **options):
        if name == "runserver":
            events.append("serving")
            raise KeyboardInterrupt  # Ctrl-C
        return real_call_command(name, *args, **options)

    monkeypatch.setattr(command, "call_command", fake_call_command)

    with pytest.raises(KeyboardInterrupt):
        run_demo("--members", "40")

    assert events == ["worker started", "serving", "w stopped"]


def test_the_worker_is_the_trellis_db_worker_command(monkeypatch):
    started = []

    class FakePopen:
        def __init__(self, args, **kwargs):
            started.append(args)

    monkeypatch.setattr(command.subprocess, "Popen", FakePopen)

    command.start_worker()

    assert started[0][1:] == ["-m", "trellis.cli", "db_worker", "--no-reload", "--interval", "1"]
