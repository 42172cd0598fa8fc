"""/roster/imports: an organiser's roster CSV, checked (`dry_run`) or imported, through
the same `roster_import` as the upload page and the command. Imports are not stored: the
answer is the report, or every problem that refused the file (nothing written then)."""

from typing import Annotated

from django.http import HttpRequest
from ninja import File, Form, Router, Status, UploadedFile

from trellis.api.callers import organiser_only
from trellis.api.errors import answers
from trellis.api.schemas.roster import RosterProblemOut, RosterRefusedOut, RosterReportOut
from trellis.people.roster import RosterError, RosterProblem, roster_import, roster_size_problem

router = Router(tags=["roster"])
IMPORT_URL_NAME = "roster_import"


def _refused(problems: list[RosterProblem]) -> Status:
    count = len(problems)
    detail = (
        f"The roster was refused: {count} problem{'s' if count != 1 else ''}, "
        f"the first at {problems[0]}. Nothing was written."
    )
    return Status(
        422,
        RosterRefusedOut(
            detail=detail,
            errors=[
                {"field": problem.column or "__all__", "message": str(problem)}
                for problem in problems
            ],
            problems=[RosterProblemOut(**vars(problem)) for problem in problems],
        ),
    )


@router.post(
    "/imports",
    response=answers(RosterReportOut) | {422: RosterRefusedOut},
    summary="Import a roster CSV (or check it)",
    url_name=IMPORT_URL_NAME,
)
def import_roster(
    request: HttpRequest,
    csv_file: Annotated[UploadedFile, File(description="The CSV: a header row; `email` required.")],
    dry_run: Annotated[bool, Form(description="Check only: report what would change.")] = False,
    invite: Annotated[
        bool, Form(description="E-mail an invitation to members with no account yet.")
    ] = False,
):
    """Members are matched by e-mail; columns the file leaves out, and members it does not
    mention, are left as they are. The whole file is checked before anything is written."""
    organiser_only(request)
    too_big = roster_size_problem(csv_file.size)
    if too_big:
        return _refused([too_big])
    try:
        report = roster_import(data=csv_file.read(), dry_run=dry_run, invite=invite)
    except RosterError as error:
        return _refused(error.problems)
    return RosterReportOut(**vars(report), summary=report.summary)
