"""Fixtures the API's tests share."""

from __future__ import annotations

import pytest

from trellis.connections import services
from trellis.connections.models import Relationship
from trellis.connections.tests.conftest import GROUNDED


@pytest.fixture
def relationship(ana, ben) -> Relationship:
    """Ana and Ben, after Ben accepted Ana's intro."""
    intro = services.intro_send(sender=ana, recipient=ben, message=GROUNDED)
    return services.intro_accept(intro=intro, member=ben)
