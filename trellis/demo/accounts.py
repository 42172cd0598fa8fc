"""The named demo accounts people sign in with: complete profiles, real passwords."""

from __future__ import annotations

from trellis.accounts.bulk import NewUser, users_create
from trellis.matching.engine.synthetic import PlannedPerson
from trellis.people.models import Member
from trellis.people.services import member_create

DEMO_DOMAIN = "demo.trellis.test"
DEMO_PASSWORD = "trellis-demo-garden"
MEMBER_EMAIL = f"member@{DEMO_DOMAIN}"
ORGANISER_EMAIL = f"organiser@{DEMO_DOMAIN}"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"

DEMO_MEMBER_PROFILE = {
    "display_name": "Noor Haddad",
    "discipline": "Engineering",
    "level": 3,
    "timezone": "Europe/London",
    "languages": ["English", "Arabic", "French"],
    "background": ["physics", "teaching"],
    # Room for the active and the resting relationship of the demo's story, and
    # for accepting the intro waiting for them.
    "capacity": 3,
    "working_on": "Migrating to Kubernetes; our CI/CD pipelines keep breaking; "
    "accessibility of our forms with the design team",
    "curious_about": "how the data team is forecasting churn, technical writing, LLM evals",
    "can_help_with": "Terraform, post-incident reviews, Python",
    "learning": "Go, getting better at a11y audits, public speaking",
    # Seen only by the people in a relationship with her.
    "chat_handle": "@noor on the company chat",
}
DEMO_ORGANISER_PROFILE = {
    "display_name": "Tomás Ferreira",
    "discipline": "People",
    "level": 4,
    "timezone": "Europe/Lisbon",
    "languages": ["English", "Portuguese", "Spanish"],
    "background": ["career-changer", "music"],
    "capacity": 3,
    "working_on": "New hire onboarding that takes weeks, not months; peer mentoring people "
    "actually want, performance reviews that are fair",
    "curious_about": "how engineers run blameless postmortems, user interviews",
    "can_help_with": "coaching conversations, workshop facilitation, giving feedback",
    "learning": "SQL for HR dashboards, data visualization",
}


def _first_team_lead(people: list[PlannedPerson], discipline: str) -> int:
    """The first manager in `discipline` whose reports are all ICs (else its director)."""
    for i, person in enumerate(people):
        leads_ics = person.reports and not any(people[r].reports for r in person.reports)
        if person.discipline == discipline and person.depth >= 3 and leads_ics:
            return i
    return next(i for i, p in enumerate(people) if p.depth == 2 and p.discipline == discipline)


def create_named_accounts(people: list[PlannedPerson], member_ids: list[int]) -> None:
    """The demo member and organiser, in teams of the tree, and an admin."""
    for email, profile, is_organiser in (
        (MEMBER_EMAIL, DEMO_MEMBER_PROFILE, False),
        (ORGANISER_EMAIL, DEMO_ORGANISER_PROFILE, True),
    ):
        lead = _first_team_lead(people, profile["discipline"])
        member_create(
            email=email,
            password=DEMO_PASSWORD,
            is_organiser=is_organiser,
            manager=Member.objects.get(pk=member_ids[lead]),
            team=people[lead].team,
            **profile,
        )
    users_create([NewUser(ADMIN_EMAIL, DEMO_PASSWORD, is_staff=True, is_superuser=True)])
