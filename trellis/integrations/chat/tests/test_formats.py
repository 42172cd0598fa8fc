"""The shapes Slack, Teams and a signed-JSON receiver read, and the signature (no database)."""

import hashlib
import hmac
import json

from trellis.integrations.chat.formats import News, body_for, headers_for, signature

NEWS = News(
    event="initiative.opened",
    headline="“Costs <& budgets>” is looking for 2 volunteers.",
    link="https://trellis.example.org/initiatives/7/",
    link_label="Read it",
    data={"initiative": 7, "title": "Costs <& budgets>", "helpers_wanted": 2},
)


def verify(secret: str, headers: dict, body: bytes, *, now: int, tolerance: int = 300) -> bool:
    """The receiver's check, as the README gives it (kept the same here)."""
    timestamp = headers["X-Trellis-Timestamp"]
    if abs(now - int(timestamp)) > tolerance:
        return False  # too old: a replay
    signed = timestamp.encode() + b"." + body
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["X-Trellis-Signature"])


def test_slack_gets_text_and_a_mrkdwn_section_with_its_markup_characters_escaped():
    body = json.loads(body_for("slack", NEWS, delivery="d", occurred_at="t"))

    assert set(body) == {"text", "blocks"}
    assert body["blocks"][0]["type"] == "section"
    text = body["blocks"][0]["text"]
    assert text["type"] == "mrkdwn"
    assert "Costs &lt;&amp; budgets&gt;" in text["text"]
    assert "<https://trellis.example.org/initiatives/7/|Read it>" in text["text"]
    assert "<&" not in body["text"]


def test_teams_gets_an_adaptive_card_in_a_message_attachment():
    body = json.loads(body_for("teams", NEWS, delivery="d", occurred_at="t"))

    assert body["type"] == "message"
    (attachment,) = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.4")
    assert card["body"][0] == {"type": "TextBlock", "text": NEWS.headline, "wrap": True}
    assert card["actions"][0]["url"] == NEWS.link


def test_signed_json_carries_the_event_the_delivery_id_and_the_public_data():
    body = json.loads(body_for("signed", NEWS, delivery="abc", occurred_at="2026-12-08T00:00"))

    assert body == {
        "event": "initiative.opened",
        "delivery": "abc",
        "occurred_at": "2026-12-08T00:00",
        "text": NEWS.headline,
        "url": NEWS.link,
        "data": NEWS.data,
    }


def test_a_signed_request_verifies_with_the_secret_and_fails_with_another_or_when_changed():
    body = body_for("signed", NEWS, delivery="abc", occurred_at="t").encode()
    headers = headers_for(
        event="initiative.opened", delivery="abc", body=body, timestamp=1_800_000_000, secret="s3"
    )

    assert headers["X-Trellis-Delivery"] == "abc"
    assert headers["X-Trellis-Signature"] == signature(
        secret="s3", timestamp=1_800_000_000, body=body
    )
    assert verify("s3", headers, body, now=1_800_000_010)
    assert not verify("other", headers, body, now=1_800_000_010)
    assert not verify("s3", headers, body + b" ", now=1_800_000_010)
    assert not verify("s3", headers, body, now=1_800_000_000 + 3600)  # replayed an hour later


def test_slack_and_teams_requests_are_not_signed():
    headers = headers_for(event="test", delivery="d", body=b"{}", timestamp=1, secret=None)

    assert "X-Trellis-Signature" not in headers
    assert headers["Content-Type"].startswith("application/json")
