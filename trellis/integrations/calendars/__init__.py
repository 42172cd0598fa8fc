"""Calendars (issue 17, item 4): initiative milestones as iCalendar feeds.

Each member may make one secret feed address (only its SHA-256 digest is kept) that a
calendar program subscribes to; organisers may also download every open initiative's
milestones once. Off unless TRELLIS_CALENDAR_FEEDS is true: then no page shows a link
and every address here answers 404.
"""
