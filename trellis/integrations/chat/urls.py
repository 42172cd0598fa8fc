from django.urls import path

from trellis.integrations.chat import views

app_name = "chat"

urlpatterns = [
    path("organise/chat/", views.webhook_list, name="webhook_list"),
    path("organise/chat/new/", views.webhook_create, name="webhook_create"),
    path("organise/chat/topics/", views.topic_suggestions, name="topic_suggestions"),
    path("organise/chat/<int:webhook_id>/", views.webhook_detail, name="webhook_detail"),
    path("organise/chat/<int:webhook_id>/edit/", views.webhook_edit, name="webhook_edit"),
    path("organise/chat/<int:webhook_id>/test/", views.webhook_test, name="webhook_test"),
    path("organise/chat/<int:webhook_id>/delete/", views.webhook_delete, name="webhook_delete"),
]
