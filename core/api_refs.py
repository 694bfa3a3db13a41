"""Reference serializers several apps' APIs share: a person, a client, a matter as a short {id, name…}.

They read plain fields only (no model import), so any app may use them without importing the app the
model lives in (see the layers in README).
"""

from rest_framework import serializers

from .api_output import FastOutput


class PersonSerializer(FastOutput):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class ClientRefSerializer(FastOutput):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MatterRefSerializer(FastOutput):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
