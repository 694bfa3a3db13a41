"""`FastOutput`: an output serializer whose to_representation skips DRF's generic per-field path.

Profile of the API task list at full size (cProfile, 30 requests): DRF's serialisation was 51 % of the
view, most of it `fields.get_attribute` — for every field of every row an `inspect`-based check whether
the value is a callable to call — and a method dispatch per plain field. Here a plain attribute
(`source` one name, the value not callable) is read with getattr, and a CharField / IntegerField
becomes str() / int(), exactly what DRF's to_representation does for them; everything else (dotted
sources, methods, nested and list serializers, dates, missing attributes) goes DRF's own way, so the
output is the same and the OpenAPI schema (drf-spectacular reads the declared fields) unchanged.
"""

from collections.abc import Mapping

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

_CONVERT = {serializers.CharField: str, serializers.IntegerField: int}
_SLOW = object()


class FastOutput(serializers.Serializer):
    def _plan(self) -> list[tuple]:
        plan = self.__dict__.get("_fast_plan")
        if plan is None:
            plan = self._fast_plan = [
                (
                    field.field_name,
                    field.source_attrs[0] if field.source != "*" and len(field.source_attrs) == 1 else None,
                    field,
                    _CONVERT.get(type(field)),
                )
                for field in self._readable_fields
            ]
        return plan

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
