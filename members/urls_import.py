"""URLs of the member Excel import and export (mounted at /nhap-excel/ by config/urls.py)."""

from django.urls import path

from members.importing import views

app_name = "member_import"

urlpatterns = [
    path("mau.xlsx", views.import_template, name="template"),
    path("trung-cccd/", views.id_conflicts, name="conflicts"),
    path("don-vi/<int:unit_pk>/", views.import_upload, name="upload"),
    path("don-vi/<int:unit_pk>/xuat.xlsx", views.member_export, name="export"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/tien-do/", views.import_progress, name="progress"),
    path("<int:pk>/xac-nhan/", views.import_confirm, name="confirm"),
    path("<int:pk>/kiem-tra-lai/", views.import_retry, name="retry"),
    path("<int:pk>/tep-loi.xlsx", views.import_errors, name="errors"),
]
