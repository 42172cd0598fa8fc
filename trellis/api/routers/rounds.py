"""/rounds: matching rounds, for organisers only (anyone else gets 404, as on the pages).

Starting one takes the start-a-round page's options, read by the page's own form; the
run is the background worker's (202: queued). Publishing and withdrawing go through the
same services as the review page's buttons.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from trellis.api.callers import organiser_only
from trellis.api.errors import ApiError, answers
from trellis.api.pagination import Cursor
from trellis.api.schemas.rounds import PairOut, RoundDetailOut, RoundIn, RoundOut
from trellis.matching import presenters, selectors, services
from trellis.matching.forms import RoundForm
from trellis.matching.models import Round
from trellis.web.forms import errors_onto

router = Router(tags=["rounds"])


def _round(request: HttpRequest, round_id: int) -> Round:
    organiser_only(request)
    return selectors.round_detail(round_id=round_id)


def _detail(round_obj: Round) -> RoundDetailOut:
    """The round as its page shows it: status, then the review once it has pairs."""
    review = presenters.review(round_obj.report) if round_obj.has_pairs else {}
    unpaired = selectors.unpaired_counts(round_obj=round_obj) if round_obj.has_pairs else []
    round_obj.summary = review.get("summary", [])
    round_obj.headline = [
        {"label": label, "value": value} for label, value in review.get("headline", [])
    ]
    round_obj.facts = [{"label": label, "value": value} for label, value in review.get("facts", [])]
    round_obj.unpaired_counts = [
        {"reason": reason, "people": people} for reason, people in unpaired
    ]
    return RoundDetailOut.from_orm(round_obj)


def _refused(form: RoundForm) -> ApiError:
    errors = form.errors.get_json_data()
    messages = {field: [e["message"] for e in found] for field, found in errors.items()}
    first = next(iter(messages.values()))[0]
    return ApiError(422, first, messages)


@router.get("", response=answers(list[RoundOut]), summary="Rounds")
@paginate(Cursor)
def list_rounds(request: HttpRequest):
    """Every round, newest first."""
    organiser_only(request)
    return selectors.round_list()


@router.post(
    "",
    response=answers(RoundDetailOut, status=202),
    summary="Start a round",
)
def create_round(request: HttpRequest, payload: RoundIn):
    """Checked as the start-a-round page checks it, saved, and queued for the worker (202):
    follow its progress with GET /rounds/{id}."""
    organiser_only(request)
    form = RoundForm(data=RoundForm().initial | payload.dict(exclude_none=True))
    if form.is_valid():
        try:
            made = services.round_create(
                organiser=request.user, cohort=form.cohort(), config=form.config()
            )
        except ValidationError as error:
            errors_onto(form, error, renamed={"cohort": "cohort_value"})
        else:
            return Status(202, _detail(selectors.round_detail(round_id=made.pk)))
    raise _refused(form)


@router.get("/{int:round_id}", response=answers(RoundDetailOut), summary="A round")
def get_round(request: HttpRequest, round_id: int):
    """Its progress while it runs; its review (summary, figures, who is unpaired) once it
    has pairs. The pairs themselves: GET /rounds/{id}/pairs."""
    return _detail(_round(request, round_id))


@router.get("/{int:round_id}/pairs", response=answers(list[PairOut]), summary="A round's pairs")
@paginate(Cursor, ordering=("-score", "id"))
def list_pairs(request: HttpRequest, round_id: int):
    """Best first, as the review lists them (none before it has run)."""
    return selectors.round_pairs(round_obj=_round(request, round_id))


@router.post(
    "/{int:round_id}/run", response=answers(RoundDetailOut, status=202), summary="Run it again"
)
def run_round(request: HttpRequest, round_id: int):
    """Queue a failed round, or one whose worker stopped reporting (`stale`), to run again
    in the worker (202). A new round is queued when it is started."""
    round_obj = _round(request, round_id)
    services.round_restart(round_id=round_obj.pk, organiser=request.user)
    return Status(202, _detail(selectors.round_detail(round_id=round_id)))


@router.post("/{int:round_id}/publish", response=answers(RoundDetailOut), summary="Publish a round")
def publish_round(request: HttpRequest, round_id: int):
    """Both members of each pair see it, and are told (in the worker)."""
    round_obj = _round(request, round_id)
    services.round_publish(round_id=round_obj.pk, organiser=request.user)
    return _detail(selectors.round_detail(round_id=round_id))


@router.post(
    "/{int:round_id}/withdraw", response=answers(RoundDetailOut), summary="Withdraw a round"
)
def withdraw_round(request: HttpRequest, round_id: int):
    """Its suggestions leave members' pages; nobody is told."""
    round_obj = _round(request, round_id)
    services.round_withdraw(round_id=round_obj.pk, organiser=request.user)
    return _detail(selectors.round_detail(round_id=round_id))
