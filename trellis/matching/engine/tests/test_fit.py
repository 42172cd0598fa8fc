"""Fit between people and a piece of work: helping with what it needs, learning what it
uses, caring about the same problem; in any wording, and never on generic words alone."""

from trellis.matching.engine.fit import fit_scores
from trellis.matching.engine.people import Person


def person(pid, working_on="", curious_about="", can_help_with="", learning=""):
    return Person(
        id=pid,
        name=pid,
        discipline="",
        team="",
        level=0,
        manager=None,
        background=(),
        capacity=3,
        working_on=working_on,
        curious_about=curious_about,
        can_help_with=can_help_with,
        learning=learning,
    )


MIGRATION = person(
    "work",
    working_on="Move invoicing off the nightly batch job\nInvoices fail and nobody knows why",
    curious_about="Cash arrives a week late every quarter",
    can_help_with="PostgreSQL, Kubernetes, data migration",
    learning="PostgreSQL, Kubernetes, data migration",
)


def test_someone_who_can_help_with_what_it_needs_fits_in_other_words():
    helper = person("h", working_on="mobile app", can_help_with="Postgres, k8s")

    scores = fit_scores([helper], [MIGRATION])

    assert scores.helps[0, 0] > 0.1
    assert scores.fit[0, 0] > 0


def test_someone_learning_what_it_uses_fits_by_learning():
    learner = person("l", working_on="checkout flows", learning="kubernetes clusters")

    scores = fit_scores([learner], [MIGRATION])

    assert scores.learns[0, 0] > scores.helps[0, 0]
    assert scores.fit[0, 0] > 0


def test_generic_words_alone_do_not_fit():
    generic = person(
        "g",
        working_on="strategy, leadership",
        can_help_with="communication, teamwork",
        learning="stakeholder management",
    )
    helper = person("h", working_on="mobile app", can_help_with="Postgres, k8s")

    scores = fit_scores([generic, helper], [MIGRATION])

    assert scores.fit[0, 0] == 0
    assert scores.fit[1, 0] > scores.fit[0, 0]


def test_each_person_is_scored_against_each_piece_of_work():
    other = person("w2", working_on="accessibility audit", learning="screen readers, WCAG")
    people = [person("a", can_help_with="WCAG audits"), person("b", can_help_with="k8s")]

    scores = fit_scores(people, [MIGRATION, other])

    assert scores.fit.shape == (2, 2)
    assert scores.fit[0, 1] > scores.fit[0, 0]
    assert scores.fit[1, 0] > scores.fit[1, 1]


def test_nobody_or_nothing_gives_empty_scores():
    assert fit_scores([], [MIGRATION]).fit.shape == (0, 1)
    assert fit_scores([person("a")], []).fit.shape == (1, 0)


def test_copies_of_the_shared_encoder_never_read_with_another_organisations_acronyms():
    from array import array

    from trellis.matching.engine.fit import fresh_encoder

    spells_it_out = [
        person("a", working_on="VAP bundle audits on the ward"),
        person("b", working_on="ventilator associated pneumonia prevention"),
        person("c", working_on="ventilator associated pneumonia rates"),
    ]
    never_does = [person("d", working_on="VAP bundle audits on the ward"), person("e")]
    learned = fresh_encoder().fit(spells_it_out)
    other = fresh_encoder().fit(never_does)

    def features(encoder):
        return set(array("i", encoder.phrases.phrase("VAP bundle audits on the ward")))

    assert learned.acronyms.expand("VAP") and not other.acronyms.expand("VAP")
    assert features(other) < features(learned)  # no expansion's words in the other's
