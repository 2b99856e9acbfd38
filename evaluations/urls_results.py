"""Routes of the results, calibration and printed evaluations (added to evaluations/urls.py)."""

from django.urls import path

from . import views_results

urlpatterns = [
    path("<int:pk>/ket-qua/", views_results.results_page, name="results"),
    path("<int:pk>/ket-qua/excel/", views_results.results_xlsx, name="results_xlsx"),
    path("<int:pk>/doi-chieu/", views_results.calibration, name="calibration"),
    path("<int:pk>/doi-chieu/excel/", views_results.calibration_xlsx, name="calibration_xlsx"),
    path("<int:pk>/don-vi/<int:unit_pk>/dang-ky/in/", views_results.registration_pdf, name="registration_pdf"),
    path("phieu/<int:pk>/in/", views_results.evaluation_pdf, name="evaluation_pdf"),
]
