from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Tiện ích chung"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
