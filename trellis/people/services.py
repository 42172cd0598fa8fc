"""Writes for people: members, profiles, their topic links and the vocabulary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from trellis.accounts.models import User
from trellis.people import selectors
from trellis.people.models import STATEMENT_FIELDS, Member, ProfileTopic, Topic, TopicAlias
from trellis.text.vocabulary import TopicEntry, TopicMatcher, load_vocabulary

PROFILE_FIELDS = (
    "display_name",
    "discipline",
    "background",
    "team",
    "level",
    "timezone",
    "languages",
    "capacity",
    "open_to_peer_learning",
    "open_to_initiatives",
    "open_to_helping",
    "status",
    "chat_handle",
    "booking_link",
    *STATEMENT_FIELDS,
)


def _check_manager(member: Member) -> None:
    if member.manager_id is None:
        return
    if member.pk is not None and member.manager_id == member.pk:
        raise ValidationError({"manager": "A member cannot be their own manager."})
    if selectors.would_create_cycle(member_id=member.pk, manager_id=member.manager_id):
        raise ValidationError(
            {
                "manager": "This would make a reporting cycle: the member already manages "
                "this person, directly or through others."
            }
        )


@transaction.atomic
def member_create(
    *,
    email: str,
    display_name: str,
    manager: Member | None = None,
    password: str | None = None,
    is_organiser: bool = False,
    **profile,
) -> Member:
    """Create a login and its member profile, with the topics its statements mention."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {', '.join(sorted(unknown))}")
    user = User(email=email, is_organiser=is_organiser)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    member = Member(user=user, display_name=display_name, manager=manager, **profile)
    member.full_clean(exclude=["user"])
    _check_manager(member)
    member.save()
    profile_topics_link(members=[member])
    return member


@transaction.atomic
def member_update(*, member: Member, **changes) -> Member:
    """Change a member's profile; statements are re-linked to topics when they change."""
    allowed = set(PROFILE_FIELDS) | {"manager"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"Unknown profile fields: {', '.join(sorted(unknown))}")
    # Compared with the stored row, not the instance: a bound ModelForm has
    # already copied its values onto the instance it was given.
    stored = Member.objects.filter(pk=member.pk).values(*STATEMENT_FIELDS).first() or {}
    statements_changed = any(
        field in changes and changes[field] != stored.get(field) for field in STATEMENT_FIELDS
    )
    for field, value in changes.items():
        setattr(member, field, value)
    member.full_clean(exclude=["user"])
    _check_manager(member)
    member.save()
    if statements_changed:
        profile_topics_link(members=[member])
    return member


def profile_topic_rows(
    member: Member,
    matcher: TopicMatcher,
    topic_ids: dict[str, int],
    seen: dict[str, list[str]] | None = None,
):
    """The ProfileTopic rows that a member's statements call for.

    `seen` remembers the topics of texts already matched: rosters and demo data
    repeat statements often, and matching is the slow part.
    """
    seen = {} if seen is None else seen
    for statement in STATEMENT_FIELDS:
        text = getattr(member, statement) or ""
        slugs = seen.get(text)
        if slugs is None:
            slugs = seen[text] = matcher.topics(text)
        for slug in slugs:
            topic_id = topic_ids.get(slug)
            if topic_id is not None:
                yield ProfileTopic(member_id=member.pk, topic_id=topic_id, statement=statement)


@transaction.atomic
def profile_topics_link(*, members: Sequence[Member], batch_size: int = 5000) -> int:
    """Replace the topic links of `members` with what their statements mention now.

    Returns the number of links written.
    """
    if not members:
        return 0
    matcher = selectors.topic_matcher()
    topic_ids = dict(Topic.objects.values_list("slug", "id"))
    ids = [m.pk for m in members]
    for start in range(0, len(ids), batch_size):
        ProfileTopic.objects.filter(member_id__in=ids[start : start + batch_size]).delete()
    seen: dict[str, list[str]] = {}
    rows = [
        row for member in members for row in profile_topic_rows(member, matcher, topic_ids, seen)
    ]
    ProfileTopic.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


@dataclass(frozen=True)
class VocabularyReport:
    """What loading the vocabulary file changed."""

    created: int
    updated: int
    unchanged: int
    removed: int
    aliases: int
    relinked_members: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def _topic_signature(name: str, area: str, aliases: Iterable[tuple]) -> tuple:
    return (name, area, tuple(sorted(aliases)))


@transaction.atomic
def vocabulary_sync(*, entries: Sequence[TopicEntry], relink: bool = True) -> VocabularyReport:
    """Make the topics in the database match the vocabulary file's entries.

    Topics are matched by slug and their aliases replaced. Topics no longer in
    the file are removed with their links: the file is the vocabulary, so an
    alias can move from a dropped topic to a new one. When anything changed,
    every member's statements are re-linked so the new words count.
    """
    wanted_slugs = {entry.slug for entry in entries}
    removed = Topic.objects.exclude(slug__in=wanted_slugs).count()
    Topic.objects.exclude(slug__in=wanted_slugs).delete()
    existing = {t.slug: t for t in Topic.objects.prefetch_related("aliases")}
    created = updated = unchanged = alias_count = 0
    new_aliases: list[TopicAlias] = []
    for entry in entries:
        wanted = [(a.text, a.kind, a.case_sensitive, a.key) for a in entry.aliases]
        alias_count += len(wanted)
        topic = existing.get(entry.slug)
        if topic is not None:
            have = [(a.text, a.kind, a.case_sensitive, a.key) for a in topic.aliases.all()]
            if _topic_signature(topic.name, topic.area, have) == _topic_signature(
                entry.name, entry.area, wanted
            ):
                unchanged += 1
                continue
            topic.name, topic.area = entry.name, entry.area
            topic.save()
            topic.aliases.all().delete()
            updated += 1
        else:
            topic = Topic.objects.create(name=entry.name, slug=entry.slug, area=entry.area)
            created += 1
        new_aliases += [
            TopicAlias(topic=topic, text=t, kind=k, case_sensitive=cs, key=key)
            for t, k, cs, key in wanted
        ]
    # Created after every old alias is gone, so an alias may move between topics.
    TopicAlias.objects.bulk_create(new_aliases, batch_size=2000)
    relinked = 0
    if relink and (created or updated or removed):
        relinked = profile_topics_relink_all()
    return VocabularyReport(created, updated, unchanged, removed, alias_count, relinked)


def vocabulary_load(*, path: Path, relink: bool = True) -> VocabularyReport:
    """Read the vocabulary file at `path` and sync the database with it."""
    return vocabulary_sync(entries=load_vocabulary(path), relink=relink)


def profile_topics_relink_all(*, chunk: int = 5000) -> int:
    """Re-link every member's statements to topics; returns how many members."""
    fields = ["id", *STATEMENT_FIELDS]
    ids = list(Member.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), chunk):
        members = list(Member.objects.filter(id__in=ids[start : start + chunk]).only(*fields))
        profile_topics_link(members=members)
    return len(ids)
