"""`trellis load_topics`: load the vocabulary file, refuse a malformed one whole."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from trellis.people.models import ProfileTopic, Topic, TopicAlias

HEADER = "name,area,synonyms,abbreviations\n"


def load_topics(*args) -> str:
    out = io.StringIO()
    call_command("load_topics", *args, stdout=out)
    return out.getvalue()


def shipped_text() -> str:
    return settings.TOPICS_FILE.read_text(encoding="utf-8-sig")


def vocabulary_snapshot() -> tuple[set, set]:
    return (
        set(Topic.objects.values_list("pk", "slug", "name", "area")),
        set(TopicAlias.objects.values_list("pk", "key", "topic_id")),
    )


@pytest.mark.django_db
def test_it_loads_the_shipped_file_by_default_and_reports_nothing_changed():
    output = load_topics()

    assert f"0 created, 0 updated, 0 removed, {Topic.objects.count()} unchanged" in output
    assert "Re-linked" not in output


def test_it_loads_the_file_it_is_given_and_relinks_members(make_member, tmp_path):
    cara = make_member(learning="slip box note taking")
    path = tmp_path / "topics.csv"
    path.write_text(shipped_text() + "Zettelkasten,research,slip box note taking,\n")

    output = load_topics(str(path))

    assert "1 created, 0 updated" in output
    assert f"Re-linked the profiles of {cara.__class__.objects.count()} members." in output
    assert ProfileTopic.objects.filter(member=cara, topic__slug="zettelkasten").exists()


def test_no_relink_loads_the_topics_but_leaves_profiles_alone(make_member, tmp_path):
    cara = make_member(learning="slip box note taking")
    path = tmp_path / "topics.csv"
    path.write_text(shipped_text() + "Zettelkasten,research,slip box note taking,\n")

    output = load_topics(str(path), "--no-relink")

    assert "1 created" in output
    assert "Re-linked" not in output
    assert Topic.objects.filter(slug="zettelkasten").exists()
    assert not ProfileTopic.objects.filter(member=cara).exists()


def test_a_malformed_file_is_refused_with_every_problem_and_its_line(ana, tmp_path):
    path = tmp_path / "topics.csv"
    path.write_text(
        HEADER
        + "Zettelkasten,research,slip box,\n"  # line 2: fine, but must not be written
        + "Knitting,crafts,,\n"  # line 3: unknown area
        + "Origami,design\n"  # line 4: too few cells
        + ",design,paper folding,\n"  # line 5: no name
        + "Cluster herding,infrastructure,slip box,\n"  # line 6: alias of line 2
    )
    before = vocabulary_snapshot()
    links = set(ProfileTopic.objects.values_list("pk", flat=True))

    with pytest.raises(CommandError) as error:
        load_topics(str(path))

    message = str(error.value)
    for line in ("line 3:", "line 4:", "line 5:", "line 6:"):
        assert line in message
    assert "line 2:" not in message
    assert "'crafts'" in message
    assert vocabulary_snapshot() == before
    assert set(ProfileTopic.objects.values_list("pk", flat=True)) == links
    assert not Topic.objects.filter(slug="zettelkasten").exists()


@pytest.mark.django_db
def test_a_file_with_the_wrong_header_is_refused_at_line_1(tmp_path):
    path = tmp_path / "topics.csv"
    path.write_text("topic,area\nKnitting,crafts\n")
    before = vocabulary_snapshot()

    with pytest.raises(CommandError, match="line 1: the header must be"):
        load_topics(str(path))

    assert vocabulary_snapshot() == before


@pytest.mark.django_db
def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No vocabulary file"):
        load_topics(str(tmp_path / "nowhere.csv"))


@pytest.mark.django_db
def test_loading_twice_changes_nothing_the_second_time(tmp_path):
    path = tmp_path / "topics.csv"
    path.write_text(shipped_text() + "Zettelkasten,research,slip box,\n")
    load_topics(str(path))
    after_first = vocabulary_snapshot()

    output = load_topics(str(path))

    assert "0 created, 0 updated" in output
    assert vocabulary_snapshot() == after_first
