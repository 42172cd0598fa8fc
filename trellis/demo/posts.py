"""The demo's posts and topic follows.

The demo member writes her posts and follows the topics she works on through the
community services. A few percent of everyone else write short posts about a
problem from their own profile and follow topics they work on or are curious
about, in bulk: multi-row INSERTs, each post linked to the topics the matcher
finds in it (as `post_create` links them), and no recommendations refresh queued
per post: the `demo` command computes recommendations itself afterwards.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max

from trellis.community import markdown
from trellis.community import services as community
from trellis.community.models import Post, TopicFollow
from trellis.demo import data
from trellis.demo.accounts import MEMBER_EMAIL
from trellis.demo.network import CURIOUS, WORKING
from trellis.demo.tree import Person
from trellis.demo.writing import Progress, insert_rows
from trellis.people import selectors
from trellis.people.models import Member, ProfileTopic, Topic

AUTHORS_PER_PERSON = 0.03
MAX_AUTHORS = 3000
MIN_AUTHORS = 12
SECOND_POST = 0.25  # of authors, who wrote two
FOLLOWERS_PER_AUTHOR = 1.0  # people who follow topics without writing, per author
# Authors who write on each topic the demo member follows, so her home page is not empty.
AUTHORS_PER_FOLLOWED_TOPIC = 2
MEMBER_FOLLOWS = 3
OLDEST_POST_DAYS = 150

MEMBER_POSTS = (  # (title, body, days ago)
    (
        "Migrating to Kubernetes: the boring parts",
        "We're about halfway through moving our services to **Kubernetes**. The cluster "
        "was the easy bit; what takes the time:\n\n"
        "- health checks that actually mean something\n"
        "- CI/CD pipelines that still assume one VM per service\n"
        "- runbooks nobody has updated since 2021\n\n"
        "If your team has done this, I'd love to compare notes over coffee.",
        11,
    ),
    (
        "",
        "Accessibility of our forms, week three with the design team: screen-reader "
        "testing found more than any automated audit did. Writing up our checklist "
        "next; happy to share it.",
        4,
    ),
)


@dataclass(slots=True)
class PlannedPost:
    author: int  # index into `people`
    title: str
    body: str
    days_ago: float


@dataclass
class PostPlan:
    posts: list[PlannedPost]
    follows: list[tuple[int, int, float]]  # (person, topic id, days ago)


def _interests(person: Person, names: dict[int, str]) -> tuple[int, ...]:
    if not person.topics:
        return ()
    both = set(person.topics[WORKING]) | set(person.topics[CURIOUS])
    return tuple(sorted(both, key=names.__getitem__))  # by name: the same whatever the ids


def _working(person: Person, names: dict[int, str]) -> tuple[int, ...]:
    if not person.topics:
        return ()
    return tuple(sorted(set(person.topics[WORKING]), key=names.__getitem__))


def _write(rng: random.Random, topic: str, other: str) -> tuple[str, str]:
    words = {"topic": topic, "other": other}
    title = rng.choice(data.POST_TITLES).format(**words)
    if title:
        title = title[0].upper() + title[1:]
    paragraphs = [rng.choice(data.POST_OPENINGS)]
    if rng.random() < 0.8:
        paragraphs.append(rng.choice(data.POST_DETAILS))
    paragraphs.append(rng.choice(data.POST_ASKS))
    return title, "\n\n".join(paragraphs).format(**words)


def plan_posts(
    rng: random.Random,
    people: list[Person],
    *,
    names: dict[int, str],
    favoured: tuple[int, ...] = (),
) -> PostPlan:
    """Who writes what, and who follows which topics; pure Python over the planned people.

    `favoured` topics (those the demo member follows) each get a few authors first.
    """
    eligible = [
        i
        for i, person in enumerate(people)
        if person.profile["status"] == Member.Status.ACTIVE and _interests(person, names)
    ]
    plan = PostPlan([], [])
    if not eligible:
        return plan
    total = min(MAX_AUTHORS, max(MIN_AUTHORS, round(len(people) * AUTHORS_PER_PERSON)))
    chosen: dict[int, int | None] = {}  # author -> the topic they must write on, if any
    for topic in favoured:
        on_it = [i for i in eligible if topic in _interests(people[i], names) and i not in chosen]
        for i in rng.sample(on_it, min(AUTHORS_PER_FOLLOWED_TOPIC, len(on_it))):
            chosen[i] = topic
    rest = [i for i in eligible if i not in chosen]
    for i in rng.sample(rest, max(0, min(total - len(chosen), len(rest)))):
        chosen[i] = None
    for i, topic in chosen.items():
        person = people[i]
        pool = _working(person, names) or _interests(person, names)
        for n in range(2 if rng.random() < SECOND_POST else 1):
            about = topic if topic is not None and n == 0 else rng.choice(pool)
            other = rng.choice(_interests(person, names))
            title, body = _write(rng, names[about], names[other])
            days = rng.uniform(0.2, 30) if topic is not None else rng.uniform(0.2, OLDEST_POST_DAYS)
            plan.posts.append(PlannedPost(i, title, body, round(days, 4)))
    others = [i for i in rest if i not in chosen]
    followers = list(chosen) + rng.sample(
        others, min(len(others), round(len(chosen) * FOLLOWERS_PER_AUTHOR))
    )
    for i in followers:
        interests = _interests(people[i], names)
        for topic in rng.sample(interests, min(len(interests), rng.randint(1, 3))):
            plan.follows.append((i, topic, round(rng.uniform(1, 200), 4)))
    return plan


def member_follows() -> tuple[Member, list[Topic]]:
    """The demo member, and the topics she works on that she follows (by name)."""
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    working = ProfileTopic.objects.filter(member=member, statement="working_on")
    topics = Topic.objects.filter(pk__in=working.values("topic_id")).order_by("name")
    return member, list(topics[:MEMBER_FOLLOWS])


def create_member_posts(member: Member, topics: list[Topic], *, now: datetime) -> None:
    """The demo member's posts and follows, through the community services, dated back.

    Like the rest of the seed they queue nothing: the `demo` command computes her
    recommendations itself (or her first visit queues them).
    """
    for topic in topics:
        community.topic_follow(member=member, topic=topic)
    for title, body, days in MEMBER_POSTS:
        post = community.post_create(author=member, title=title, body=body, refresh=False)
        when = now - timedelta(days=days)
        Post.objects.filter(pk=post.pk).update(created_at=when, updated_at=when)


def create_posts(
    plan: PostPlan, member_ids: list[int], *, now: datetime, report: Progress
) -> tuple[int, int]:
    """Write the planned posts, their topic links and the follows in bulk."""
    topic_ids = dict(Topic.objects.values_list("slug", "id"))
    matcher = selectors.topic_matcher()
    rows, texts = [], []
    for p in plan.posts:
        text = markdown.plain_text(p.body)
        when = now - timedelta(days=p.days_ago)
        rows.append((member_ids[p.author], p.title, p.body, text, Post.State.PUBLISHED, when, when))
        texts.append(f"{p.title}\n{text}")
    mark = Post.objects.aggregate(last=Max("pk"))["last"] or 0
    names = ("author", "title", "body", "text", "state", "created_at", "updated_at")
    insert_rows(Post, names, rows)
    post_ids = list(Post.objects.filter(pk__gt=mark).order_by("pk").values_list("pk", flat=True))
    links = [
        (post_id, topic_ids[slug])
        for post_id, text in zip(post_ids, texts, strict=True)
        for slug in matcher.topics(text)
        if slug in topic_ids
    ]
    insert_rows(Post.topics.through, ("post", "topic"), links)
    report("posts", len(rows), len(rows))
    follows = [
        (member_ids[i], topic, now - timedelta(days=days)) for i, topic, days in plan.follows
    ]
    insert_rows(TopicFollow, ("member", "topic", "created_at"), follows)
    report("topic follows", len(follows), len(follows))
    return len(rows), len(follows)
