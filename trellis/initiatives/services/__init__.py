"""Writes for initiatives: initiatives and their states, volunteers, contributions and
observations. Every function is keyword-only and one transaction; views, the demo
seed and tests call the same ones."""

from trellis.initiatives.services.fit import (
    fit_forget,
    fit_request,
    fit_request_everything,
    fit_sweep,
    volunteer_fit_request,
)
from trellis.initiatives.services.initiatives import (
    NEXT_STATES,
    initiative_create,
    initiative_move,
    initiative_update,
)
from trellis.initiatives.services.milestones import (
    milestone_add,
    milestone_edit,
    milestone_remove,
)
from trellis.initiatives.services.volunteers import (
    offer_refusal,
    volunteer_accept,
    volunteer_decline,
    volunteer_offer,
    volunteer_withdraw,
)
from trellis.initiatives.services.work import (
    contribution_delete,
    contribution_log,
    observation_delete,
    observation_findings,
    observation_record,
    observation_show,
)

__all__ = [
    "NEXT_STATES",
    "contribution_delete",
    "contribution_log",
    "fit_forget",
    "fit_request",
    "fit_request_everything",
    "fit_sweep",
    "initiative_create",
    "initiative_move",
    "initiative_update",
    "milestone_add",
    "milestone_edit",
    "milestone_remove",
    "observation_delete",
    "observation_findings",
    "observation_record",
    "observation_show",
    "offer_refusal",
    "volunteer_accept",
    "volunteer_decline",
    "volunteer_fit_request",
    "volunteer_offer",
    "volunteer_withdraw",
]
