from __future__ import annotations

from datetime import timedelta

from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator

from trellis.people.models import Member, Topic
from trellis.text import limits
from trellis.web.validators import multi_line, one_line

MAX_TITLE = limits.POST_TITLE
MAX_BODY = limits.POST_BODY
# A reply answers one post: shorter than a post, long enough for what was tried and a link.
MAX_REPLY = limits.REPLY
# A post "about X" names X in at most this many words when it has no title or topic.
ABOUT_WORDS = 8
EDITED_AFTER = timedelta(minutes=1)


class Post(models.Model):
    """A short write-up by a member of a problem they are working on, in markdown."""

    class State(models.TextChoices):
        PUBLISHED = "published", "Published"
        DELETED = "deleted", "Deleted by its author"

    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(max_length=MAX_TITLE, blank=True, validators=[one_line("Title")])
    body = models.TextField(
        validators=[MaxLengthValidator(MAX_BODY), multi_line("Post")],
        help_text="Markdown, as the author wrote it.",
    )
    # The body without its markup, kept with it: matching, topics and excerpts read it.
    text = models.TextField(blank=True, editable=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="posts")
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PUBLISHED, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["author", "state", "-created_at"])]

    def __str__(self) -> str:
        return self.title or Truncator(self.text).words(ABOUT_WORDS)

    def get_absolute_url(self) -> str:
        return reverse("home:post_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_edited(self) -> bool:
        """Changed after it was first posted (not merely saved a moment later)."""
        return (self.updated_at - self.created_at) > EDITED_AFTER

    def about(self, topic_names: list[str] | None = None) -> str:
        """What the post is about, to finish "I saw your post about …".

        Its title in quotes, else the topics it names (`topic_names`, in order),
        else its first words.
        """
        if self.title:
            return f"“{self.title}”"
        if topic_names:
            names = topic_names[:3]
            return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return f"“{Truncator(self.text.replace(chr(10), ' ')).words(ABOUT_WORDS)}”"


class Reply(models.Model):
    """A member's public answer to a post, in markdown; its author may say it helped."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(
        validators=[MaxLengthValidator(MAX_REPLY), multi_line("Your reply")],
        help_text="Markdown, as the author wrote it.",
    )
    # The body without its markup, as for posts.
    text = models.TextField(blank=True, editable=False)
    # When the post's author said "this helped" (None: not, or taken back). It is evidence
    # that the reply's author can help with what the post is about.
    helped_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "replies"
        indexes = [
            models.Index(fields=["post", "created_at", "id"], name="reply_thread_idx"),
            models.Index(fields=["author", "helped_at"], name="reply_helped_idx"),
        ]

    def __str__(self) -> str:
        return f"Reply {self.pk} by {self.author_id} to post {self.post_id}"

    @property
    def helped(self) -> bool:
        return self.helped_at is not None


class TopicFollow(models.Model):
    """A member following a topic: its newest posts show on their home page."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="topic_follows")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["topic__name"]
        constraints = [
            models.UniqueConstraint(fields=["member", "topic"], name="follow_a_topic_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} follows {self.topic}"
