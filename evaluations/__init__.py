"""Evaluations: one Django app (label `evaluations`, one set of migrations) in four topic packages.

    cycle/          campaigns, registration, self-assessment, review, deadlines, notifications, reminders, to-do,
                    the yearly recognition decision (its record and the step that issues it)
    inspections/    six-month, annual and thematic inspections, their findings and files
    results/        the results table, calibration, dashboards, printed forms and their exports
    commendations/  commendation rounds, eligibility, decisions, certificates, verification; the recognition
                    decision's documents and pages

Imports point one way:

    inspections  <-  cycle  <-  results
         ^             ^
         +-------------+------  commendations

cycle imports inspections (findings shown on a sheet); results and commendations import cycle (and inspections);
nothing imports back, and results and commendations do not import each other. What several packages share sits at
the app root: `errors` (EvaluationError), `files` (StoredFile, the abstract uploaded file) and `uploads` (checking
and storing a file). The root `models`, `urls`, `demo` and `apps` only gather the packages' own.
tests/test_import_direction.py holds this.
"""
