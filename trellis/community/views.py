from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trellis.community import selectors, services
from trellis.community.forms import PostForm, ReplyForm
from trellis.community.models import Post, Reply
from trellis.people.models import Member, Topic
from trellis.people.requests import member_or_404, request_member
from trellis.web.forms import errors_onto
from trellis.web.htmx import is_partial

POSTS_PER_PAGE = 20


def _viewer(request: HttpRequest) -> Member | None:
    """The signed-in member, if the login has a profile (operators may have none)."""
    return request_member(request)


def _own_post_or_404(post_id: int, author: Member) -> Post:
    try:
        return selectors.own_post(post_id=post_id, author=author)
    except Post.DoesNotExist:
        raise Http404("No such post") from None


def _topic_or_404(slug: str) -> Topic:
    try:
        return Topic.objects.get(slug=slug)
    except Topic.DoesNotExist:
        raise Http404("No such topic") from None


def _topics_message(post: Post) -> str:
    names = [topic.name for topic in post.topics.order_by("name")]
    if not names:
        return "It names no topic from the vocabulary yet, so it shows on your profile only."
    if len(names) == 1:
        return f"It shows on the topic page of {names[0]}."
    return f"It shows on the topic pages of {', '.join(names[:-1])} and {names[-1]}."


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request: HttpRequest) -> HttpResponse:
    author = member_or_404(request)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(author=author, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, f"Posted. {_topics_message(post)}")
            return redirect(post)
    return render(request, "community/post_form.html", {"form": form, "post": None})


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    author = member_or_404(request)
    post = _own_post_or_404(post_id, author)
    initial = {"title": post.title, "body": post.body}
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_update(post=post, member=author, **form.cleaned_data)
        except Post.DoesNotExist:
            raise Http404("No such post") from None
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, f"Saved. {_topics_message(post)}")
            return redirect(post)
    return render(request, "community/post_form.html", {"form": form, "post": post})


@login_required
@require_POST
def post_delete(request: HttpRequest, post_id: int) -> HttpResponse:
    author = member_or_404(request)
    post = _own_post_or_404(post_id, author)
    try:
        services.post_delete(post=post, member=author)
    except Post.DoesNotExist:
        raise Http404("No such post") from None
    messages.success(request, "Post deleted. Nobody can see it now.")
    return redirect("community:member_posts", member_id=author.pk)


@login_required
@require_GET
def member_posts(request: HttpRequest, member_id: int) -> HttpResponse:
    viewer = _viewer(request)
    author = Member.objects.filter(pk=member_id).first()
    if author is None or (author.status == Member.Status.LEFT and author != viewer):
        raise Http404("No such member")
    posts = selectors.posts_by(author=author, viewer=viewer)
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"author": author, "page": page, "is_self": author == viewer}
    return render(request, "community/member_posts.html", context)


def _followed(request: HttpRequest, topic: Topic, following: bool, done: str) -> HttpResponse:
    """The follow button again for htmx; otherwise back to the topic page with a note."""
    if is_partial(request):
        context = {"topic": topic, "following": following}
        return render(request, "community/partials/follow_button.html", context)
    messages.success(request, done)
    return redirect("home:topic_detail", slug=topic.slug)


@login_required
@require_POST
def topic_follow(request: HttpRequest, slug: str) -> HttpResponse:
    member = member_or_404(request)
    topic = _topic_or_404(slug)
    services.topic_follow(member=member, topic=topic)
    done = f"You follow {topic.name}: its newest posts show on your home page."
    return _followed(request, topic, True, done)


@login_required
@require_POST
def topic_unfollow(request: HttpRequest, slug: str) -> HttpResponse:
    member = member_or_404(request)
    topic = _topic_or_404(slug)
    services.topic_unfollow(member=member, topic=topic)
    return _followed(request, topic, False, f"You no longer follow {topic.name}.")


def _reply_link(reply: Reply, viewer: Member | None) -> str:
    """Where `reply` is on its post's page: the page of replies it is on, at the reply."""
    number = selectors.reply_page_number(reply=reply, viewer=viewer)
    page = f"?page={number}" if number > 1 else ""
    return f"{reply.post.get_absolute_url()}{page}#reply-{reply.pk}"


def _reply_or_404(reply_id: int, viewer: Member | None) -> Reply:
    try:
        return selectors.reply_for_viewer(reply_id=reply_id, viewer=viewer)
    except Reply.DoesNotExist:
        raise Http404("No such reply") from None


@login_required
@require_POST
def reply_new(request: HttpRequest, post_id: int) -> HttpResponse:
    """Reply to a post; a reply that cannot be written comes back with why, kept as typed."""
    author = member_or_404(request)
    try:
        post = selectors.post_for_viewer(post_id=post_id, viewer=author)
    except Post.DoesNotExist:
        raise Http404("No such post") from None
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            reply = services.reply_create(post=post, author=author, **form.cleaned_data)
        except Post.DoesNotExist:
            raise Http404("No such post") from None
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, "Replied. Everyone who can read the post can read it.")
            return redirect(_reply_link(reply, author))
    context = {"post": post, "reply_form": form}
    return render(request, "community/reply_form.html", context, status=400)


@login_required
@require_GET
def reply_detail(request: HttpRequest, reply_id: int) -> HttpResponse:
    """A reply's lasting address (notifications link here): its place on its post's page."""
    viewer = _viewer(request)
    return redirect(_reply_link(_reply_or_404(reply_id, viewer), viewer))


@login_required
@require_POST
def reply_delete(request: HttpRequest, reply_id: int) -> HttpResponse:
    member = member_or_404(request)
    reply = _reply_or_404(reply_id, member)
    try:
        services.reply_delete(reply=reply, member=member)
    except Reply.DoesNotExist:
        raise Http404("No such reply") from None
    messages.success(request, "Reply deleted. Nobody can see it now.")
    return redirect(f"{reply.post.get_absolute_url()}#replies")


@login_required
@require_POST
def reply_helped(request: HttpRequest, reply_id: int) -> HttpResponse:
    """The post's author says a reply helped (`helped=no` takes it back)."""
    member = member_or_404(request)
    reply = _reply_or_404(reply_id, member)
    taking_back = request.POST.get("helped") == "no"
    try:
        if taking_back:
            reply = services.reply_unmark_helped(reply=reply, member=member)
        else:
            reply = services.reply_mark_helped(reply=reply, member=member)
    except Reply.DoesNotExist:
        raise Http404("No such reply") from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if taking_back:
            messages.success(request, "Taken back: that reply no longer shows as helpful.")
        else:
            name = reply.author.display_name
            messages.success(request, f"Marked as helpful. {name} has been told. Thank you.")
    return redirect(_reply_link(reply, member))
