from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters


class VietnameseAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }


@method_decorator(sensitive_post_parameters(), name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = VietnameseAuthenticationForm
    redirect_authenticated_user = True
