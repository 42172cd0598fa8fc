"""How Trellis fits into the organisation around it (issue 17).

Each integration is a Django app of its own under this package, off by default and
switched on from the environment (trellis/settings.py, "Integrations"):

- `sso`: single sign-on with OpenID Connect.
- `scim`: provisioning members from the identity provider with SCIM 2.0.
- `chat`: outgoing webhooks to chat channels (Slack, Teams, signed JSON).
- `calendars`: iCalendar feeds of initiative milestones, one secret address per member.
- `digest`: the weekly e-mail digest with one-click unsubscribe.

They sit above the four areas (they read across them) and below the pages.
"""
