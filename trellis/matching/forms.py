from __future__ import annotations

from django import forms

from trellis.matching.config import default_config, weight_field
from trellis.matching.engine.report import MAX_CANDIDATES, MAX_WEIGHT, WEIGHTS
from trellis.matching.models import OPEN_TO_FLAGS, CohortKind
from trellis.people.selectors import topic_for_query
from trellis.text import limits
from trellis.web.forms import Form

WEIGHT_HELP = {
    "weight_shared": "What both work on or are curious about.",
    "weight_teach": "How well what one can help with covers what the other is learning.",
    "weight_mutual": "Value in both directions: high only when each can give the other.",
    "weight_diversity": "A different discipline, background or team.",
}


def _number(step: str, minimum: float, maximum: float) -> forms.NumberInput:
    return forms.NumberInput(attrs={"step": step, "min": minimum, "max": maximum})


class RoundForm(Form):
    """A new round: who it is over and how pairs are scored.

    The ranges are checked by `round_create`, which the command line shares;
    the widgets only tell browsers about them.
    """

    cohort_kind = forms.ChoiceField(label="Who", choices=CohortKind.choices, initial="all")
    cohort_value = forms.CharField(
        label="Which",
        required=False,
        max_length=limits.COHORT_VALUE,
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "cohort-values"}),
        help_text="The team, discipline or topic (any synonym), or one of: "
        + ", ".join(OPEN_TO_FLAGS)
        + ". Leave empty for everyone.",
    )
    weight_shared = forms.FloatField(label="Shared interest", widget=_number("0.1", 0, MAX_WEIGHT))
    weight_teach = forms.FloatField(label="Teaching", widget=_number("0.1", 0, MAX_WEIGHT))
    weight_mutual = forms.FloatField(label="Mutual value", widget=_number("0.1", 0, MAX_WEIGHT))
    weight_diversity = forms.FloatField(label="Diversity", widget=_number("0.1", 0, MAX_WEIGHT))
    candidates_per_member = forms.IntegerField(
        label="Candidates per member",
        widget=_number("1", 1, MAX_CANDIDATES),
        help_text="How many likely partners are scored for each person. More is slower, "
        "rarely better.",
    )
    exclude_siblings = forms.BooleanField(
        label="Also keep apart people with the same manager", required=False
    )
    seed = forms.IntegerField(
        label="Seed", widget=_number("1", 0, 2**31 - 1), help_text="The same seed, the same round."
    )

    def __init__(self, *args, **kwargs):
        defaults = default_config()
        initial = {name: value for name, value in defaults.items() if name != "weights"}
        initial |= {weight_field(name): defaults["weights"][name] for name in WEIGHTS}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for name, text in WEIGHT_HELP.items():
            self.fields[name].help_text = text

    def clean(self):
        data = super().clean()
        kind, value = data.get("cohort_kind"), (data.get("cohort_value") or "").strip()
        if kind == CohortKind.TOPIC and value:
            topic = topic_for_query(value)
            if topic is None:
                self.add_error("cohort_value", f"No topic in the vocabulary matches {value!r}.")
            else:
                value = topic.slug
        elif kind == CohortKind.OPEN_TO:
            value = value.lower().replace(" ", "_").replace("-", "_")
        data["cohort_value"] = value
        return data

    def cohort(self) -> str:
        """The cohort in the command line's words: `all`, `team:NAME`, …"""
        kind, value = self.cleaned_data["cohort_kind"], self.cleaned_data["cohort_value"]
        return kind if kind == CohortKind.ALL else f"{kind}:{value}"

    def config(self) -> dict:
        """The settings as `round_create` takes them."""
        data = self.cleaned_data
        return {
            "weights": {name: data[weight_field(name)] for name in WEIGHTS},
            **{name: data[name] for name in ("candidates_per_member", "exclude_siblings", "seed")},
        }
