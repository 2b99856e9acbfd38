"""Routes of the yearly cycle (added to evaluations/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("mo-nam/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/trang-thai/", views.campaign_status, name="campaign_status"),
    path("<int:pk>/don-vi/<int:unit_pk>/dang-ky/", views.registration, name="registration"),
    path("<int:pk>/don-vi/<int:unit_pk>/dang-ky/xu-ly/", views.registration_decide, name="registration_decide"),
    path("<int:pk>/don-vi/<int:unit_pk>/gia-han/", views.extension_create, name="extension_create"),
    path("<int:pk>/don-vi/<int:unit_pk>/tu-danh-gia/", views.assessment, name="assessment"),
    path("phieu/<int:pk>/nop/", views.assessment_submit, name="assessment_submit"),
    path("phieu/<int:pk>/tham-dinh/", views.review, name="review"),
    path("phieu/<int:pk>/tham-dinh/xu-ly/", views.review_decide, name="review_decide"),
    path("cau-tra-loi/<int:pk>/luu/", views.answer_save, name="answer_save"),
    path("cau-tra-loi/<int:pk>/tham-dinh/", views.review_answer_save, name="review_answer_save"),
    path("cau-tra-loi/<int:pk>/minh-chung/", views.attachment_upload, name="attachment_upload"),
    path("minh-chung/<int:pk>/", views.attachment, name="attachment"),
    path("minh-chung/<int:pk>/go/", views.attachment_remove, name="attachment_remove"),
    path("tham-dinh/", views.review_queue, name="review_queue"),
    path("thong-bao/", views.notices, name="notices"),
]
