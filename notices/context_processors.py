from django.utils.functional import SimpleLazyObject


def inbox(request):
    """`unread_notices`: the signed-in user's unread count for the header — one COUNT, and only on
    pages that show it (lazy)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notices": 0}

    def count():
        from .selectors import inbox_unread_count

        return inbox_unread_count(user=user)

    return {"unread_notices": SimpleLazyObject(count)}
