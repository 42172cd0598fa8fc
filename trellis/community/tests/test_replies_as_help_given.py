"""A reply its post's author said helped is evidence of who can help: what matching reads
through `people.hooks.help_given` (community registers the reader; neither imports the
other)."""

from django.utils import timezone

from trellis.community import services
from trellis.people import hooks
from trellis.people.hooks import HelpGiven

PRIVATE_WORDS = "our staging cluster is called bluebird"


def evidence(member) -> tuple[HelpGiven, ...]:
    return hooks.help_given(member_ids=[member.pk]).get(member.pk, ())


def test_a_reply_marked_helped_counts_as_help_with_the_posts_problem_and_topics(post, ana, ben):
    reply = services.reply_create(post=post, author=ben, body=f"Try surge; {PRIVATE_WORDS}.")
    assert evidence(ben) == ()

    services.reply_mark_helped(reply=reply, member=ana)

    assert evidence(ben) == (
        HelpGiven(timezone.localdate(), "Making Kubernetes upgrades boring: Kubernetes, On-call"),
    )
    assert PRIVATE_WORDS not in repr(hooks.help_given(member_ids=[ben.pk]))


def test_the_help_is_gone_once_the_posts_author_takes_it_back(post, ana, ben):
    reply = services.reply_create(post=post, author=ben, body="Try surge upgrades.")
    services.reply_mark_helped(reply=reply, member=ana)

    services.reply_unmark_helped(reply=reply, member=ana)

    assert evidence(ben) == ()


def test_the_help_is_gone_once_the_reply_or_the_post_is_deleted(post, ana, ben):
    first = services.reply_create(post=post, author=ben, body="Try surge upgrades.")
    second = services.reply_create(post=post, author=ben, body="And a PodDisruptionBudget.")
    services.reply_mark_helped(reply=first, member=ana)
    services.reply_mark_helped(reply=second, member=ana)
    assert len(evidence(ben)) == 2

    services.reply_delete(reply=first, member=ben)
    assert len(evidence(ben)) == 1

    services.post_delete(post=post, member=ana)
    assert evidence(ben) == ()


def test_an_untitled_post_is_named_by_its_first_words(ana, ben):
    post = services.post_create(author=ana, body="Our Terraform plans take forty minutes to run.")
    reply = services.reply_create(post=post, author=ben, body="Split the state per team.")

    services.reply_mark_helped(reply=reply, member=ana)

    (given,) = evidence(ben)
    assert given.text == "Our Terraform plans take forty minutes to run: Terraform"


def test_a_reply_not_marked_is_no_evidence(post, ben):
    services.reply_create(post=post, author=ben, body="Try surge upgrades.")

    assert evidence(ben) == ()
