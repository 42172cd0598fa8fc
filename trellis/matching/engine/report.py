"""A round's report, typed: the settings it runs with in, its figures out, to and from JSON.

A round stores both as JSON (`Round.config`, `Round.metrics`); `trellis round run`,
`trellis match` and the review page read them back through this one type (and one
presenter, `trellis.matching.presenters`) instead of re-parsing dictionaries.

- `config_from_json` / `config_to_json`: `RoundConfig`, the engine's defaults with
  an organiser's choices on top, checked (`ConfigError` names each problem).
- `RoundReport`: the assignment's `Figures` (`metrics.assigned_metrics`), the
  `Comparison` with the baselines (`review.compare_with_baselines`) and the
  `RunFacts` of the run, stored in the flat shape rounds have always had. Reading
  is lenient: a figure an older round did not store is None; one this type does
  not know is kept in `Figures.extra`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields

from trellis.matching.engine.pipeline import RoundConfig
from trellis.matching.engine.scores import Weights

# The weights an organiser sets (the engine has a few finer ones too).
WEIGHTS = ("shared", "teach", "mutual", "diversity")
# Without one of these above zero, every pair scores zero.
INTEREST_WEIGHTS = ("shared", "teach", "mutual")
MAX_WEIGHT = 10.0
MAX_CANDIDATES = 200
MAX_SEED = 2**31 - 1

Number = int | float


class ConfigError(ValueError):
    """Settings a round cannot run with: `problems` maps a setting ("weights.shared",
    "seed"; "" for the whole) to what is wrong with it."""

    def __init__(self, problems: dict[str, str]):
        said = "; ".join(f"{key or 'settings'}: {text}" for key, text in problems.items())
        super().__init__(said)
        self.problems = problems


def config_to_json(config: RoundConfig) -> dict:
    """A round's settings as it stores them: `weights` is a mapping of its own."""
    return asdict(config)


def _is_number(value: object) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _weight_problems(weights: dict) -> dict[str, str]:
    """Checks each weight (making it a float); the score needs one interest weight above 0."""
    problems = {}
    for name, weight in weights.items():
        if not _is_number(weight) or not math.isfinite(weight):
            problems[f"weights.{name}"] = "Must be a number."
        elif not 0 <= weight <= MAX_WEIGHT:
            problems[f"weights.{name}"] = f"Must be between 0 and {MAX_WEIGHT:g}."
        else:
            weights[name] = float(weight)
    interest = [name for name in INTEREST_WEIGHTS if name in weights]
    if not problems and interest and not any(weights[name] > 0 for name in interest):
        problems[f"weights.{interest[0]}"] = (
            f"At least one of the {', '.join(interest)} weights must be above zero."
        )
    return problems


def _setting_problems(merged: dict) -> dict[str, str]:
    problems = {}
    candidates = merged["candidates_per_member"]
    if not _whole(candidates):
        problems["candidates_per_member"] = "Must be a whole number."
    elif not 1 <= candidates <= MAX_CANDIDATES:
        problems["candidates_per_member"] = f"Must be between 1 and {MAX_CANDIDATES}."
    if not isinstance(merged["exclude_siblings"], bool):
        problems["exclude_siblings"] = "Must be true or false."
    seed = merged["seed"]
    if not _whole(seed) or not 0 <= seed <= MAX_SEED:
        problems["seed"] = f"Must be a whole number from 0 to {MAX_SEED}."
    return problems


def config_from_json(data: Mapping | None) -> RoundConfig:
    """The engine's defaults with `data` on top (only some settings, only some weights, is
    fine), checked; ConfigError names each problem."""
    data = dict(data or {})
    defaults = config_to_json(RoundConfig())
    unknown = set(data) - set(defaults)
    unknown |= {f"weights.{w}" for w in set(data.get("weights") or {}) - set(defaults["weights"])}
    if unknown:
        raise ConfigError({"": f"Unknown round settings: {', '.join(sorted(unknown))}."})
    merged = defaults | data
    merged["weights"] = defaults["weights"] | dict(data.get("weights") or {})
    problems = _weight_problems(merged["weights"]) | _setting_problems(merged)
    if problems:
        raise ConfigError(problems)
    return RoundConfig(**{**merged, "weights": Weights(**merged["weights"])})


# --------------------------------------------------------------------------------------------
# Figures out
# --------------------------------------------------------------------------------------------


def plain(value):
    """Engine figures as plain JSON: numpy numbers to Python, keys to strings, NaN to None."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return plain(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _numbers(cls, data: Mapping) -> dict:
    """The figures of `cls` (its fields that default to None) that `data` gives as numbers;
    anything else reads as missing."""
    return {
        f.name: data[f.name]
        for f in fields(cls)
        if f.default is None and _is_number(data.get(f.name))
    }


def _without_none(record) -> dict:
    return {key: value for key, value in asdict(record).items() if value is not None}


@dataclass(frozen=True)
class Figures:
    """What the assignment achieved (`metrics.assigned_metrics`), in the order it stores them."""

    members: int | None = None
    eligible: int | None = None
    candidates: int | None = None
    pairs: int | None = None
    covered: int | None = None
    coverage: float | None = None
    coverage_bound: int | None = None
    mean_score: float | None = None
    mean_shared: float | None = None
    mean_mutual: float | None = None
    cross_discipline: float | None = None
    cross_team: float | None = None
    load: dict[int, int] = field(default_factory=dict)  # members with k pairs
    total: float | None = None
    upper_bound: float | None = None
    objective: float | None = None
    objective_bound: float | None = None
    gap: float | None = None
    weight_gap: float | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # the engine's time per stage
    candidates_per_member: int | None = None  # partners searched per member and role
    # What an engine reported that this type does not name, kept as it is.
    extra: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping) -> Figures:
        named = {f.name for f in fields(cls)}
        extra = {k: v for k, v in data.items() if k not in named and k not in RoundReport.PARTS}
        seconds = data.get("seconds")
        if isinstance(seconds, Mapping):
            seconds = {str(k): float(v) for k, v in seconds.items() if _is_number(v)}
        return cls(
            **_numbers(cls, data),
            load=_load(data.get("load")),
            seconds=seconds if isinstance(seconds, dict) else {},
            extra=extra,
        )

    def to_json(self) -> dict:
        stored = _without_none(self)
        stored["load"] = {str(k): v for k, v in self.load.items()}
        if not self.seconds:
            del stored["seconds"]
        extra = stored.pop("extra")
        return {**stored, **extra}


def _load(value: object) -> dict[int, int]:
    """Members by number of pairs, stored as {"0": n, "1": n, …} (older rounds: a list)."""
    if isinstance(value, list):
        value = dict(enumerate(value))
    if not isinstance(value, Mapping):
        return {}
    load = {}
    for key, count in value.items():
        try:
            load[int(key)] = int(count)
        except (TypeError, ValueError):
            continue
    return dict(sorted(load.items()))


@dataclass(frozen=True)
class MethodFigures:
    """One method's pairs by the review's yardstick (`review.measure`)."""

    pairs: int | None = None
    coverage: float | None = None
    useful_coverage: float | None = None
    mean_shared: float | None = None
    mean_mutual: float | None = None
    mean_teach: float | None = None
    mean_score: float | None = None
    cross_discipline: float | None = None
    cross_team: float | None = None
    violations: int | None = None

    @classmethod
    def from_json(cls, data: object) -> MethodFigures:
        return cls(**_numbers(cls, data)) if isinstance(data, Mapping) else cls()


@dataclass(frozen=True)
class Skipped:
    """A baseline not run on this round, and why."""

    reason: str


@dataclass(frozen=True)
class Comparison:
    """The round beside each baseline, measured alike; or why there is no comparison."""

    trellis: MethodFigures | None = None
    baselines: dict[str, MethodFigures | Skipped] = field(default_factory=dict)
    error: str = ""

    @classmethod
    def from_json(cls, data: Mapping) -> Comparison | None:
        baselines = data.get("baselines")
        if isinstance(baselines, Mapping) and baselines:
            trellis = data.get("trellis")
            return cls(
                trellis=MethodFigures.from_json(trellis) if isinstance(trellis, Mapping) else None,
                baselines={str(name): _baseline(figures) for name, figures in baselines.items()},
            )
        error = data.get("baselines_error")
        return cls(error=error) if isinstance(error, str) and error else None

    def to_json(self) -> dict:
        if self.error:
            return {"baselines_error": self.error}
        stored: dict = {"trellis": _without_none(self.trellis)} if self.trellis else {}
        stored["baselines"] = {
            name: {"skipped": figures.reason}
            if isinstance(figures, Skipped)
            else _without_none(figures)
            for name, figures in self.baselines.items()
        }
        return stored


def _baseline(figures: object) -> MethodFigures | Skipped:
    if isinstance(figures, Mapping) and isinstance(figures.get("skipped"), str):
        return Skipped(figures["skipped"])
    return MethodFigures.from_json(figures)


@dataclass(frozen=True)
class RunFacts:
    """How the run went: who was in it, what it scored, how long it took."""

    members: int | None = None
    opted_in: int | None = None
    blocked_pairs: int | None = None
    candidates: int | None = None
    pairs: int | None = None
    seconds: float | None = None
    baselines_seconds: float | None = None

    @classmethod
    def from_json(cls, data: object) -> RunFacts | None:
        return cls(**_numbers(cls, data)) if isinstance(data, Mapping) else None


@dataclass(frozen=True)
class RoundReport:
    """What a round achieved: its figures, the comparison with the baselines, the run."""

    PARTS = frozenset({"trellis", "baselines", "baselines_error", "run"})

    figures: Figures = field(default_factory=Figures)
    comparison: Comparison | None = None
    run: RunFacts | None = None

    @classmethod
    def from_json(cls, data: Mapping | None) -> RoundReport:
        """A stored report (`Round.metrics`); anything missing or malformed reads as absent."""
        data = data if isinstance(data, Mapping) else {}
        return cls(
            figures=Figures.from_json(data),
            comparison=Comparison.from_json(data),
            run=RunFacts.from_json(data.get("run")),
        )

    def to_json(self) -> dict:
        """The flat shape a round stores: the figures, then the comparison, then the run."""
        stored = self.figures.to_json()
        if self.comparison is not None:
            stored |= self.comparison.to_json()
        if self.run is not None:
            stored["run"] = _without_none(self.run)
        return stored
