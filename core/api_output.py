"""`FastOutput`: an output serializer whose to_representation skips DRF's generic per-field path.

Profile of the API task list at full size (cProfile, 30 requests): DRF's serialisation was 51 % of the
view, most of it `fields.get_attribute` — for every field of every row an `inspect`-based check whether
the value is a callable to call — and a method dispatch per plain field. Here a plain attribute
(`source` one name, the value not callable) is read with getattr, and a CharField / IntegerField
becomes str() / int(), exactly what DRF's to_representation does for them; everything else (dotted
sources, methods, nested and list serializers, dates, missing attributes) goes DRF's own way, so the
output is the same and the OpenAPI schema (drf-spectacular reads the declared fields) unchanged.

`route_url` reverses a route once per serializer — once per page of a list, whose rows share one child
serializer — and puts each row's ids in place of marks: `reverse()` per row was a tenth of the task list.

`datetime_writer` is a DateTimeField's to_representation for a whole page of values, the current time zone
looked up once rather than per value (through asgiref's Local: a fifth of the cost of each date written).
"""

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

_CONVERT = {serializers.CharField: str, serializers.IntegerField: int}
_SLOW = object()
# Numbers no row has (the bench's ids stop at seven digits), none a substring of another: the URL is
# reversed with them and each is replaced by the row's id. Only for <int:…> arguments.
_MARKS = ("918273641", "918273642", "918273643")


def _plain_source(field) -> bool:
    # One attribute name; a list serializer decides what to read itself (a prefetched list, a manager).
    return field.source != "*" and len(field.source_attrs) == 1 and not isinstance(field, serializers.ListSerializer)


def datetime_writer(field: serializers.DateTimeField):
    """`field.to_representation`, for the values of one response: the time zone is the current one now.

    Only the default case is done here (ISO 8601 in the current time zone, aware values), exactly as DRF
    writes it; any other format, a field's own time zone or a naive value goes to DRF's own method.
    """
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if output_format is None or output_format.lower() != ISO_8601 or hasattr(field, "timezone") or not settings.USE_TZ:
        return field.to_representation
    zone = timezone.get_current_timezone()

    def write(value):
        if not value:
            return None
        if isinstance(value, str) or value.utcoffset() is None:
            return field.to_representation(value)
        try:
            text = value.astimezone(zone).isoformat()
        except OverflowError:
            return field.to_representation(value)  # DRF's own error
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return write


class FastOutput(serializers.Serializer):
    def _plan(self) -> list[tuple]:
        plan = self.__dict__.get("_fast_plan")
        if plan is None:
            plan = self._fast_plan = [
                (
                    field.field_name,
                    field.source_attrs[0] if _plain_source(field) else None,
                    field,
                    _CONVERT.get(type(field)),
                )
                for field in self._readable_fields
            ]
        return plan

    def route_url(self, name: str, **ids: int) -> str:
        """reverse(name, kwargs=ids) for integer ids, the route reversed only once per serializer."""
        if len(ids) > len(_MARKS):
            raise ValueError(f"route_url() takes at most {len(_MARKS)} ids")
        urls = self.__dict__.setdefault("_fast_urls", {})
        key = (name, *ids)
        template = urls.get(key)
        if template is None:
            template = urls[key] = reverse(name, kwargs=dict(zip(ids, _MARKS, strict=False)))
        for mark, value in zip(_MARKS, ids.values(), strict=False):
            template = template.replace(mark, str(int(value)))
        return template

    def to_representation(self, instance):
        ret = {}
        plain = not isinstance(instance, Mapping)
        for name, attr, field, convert in self._plan():
            value = _SLOW
            if attr is not None and plain:
                try:
                    value = getattr(instance, attr)
                except ObjectDoesNotExist:
                    value = None
                except AttributeError:
                    value = _SLOW  # DRF decides: a default, None, skip or its own error
                if callable(value):
                    value = _SLOW
            if value is _SLOW:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                if isinstance(value, PKOnlyObject) and value.pk is None:
                    value = None
            if value is None:
                ret[name] = None
            elif convert is not None:
                ret[name] = convert(value)
            else:
                ret[name] = field.to_representation(value)
        return ret
