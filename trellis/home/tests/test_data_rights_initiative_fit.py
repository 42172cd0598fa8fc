"""Which initiatives fit a member is theirs: in their export, and gone when they delete
their account."""

import pytest

from trellis.home.data_rights.export import Scope, member_data
from trellis.home.data_rights.forget import account_delete
from trellis.initiatives import fit, services
from trellis.initiatives.models import InitiativeFit, InitiativeFitList
from trellis.initiatives.tests.conftest import PROBLEM, in_days


@pytest.fixture
def fitting(ana, carla):
    """Carla's open initiative, which fits Ana, worked out by the worker."""
    services.initiative_create(
        lead=carla,
        title="Kubernetes cost reports",
        problem=PROBLEM,
        skills="Go, Terraform, SQL",
        ends_on=in_days(30),
        publish=True,
    )
    fit.fit_refresh_everything()


def test_a_members_export_carries_the_initiatives_that_fit_them(fitting, ana):
    exported = member_data(member=ana, scope=Scope.OWN)["initiatives_that_fit_me"]

    assert [row["initiative"] for row in exported] == ["Kubernetes cost reports"]
    assert exported[0]["why"] == InitiativeFit.objects.get(member=ana).reason


def test_deleting_an_account_deletes_which_initiatives_fit_them(fitting, ana):
    account_delete(member=ana, by=ana.user)

    assert not InitiativeFit.objects.filter(member=ana).exists()
    assert not InitiativeFitList.objects.filter(member=ana).exists()
