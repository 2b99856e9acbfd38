from django.urls import path

from . import views, views_sheet
from .urls_commendations import urlpatterns as commendation_urlpatterns
from .urls_dashboard import urlpatterns as dashboard_urlpatterns
from .urls_inspections import urlpatterns as inspections_urlpatterns
from .urls_results import urlpatterns as results_urlpatterns

app_name = "evaluations"

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("mo-nam/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/trang-thai/", views.campaign_status, name="campaign_status"),
    path("<int:pk>/don-vi/<int:unit_pk>/dang-ky/", views.registration, name="registration"),
    path("<int:pk>/don-vi/<int:unit_pk>/dang-ky/xu-ly/", views.registration_decide, name="registration_decide"),
    path("<int:pk>/don-vi/<int:unit_pk>/gia-han/", views.extension_create, name="extension_create"),
    path("<int:pk>/don-vi/<int:unit_pk>/tu-danh-gia/", views_sheet.assessment, name="assessment"),
    path("phieu/<int:pk>/nop/", views_sheet.assessment_submit, name="assessment_submit"),
    path("phieu/<int:pk>/tham-dinh/", views_sheet.review, name="review"),
    path("phieu/<int:pk>/tham-dinh/xu-ly/", views_sheet.review_decide, name="review_decide"),
    path("cau-tra-loi/<int:pk>/luu/", views_sheet.answer_save, name="answer_save"),
    path("cau-tra-loi/<int:pk>/tham-dinh/", views_sheet.review_answer_save, name="review_answer_save"),
    path("cau-tra-loi/<int:pk>/minh-chung/", views_sheet.attachment_upload, name="attachment_upload"),
    path("minh-chung/<int:pk>/", views_sheet.attachment, name="attachment"),
    path("minh-chung/<int:pk>/go/", views_sheet.attachment_remove, name="attachment_remove"),
    path("tham-dinh/", views.review_queue, name="review_queue"),
    path("thong-bao/", views.notices, name="notices"),
    *results_urlpatterns,
    *commendation_urlpatterns,
    *inspections_urlpatterns,
    *dashboard_urlpatterns,
]
