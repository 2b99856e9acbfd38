"""Routes of the dashboards (added to evaluations/urls.py)."""

from django.urls import path

from . import views_dashboard

urlpatterns = [
    path("tong-quan/", views_dashboard.latest, name="dashboard_latest"),
    path("<int:pk>/tong-quan/", views_dashboard.entry, name="dashboard"),
    path("<int:pk>/tong-quan/<int:unit_pk>/", views_dashboard.dashboard_page, name="dashboard_unit"),
    path("<int:pk>/tong-quan/<int:unit_pk>/excel/", views_dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    path("<int:pk>/tong-quan/<int:unit_pk>/in/", views_dashboard.dashboard_pdf, name="dashboard_pdf"),
]
