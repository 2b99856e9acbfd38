from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Sổ đoàn viên"

    def ready(self):
        from branches.panels import register_unit_panel

        from .panels import members_panel

        register_unit_panel(members_panel, order=10)
