from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Đánh giá, thẩm định, kiểm tra, tuyên dương"

    def ready(self):
        from branches.panels import register_unit_panel
        from evaluations.commendations.views import recognition_panel
        from evaluations.cycle.todo import todo_panel
        from evaluations.inspections.views import inspection_panel

        register_unit_panel(todo_panel, order=5)
        register_unit_panel(inspection_panel, order=6)
        register_unit_panel(recognition_panel, order=7)
