"""SCIM switched on, a provisioning token, and a client that speaks application/scim+json."""

from __future__ import annotations

import pytest

from trellis.integrations.scim.tests.calls import Scim
from trellis.integrations.scim.tokens import scim_token_create


@pytest.fixture
def scim_on(settings):
    settings.SCIM_ENABLED = True
    settings.SCIM_MAX_RESULTS = 100


@pytest.fixture
def scim_token(scim_on, organiser) -> str:
    return scim_token_create(name="Entra ID", by=organiser.user).secret


@pytest.fixture
def scim(client, scim_token) -> Scim:
    return Scim(client, scim_token)
