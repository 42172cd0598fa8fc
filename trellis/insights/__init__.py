"""Organiser insights: whether mentorship is growing, mutual, fair and seen, week by week,
worked out by the background worker and kept (issue 16)."""
