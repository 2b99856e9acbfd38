"""Routes of the inspection records (kiểm tra), added to evaluations/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("kiem-tra/", views.inspection_list, name="inspection_list"),
    path("kiem-tra/excel/", views.inspection_xlsx, name="inspection_xlsx"),
    path("kiem-tra/ke-hoach/", views.inspection_plan_home, name="inspection_plan_home"),
    path("kiem-tra/ke-hoach/<int:unit_pk>/", views.inspection_plan, name="inspection_plan"),
    path("kiem-tra/don-vi/<int:unit_pk>/ghi/", views.inspection_create, name="inspection_create"),
    path("kiem-tra/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("kiem-tra/<int:pk>/sua/", views.inspection_edit, name="inspection_edit"),
    path("kiem-tra/<int:pk>/khac-phuc/", views.inspection_follow_up, name="inspection_follow_up"),
    path("kiem-tra/<int:pk>/luu-tru/", views.inspection_archive, name="inspection_archive"),
    path("kiem-tra/<int:pk>/tep/", views.inspection_attachment_upload, name="inspection_attachment_upload"),
    path("kiem-tra/tep/<int:pk>/", views.inspection_attachment, name="inspection_attachment"),
    path("kiem-tra/tep/<int:pk>/go/", views.inspection_attachment_remove, name="inspection_attachment_remove"),
]
