"""reflection_write, reflection_update, reflection_delete: the author's alone."""

import pytest
from django.core.exceptions import ValidationError

from trellis.connections import services
from trellis.connections.models import Exchange, Reflection
from trellis.connections.prompts import PROMPTS, prompt_for
from trellis.connections.tests.conftest import record


@pytest.fixture
def exchange(relationship, ana):
    return record(relationship, ana, shared="How we drain nodes before an upgrade")


def test_a_member_writes_a_reflection_on_their_exchange(exchange, ana):
    reflection = services.reflection_write(
        author=ana, body="I skip the cordon step.", prompt=PROMPTS[0], exchange=exchange
    )

    assert (reflection.author, reflection.exchange, reflection.prompt) == (
        ana,
        exchange,
        PROMPTS[0],
    )


def test_a_reflection_needs_no_exchange_or_prompt(ana):
    assert services.reflection_write(author=ana, body="A thought.").exchange is None


def test_nobody_reflects_on_someone_elses_exchange(exchange, ben):
    with pytest.raises(Exchange.DoesNotExist):
        services.reflection_write(author=ben, body="Hmm", exchange=exchange)
    assert not Reflection.objects.exists()


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"body": "  "}, {"body": ["Write something before saving."]}),
        (
            {"body": "x", "prompt": "Made up?"},
            {"prompt": ["Pick one of the journal's prompts, or none."]},
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(ana, fields, problem):
    with pytest.raises(ValidationError) as caught:
        services.reflection_write(author=ana, **fields)

    assert caught.value.message_dict == problem
    assert not Reflection.objects.exists()


def test_a_reflection_that_is_too_long_is_refused(ana):
    with pytest.raises(ValidationError, match="at most 20000 characters"):
        services.reflection_write(author=ana, body="x" * 20001)
    assert not Reflection.objects.exists()


def test_the_author_rewrites_and_deletes_it(ana):
    reflection = services.reflection_write(author=ana, body="First thought.")

    services.reflection_update(reflection=reflection, author=ana, body="Second thought.")
    assert Reflection.objects.get().body == "Second thought."

    services.reflection_delete(reflection=reflection, author=ana)
    assert not Reflection.objects.exists()


def test_an_update_to_nothing_is_refused(ana):
    reflection = services.reflection_write(author=ana, body="First thought.")

    with pytest.raises(ValidationError):
        services.reflection_update(reflection=reflection, author=ana, body=" ")
    assert Reflection.objects.get().body == "First thought."


@pytest.mark.parametrize("who", ["ben", "organiser"])
def test_nobody_else_may_change_or_delete_it(request, ana, who):
    reflection = services.reflection_write(author=ana, body="Mine.")
    other = request.getfixturevalue(who)

    with pytest.raises(Reflection.DoesNotExist):
        services.reflection_update(reflection=reflection, author=other, body="Theirs.")
    with pytest.raises(Reflection.DoesNotExist):
        services.reflection_delete(reflection=reflection, author=other)
    assert Reflection.objects.get().body == "Mine."


def test_prompts_rotate_through_the_whole_set():
    offered = [prompt_for(n) for n in range(len(PROMPTS) + 1)]

    assert offered[: len(PROMPTS)] == list(PROMPTS)
    assert offered[-1] == PROMPTS[0]
    assert "What did explaining this reveal about how you work?" in PROMPTS
    assert "Which of your assumptions did their question test?" in PROMPTS
