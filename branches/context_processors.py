from .models import user_assignments


def roles(request):
    """The signed-in user's role assignments, for the navigation bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"my_assignments": user_assignments(user)}
