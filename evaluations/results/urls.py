"""Routes of the results, calibration, printed evaluations and dashboards (added to evaluations/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/ket-qua/", views.results_page, name="results"),
    path("<int:pk>/ket-qua/excel/", views.results_xlsx, name="results_xlsx"),
    path("<int:pk>/doi-chieu/", views.calibration, name="calibration"),
    path("<int:pk>/doi-chieu/excel/", views.calibration_xlsx, name="calibration_xlsx"),
    path("<int:pk>/don-vi/<int:unit_pk>/dang-ky/in/", views.registration_pdf, name="registration_pdf"),
    path("phieu/<int:pk>/in/", views.evaluation_pdf, name="evaluation_pdf"),
    path("tong-quan/", views.latest, name="dashboard_latest"),
    path("<int:pk>/tong-quan/", views.entry, name="dashboard"),
    path("<int:pk>/tong-quan/<int:unit_pk>/", views.dashboard_page, name="dashboard_unit"),
    path("<int:pk>/tong-quan/<int:unit_pk>/excel/", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("<int:pk>/tong-quan/<int:unit_pk>/in/", views.dashboard_pdf, name="dashboard_pdf"),
]
