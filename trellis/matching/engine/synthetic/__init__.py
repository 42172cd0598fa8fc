"""A synthetic organisation, the one the demo, the benches and the tests are built on.

- `words`:        disciplines and how they group, team and people's names, offices,
                  the sentence shapes statements are written in;
- `tree`:         the reporting tree, its teams and levels;
- `profiles`:     names, offices, switches, statements and the topics behind them;
- `organisation`: the plan as a whole, and as the engine's `Person` records.
"""

from trellis.matching.engine.synthetic.organisation import (
    Truth,
    person_id,
    plan_organisation,
    synthetic_organisation,
    synthetic_organisation_with_truth,
)
from trellis.matching.engine.synthetic.profiles import Vocabulary
from trellis.matching.engine.synthetic.tree import PlannedPerson
from trellis.matching.engine.synthetic.words import DISCIPLINES

__all__ = [
    "DISCIPLINES",
    "PlannedPerson",
    "Truth",
    "Vocabulary",
    "person_id",
    "plan_organisation",
    "synthetic_organisation",
    "synthetic_organisation_with_truth",
]
