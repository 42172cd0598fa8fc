"""The insight figures as plain dataclasses: what the pages, the CSV exports and the JSON
API show, read from what the background worker kept (a team: worked out on request from
its own rows, in a fixed number of queries).

`parse_filters` checks a period and a cohort; `growing`, `mutual`, `load`, `seen` and
`network` answer one question each for them.
"""

from trellis.insights.selectors.filters import (
    DEFAULT_WEEKS,
    EVERYONE,
    NETWORK_BY,
    PERIODS,
    Cohort,
    Filters,
    disciplines,
    parse_filters,
)
from trellis.insights.selectors.kept import (
    Edge,
    Figures,
    Headline,
    Measure,
    Network,
    Node,
    Status,
    Table,
    Week,
    network,
    status,
)
from trellis.insights.selectors.questions import growing, load, mutual, overview, seen

__all__ = [
    "DEFAULT_WEEKS",
    "EVERYONE",
    "NETWORK_BY",
    "PERIODS",
    "Cohort",
    "Edge",
    "Figures",
    "Filters",
    "Headline",
    "Measure",
    "Network",
    "Node",
    "Status",
    "Table",
    "Week",
    "disciplines",
    "growing",
    "load",
    "mutual",
    "network",
    "overview",
    "parse_filters",
    "seen",
    "status",
]
