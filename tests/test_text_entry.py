"""Every text a person enters is capped and refuses forbidden characters, in every form
and on every model field a service writes (issue 14, items 2 and 5).

The inventory keeps itself: a new form that does not derive from `trellis.web.forms`'s
`Form`/`ModelForm`, or a new text field on a model with neither the characters rule nor
a length cap, fails here until it has them or is listed below with the reason.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

import trellis
from trellis.web.forms import CheckedText
from trellis.web.validators import CleanText

# Forms that hold only an e-mail address and passwords (sign-in, reset, claim): e-mail
# fields refuse control characters themselves, and passwords are never displayed.
ACCOUNT_FORMS = {"SignInForm", "PasswordResetForm", "ClaimAccountForm"}

# Model text fields no person types: written by Trellis itself (derived, engine output,
# system messages, the audit log), or entered but checked by a rule of their own.
SYSTEM_WRITTEN = {
    "audit.AuditEvent.action",
    "audit.AuditEvent.actor_label",  # printable by audit.log (one line per value)
    "audit.AuditEvent.target",
    "audit.AuditEvent.details",
    "accounts.User.password",  # a hash
    "accounts.ThrottledRequest.key",  # an HMAC of an address, in hex
    "accounts.AccessToken.prefix",  # the first characters of a token Trellis made
    "accounts.AccessToken.digest",  # a SHA-256 of a token, in hex
    "scim.ScimToken.prefix",  # the first characters of a provisioning token Trellis made
    "scim.ScimToken.digest",  # a SHA-256 of a provisioning token, in hex
    "calendars.CalendarFeed.digest",  # a SHA-256 of a feed address's secret, in hex
    "trellis_db.WorkerHeartbeat.worker_id",  # the worker's own id
    "trellis_db.WorkerHeartbeat.host",  # the worker's host name
    "people.Topic.name",  # the operator's vocabulary file
    "people.Topic.slug",
    "people.Topic.area",
    "people.TopicAlias.text",
    "people.TopicAlias.key",
    "people.Member.search_name",  # derived from display_name
    "notifications.Notification.text",  # built from checked names and titles
    "notifications.Notification.url",
    "matching.Round.cohort",
    "matching.Round.config",
    "matching.Round.stage",
    "matching.Round.metrics",
    "matching.Round.failure_reason",
    "matching.Round.run_token",
    "matching.Suggestion.explanation",  # the engine's words
    "matching.Suggestion.explanation_for_a",
    "matching.Suggestion.explanation_for_b",
    "matching.UnpairedMember.detail",
    "matching.PossibleHelper.explanation",
    "connections.Intro.shared",
    "connections.Intro.findings",  # the linter's findings
    "community.Post.text",  # the body without markup
    "community.Reply.text",
    "initiatives.Observation.findings",
    "initiatives.InitiativeFit.reason",  # the worker's words, from topic names (fit.py)
    "initiatives.Volunteer.fit_reason",
    "insights.CohortFigures.value",  # a discipline as the roster holds it (already checked)
    "insights.CohortFigures.weeks",  # the worker's counts
    "insights.CohortFigures.periods",
    "digest.DigestRun.week",  # an ISO week Trellis formats ("2026-W50")
    "chat.Webhook.secret",  # made by Trellis (secrets.token_urlsafe)
    "chat.Delivery.body",  # JSON Trellis writes from public names and counts
    "chat.Delivery.last_error",  # the network's error, cut to its column
    "sso.SsoIdentity.issuer",  # the configured issuer (checked at start-up)
    "sso.SsoIdentity.subject",  # `sub` from the provider's signed ID token
}
CHECKED_OTHERWISE = {
    "accounts.User.email": "EmailValidator refuses control characters and spaces",
    "people.Member.timezone": "must be one of the known zone names",
    "people.Member.chat_handle": "chat_handle_problem: one line, no Cc/Cf/Zl/Zp at all",
    "people.Member.booking_link": "an https URL (URLValidator)",
    "connections.MeetingProposal.link": "an https URL (link_problem)",
    "initiatives.Contribution.link": "a URL (URLField)",
}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)

BASES = "trellis.web.forms"  # Form and ModelForm themselves
FORBIDDEN = {"NUL": "\x00", "BEL": "\x07", "ESC": "\x1b", "RLO": "\u202e"}


def _trellis_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(trellis.__path__, "trellis."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found, todo = [], list(forms.BaseForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        module = cls.__module__
        if module.startswith("trellis.") and module.endswith(".forms") and module != BASES:
            found.append(cls)
    return sorted(set(found), key=lambda cls: cls.__qualname__)


FORM_CLASSES = [cls for cls in _trellis_form_classes() if cls.__name__ not in ACCOUNT_FORMS]
# Arguments a form needs besides its data.
FORM_ARGUMENTS = {"PreferencesForm": lambda: {"preferences": {}}}


def _text_fields(form_class) -> list[tuple[str, str, forms.CharField]]:
    """(form, field name, the field as a form instance has it) for each text field."""
    if form_class.__name__ == "PreferencesForm":
        return []  # only check boxes
    form = form_class(**FORM_ARGUMENTS.get(form_class.__name__, dict)())
    return [
        (form_class.__name__, name, field)
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
    ]


def _all_text_fields():
    return [
        pytest.param(*entry, id=f"{entry[0]}.{entry[1]}")
        for cls in FORM_CLASSES
        for entry in _text_fields(cls)
    ]


def test_every_form_checks_its_text_without_its_author_remembering():
    assert len(FORM_CLASSES) >= 15
    unchecked = [cls.__qualname__ for cls in FORM_CLASSES if not issubclass(cls, CheckedText)]

    assert unchecked == []


@pytest.mark.django_db
@pytest.mark.parametrize("char", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_every_form_field_refuses_control_and_direction_characters_naming_itself(char):
    for form_name, name, field in [e for cls in FORM_CLASSES for e in _text_fields(cls)]:
        with pytest.raises(ValidationError) as refused:
            field.clean(f"Kubernetes{char}, upgrades")
        messages = " ".join(refused.value.messages)
        assert f"“{field.label or name.replace('_', ' ').capitalize()}”" in messages, (
            form_name,
            name,
            messages,
        )


@pytest.mark.django_db
def test_every_one_line_form_field_refuses_a_line_break_and_text_areas_keep_theirs_as_lf():
    kept = []
    for form_name, name, field in [e for cls in FORM_CLASSES for e in _text_fields(cls)]:
        if isinstance(field.widget, forms.Textarea):
            assert field.clean("first line\r\nsecond line") == "first line\nsecond line"
            continue
        try:
            cleaned = field.clean("Ana\nBcc: someone@example.org")
        except ValidationError as refused:
            assert any("on one line" in m for m in refused.messages), (form_name, name)
        else:
            kept.append((form_name, name, cleaned))

    # Tags collapse all whitespace: a line break between words is a space there.
    assert {(form, name) for form, name, _ in kept} == {
        ("ProfileForm", "background"),
        ("ProfileForm", "languages"),
    }
    assert all(cleaned == ["Ana Bcc: someone@example.org"] for _, _, cleaned in kept)


def _capped_fields():
    return [
        entry
        for cls in FORM_CLASSES
        for entry in _text_fields(cls)
        if entry[2].max_length is not None
        and not isinstance(entry[2], forms.URLField | forms.EmailField)
        and type(entry[2]).__name__ != "TagsField"
    ]


@pytest.mark.django_db
def test_every_capped_form_field_takes_its_limit_and_refuses_one_more_saying_the_limit():
    fields = _capped_fields()
    assert len(fields) >= 30
    for form_name, name, field in fields:
        limit = field.max_length
        assert len(field.clean("x" * limit)) == limit, (form_name, name)
        with pytest.raises(ValidationError) as refused:
            field.clean("x" * (limit + 1))
        message = " ".join(refused.value.messages)
        assert str(limit) in message or f"{limit:,}" in message, (form_name, name, message)


def _model_text_fields():
    for model in apps.get_models():
        if not model.__module__.startswith("trellis."):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, TEXT_FIELDS) and not field.choices:
                yield f"{model._meta.label}.{field.name}", field


def test_every_model_text_a_person_writes_is_checked_and_capped():
    unchecked, uncapped = [], []
    for label, field in _model_text_fields():
        if label in SYSTEM_WRITTEN or label in CHECKED_OTHERWISE:
            continue
        if not any(isinstance(v, CleanText) for v in field.validators):
            unchecked.append(label)
        capped = isinstance(field, models.CharField) or any(
            isinstance(v, MaxLengthValidator) for v in field.validators
        )
        if not capped and not isinstance(field, models.JSONField):
            uncapped.append(label)

    assert (unchecked, uncapped) == ([], [])


def test_the_lists_of_exceptions_name_only_fields_that_exist():
    labels = {label for label, _field in _model_text_fields()}

    assert (SYSTEM_WRITTEN | set(CHECKED_OTHERWISE)) - labels == set()
