from django.urls import path

from . import views

app_name = "two_factor"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("nhap-ma/", views.verify, name="verify"),
    path("thiet-lap/", views.setup, name="setup"),
    path("ma-du-phong/", views.renew_codes, name="renew_codes"),
    path("tat/", views.disable, name="disable"),
]
