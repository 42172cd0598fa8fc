"""A round's settings: the engine's defaults with an organiser's choices on top, checked."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from trellis.matching.engine import pipeline

# The weights an organiser sets on the form (the engine has a few finer ones too).
WEIGHTS = ("shared", "teach", "mutual", "diversity")
# Without any of these above zero, every pair scores zero.
INTEREST_WEIGHTS = ("shared", "teach", "mutual")
MAX_WEIGHT = 10.0
MAX_CANDIDATES = 200
MAX_SEED = 2**31 - 1


def default_config() -> dict:
    """The engine's defaults, as a round stores them: `weights` is a mapping of its own."""
    return asdict(pipeline.RoundConfig())


def engine_config(config: Mapping) -> pipeline.RoundConfig:
    """A stored round config as the engine takes it."""
    weights_type = type(pipeline.RoundConfig().weights)
    return pipeline.RoundConfig(**{**config, "weights": weights_type(**config["weights"])})


def weight_field(name: str) -> str:
    """The name a weight's problems are reported under (the form field's name)."""
    return f"weight_{name}"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def round_config_clean(config: Mapping | None) -> dict:
    """The engine defaults with `config` on top, checked; ValidationError names each problem.

    `config` may give only some settings, and only some weights.
    """
    config = dict(config or {})
    defaults = default_config()
    unknown = set(config) - set(defaults)
    unknown |= {f"weights.{w}" for w in set(config.get("weights") or {}) - set(defaults["weights"])}
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ValidationError({NON_FIELD_ERRORS: f"Unknown round settings: {names}."})
    merged = defaults | config
    merged["weights"] = defaults["weights"] | dict(config.get("weights") or {})
    problems = _weight_problems(merged["weights"])
    candidates = merged["candidates_per_member"]
    if not isinstance(candidates, int) or isinstance(candidates, bool):
        problems["candidates_per_member"] = "Must be a whole number."
    elif not 1 <= candidates <= MAX_CANDIDATES:
        problems["candidates_per_member"] = f"Must be between 1 and {MAX_CANDIDATES}."
    if not isinstance(merged["exclude_siblings"], bool):
        problems["exclude_siblings"] = "Must be true or false."
    seed = merged["seed"]
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
        problems["seed"] = f"Must be a whole number from 0 to {MAX_SEED}."
    if problems:
        raise ValidationError(problems)
    return merged


def _weight_problems(weights: dict) -> dict[str, str]:
    """Checks each weight (and makes it a float); the score needs one interest weight above 0."""
    problems = {}
    for name, weight in weights.items():
        if not _is_number(weight) or not math.isfinite(weight):
            problems[weight_field(name)] = "Must be a number."
        elif not 0 <= weight <= MAX_WEIGHT:
            problems[weight_field(name)] = f"Must be between 0 and {MAX_WEIGHT:g}."
        else:
            weights[name] = float(weight)
    interest = [name for name in INTEREST_WEIGHTS if name in weights]
    if not problems and interest and not any(weights[name] > 0 for name in interest):
        problems[weight_field(interest[0])] = (
            f"At least one of the {', '.join(interest)} weights must be above zero."
        )
    return problems
