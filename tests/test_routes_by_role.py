"""Who may use each route, for each of six visitors.

Every URL pattern of the site (the admin and the JSON API aside) must have a row in ROUTES; a new
route without one fails `test_every_route_has_a_row_saying_who_may_use_it`. Each row
says, explicitly, what a GET answers to each visitor:

- `anonymous`: nobody signed in;
- `member`: Ana, who owns most of the objects whose ids the rows use (`real_ids`): the
  intro Ben sent her, their relationship and its meeting, her reflection and
  notification, her post, the initiative she leads, Ben's observation about her;
- `other`: Ben, the other party of those objects (he sent the intro, is in the
  relationship, replied to her post, volunteered for and contributed to her initiative,
  observed her). Profile-shaped rows (`member_id`) are about Ben, so for him they are his
  own pages;
- `unrelated`: Carla, an active member who is in none of those objects;
- `organiser`: Olga, an organiser (a member too) who is in none of them either;
- `operator`: a superuser with no member profile (the people who run the site).

A private object (an intro, a relationship, its meeting, a reflection, a notification)
is 404 to everyone outside it, as if it did not exist. Action URLs are POST-only: a GET
answers 405 before anything is looked up, so it reveals nothing either (who may POST to
them is tested in each area's own tests).
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

SIGN_IN = "sign in"  # redirected to the sign-in page, coming back afterwards
HOME = "home"  # redirected to the home page
OWN_VISIBILITY = "own visibility"  # redirected to one's own visibility page, with a note
NOT_FOUND = 404
NOT_ALLOWED = 405
OK = 200
FOUND = 302  # redirected somewhere that depends on the object (a reply's place on a page)
NOT_READY = 503  # the readiness probe, with no background worker running
STILL_A_MEMBER = 409  # an organiser asked to export or delete someone who has not left
BAD_REQUEST = 400  # a signed link whose signature does not check out

ROLES = ["anonymous", "member", "other", "unrelated", "organiser", "operator"]


@dataclass(frozen=True)
class Route:
    """What a GET of the route answers to each of the six visitors (no defaults: each
    answer is written down on purpose)."""

    anonymous: int | str
    member: int | str
    other: int | str
    unrelated: int | str
    organiser: int | str
    operator: int | str
    kwargs: dict = field(default_factory=dict)


BOGUS_LINK = {"uidb64": "MQ", "token": "not-a-token"}


ROUTES = {
    # Pages every signed-in visitor may read; an operator's home says they have no profile.
    "home:home": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    "people:directory": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    # Ben's profile: his own page for him, anyone's to read for the rest.
    "home:profile": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=OK,
        kwargs={"member_id": 0},
    ),
    # One's own profile: an operator has none to edit.
    "people:profile_edit": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    # Organisers' pages (and operators'): to members they do not exist.
    "people:roster_upload": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "matching:round_list": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "matching:round_new": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "matching:round_detail": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
        kwargs={"round_id": 0},
    ),
    # Publishing, restarting and dismissing are POST-only; see trellis/matching/tests/.
    "matching:round_publish": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"round_id": 0},
    ),
    "matching:round_restart": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"round_id": 0},
    ),
    # Item 12 (round review): withdrawing and changing pairs are POST-only organiser actions
    # (see trellis/matching/tests/test_round_edits.py); the hand-pair type-ahead is a GET.
    "matching:round_withdraw": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"round_id": 0},
    ),
    "matching:round_pair_add": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"round_id": 0},
    ),
    "matching:round_pair_remove": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"round_id": 0, "suggestion_id": 0},
    ),
    "matching:round_member_search": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
        kwargs={"round_id": 0},
    ),
    "matching:suggestion_dismiss": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"suggestion_id": 0},
    ),
    # Connections: a member's own intros, relationships, journal and notifications. The ids
    # are of Ben's intro to Ana, their relationship and meeting, and Ana's reflection; the
    # unrelated member, the organiser and the operator are in none of them, so get 404 as
    # if they were missing. Lists are of one's own things: an operator has none.
    "connections:intro_list": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    # The composer, to Ben: for Ben himself it explains that nobody sends an intro to
    # themselves (Send disabled); an operator has no profile to send from.
    "home:compose": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=NOT_FOUND,
        kwargs={"member_id": 0},
    ),
    "connections:intro_detail": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
        kwargs={"intro_id": 0},
    ),
    "connections:relationship_list": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "connections:relationship_detail": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
        kwargs={"relationship_id": 0},
    ),
    "connections:reciprocity": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "connections:reflection_list": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "connections:reflection_new": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    # Ana's reflection is hers alone: not even Ben, the other half of the relationship.
    "connections:reflection_detail": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
        kwargs={"reflection_id": 0},
    ),
    # One's own journal, exported (each member gets their own, possibly empty).
    "connections:reflection_export": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=NOT_FOUND,
        kwargs={"fmt": "json"},
    ),
    "notifications:notification_list": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "notifications:preferences": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    # State changes are POST-only (the lint endpoint changes nothing but reads a long
    # message); see trellis/connections/tests/.
    "home:compose_lint": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"member_id": 0},
    ),
    "connections:intro_accept": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"intro_id": 0},
    ),
    "connections:intro_decline": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"intro_id": 0},
    ),
    "connections:intro_withdraw": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"intro_id": 0},
    ),
    "connections:exchange_new": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"relationship_id": 0},
    ),
    "connections:relationship_close": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"relationship_id": 0},
    ),
    # Issue 13, item 1 (contact): proposing a time is POST-only (see
    # trellis/connections/tests/test_meetings.py); its invitation is for the pair alone.
    "connections:meeting_new": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"relationship_id": 0},
    ),
    "connections:meeting_ics": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
        kwargs={"relationship_id": 0, "meeting_id": 0},
    ),
    "connections:reflection_delete": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"reflection_id": 0},
    ),
    "notifications:notification_read": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"notification_id": 0},
    ),
    "notifications:notifications_read_all": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
    ),
    # Community: posts and topics are read by everyone signed in (an operator too); a post
    # is changed by its author alone (Ana's post: everyone else gets 404 as if it were
    # missing); writing one needs a member profile.
    "community:post_new": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "home:post_detail": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=OK,
        kwargs={"post_id": 0},
    ),
    "community:post_edit": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
        kwargs={"post_id": 0},
    ),
    "community:member_posts": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=OK,
        kwargs={"member_id": 0},
    ),
    "home:topic_detail": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=OK,
        kwargs={"slug": "kubernetes"},
    ),
    # Deleting, following and unfollowing are POST-only; see trellis/community/tests/.
    "community:post_delete": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"post_id": 0},
    ),
    "community:topic_follow": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"slug": "kubernetes"},
    ),
    "community:topic_unfollow": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"slug": "kubernetes"},
    ),
    # Item 4 of issue 13, replies: Ben's reply to Ana's post. Everyone who may read the post
    # may read it (its address leads to its place on the post's page); writing, deleting
    # and "this helped" are POST-only, see trellis/community/tests/test_reply_pages.py.
    "community:reply_detail": Route(
        anonymous=SIGN_IN,
        member=FOUND,
        other=FOUND,
        unrelated=FOUND,
        organiser=FOUND,
        operator=FOUND,
        kwargs={"reply_id": 0},
    ),
    "community:reply_new": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"post_id": 0},
    ),
    "community:reply_delete": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"reply_id": 0},
    ),
    "community:reply_helped": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"reply_id": 0},
    ),
    # Initiatives: the ids are of a published initiative Ana (the member) leads, Ben's
    # accepted offer to help with it and his contribution, and Ben's observation about Ana.
    # Only the lead edits an initiative and reads its volunteers (not even Ben, who is on
    # its team); only organisers (and operators) see unseen contributors. Offering to help
    # shows why one can't when that is so (the lead, or Ben who already offered).
    "initiatives:initiative_list": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    "initiatives:initiative_new": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "initiatives:initiative_detail": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=OK,
        kwargs={"initiative_id": 0},
    ),
    "initiatives:initiative_edit": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
        kwargs={"initiative_id": 0},
    ),
    "initiatives:volunteer_new": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=NOT_FOUND,
        kwargs={"initiative_id": 0},
    ),
    "initiatives:volunteer_list": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
        kwargs={"initiative_id": 0},
    ),
    # Observing Ben: nobody records an observation about themselves (Ben is sent to his
    # own visibility page with a note), and an operator has no profile to observe from.
    "initiatives:observation_new": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=OWN_VISIBILITY,
        unrelated=OK,
        organiser=OK,
        operator=NOT_FOUND,
        kwargs={"member_id": 0},
    ),
    # One's own visibility map: an operator has none.
    "initiatives:visibility": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "initiatives:visibility_chart": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "initiatives:unseen_contributors": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    # Moving, answering, logging, showing and taking back are POST-only (the lint endpoint
    # changes nothing but reads a long text); see trellis/initiatives/tests/.
    "initiatives:initiative_move": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"initiative_id": 0},
    ),
    "initiatives:volunteer_withdraw": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"initiative_id": 0},
    ),
    "initiatives:volunteer_accept": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"volunteer_id": 0},
    ),
    "initiatives:volunteer_decline": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"volunteer_id": 0},
    ),
    "initiatives:contribution_new": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"initiative_id": 0},
    ),
    "initiatives:contribution_delete": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"contribution_id": 0},
    ),
    "initiatives:observation_lint": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"member_id": 0},
    ),
    "initiatives:observation_show": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"observation_id": 0},
    ),
    "initiatives:observation_delete": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"observation_id": 0},
    ),
    # Accounts: signing in again sends anyone signed in home; the password pages are for
    # every login, with a profile or without.
    "accounts:login": Route(
        anonymous=OK, member=HOME, other=HOME, unrelated=HOME, organiser=HOME, operator=HOME
    ),
    # Sign-out is POST-only; see trellis/accounts/tests/test_sign_in.py.
    "accounts:logout": Route(
        anonymous=NOT_ALLOWED,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
    ),
    "accounts:password_change": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    "accounts:password_change_done": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    # Issue 16: any address under /api/ that the API does not have: its JSON 404 body.
    "api-no-such-endpoint": Route(
        anonymous=NOT_FOUND,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
        kwargs={"rest": "v0/nothing"},
    ),
    # Issue 16: personal access tokens for the API, for every login; revoking is POST-only.
    "accounts:tokens": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    "accounts:token_revoke": Route(
        anonymous=NOT_ALLOWED,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"token_id": 1},
    ),
    "accounts:password_reset": Route(
        anonymous=OK, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    "accounts:password_reset_done": Route(
        anonymous=OK, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    # A link that does not check out shows "This link no longer works".
    "accounts:password_reset_confirm": Route(
        anonymous=OK,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=OK,
        kwargs=BOGUS_LINK,
    ),
    "accounts:password_reset_complete": Route(
        anonymous=OK, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    "accounts:claim": Route(
        anonymous=NOT_FOUND,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
        kwargs=BOGUS_LINK,
    ),
    # Issue 13, item 3 (home): undoing a dismissed suggestion is POST-only; see
    # trellis/home/tests/test_suggestion_undo.py (the pair's two members, someone else).
    "home:suggestion_restore": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"suggestion_id": 0},
    ),
    # issue 14: data rights. "Your data" and its download are each member's own (an
    # operator has no profile); deleting is POST-only, see trellis/home/tests/test_data_*.
    # The organisers' pages are about Ben, who is active: an organiser (or an operator) is
    # refused with 409 and a sentence; members never see them. Who may export and delete
    # whom is tested with two users in trellis/home/tests/test_data_rights_pages.py.
    "home:my_data": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "home:my_data_download": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "home:my_account_delete": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
    ),
    "home:leaver_list": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "home:leaver_detail": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=STILL_A_MEMBER,
        operator=STILL_A_MEMBER,
        kwargs={"member_id": 0},
    ),
    "home:leaver_export": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=STILL_A_MEMBER,
        operator=STILL_A_MEMBER,
        kwargs={"member_id": 0},
    ),
    "home:leaver_delete": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"member_id": 0},
    ),
    # issue 14: audit. The audit log and its JSON-lines export are for operators alone (an
    # organiser too gets 404, as members do for organisers' pages); see trellis/audit/tests/.
    "audit:event_list": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=OK,
    ),
    "audit:event_export": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=OK,
    ),
    # Issue 14, item 6 (faults): a GET never writes, so what pages used to write on a GET
    # is posted by the page once loaded; POST-only, see trellis/home/tests/test_working_out.py
    # and trellis/connections/tests/test_relationship_seen.py.
    "home:work_out_mine": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={},
    ),
    "home:work_out_topic": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"slug": "kubernetes"},
    ),
    "home:work_out_post": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"post_id": 0},
    ),
    "connections:relationship_seen": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"relationship_id": 0},
    ),
    # Issue 15, item 2 (production server): probes for load balancers and orchestrators,
    # open to everyone. No background worker writes a heartbeat in the tests, so the
    # readiness probe says "not ready" (503) to all (trellis/db/tests/test_health.py).
    "healthz": Route(anonymous=OK, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK),
    "readyz": Route(
        anonymous=NOT_READY,
        member=NOT_READY,
        other=NOT_READY,
        unrelated=NOT_READY,
        organiser=NOT_READY,
        operator=NOT_READY,
    ),
    # Issue 15, item 1 (people): the directory's team type-ahead answers a few team names
    # to anyone signed in (an empty list without `?team=`); see
    # trellis/people/tests/test_directory_view.py.
    "people:team_suggestions": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=OK
    ),
    # Issue 16, organiser insights (trellis/insights): figures for organisers (and operators)
    # only; working them out now is a POST-only organiser action.
    "insights:overview": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "insights:growing": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "insights:mutual": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "insights:load": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "insights:seen": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "insights:network": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "insights:work_out": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
    ),
    # Issue 17, item 5 (the weekly digest): the one-click unsubscribe address works with no
    # sign-in; its token is signed for one member, and one that is not answers 400 to
    # everyone (a good one shows a button; see trellis/integrations/digest/tests/).
    "digest:unsubscribe": Route(
        anonymous=BAD_REQUEST,
        member=BAD_REQUEST,
        other=BAD_REQUEST,
        unrelated=BAD_REQUEST,
        organiser=BAD_REQUEST,
        operator=BAD_REQUEST,
        kwargs={"token": "1:not-a-signature"},
    ),
    # Issue 17, provisioning with SCIM: the organiser's token page, checked here switched on
    # (`integrations_on`); off, it is 404 to everyone (trellis/integrations/scim/tests/
    # test_token_page.py). /scim/v2/ is like /api/.
    "scim:tokens": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "scim:token_revoke": Route(
        anonymous=NOT_ALLOWED,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"token_id": 1},
    ),
    # Issue 17, part 3, chat webhooks (trellis/integrations/chat): organisers (and operators)
    # only, checked here switched on (`integrations_on`); off, every one is 404 to everyone
    # (trellis/integrations/chat/tests/test_pages.py). Test and delete are POST-only.
    "chat:webhook_list": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "chat:webhook_create": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "chat:topic_suggestions": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    "chat:webhook_detail": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
        kwargs={"webhook_id": 0},
    ),
    "chat:webhook_edit": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
        kwargs={"webhook_id": 0},
    ),
    "chat:webhook_test": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"webhook_id": 0},
    ),
    "chat:webhook_delete": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"webhook_id": 0},
    ),
    # Issue 17, part 1: single sign-on (trellis/integrations/sso), off here as by default.
    # Its start is the sign-in button's POST; its callback is not found while SSO is off
    # (with SSO on, see trellis/integrations/sso/tests/).
    "sso:start": Route(
        anonymous=NOT_ALLOWED,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
    ),
    "sso:callback": Route(
        anonymous=NOT_FOUND,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=NOT_FOUND,
        operator=NOT_FOUND,
    ),
    # Issue 17, calendars (trellis/integrations/calendars), with TRELLIS_CALENDAR_FEEDS on
    # (`real_ids` switches it on; off, every one of them is a 404). Ana plans milestones of
    # the initiative she leads; Ben, on its team, and the rest may not (see
    # trellis/initiatives/tests/test_milestone_pages.py); the organiser plans any published
    # one.
    "initiatives:milestone_list": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=NOT_FOUND,
        kwargs={"initiative_id": 0},
    ),
    "initiatives:milestone_edit": Route(
        anonymous=SIGN_IN,
        member=OK,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=NOT_FOUND,
        kwargs={"milestone_id": 0},
    ),
    "initiatives:milestone_remove": Route(
        anonymous=SIGN_IN,
        member=NOT_ALLOWED,
        other=NOT_ALLOWED,
        unrelated=NOT_ALLOWED,
        organiser=NOT_ALLOWED,
        operator=NOT_ALLOWED,
        kwargs={"milestone_id": 0},
    ),
    # One's own feed page: an operator has no member profile, so no feed.
    "calendars:feed": Route(
        anonymous=SIGN_IN, member=OK, other=OK, unrelated=OK, organiser=OK, operator=NOT_FOUND
    ),
    "calendars:organiser_ics": Route(
        anonymous=SIGN_IN,
        member=NOT_FOUND,
        other=NOT_FOUND,
        unrelated=NOT_FOUND,
        organiser=OK,
        operator=OK,
    ),
    # Ana's feed at its real secret address: the address is the key (a capability URL a
    # calendar program fetches signed in to nothing), so whoever holds it reads the feed,
    # signed in or not, whoever they are; a revoked or unknown address is a 404 for all
    # (trellis/integrations/calendars/tests/test_feed_ics.py).
    "calendars:feed_ics": Route(
        anonymous=OK,
        member=OK,
        other=OK,
        unrelated=OK,
        organiser=OK,
        operator=OK,
        kwargs={"secret": "x"},
    ),
}


@pytest.fixture(autouse=True)
def integrations_on(settings):
    """Issue 17's integrations are off by default; their rows are checked switched on."""
    settings.CHAT_WEBHOOKS_ENABLED = True
    settings.SCIM_ENABLED = True


def route_names(patterns, namespace: str = ""):
    """The full name of every URL pattern, outside the admin site, the JSON API (whose
    every operation is checked from its schema, with two users, in trellis/api/tests) and
    SCIM's protocol (scim:v2, checked with its tokens in trellis/integrations/scim/tests)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            if pattern.app_name == "admin" or pattern.namespace == "api" or inner == "scim:v2":
                continue
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name)


def test_every_route_has_a_row_saying_who_may_use_it():
    names = list(route_names(get_resolver("trellis.urls").url_patterns))

    assert "None" not in names, "every route needs a name"
    assert sorted(names) == sorted(ROUTES)


@pytest.fixture
def as_role(client, django_user_model, ana, ben, carla, organiser):
    """A client signed in as one of the six visitors (Carla is the unrelated member)."""
    operator = django_user_model.objects.create_superuser("root@example.org")
    users = {
        "member": ana.user,
        "other": ben.user,
        "unrelated": carla.user,
        "organiser": organiser.user,
        "operator": operator,
    }

    def sign_in(role: str):
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return sign_in


@pytest.fixture
def real_ids(ana, ben, organiser, settings):
    """Ids of things that exist, so that a 404 means "not for you", not "no such thing"."""
    from trellis.community import services as community
    from trellis.connections import services as connections
    from trellis.initiatives import services as initiatives
    from trellis.matching.models import Round, Suggestion

    round_obj = Round.objects.create(organiser=organiser.user, cohort={"kind": "all"})
    a, b = sorted((ana, ben), key=lambda member: member.pk)
    suggestion = Suggestion.objects.create(round=round_obj, member_a=a, member_b=b, score=0.5)
    intro = connections.intro_send(sender=ben, recipient=ana, message="Hi Ana, about Kubernetes…")
    relationship = connections.intro_accept(intro=intro, member=ana)
    meeting = connections.meeting_propose(
        relationship=relationship,
        proposer=ana,
        starts_at=timezone.now() + timedelta(days=1),
        minutes=30,
        place="The third-floor kitchen",
    )
    reflection = connections.reflection_write(author=ana, body="Explaining it showed me a gap.")
    notification = ana.notifications.first()
    post = community.post_create(author=ana, body="Our Kubernetes upgrades take a weekend.")
    reply = community.reply_create(post=post, author=ben, body="We drain nodes in pairs.")
    initiative = initiatives.initiative_create(
        lead=ana,
        title="Kubernetes cost reports",
        problem="Nobody can say what each cluster costs.",
        ends_on=timezone.localdate() + timedelta(days=30),
        publish=True,
    )
    volunteer = initiatives.volunteer_offer(initiative=initiative, member=ben, brings="SQL")
    initiatives.volunteer_accept(volunteer=volunteer, lead=ana)
    contribution = initiatives.contribution_log(
        initiative=initiative, member=ben, text="Wrote the cost query."
    )
    observation = initiatives.observation_record(
        observer=ben,
        subject=ana,
        text="Ana ran the cluster upgrade and wrote its rollback plan.",
        seen_on=timezone.localdate(),
    )
    from trellis.integrations.chat import services as chat

    webhook, _ = chat.webhook_create(
        organiser=organiser.user,
        name="#mentoring",
        url="https://hooks.slack.com/services/T0/B0/x",
        format="slack",
        on_round_published=True,
    )
    # Issue 17, calendars: feeds on, one of Ana's milestones and her feed's secret address.
    from trellis.integrations.calendars.services import feed_make

    settings.CALENDAR_FEEDS = True
    milestone = initiatives.milestone_add(
        initiative=initiative, member=ana, title="Cost query reviewed", due_on=timezone.localdate()
    )
    return {
        "milestone_id": milestone.pk,
        "secret": feed_make(member=ana).secret,
        "member_id": ben.pk,
        "webhook_id": webhook.pk,
        "round_id": round_obj.pk,
        "suggestion_id": suggestion.pk,
        "intro_id": intro.pk,
        "relationship_id": relationship.pk,
        "meeting_id": meeting.pk,
        "reflection_id": reflection.pk,
        "notification_id": notification.pk,
        "post_id": post.pk,
        "reply_id": reply.pk,
        "initiative_id": initiative.pk,
        "volunteer_id": volunteer.pk,
        "contribution_id": contribution.pk,
        "observation_id": observation.pk,
    }


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_who_may_use_each_route(as_role, real_ids, name):
    # The route's objects are built once, then each of the six visitors asks in turn.
    route = ROUTES[name]
    kwargs = {k: real_ids.get(k, v) for k, v in route.kwargs.items()}
    path = reverse(name, kwargs=kwargs)
    for role in ROLES:
        response = as_role(role).get(path)
        expected = getattr(route, role)
        if expected == SIGN_IN:
            assert response.status_code == 302, role
            assert response.url == f"{reverse('accounts:login')}?next={path}", role
        elif expected == HOME:
            assert response.status_code == 302, role
            assert response.url == reverse("home:home"), role
        elif expected == OWN_VISIBILITY:
            assert response.status_code == 302, role
            assert response.url == reverse("initiatives:visibility"), role
        else:
            assert response.status_code == expected, role
        as_role("anonymous").logout()


# The roster upload, in more detail: it writes members, so only organisers may use it.

ROSTER = reverse("people:roster_upload")


def test_a_member_cannot_see_or_post_to_the_roster_upload(client, ana):
    client.force_login(ana.user)

    assert client.get(ROSTER).status_code == 404
    assert client.post(ROSTER, {}).status_code == 404


@pytest.mark.django_db
def test_an_anonymous_visitor_posting_a_roster_is_sent_to_sign_in(client):
    response = client.post(ROSTER, {})

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={ROSTER}"


def test_an_organiser_sees_the_roster_upload_form(organiser_client):
    response = organiser_client.get(ROSTER)

    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


@pytest.mark.django_db
def test_an_operator_without_a_profile_may_upload_a_roster(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root@example.org"))

    assert client.get(ROSTER).status_code == 200


def test_only_organisers_see_the_roster_link(client, ana, organiser):
    client.force_login(ana.user)
    assert ROSTER not in client.get(reverse("home:home")).content.decode()

    client.force_login(organiser.user)
    assert ROSTER in client.get(reverse("home:home")).content.decode()


# Issue 14, item 3: the admin's changelists, for the same six visitors. Only operators
# may open them; for operators, a lookup on a field the list does not offer as a filter
# (a decline reason, a message, a password hash) is refused with 400 (tests/test_admin.py
# probes every text field one by one).

ADMIN_SIGN_IN = "admin sign in"


def trellis_changelists():
    from django.contrib import admin

    own_apps = {"accounts", "people", "notifications", "community", "connections"}
    own_apps |= {"initiatives", "matching", "audit"}
    return sorted(
        (f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist", model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in own_apps
    )


def unoffered_text_field(model_admin) -> str | None:
    from django.db import models

    offered = model_admin._offered_lookups(None)
    for column in model_admin.model._meta.concrete_fields:
        if isinstance(column, (models.CharField, models.TextField)) and column.name not in offered:
            return column.name
    return None


ADMIN_ROUTE = Route(
    anonymous=ADMIN_SIGN_IN,
    member=ADMIN_SIGN_IN,
    other=ADMIN_SIGN_IN,
    unrelated=ADMIN_SIGN_IN,
    organiser=ADMIN_SIGN_IN,
    operator=OK,
)


@pytest.mark.parametrize("name", [name for name, _ in trellis_changelists()])
def test_who_may_open_each_admin_changelist_and_probe_it(as_role, real_ids, name):
    model_admin = dict(trellis_changelists())[name]
    path = reverse(name)
    probe = unoffered_text_field(model_admin)
    for role in ROLES:
        client = as_role(role)
        expected = getattr(ADMIN_ROUTE, role)
        plain = client.get(path)
        probed = client.get(path, {f"{probe}__startswith": "S"}) if probe else None
        if expected == ADMIN_SIGN_IN:
            assert plain.status_code == 302 and "/admin/login/" in plain.url, role
            assert probed is None or probed.status_code == 302, role
        else:
            assert plain.status_code == OK, role
            assert probed is None or probed.status_code == 400, (role, probe)
        client.logout()


def test_the_admin_matrix_covers_the_lists_that_hold_private_text():
    names = {name for name, _ in trellis_changelists()}

    assert {
        "admin:connections_intro_changelist",
        "admin:connections_exchange_changelist",
        "admin:initiatives_observation_changelist",
        "admin:initiatives_volunteer_changelist",
        "admin:accounts_user_changelist",
    } <= names
