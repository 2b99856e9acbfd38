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
        self.unregister_second_factors()

    @staticmethod
    def unregister_second_factors():
        """Second factors are kept in the portal (branches/two_factor/): set up by their owner, removed by a system
        administrator from the unit's accounts page, each change in the account history. The admin pages that
        django-otp registers would show the secret keys and change them without that history."""
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        for model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
