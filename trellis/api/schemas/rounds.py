"""Schemas for matching rounds, as their organisers read and start them.

A round's figures and pairs are what its review page shows; a pair's explanation is the
one naming both members, written for organisers (each member reads their own).
"""

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from trellis.matching import selectors
from trellis.matching.models import CohortKind, Round

# Plain enums of values: every area's models call their states `State`, which would clash
# in the schema's components.
RoundState = Literal[tuple(Round.State.values)]
CohortKindName = Literal[tuple(CohortKind.values)]


class CohortOut(Schema):
    kind: CohortKindName
    value: str = Field(description="The team, discipline, topic slug or open-to flag.")
    label: str


class RoundOut(Schema):
    id: int
    state: RoundState = Field(
        description="queued → running → done (ready to review) → published; or failed, "
        "or withdrawn after publishing."
    )
    cohort: CohortOut
    progress_percent: int = Field(description="Whole per cent done; 100 once finished.")
    stage: str = Field(description="What the run is doing now.")
    stale: bool = Field(
        description="Running, but no progress reported for a while: its worker died; it may "
        "be run again."
    )
    failure_reason: str
    pairs_removed_by_hand: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    published_at: datetime | None
    withdrawn_at: datetime | None

    @staticmethod
    def resolve_cohort(obj: Round) -> dict:
        cohort = obj.cohort_value
        return {"kind": cohort.kind, "value": cohort.value, "label": cohort.label}

    @staticmethod
    def resolve_stale(obj: Round) -> bool:
        return selectors.round_is_stale(obj)


class RoundFigure(Schema):
    label: str
    value: str = Field(description="As the review shows it, rounded.")


class UnpairedCount(Schema):
    reason: str
    people: int


class RoundDetailOut(RoundOut):
    config: dict[str, Any] = Field(
        description="The settings it ran with: weights, candidates_per_member, "
        "exclude_siblings, seed."
    )
    summary: list[str] = Field(description="The round in a few sentences (once it has run).")
    headline: list[RoundFigure] = Field(description="The review's headline figures.")
    facts: list[RoundFigure] = Field(description="Facts of the run: cohort size, time taken, …")
    unpaired_counts: list[UnpairedCount] = Field(description="Who is in no pair, by reason.")


class RoundIn(Schema):
    """The start-a-round page's options; anything left out takes the engine's default."""

    cohort_kind: CohortKindName = "all"
    cohort_value: str = Field(
        default="",
        description="The team, discipline or topic (any synonym), or one of peer_learning, "
        "initiatives, helping. Empty for everyone.",
    )
    weight_shared: float | None = Field(default=None, description="Shared interest, 0 to 10.")
    weight_teach: float | None = Field(default=None, description="Teaching, 0 to 10.")
    weight_mutual: float | None = Field(default=None, description="Mutual value, 0 to 10.")
    weight_diversity: float | None = Field(default=None, description="Diversity, 0 to 10.")
    candidates_per_member: int | None = Field(
        default=None, description="Likely partners scored for each person (1 to 200)."
    )
    exclude_siblings: bool = Field(
        default=False, description="Also keep apart people with the same manager."
    )
    seed: int | None = Field(default=None, description="The same seed, the same round.")


class PairMember(Schema):
    id: int
    display_name: str


class PairOut(Schema):
    id: int
    member_a: PairMember
    member_b: PairMember
    score: float
    shared: float = Field(description="What both work on or are curious about.")
    teach_ab: float = Field(description="How much member_a can teach member_b.")
    teach_ba: float = Field(description="How much member_b can teach member_a.")
    diversity: float
    explanation: str = Field(description="Why, naming both members (for organisers).")
    paired_by_hand: bool
