from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from branches import views as branch_views
from branches.two_factor.middleware import second_factor_exempt

from .views import LoginView

urlpatterns = [
    path("", branch_views.home, name="home"),
    path("dang-nhap/", LoginView.as_view(), name="login"),
    path("dang-xuat/", second_factor_exempt(auth_views.LogoutView.as_view()), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("tai-khoan/xac-thuc-hai-buoc/", include("branches.two_factor.urls")),
    path("", include("branches.urls")),
    path("doan-vien/", include("members.urls")),
    path("nhap-excel/", include("members.urls_import")),
    path("tieu-chi/", include("criteria.urls")),
    path("danh-gia/", include("evaluations.urls")),
    path("quan-tri/", admin.site.urls),
]
