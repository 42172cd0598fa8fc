"""The observation linter's three rules: what each finds, where it points, what it suggests."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trellis.lint import OBSERVATION_RULES, Finding, lint_observation


def rules(text: str, **options) -> set[str]:
    return {finding.rule for finding in lint_observation(text, **options)}


def flagged(rule: str, text: str, **options) -> list[str]:
    """The words of the note each finding of `rule` points at."""
    return [text[f.start : f.end] for f in lint_observation(text, **options) if f.rule == rule]


# --- vague-praise ---------------------------------------------------------------------


def test_great_job_alone_is_vague_praise():
    assert flagged("vague-praise", "Great job!") == ["Great job"]


@pytest.mark.parametrize(
    "text",
    [
        "very helpful, thanks",
        "Amazing work this quarter \U0001f64c",
        "CRUSHED IT",
        "total rockstar",
        "Thanks for all your hard work!!",
        "Always goes above and beyond.",
        "she did well",
        "super helpful as always",
        "Nice work on the launch.",
        "kudos!",
        "Awsome work, realy good",
        "greaaat job",
        "gr8 job m8",
        "Top notch stuff.",
        "Brilliant!",
        "\U0001f44f\U0001f44f\U0001f44f",
    ],
)
def test_generic_praise_in_any_wording_is_vague_praise(text):
    assert rules(text) == {"vague-praise"}


def test_praise_beside_a_specific_action_is_fine():
    text = (
        "Great job leading the Postgres 15 upgrade: you wrote the rollback plan and "
        "caught the replication lag."
    )
    assert lint_observation(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Led the data migration and caught the duplicate-invoice bug before launch.",
        "kudos for untangling the terraform state mess, staging deploys work again",
        "Organised the accessibility audit of the checkout flow.",
        "Cut our CI build from 40 to 12 mins, nice one!",
        "Thanks for fixing the payroll export before the 25th.",
        "Ana was a great help on the Henderson case.",
        "Shipped the MVP of the booking app in six weeks.",
        "Her top priority was the SOC 2 evidence, and she collected all of it.",
    ],
)
def test_a_note_that_names_specific_work_is_fine(text):
    assert lint_observation(text) == []


def test_a_note_that_names_nothing_specific_is_vague_as_a_whole():
    text = "  She was involved in the project.\n"
    assert flagged("vague-praise", text) == ["She was involved in the project."]


def test_a_couple_of_words_being_typed_are_left_alone():
    assert lint_observation("Led") == []
    assert lint_observation("She ran") == []


def test_the_subject_is_never_read_as_a_piece_of_work():
    assert rules("Great job on Ana's stuff", subject="Ana") == {"vague-praise"}


def test_the_suggestion_says_what_to_write_instead_using_the_subjects_name():
    (finding,) = lint_observation("\u201cgreat job\u201d", subject="Ana")
    assert finding.suggestion.startswith(
        "Instead of \u201cgreat job\u201d, say what you saw Ana do:"
    )
    assert finding.why == OBSERVATION_RULES["vague-praise"].why


# --- about-the-person -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trait"),
    [
        ("She is so smart.", "She is so smart"),
        ("A natural leader, everyone listens when he talks.", "A natural leader"),
        ("Very talented designer.", "Very talented designer"),
        ("Has a great attitude.", "Has a great attitude"),
        ("he's very hardworking", "he's very hardworking"),
        ("Honestly a genius.", "a genius"),
        ("Maria is super reliable.", "Maria is super reliable"),
        ("you are a pleasure to work with", "a pleasure to work with"),
    ],
)
def test_judging_the_person_is_about_the_person(text, trait):
    assert flagged("about-the-person", text) == [trait]


def test_a_trait_is_found_even_beside_specific_work_but_nothing_else_is():
    text = "Such a team player! Covered my shifts on the help desk and kept the queue under 20."
    assert [f.rule for f in lint_observation(text)] == ["about-the-person"]


@pytest.mark.parametrize(
    "text",
    [
        "The fix was smart: it reused the existing retry queue for the webhooks.",
        "Ana is positive the new rota will work, and she tested it with two shifts first.",
        "Her code reviews are thorough and kind, like the one on the billing refactor.",
        "She is kind of quiet but she rewrote our test suite.",
    ],
)
def test_traits_of_things_or_other_senses_of_the_words_are_not_about_the_person(text):
    assert "about-the-person" not in rules(text)


# --- rating -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("10/10 would work with again.", "10/10"),
        ("5 stars, rewrote the whole billing module", "5 stars"),
        ("Got an A+ from me on the quarterly forecast.", "A+"),
        ("Best engineer on the team, hands down.", "Best engineer on the team"),
        ("Top performer this quarter.", "Top performer"),
        ("Better than anyone else at closing deals.", "Better than anyone"),
        ("Ranked #1 in our sales team for Q2.", "Ranked #1"),
        ("She was the MVP of the hackathon.", "was the MVP"),
        ("\u2b50\u2b50\u2b50\u2b50\u2b50 migrated the CRM", "\u2b50\u2b50\u2b50\u2b50\u2b50 "),
    ],
)
def test_scores_grades_and_rankings_are_ratings(text, rating):
    assert flagged("rating", text) == [rating]


@pytest.mark.parametrize(
    "text",
    [
        "Best practice for the expense workflow is now documented by Lena.",
        "Cut the backlog from 5 to 2 items and closed 10 tickets on 10/10/2024.",
        "Joined late but took ownership of the supplier scorecard.",
        "Shipped the MVP of the booking app in six weeks.",
    ],
)
def test_numbers_best_practice_and_product_mvps_are_not_ratings(text):
    assert "rating" not in rules(text)


def test_the_rating_suggestion_says_observations_are_never_ratings():
    (finding,) = [f for f in lint_observation("10/10", subject="Ana") if f.rule == "rating"]
    assert "never a rating or a ranking" in finding.suggestion
    assert "Ana" in finding.suggestion


# --- offsets, order, and any text at all ------------------------------------------------------


def test_offsets_point_at_the_words_typed_after_curly_quotes_and_emoji():
    text = "\U0001f605\U0001f3fd \u201cHonestly\u201d \u2014 SO helpful!! she\u2019s a genius"
    assert flagged("vague-praise", text) == ["SO helpful"]
    assert flagged("about-the-person", text) == ["she\u2019s a genius"]


def test_findings_are_sorted_by_where_they_start():
    findings = lint_observation("Great job, 10/10, she is so smart!")
    assert [f.rule for f in findings] == ["vague-praise", "rating", "about-the-person"]
    assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_every_finding_uses_a_stable_rule_id():
    assert list(OBSERVATION_RULES) == ["vague-praise", "about-the-person", "rating"]


@given(st.text(max_size=200), st.text(max_size=20))
def test_it_never_raises_and_every_span_lies_within_the_text(text, subject):
    for finding in lint_observation(text, subject=subject):
        assert isinstance(finding, Finding)
        assert 0 <= finding.start <= finding.end <= len(text)


# --- general classes: each with sentences of its own, in no corpus ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Brilliant work at the Leeds expo",
        "Fab job during the office relocation.",
        "Great effort throughout the merger",
        "Nice one at the Christmas party",
        "Excellent effort at the data science conference!",
        "Terrific at the hiring event",
    ],
)
def test_praise_that_names_an_occasion_or_a_place_rather_than_work_is_vague(text):
    assert rules(text) == {"vague-praise"}


@pytest.mark.parametrize(
    "text",
    [
        "Staffed the booth at the careers fair and booked 30 candidate calls.",
        "During the restructure she rewrote the org chart in Lucid and mapped each reporting line.",
        "Spoke at the security conference about our SSO rollout and wrote up the questions.",
        "Set up the conference room AV so remote staff can see the whiteboard.",
    ],
)
def test_work_done_at_an_occasion_is_still_specific(text):
    assert lint_observation(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to acknowledge Omar for his outstanding commitment.",
        "Want to celebrate Priyanka, amazing as ever.",
        "Huge thanks for your many contributions",
        "She was key to our wins this year.",
        "Always produces top-quality output.",
        "Participated in various committees.",
        "Took part in numerous workstreams and helped a ton",
        "Played a huge role in our achievements.",
    ],
)
def test_the_writers_verbs_plurals_abstract_and_degree_words_name_no_work(text):
    assert rules(text) == {"vague-praise"}


@pytest.mark.parametrize(
    "text",
    [
        "Lovely attitude.",
        "Such positive energy!",
        "Infectious can-do mindset",
        "Has a calm, patient manner with anxious customers.",
        "she's got a heart of gold",
        "Top bloke.",
        "an absolute gem of a colleague",
        "Very organised person",
        "Warm, funny and generous.",
        "so clever and so lovely",
        "the kindest human on the floor",
    ],
)
def test_character_nouns_informal_person_nouns_and_trait_superlatives_are_about_the_person(text):
    assert rules(text) == {"about-the-person"}


def test_a_word_that_is_both_praise_and_trait_is_praise_when_it_stands_alone():
    text = "Utterly brilliant, a consummate pro."
    assert flagged("vague-praise", text) == ["Utterly brilliant"]
    assert flagged("about-the-person", text) == ["a consummate pro"]


def test_a_superlative_of_ability_before_a_person_is_a_rating_and_of_a_trait_also_personal():
    assert rules("Far and away the most productive engineer we have.") == {"rating"}
    assert rules("The brightest analyst on the desk.") == {"rating", "about-the-person"}


@pytest.mark.parametrize(
    "text",
    [
        "Solid 8/10.",
        "4.5 stars from me",
        "Easily in the top 5% of engineers here.",
        "top 1% engineer",
        "Grade A colleague",
        "Number one closer on the team",
        "A+++ would hire again",
        "Ranked her top of the cohort",
        "Our sprint MVP, no contest",
        "MVP!!",
        "She's an MVP",
    ],
)
def test_grades_scores_ranks_and_a_persons_mvp_are_ratings(text):
    assert "rating" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "Scoped the MVP for the clinic booking flow and cut two screens.",
        "The MVP scope got cut by half after her review of the intake form.",
        "She ranked the backlog by customer impact and cut 30 stale tickets.",
        "Graded the sample exam papers against the new rubric.",
    ],
)
def test_a_product_mvp_and_ranking_or_grading_work_are_not_ratings(text):
    assert lint_observation(text) == []


def test_a_trait_that_is_also_a_verb_does_not_judge_the_person_when_it_starts_the_work():
    assert lint_observation("Organised and ran the retro for the payments squad.") == []
