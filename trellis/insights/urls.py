from django.urls import path

from trellis.insights import views

app_name = "insights"

urlpatterns = [
    path("organise/insights/", views.overview, name="overview"),
    path("organise/insights/growing/", views.growing, name="growing"),
    path("organise/insights/mutual/", views.mutual, name="mutual"),
    path("organise/insights/load/", views.load, name="load"),
    path("organise/insights/seen/", views.seen, name="seen"),
    path("organise/insights/network/", views.network, name="network"),
    path("organise/insights/work-out/", views.work_out, name="work_out"),
]
