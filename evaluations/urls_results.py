"""Routes of the results, calibration and printed evaluations (added to evaluations/urls.py)."""

urlpatterns = []
