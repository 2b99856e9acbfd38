import time

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP


class Command(BaseCommand):
    help = "In mã xác thực hai bước đang dùng được của các tài khoản mẫu (khóa bí mật công khai của dữ liệu mẫu)."

    def handle(self, *args, **options):
        from branches.demo import demo_totp_key

        totp = TOTP(bytes.fromhex(demo_totp_key()))
        left = totp.step - int(time.time()) % totp.step
        self.stdout.write(f"{totp.token():06d}  (đổi sau {left} giây)")
