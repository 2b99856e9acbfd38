from django.apps import apps
from django.contrib.admin.apps import AdminConfig

# Apps that name themselves in English, not through gettext: the admin shows these names instead.
APP_NAMES = {"axes": "Khóa đăng nhập (django-axes)", "django_tasks_database": "Tác vụ nền (django-tasks)"}


class PortalAdminConfig(AdminConfig):
    default_site = "config.admin.PortalAdminSite"

    def ready(self):
        super().ready()
        for label, name in APP_NAMES.items():
            if label in apps.app_configs:
                apps.app_configs[label].verbose_name = name
