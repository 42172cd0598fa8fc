from django.urls import path

from trellis.api.api import api

urlpatterns = [path("api/v1/", api.urls)]
