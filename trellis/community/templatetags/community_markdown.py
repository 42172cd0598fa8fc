"""`{{ reply.body|markdown }}`: a post's or a reply's markdown as safe HTML, rendered and
sanitised by community.markdown (the one sanitiser; nothing else is trusted)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from trellis.community import markdown as community_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    # Safe: rendered with raw HTML off, then cleaned by nh3 against an allow-list.
    return mark_safe(community_markdown.render(text))
