"""Routes of the commendation rounds, the yearly recognition decisions and the public verification page (added to
evaluations/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("tuyen-duong/", views.commendation_list, name="commendation_list"),
    path("tuyen-duong/lap/", views.commendation_create, name="commendation_create"),
    path("tuyen-duong/<int:pk>/", views.commendation_detail, name="commendation_detail"),
    path("tuyen-duong/<int:pk>/sua/", views.commendation_edit, name="commendation_edit"),
    path("tuyen-duong/<int:pk>/dieu-chinh/", views.commendation_override, name="commendation_override"),
    path("tuyen-duong/<int:pk>/ban-hanh/", views.commendation_finalise, name="commendation_finalise"),
    path("tuyen-duong/<int:pk>/quyet-dinh.pdf", views.commendation_decision_pdf, name="commendation_decision_pdf"),
    path(
        "tuyen-duong/<int:pk>/giay-khen.pdf", views.commendation_certificates_pdf, name="commendation_certificates_pdf"
    ),
    path("tuyen-duong/<int:pk>/danh-sach.xlsx", views.commendation_xlsx, name="commendation_xlsx"),
    path("<int:pk>/cong-nhan/<int:unit_pk>/", views.recognition, name="recognition"),
    path("cong-nhan/<int:pk>/quyet-dinh.pdf", views.recognition_pdf, name="recognition_pdf"),
    path("cong-nhan/<int:pk>/danh-sach.xlsx", views.recognition_xlsx, name="recognition_xlsx"),
    path("xac-minh/", views.commendation_verify, name="commendation_verify"),
]
