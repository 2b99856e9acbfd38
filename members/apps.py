from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Sổ đoàn viên"

    def ready(self):
        from branches.checks import register_dissolve_check
        from branches.panels import register_unit_panel

        from .checks import active_members_left
        from .panels import members_panel

        register_unit_panel(members_panel, order=10)
        register_dissolve_check(active_members_left)
