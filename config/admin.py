from django.contrib import admin


class PortalAdminSite(admin.AdminSite):
    """The Django admin sees every unit, so only system administrators may open it."""

    site_header = "Quản trị hệ thống – Cổng Đoàn cơ sở 3 chủ động"
    site_title = "Quản trị hệ thống"
    index_title = "Dữ liệu hệ thống"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser
