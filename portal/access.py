"""Who may use the pages that read across clients and matters (each list is scoped by its own app's access.py)."""


def may_search(user) -> bool:
    """The search is the firm's tool: a client user has its own pages for its own matters."""
    return getattr(user, "is_authenticated", False) and user.is_active and user.is_firm
