"""An intro from a suggestion: kept with the intro, and the suggestion marked acted on."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.connections.models import Intro, Origin
from trellis.connections.tests.conftest import GROUNDED
from trellis.home import services as home
from trellis.matching.models import Round, Suggestion
from trellis.notifications.models import Notification


def refused(**kwargs) -> str:
    """The reason intro_send gives, checking that it wrote nothing."""
    intros, notes = Intro.objects.count(), Notification.objects.count()
    with pytest.raises(ValidationError) as caught:
        home.intro_send(**kwargs)
    assert (Intro.objects.count(), Notification.objects.count()) == (intros, notes)
    return " ".join(caught.value.messages)


def test_an_intro_from_a_suggestion_marks_the_suggestion_acted_on(ana, ben):
    a, b = sorted((ana, ben), key=lambda m: m.pk)
    round_obj = Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())
    suggestion = Suggestion.objects.create(round=round_obj, member_a=a, member_b=b, score=0.5)

    intro = home.intro_send(sender=ana, recipient=ben, message=GROUNDED, suggestion=suggestion)

    suggestion.refresh_from_db()
    assert (intro.suggestion, intro.origin) == (suggestion, Origin.SUGGESTION)
    assert suggestion.acted_on_at == intro.sent_at


def test_it_rejects_a_suggestion_about_other_people(ana, ben, carla, dev):
    a, b = sorted((carla, dev), key=lambda m: m.pk)
    suggestion = Suggestion.objects.create(
        kind=Suggestion.Kind.RECOMMENDATION, recommended_to=carla, member_a=a, member_b=b, score=1
    )

    reason = refused(sender=ana, recipient=ben, message=GROUNDED, suggestion=suggestion)

    assert reason == "This suggestion is not about the two of you."
