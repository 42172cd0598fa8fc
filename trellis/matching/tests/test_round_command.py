"""`trellis round run`: the same round, from the command line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from trellis.matching.models import Round, Suggestion


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("round", "run", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_runs_a_round_and_prints_its_figures(fake_engine, cohort):
    out, err = run("--cohort", "all", "--seed", "4")

    round_obj = Round.objects.get()
    assert round_obj.state == Round.State.DONE
    assert round_obj.organiser is None
    assert round_obj.config["seed"] == 4
    assert "3 pairs among 4 members" in out
    assert "coverage: 1.0000" in out
    assert "ready to review" in out
    assert "Scoring:  50%" in err  # progress, on stderr


def test_it_publishes_with_publish(fake_engine, cohort):
    out, _ = run("--cohort", "discipline:Engineering", "--publish")

    round_obj = Round.objects.get()
    assert round_obj.state == Round.State.PUBLISHED
    assert f"Round {round_obj.pk} is published." in out


def test_quiet_prints_no_progress(fake_engine, cohort):
    _, err = run("--quiet")

    assert err == ""


def test_it_passes_weights_and_options_to_the_engine(fake_engine, cohort):
    run("--weight", "diversity=2", "--candidates", "5", "--exclude-siblings", "--quiet")

    config = fake_engine.calls[-1]["config"]
    assert (config.weights.diversity, config.candidates_per_member) == (2.0, 5)
    assert config.exclude_siblings is True


def test_a_failing_round_exits_non_zero_with_the_reason(fake_engine, cohort):
    fake_engine.fail_with = MemoryError()

    with pytest.raises(CommandError, match=r"Round \d+ failed: MemoryError"):
        run("--quiet")
    assert Round.objects.get().state == Round.State.FAILED
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--cohort", "team:Nowhere"), "--cohort No member is in a team called 'Nowhere'."),
        (("--cohort", "planet:Mars"), "--cohort Unknown cohort 'planet:Mars'"),
        (("--weight", "shared=-2"), "--weight shared: Must be between 0 and 10."),
        (("--weight", "seniority=1"), "Unknown round settings: weights.seniority."),
        (("--candidates", "0"), "--candidates Must be between 1 and 200."),
        (("--seed", "-1"), "--seed Must be a whole number"),
    ],
)
def test_it_refuses_bad_options_and_writes_nothing(fake_engine, cohort, args, message):
    with pytest.raises(CommandError, match="The round was refused") as error:
        run(*args)

    assert message in str(error.value)
    assert not Round.objects.exists()


def test_it_runs_an_unfinished_round_again(fake_engine, cohort, organiser):
    fake_engine.fail_with = RuntimeError("killed")
    with pytest.raises(CommandError):
        run("--quiet")
    fake_engine.fail_with = None
    round_obj = Round.objects.get()

    out, _ = run("--round", str(round_obj.pk), "--quiet")

    round_obj.refresh_from_db()
    assert round_obj.state == Round.State.DONE
    assert Round.objects.count() == 1
    assert "4 pairs" in out


def test_it_names_a_round_that_does_not_exist(db):
    with pytest.raises(CommandError, match=r"There is no round 42\."):
        run("--round", "42")


def test_it_prints_the_round_beside_each_baseline(fake_engine, cohort):
    out, _ = run("--quiet")

    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if "compared with" in line)
    names = [line.split()[0] for line in lines[header + 1 : header + 5]]
    assert names == ["trellis", "random", "hierarchy", "tfidf_greedy"]
    assert "baselines:" not in out  # not the nested dict on one line
