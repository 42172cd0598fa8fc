"""Schemas for the organisers' insights: figures only, never anyone's words.

What each page of /organise/insights/ shows, as `trellis.insights.selectors` returns it:
headline figures with their definitions, the weekly table behind each chart, and the
network of teams or disciplines.
"""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Query, Schema
from pydantic import Field

from trellis.insights import selectors

Weeks = Annotated[
    int | None, Query(description="The period ending this week: 4, 12 (the default), 26 or 52.")
]
NetworkBy = Literal[tuple(selectors.NETWORK_BY)]


class InsightsCohort(Schema):
    kind: str = Field(description="all, team or discipline.")
    value: str
    label: str


class InsightsStatus(Schema):
    ready: bool = Field(description="False until the worker first works the figures out.")
    pending: bool = Field(description="The worker is asked to work them out again.")
    computed_at: datetime | None


class InsightsHeadline(Schema):
    label: str
    value: str = Field(description="As the page shows it, rounded.")
    definition: str = Field(description="What is counted, over which period, for whom.")


class InsightsMeasure(Schema):
    key: str
    label: str
    definition: str


class InsightsWeek(Schema):
    start: date = Field(description="The Monday the week starts.")
    values: list[int | float | None] = Field(description="One value per measure, in order.")


class InsightsTable(Schema):
    caption: str
    definition: str
    columns: list[str]
    rows: list[list[Any]]


class FiguresOut(Schema):
    question: str
    cohort: InsightsCohort
    weeks: int
    status: InsightsStatus
    members: int = Field(description="Members in the cohort.")
    headlines: list[InsightsHeadline]
    measures: list[InsightsMeasure] = Field(description="The weekly table's columns.")
    rows: list[InsightsWeek] = Field(description="The weekly table, oldest week first.")
    tables: list[InsightsTable]


class NetworkNode(Schema):
    name: str
    members: int


class NetworkEdge(Schema):
    one: str
    two: str
    relationships: int = Field(description="Relationships started between them in the period.")


class NetworkOut(Schema):
    cohort: InsightsCohort
    weeks: int
    by: str
    status: InsightsStatus
    nodes: list[NetworkNode] = Field(description="The busiest, the rest folded into one.")
    edges: list[NetworkEdge]
    groups_with_relationships: int
