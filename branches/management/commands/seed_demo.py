import pkgutil
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand


def demo_modules(package) -> list[str]:
    """The package's `demo` module first, then its `demo_*` modules by name."""
    names = [m.name for m in pkgutil.iter_modules(package.__path__) if m.name == "demo" or m.name.startswith("demo_")]
    return sorted(names, key=lambda name: (name != "demo", name))


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu Tỉnh đoàn Đắk Lắk (chạy lại nhiều lần không tạo trùng, không sửa dữ liệu đã có)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Không in danh sách tài khoản mẫu.")

    def handle(self, *args, **options):
        # Each app may ship a `demo` module with `seed(stdout)`, and further `demo_<part>` modules that run after
        # it (parts written by different people); apps run in INSTALLED_APPS order, so an app seeds after the apps
        # it depends on without this command importing any of them by name.
        for config in apps.get_app_configs():
            if config.name.startswith(("django.", "config")):
                continue
            for name in demo_modules(config.module):
                import_module(f"{config.name}.{name}").seed(stdout=self.stdout)
        if not options["quiet_logins"]:
            self.print_logins()

    def print_logins(self):
        from branches.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS

        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<20} {demo.full_name:<18} {demo.role.label} – {demo.unit_code}")
        two_step = [demo for demo in DEMO_USERS if demo.two_factor]
        self.stdout.write("")
        self.stdout.write(
            f"Đăng nhập hai bước ({', '.join(demo.username for demo in two_step)}): sau mật khẩu, nhập mã của ứng dụng "
            f"xác thực (Google Authenticator, FreeOTP…) đã thêm khóa bí mật {DEMO_TOTP_SECRET}, hoặc mở một địa chỉ:"
        )
        for demo in two_step:
            self.stdout.write(f"  {demo.totp_uri()}")
        self.stdout.write("Không có điện thoại: `.venv/bin/python manage.py demo_totp_code` in mã đang dùng được.")
