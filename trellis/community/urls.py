from django.urls import path

from trellis.community import views

app_name = "community"

urlpatterns = [
    path("posts/new/", views.post_new, name="post_new"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:post_id>/replies/", views.reply_new, name="reply_new"),
    path("replies/<int:reply_id>/", views.reply_detail, name="reply_detail"),
    path("replies/<int:reply_id>/delete/", views.reply_delete, name="reply_delete"),
    path("replies/<int:reply_id>/helped/", views.reply_helped, name="reply_helped"),
    path("people/<int:member_id>/posts/", views.member_posts, name="member_posts"),
    path("topics/<slug:slug>/follow/", views.topic_follow, name="topic_follow"),
    path("topics/<slug:slug>/unfollow/", views.topic_unfollow, name="topic_unfollow"),
]
