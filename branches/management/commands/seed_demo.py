from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu Tỉnh đoàn Đắk Lắk (chạy lại nhiều lần không tạo trùng, không sửa dữ liệu đã có)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Không in danh sách tài khoản mẫu.")

    def handle(self, *args, **options):
        # Each app may ship a `demo` module with `seed(stdout)`; they run in INSTALLED_APPS order, so an app
        # seeds after the apps it depends on without this command importing any of them by name.
        # An app may list several demo modules in order (AppConfig.demo_modules); missing ones are skipped.
        for config in apps.get_app_configs():
            if config.name.startswith(("django.", "config")):
                continue
            for name in getattr(config, "demo_modules", ("demo",)):
                if module_has_submodule(config.module, name):
                    import_module(f"{config.name}.{name}").seed(stdout=self.stdout)
        if not options["quiet_logins"]:
            self.print_logins()

    def print_logins(self):
        from branches.demo import DEMO_PASSWORD, DEMO_USERS

        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<20} {demo.full_name:<18} {demo.role.label} – {demo.unit_code}")
