from django.urls import path

from . import views

app_name = "branches"

urlpatterns = [
    path("don-vi/tim-kiem/", views.unit_search, name="unit_search"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/them-don-vi/", views.unit_create, name="unit_create"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/chuyen/", views.unit_move, name="unit_move"),
    path("don-vi/<int:pk>/chuyen/tim-don-vi/", views.unit_move_picker, name="unit_move_picker"),
    path("don-vi/<int:pk>/giai-the/", views.unit_dissolve, name="unit_dissolve"),
    path("don-vi/<int:pk>/giai-the/tim-don-vi/", views.unit_successor_picker, name="unit_successor_picker"),
    path("don-vi/<int:pk>/lich-su/", views.unit_history, name="unit_history"),
    path("don-vi/<int:pk>/nhiem-ky/", views.unit_terms, name="unit_terms"),
    path("don-vi/<int:pk>/tai-khoan/", views.unit_accounts, name="unit_accounts"),
    path(
        "don-vi/<int:pk>/tai-khoan/<int:user_id>/dat-lai-mat-khau/",
        views.account_reset_password,
        name="account_reset_password",
    ),
    path(
        "don-vi/<int:pk>/tai-khoan/<int:user_id>/xoa-xac-thuc-hai-buoc/",
        views.account_reset_two_factor,
        name="account_reset_two_factor",
    ),
    path("don-vi/<int:pk>/phan-quyen/<int:assignment_id>/thu-hoi/", views.account_revoke, name="account_revoke"),
    path("don-vi/<int:pk>/phan-quyen/<int:assignment_id>/khoi-phuc/", views.account_restore, name="account_restore"),
]
