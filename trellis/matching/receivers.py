"""What matching does when other areas say something changed about a member."""

from __future__ import annotations

from trellis.matching import runs, services
from trellis.people.models import Member


def refresh_recommendations(sender, *, member: Member, **kwargs) -> None:
    """What a member wrote changed their interests: their recommendations follow.

    Only for members matching pairs: active and open to peer learning.
    """
    if member.status == Member.Status.ACTIVE and member.open_to_peer_learning:
        services.recommendations_request(member=member)


def refresh_helpers(sender, *, member: Member, post_id: int | None = None, **kwargs) -> None:
    """What a member wrote changed: who could help them, and with the post, follow."""
    active = member.status == Member.Status.ACTIVE
    if active or post_id is not None:
        services.helpers_request(member=member if active else None, post_id=post_id)


def refresh_all_helpers(sender, *, member: Member, **kwargs) -> None:
    """Someone's evidence of helping changed: anyone's list may place them differently."""
    services.helpers_request_everything()


def round_task_requeued(sender, *, task_path: str, kwargs: dict, **rest) -> None:
    """A worker died running a round and its task was queued again: the round says
    "queued" again (not "running" with nobody on it) until a worker takes it up."""
    if task_path.rsplit(".", 1)[-1] == "run_round_task" and "round_id" in kwargs:
        runs.round_requeued(round_id=int(kwargs["round_id"]))
