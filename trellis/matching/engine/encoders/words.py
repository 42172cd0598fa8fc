"""The word lists the vocabulary encoder weighs words by."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


# Words that carry grammar, not a subject. Anything else common in an
# organisation's profiles is weighed down by its own frequency instead.
STOP_WORDS = frozenset(
    _words(
        """
        a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing done down during
        each either etc few for from further get gets getting got had has have having he her
        here hers herself him himself his how i i'd i'll i'm i've if in into is it it's its
        itself just let like me more most mostly much must my myself no nor not now of off
        on once only or other our ours ourselves out over own per quite rather really same
        she should so some still such than that the their theirs them themselves then there
        these they this those through to too under until up upon us very via was we we're
        were what when where whether which while who whom why will with within without would
        yet you your yours yourself yourselves e.g i.e vs ve ll re s t d m
        """
    )
)

# Words of working life in general rather than of any one problem: a profile
# that says only "strategy, leadership, communication" shares nothing specific
# with another that says the same. They weigh `GENERIC_WEIGHT` of their idf;
# so do word pairs made only of them and topics whose names are.
GENERIC_WORDS = frozenset(
    _words(
        """
        accountability accountable across cross crossfunctional functional achieve achieving
        align aligned aligning alignment approach approaches area areas aspect aspects best
        better bigger build building capabilities capability career careers centric
        challenge challenges collaborate collaborating collaboration collaborative
        communicate communicating communication communications company continuous core
        create creating creative creatively creativity critical culture cultures deliver
        delivering delivery develop developing development different drive driving effective
        effectiveness efficiency efficient empower empowering empowerment engage engagement
        engaging everyone everything excellence excellent execute executing execution focus
        focused framework frameworks general goal goals good great grow growing growth help
        helping high impact impactful improve improvement improvements improving initiative
        initiatives innovate innovation innovative journey key lead leader leaders
        leadership leading learn learning level levels lot making manage management managing
        mindset mission new next objective objectives operational opportunities opportunity
        organization organizational outcome outcomes overall own owning ownership partner
        partnering people performance personal plan planning plans practice practices
        prioritization prioritize prioritizing priorities priority problem problems process
        processes productive productivity professional progress quality raise raising
        relationship relationships result results right share sharing skill skills solve
        solving stakeholder stakeholders strategic strategies strategy strong success
        successful support supporting synergy team teams thing things thinking transform
        transformation value values vision visibility visible way ways work working world
        """
    )
)
GENERIC_WEIGHT = 0.05
