"""`{% save_to_plan_button kind="meeting" id=… name=… url=… address=… %}`: one "Save to my
plan" button and its script (plan.buttons.save_button; phone, address and when are optional)."""

from django import template

from recoverynav.plan.buttons import save_button

register = template.Library()
register.simple_tag(save_button, name="save_to_plan_button")
