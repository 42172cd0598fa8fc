"""Posts feed matching: each member's newest published posts reach the engine as text."""

from trellis.community import services
from trellis.community.selectors import recent_post_texts
from trellis.matching import selectors as matching
from trellis.matching.models import Cohort


def person(people, member):
    return next(p for p in people if p.id == str(member.pk))


def test_the_engine_reads_each_members_posts_as_plain_text_newest_first(post, ana, ben):
    services.post_create(author=ana, body="Now **Terraform** drift, too.")

    people = matching.everyone_people()

    assert person(people, ana).posts == (
        "Now Terraform drift, too.",
        "Making Kubernetes upgrades boring\n" + post.text,
    )
    assert person(people, ben).posts == ()


def test_a_rounds_cohort_reads_posts_too(post, ana):
    cohort = matching.cohort_people(cohort=Cohort("team", "Platform"))

    assert [p.posts for p in cohort.people] == [
        ("Making Kubernetes upgrades boring\n" + post.text,)
    ]


def test_deleted_posts_are_not_read(post, ana):
    services.post_delete(post=post, member=ana)

    assert person(matching.everyone_people(), ana).posts == ()


def test_only_the_newest_twenty_are_read(ana, ben, django_assert_num_queries):
    for n in range(23):
        services.post_create(author=ana, body=f"Note {n}")
    services.post_create(author=ben, body="Ben's only note")

    with django_assert_num_queries(1):
        texts = recent_post_texts(member_ids=[ana.pk, ben.pk])

    assert texts[ana.pk] == tuple(f"Note {n}" for n in range(22, 2, -1))
    assert texts[ben.pk] == ("Ben's only note",)


def test_reading_everyone_costs_the_same_queries_whatever_the_number_of_posts(
    ana, ben, django_assert_num_queries
):
    for n in range(5):
        services.post_create(author=ana, body=f"Note {n}")
        services.post_create(author=ben, body=f"Note {n}")

    with django_assert_num_queries(2):
        matching.everyone_people()


def test_a_post_can_be_what_two_people_are_matched_on(make_member):
    from trellis.matching import runs as matching_runs
    from trellis.matching.models import Suggestion

    writer = make_member("Wren Writer", can_help_with="Go", learning="Rust")
    make_member("Kai Ops", working_on="Kubernetes upgrades", learning="Python")
    for n in range(4):
        make_member(working_on=f"Pottery glazes {n}", can_help_with="Ceramics")

    def recommended() -> set[str]:
        matching_runs.recommendations_refresh(member_ids=[writer.pk])
        mine = Suggestion.objects.filter(recommended_to=writer).select_related(
            "member_a", "member_b"
        )
        return {s.other(writer.pk).display_name for s in mine}

    assert "Kai Ops" not in recommended()

    services.post_create(author=writer, body="Our Kubernetes upgrades keep failing on drain.")

    assert "Kai Ops" in recommended()
