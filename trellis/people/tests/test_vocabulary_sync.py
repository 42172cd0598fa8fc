"""Syncing the topic vocabulary file into the database, and what ships in it."""

import csv
import io

import pytest
from django.conf import settings

from trellis.people.models import ProfileTopic, Topic, TopicAlias
from trellis.people.services import vocabulary_load
from trellis.text.vocabulary import WORK_AREAS, VocabularyError, alias_key, load_vocabulary


def shipped_rows() -> list[list[str]]:
    text = settings.TOPICS_FILE.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def row_named(rows: list[list[str]], name: str) -> list[str]:
    return next(row for row in rows if row[0] == name)


def write_vocabulary(path, rows: list[list[str]]):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def add_alias(row: list[str], column: int, alias: str) -> None:
    row[column] = ";".join([*filter(None, row[column].split(";")), alias])


def remove_alias(row: list[str], column: int, alias: str) -> None:
    row[column] = ";".join(a for a in row[column].split(";") if a.strip() != alias)


def linked(member) -> set[tuple[str, str]]:
    return set(ProfileTopic.objects.filter(member=member).values_list("statement", "topic__name"))


def topic_of(alias: str) -> str:
    return TopicAlias.objects.get(key=alias_key(alias, case_sensitive=False)).topic.name


SYNONYMS, ABBREVIATIONS = 2, 3


# Loading


def test_loading_the_shipped_file_again_changes_nothing(ana, ben):
    links_before = set(ProfileTopic.objects.values_list("pk", flat=True))
    aliases_before = set(TopicAlias.objects.values_list("pk", flat=True))

    report = vocabulary_load(path=settings.TOPICS_FILE)

    assert (report.created, report.updated, report.relinked_members) == (0, 0, 0)
    assert report.unchanged == Topic.objects.count()
    assert not report.changed
    assert set(ProfileTopic.objects.values_list("pk", flat=True)) == links_before
    assert set(TopicAlias.objects.values_list("pk", flat=True)) == aliases_before


def test_a_new_alias_updates_its_topic_and_relinks_members(make_member, tmp_path):
    cara = make_member(working_on="container herding")
    assert linked(cara) == set()
    rows = shipped_rows()
    add_alias(row_named(rows, "Kubernetes"), SYNONYMS, "container herding")

    report = vocabulary_load(path=write_vocabulary(tmp_path / "topics.csv", rows))

    assert (report.created, report.updated) == (0, 1)
    assert report.relinked_members >= 1
    assert topic_of("container herding") == "Kubernetes"
    assert linked(cara) == {("working_on", "Kubernetes")}


def test_a_new_topic_is_created_and_linked(make_member, tmp_path):
    cara = make_member(learning="slip box note taking")
    rows = [*shipped_rows(), ["Zettelkasten", "research", "slip box note taking", ""]]

    report = vocabulary_load(path=write_vocabulary(tmp_path / "topics.csv", rows))

    assert (report.created, report.updated) == (1, 0)
    assert Topic.objects.get(slug="zettelkasten").area == "research"
    assert linked(cara) == {("learning", "Zettelkasten")}


def test_an_alias_can_move_from_one_topic_to_another(make_member, tmp_path):
    cara = make_member(can_help_with="helm charts")
    assert linked(cara) == {("can_help_with", "Kubernetes")}
    rows = shipped_rows()
    remove_alias(row_named(rows, "Kubernetes"), SYNONYMS, "helm charts")
    add_alias(row_named(rows, "Terraform"), SYNONYMS, "helm charts")

    report = vocabulary_load(path=write_vocabulary(tmp_path / "topics.csv", rows))

    assert (report.created, report.updated) == (0, 2)
    assert topic_of("helm charts") == "Terraform"
    assert linked(cara) == {("can_help_with", "Terraform")}


def test_loading_without_relinking_leaves_the_links_alone(make_member, tmp_path):
    cara = make_member(working_on="container herding")
    rows = shipped_rows()
    add_alias(row_named(rows, "Kubernetes"), SYNONYMS, "container herding")

    report = vocabulary_load(path=write_vocabulary(tmp_path / "topics.csv", rows), relink=False)

    assert report.updated == 1
    assert report.relinked_members == 0
    assert linked(cara) == set()


def test_a_topic_dropped_from_the_file_is_removed_with_its_links(ana, tmp_path):
    rows = [row for row in shipped_rows() if row[0] != "Terraform"]

    report = vocabulary_load(path=write_vocabulary(tmp_path / "topics.csv", rows))

    assert (report.created, report.updated, report.removed) == (0, 0, 1)
    assert not Topic.objects.filter(name="Terraform").exists()
    assert ("can_help_with", "Terraform") not in linked(ana)
    assert ana.can_help_with == "Terraform, incident reviews"


def test_a_malformed_file_raises_and_writes_nothing(ana, tmp_path):
    rows = shipped_rows()
    add_alias(row_named(rows, "Kubernetes"), SYNONYMS, "container herding")
    rows.append(["Knitting", "crafts", "", ""])
    topics = set(Topic.objects.values_list("pk", "name", "area"))
    aliases = set(TopicAlias.objects.values_list("pk", "key", "topic_id"))

    with pytest.raises(VocabularyError):
        vocabulary_load(path=write_vocabulary(tmp_path / "topics.csv", rows))

    assert set(Topic.objects.values_list("pk", "name", "area")) == topics
    assert set(TopicAlias.objects.values_list("pk", "key", "topic_id")) == aliases


def test_a_renamed_topic_takes_its_aliases_along(make_member, tmp_path):
    cara = make_member(can_help_with="opentofu")
    rows = shipped_rows()
    row_named(rows, "Terraform")[0] = "Terraform IaC"

    report = vocabulary_load(path=write_vocabulary(tmp_path / "topics.csv", rows))

    assert report.created == 1
    assert topic_of("opentofu") == "Terraform IaC"
    assert linked(cara) == {("can_help_with", "Terraform IaC")}


def test_an_alias_of_a_dropped_topic_can_go_to_another_topic(make_member, tmp_path):
    cara = make_member(can_help_with="opentofu")
    rows = [row for row in shipped_rows() if row[0] != "Terraform"]
    add_alias(row_named(rows, "Infrastructure as code"), SYNONYMS, "opentofu")

    vocabulary_load(path=write_vocabulary(tmp_path / "topics.csv", rows))

    assert topic_of("opentofu") == "Infrastructure as code"
    assert linked(cara) == {("can_help_with", "Infrastructure as code")}


# The shipped vocabulary


def test_the_shipped_vocabulary_has_at_least_300_topics():
    assert len(load_vocabulary(settings.TOPICS_FILE)) >= 300


def test_the_shipped_vocabulary_spans_every_area_of_work():
    areas = {entry.area for entry in load_vocabulary(settings.TOPICS_FILE)}

    assert set(WORK_AREAS) - areas == set()


@pytest.mark.django_db
def test_every_shipped_topic_is_in_the_test_database():
    assert Topic.objects.count() == len(load_vocabulary(settings.TOPICS_FILE))
    assert Topic.objects.filter(name="Kubernetes", slug="kubernetes").exists()
    assert topic_of("k8s") == "Kubernetes"
    assert topic_of("a11y") == "Accessibility"
