"""Home combines areas, so its tests use their fixtures: people come from the root
conftest, posts, initiatives, rounds and intros from the areas' own conftests."""

from trellis.community.tests.conftest import post  # noqa: F401
from trellis.connections.tests.conftest import relationship, sent_intro  # noqa: F401
from trellis.initiatives.tests.conftest import (  # noqa: F401
    contribution,
    initiative,
    make_initiative,
    offer,
    on_team,
)
from trellis.matching.tests.conftest import (  # noqa: F401
    asker,
    cohort,
    done_round,
    fake_engine,
    give_help,
    published_round,
    tess,
)
