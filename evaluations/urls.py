"""The app's routes: one namespace (`evaluations:`), each topic package adding its own."""

from .commendations.urls import urlpatterns as commendation_urlpatterns
from .cycle.urls import urlpatterns as cycle_urlpatterns
from .inspections.urls import urlpatterns as inspection_urlpatterns
from .results.urls import urlpatterns as results_urlpatterns

app_name = "evaluations"

urlpatterns = [
    *cycle_urlpatterns,
    *results_urlpatterns,
    *commendation_urlpatterns,
    *inspection_urlpatterns,
]
