"""A round's settings as organisers give them: the engine's `config_from_json`, with its
problems named the way the round form names its fields."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from trellis.matching.engine.pipeline import RoundConfig
from trellis.matching.engine.report import ConfigError, config_from_json, config_to_json


def default_config() -> dict:
    """The engine's defaults, as a round stores them: `weights` is a mapping of its own."""
    return config_to_json(RoundConfig())


def weight_field(name: str) -> str:
    """The name a weight's problems are reported under (the form field's name)."""
    return f"weight_{name}"


def _field(setting: str) -> str:
    if not setting:
        return NON_FIELD_ERRORS
    if setting.startswith("weights."):
        return weight_field(setting.removeprefix("weights."))
    return setting


def round_config_clean(config: Mapping | None) -> dict:
    """The engine defaults with `config` on top, checked, as a round stores them;
    ValidationError names each problem. `config` may give only some settings, and
    only some weights."""
    try:
        return config_to_json(config_from_json(config))
    except ConfigError as error:
        raise ValidationError(
            {_field(setting): problem for setting, problem in error.problems.items()}
        ) from None
