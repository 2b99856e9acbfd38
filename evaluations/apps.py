from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Đánh giá, thẩm định, kiểm tra, tuyên dương"
    # seed_demo runs these in order: the yearly cycle, then inspections, then the commendation built on both.
    demo_modules = ("demo", "demo_inspections", "demo_commendations")

    def ready(self):
        from branches.panels import register_unit_panel

        from .todo import todo_panel

        register_unit_panel(todo_panel, order=5)
