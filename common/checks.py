"""System checks of the portal's own settings, registered in CommonConfig.ready."""

from importlib.util import find_spec

from django.conf import settings
from django.core import checks


def ipware_installed() -> bool:
    return find_spec("ipware") is not None


@checks.register(checks.Tags.security)
def check_proxy_address_resolver(app_configs, **kwargs):
    """Behind a proxy, django-axes reads the client's address through django-ipware; without it every attempt is
    recorded under the proxy's address, and one password sprayer locks every user out."""
    behind_proxy = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) is not None or any(
        key != "REMOTE_ADDR" for key in getattr(settings, "AXES_IPWARE_META_PRECEDENCE_ORDER", ["REMOTE_ADDR"])
    )
    if not behind_proxy or ipware_installed():
        return []
    return [
        checks.Warning(
            "AXES_PROXY_COUNT được đặt nhưng chưa cài django-ipware: mọi lần đăng nhập bị ghi theo địa chỉ của proxy, "
            "một người dò mật khẩu sẽ khóa đăng nhập của tất cả mọi người.",
            hint="Cài lại cổng với các gói phụ thuộc (`pip install .`, có django-axes[ipware]).",
            id="common.W001",
        )
    ]
