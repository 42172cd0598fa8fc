"""The demo's posts and topic follows.

The demo member writes her posts and follows the topics she works on through the
community services. A few percent of everyone else write short posts about a
problem from their own profile and follow topics they work on or are curious
about, through community's bulk writers (which link each post to the topics it
names, as `post_create` does). No recommendations refresh is queued per post:
the `demo` command computes recommendations itself afterwards. A few people who work on
her first post's topics reply to it, and she marks one reply "this helped".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from trellis.community import bulk
from trellis.community import services as community
from trellis.community.models import Post
from trellis.demo import data
from trellis.demo.accounts import MEMBER_EMAIL
from trellis.demo.network import CURIOUS, WORKING
from trellis.demo.writing import DaysAgo, Progress
from trellis.matching.engine.synthetic import PlannedPerson
from trellis.notifications.services import notifications_in_app_only
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
# Replies to the demo member's first post, oldest first: (body, days ago). The first helped.
MEMBER_POST_REPLIES = (
    (
        "We had the same one-VM-per-service assumption in CI. What fixed it for us was a "
        "single [deploy template](https://example.org/deploy-template) every service "
        "extends, instead of each pipeline knowing the cluster. Happy to show you ours.",
        9,
    ),
    ("Health checks bit us too: ours passed while the database was down.", 7),
    ("Which runbooks did you rewrite first? We never know where to start.", 2),
)

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


def _interests(person: PlannedPerson, names: dict[int, str]) -> tuple[int, ...]:
    if not person.topics:
        return ()
    both = set(person.topics[WORKING]) | set(person.topics[CURIOUS])
    return tuple(sorted(both, key=names.__getitem__))  # by name: the same whatever the ids


def _working(person: PlannedPerson, names: dict[int, str]) -> tuple[int, ...]:
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
    people: list[PlannedPerson],
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
    posts = []
    for title, body, days in MEMBER_POSTS:
        with bulk.backdated(DaysAgo(now).at(days)):
            posts.append(
                community.post_create(author=member, title=title, body=body, refresh=False)
            )
    _member_post_replies(member, posts[0], now=now)


def _member_post_replies(member: Member, post: Post, *, now: datetime) -> None:
    """People working on the post's topics reply (she is told in the app, nobody by
    e-mail), and she marks the first reply "this helped"."""
    wanted = len(MEMBER_POST_REPLIES)
    others = Member.objects.filter(status=Member.Status.ACTIVE).exclude(pk=member.pk)
    on_topic = others.filter(profile_topics__topic__posts=post).distinct().order_by("id")
    repliers = list(on_topic[:wanted])  # in a small organisation, anyone else too
    repliers += others.exclude(pk__in=[r.pk for r in repliers]).order_by("id")[
        : wanted - len(repliers)
    ]
    replies = []
    with notifications_in_app_only():
        for replier, (body, days) in zip(repliers, MEMBER_POST_REPLIES, strict=False):
            with bulk.backdated(DaysAgo(now).at(days)):
                replies.append(community.reply_create(post=post, author=replier, body=body))
        if replies:
            community.reply_mark_helped(reply=replies[0], member=member, refresh=False)


def create_posts(
    plan: PostPlan, member_ids: list[int], *, now: datetime, report: Progress
) -> tuple[int, int]:
    """Write the planned posts (with their topics) and the follows, dated back."""
    when = DaysAgo(now)
    posts = [
        bulk.NewPost(member_ids[p.author], p.title, p.body, when.at(p.days_ago)) for p in plan.posts
    ]
    written = len(bulk.posts_create(posts))
    report("posts", written, written)
    follows = [
        bulk.NewFollow(member_ids[i], topic, when.at(days)) for i, topic, days in plan.follows
    ]
    followed = bulk.topic_follows_create(follows)
    report("topic follows", followed, followed)
    return written, followed
