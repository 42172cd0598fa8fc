"""Outgoing chat webhooks (issue 17, part 3): an organiser sends public news of the
network (a round published, an initiative looking for volunteers, a weekly "who could help"
count for one topic) to Slack, Microsoft Teams or any receiver of signed JSON.

Off unless TRELLIS_CHAT_WEBHOOKS is true. Deliveries are sent by the background worker,
retried with backoff, and never carry private content (only names of public things, counts
and links)."""
