"""What a webhook message says, in each format a chat service reads (no Django).

A `News` item holds only public things: a headline built from names members can already
see (a topic, an initiative's title, a cohort), counts, and a link back into Trellis.
Each format lays the same item out:

- Slack incoming webhooks: `{"text": ..., "blocks": [...]}` (the text is the fallback for
  notifications, the blocks the message).
- Microsoft Teams: an Adaptive Card (version 1.4) wrapped in a `message` with one
  attachment, the shape both Teams' Workflows ("Post to a channel when a webhook request
  is received") and the older incoming webhooks accept.
- Signed JSON: `{"event", "delivery", "occurred_at", "text", "url", "data"}`, signed with
  HMAC-SHA256 over "<timestamp>.<body>" (`signature`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

SIGNATURE_HEADER = "X-Trellis-Signature"
TIMESTAMP_HEADER = "X-Trellis-Timestamp"
DELIVERY_HEADER = "X-Trellis-Delivery"
EVENT_HEADER = "X-Trellis-Event"
USER_AGENT = "Trellis-Webhooks/1"


@dataclass(frozen=True)
class News:
    """One public piece of news: what happened, in a sentence, and where to see it."""

    event: str
    headline: str
    link: str
    link_label: str
    data: dict[str, Any] = field(default_factory=dict)


def _slack_escaped(text: str) -> str:
    """Slack's mrkdwn reads &, < and > as markup (links, mentions): written as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_body(news: News) -> dict:
    text = _slack_escaped(news.headline)
    link = f"<{news.link}|{_slack_escaped(news.link_label)}>"
    return {
        "text": f"{text} {link}",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": f"{text}\n{link}"}},
        ],
    }


def teams_body(news: News) -> dict:
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [{"type": "TextBlock", "text": news.headline, "wrap": True}],
        "actions": [{"type": "Action.OpenUrl", "title": news.link_label, "url": news.link}],
    }
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


def signed_body(news: News, *, delivery: str, occurred_at: str) -> dict:
    return {
        "event": news.event,
        "delivery": delivery,
        "occurred_at": occurred_at,
        "text": news.headline,
        "url": news.link,
        "data": news.data,
    }


def body_for(fmt: str, news: News, *, delivery: str, occurred_at: str) -> str:
    """The JSON text sent for `news` in format `fmt` ("slack", "teams" or "signed")."""
    if fmt == "slack":
        payload = slack_body(news)
    elif fmt == "teams":
        payload = teams_body(news)
    else:
        payload = signed_body(news, delivery=delivery, occurred_at=occurred_at)
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret>`."""
    signed = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def headers_for(
    *, event: str, delivery: str, body: bytes, timestamp: int, secret: str | None
) -> dict[str, str]:
    """The request's headers; a signed webhook's carry the timestamp and signature."""
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: event,
        DELIVERY_HEADER: delivery,
    }
    if secret:
        headers[TIMESTAMP_HEADER] = str(timestamp)
        headers[SIGNATURE_HEADER] = signature(secret=secret, timestamp=timestamp, body=body)
    return headers
