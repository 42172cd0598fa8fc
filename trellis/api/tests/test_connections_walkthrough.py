"""The README's curl walk-through for intros and exchanges, request for request.

Each step sends the same method, path and JSON body as the README's curl command
(`/work/helper-briefs/readme16-api-connections.md`), so a change that breaks the
walk-through breaks this test.
"""

from __future__ import annotations

from django.utils import timezone

from trellis.accounts.access_tokens import token_create
from trellis.connections.models import Exchange, Intro, Relationship

MESSAGE = (
    "Hi Ben, I saw you're learning k8s; I'm in the middle of Kubernetes upgrades. "
    "I can share our upgrade checklist. What part of Kubernetes is the most confusing so far?"
)


def test_read_suggestions_lint_send_an_intro_and_record_an_exchange(client, ana, ben):
    ana_auth = {
        "HTTP_AUTHORIZATION": "Bearer "
        + token_create(user=ana.user, name="walk-through", scope="write").secret
    }
    ben_auth = {
        "HTTP_AUTHORIZATION": "Bearer "
        + token_create(user=ben.user, name="walk-through", scope="write").secret
    }

    # curl -H "Authorization: Bearer $TOKEN" $SITE/api/v1/suggestions
    assert client.get("/api/v1/suggestions", **ana_auth).json() == {"results": []}

    # curl -X POST .../api/v1/intros/compose -d '{"to": BEN, "message": "..."}'
    linted = client.post(
        "/api/v1/intros/compose",
        {"to": ben.pk, "message": MESSAGE},
        content_type="application/json",
        **ana_auth,
    ).json()
    assert linted["refusal"] is None and not Intro.objects.exists()

    # curl -X POST .../api/v1/intros -d '{"to": BEN, "message": "..."}'
    sent = client.post(
        "/api/v1/intros",
        {"to": ben.pk, "message": MESSAGE},
        content_type="application/json",
        **ana_auth,
    )
    assert sent.status_code == 201
    intro_id = sent.json()["id"]

    # Ben: curl .../api/v1/intros?box=received&state=sent, then POST .../accept
    waiting = client.get("/api/v1/intros?box=received&state=sent", **ben_auth).json()
    assert [intro["id"] for intro in waiting["results"]] == [intro_id]
    accepted = client.post(f"/api/v1/intros/{intro_id}/accept", **ben_auth).json()
    relationship_id = accepted["relationship_id"]
    assert relationship_id == Relationship.objects.get().pk

    # curl -X POST .../api/v1/relationships/$REL/exchanges -d '{"date": ..., ...}'
    recorded = client.post(
        f"/api/v1/relationships/{relationship_id}/exchanges",
        {
            "date": timezone.localdate().isoformat(),
            "what_i_shared": "Our Kubernetes upgrade checklist",
            "what_i_learned": "How Ben runs a usability test",
            "topics": "Kubernetes, usability testing",
        },
        content_type="application/json",
        **ana_auth,
    )
    assert recorded.status_code == 201
    assert Exchange.objects.get().author == ana
