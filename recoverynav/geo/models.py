"""The offline gazetteer: US ZIP codes, places and counties, for place lookup without any
third-party geocoder."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostalCode(models.Model):
    code = models.CharField(_("ZIP code"), max_length=5, primary_key=True)
    kind = models.CharField(_("kind"), max_length=10)
    is_active = models.BooleanField(_("active"), default=True)
    city = models.CharField(_("city"), max_length=100)
    city_key = models.CharField(max_length=100, db_index=True)
    state = models.CharField(_("state"), max_length=2)
    county = models.CharField(_("county"), max_length=100, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("ZIP code")
        verbose_name_plural = _("ZIP codes")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="geo_zip_lat_lon"),
            models.Index(fields=["state", "city_key"], name="geo_zip_state_city"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.city}, {self.state}"


class GazetteerPlace(models.Model):
    geonameid = models.PositiveIntegerField(primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True)
    state = models.CharField(_("state"), max_length=2)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population"), default=0)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta:
        ordering = ["-population"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["state", "name_key"], name="geo_place_state_name")]

    def __str__(self) -> str:
        return f"{self.name}, {self.state}"


class County(models.Model):
    geoid = models.CharField(max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True)
    state = models.CharField(_("state"), max_length=2)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["state", "name"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return f"{self.name}, {self.state}"
