"""The Django admin is a door to clients' confidential data like any other: its looks are logged.

A ModelAdmin of a client's records mixes in AccessLoggedAdmin and says, in `access_owner`, whose
record a row is (client id, matter id). Opening a record writes one entry; a list page writes one
entry per client whose rows it showed.
"""

from django.contrib.admin.utils import unquote

from .services import admin_list_record, admin_view_record


class AccessLoggedAdmin:
    # A dotted path from the row to its matter ("matter", "message__matter", …) or None when the row
    # has a client_id of its own; see access_owner.
    access_matter_path: str | None = "matter"
    # False where the list shows nothing confidential (the client list: names and INNs, which the
    # whole front desk sees anyway); the record itself is still logged when opened.
    access_log_lists = True

    def access_owner(self, obj) -> tuple[int | None, int | None]:
        """(client id, matter id) of a row."""
        if self.access_matter_path is None:
            return getattr(obj, "client_id", None), getattr(obj, "matter_id", None)
        matter = obj
        for step in self.access_matter_path.split("__"):
            matter = getattr(matter, step, None)
            if matter is None:
                return getattr(obj, "client_id", None), None
        return matter.client_id, matter.pk

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                client_id, matter_id = self.access_owner(obj)
                if client_id is not None:
                    admin_view_record(
                        user=request.user, request=request, obj=obj, client_id=client_id, matter_id=matter_id
                    )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None and self.access_log_lists:
            owners = (self.access_owner(obj)[0] for obj in changelist.result_list)
            admin_list_record(
                user=request.user,
                request=request,
                model=self.model,
                client_ids=[client_id for client_id in owners if client_id is not None],
            )
        return response
