from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = "Bộ tiêu chí"

    def ready(self):
        from branches.panels import register_unit_panel

        from .panels import local_items_panel

        register_unit_panel(local_items_panel, order=30)
