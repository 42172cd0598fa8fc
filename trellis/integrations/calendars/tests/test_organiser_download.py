"""The organisers' one-off download of every open initiative's milestones."""

from __future__ import annotations

import pytest
import vobject
from django.urls import reverse

DOWNLOAD = reverse("calendars:organiser_ics")


@pytest.mark.usefixtures("feeds_on")
def test_an_organiser_downloads_every_open_initiatives_milestones(
    organiser_client, costs, payments
):
    response = organiser_client.get(DOWNLOAD)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="trellis-milestones.ics"'
    calendar = vobject.readOne(response.content.decode(), validate=True)
    summaries = {event.summary.value for event in calendar.vevent_list}
    assert {"Dry run (Retire the payments batch job)", "Ends: Kubernetes cost reports"} <= summaries


@pytest.mark.usefixtures("feeds_on")
def test_a_member_who_is_not_an_organiser_gets_a_404(client, costs, carla):
    client.force_login(carla.user)

    assert client.get(DOWNLOAD).status_code == 404


def test_there_is_no_download_while_feeds_are_off(organiser_client, costs):
    assert organiser_client.get(DOWNLOAD).status_code == 404
