"""Fill and send any HTML form the way a person would, for tests that must cover forms of
apps that land later (privacy, spam, faults) without knowing their fields."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: list[dict] = field(default_factory=list)

    def names(self) -> set[str]:
        return {f["name"] for f in self.fields if f.get("name")}


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(
                Form(
                    action=attributes.get("action", ""),
                    method=attributes.get("method", "get").lower(),
                )
            )
        elif not self.forms:
            return
        elif tag == "input":
            self.forms[-1].fields.append({"tag": "input", **attributes})
        elif tag == "select":
            self._select = {"tag": "select", "options": [], **attributes}
            self.forms[-1].fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attributes.get("value", ""))
            if "selected" in attributes:
                self._select.setdefault("selected", []).append(attributes.get("value", ""))
        elif tag == "textarea":
            self._textarea = {"tag": "textarea", "value": "", **attributes}
            self.forms[-1].fields.append(self._textarea)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["value"] += data


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def fill(form: Form, *, text: str, email: str, choice: str = "last") -> dict[str, list[str]]:
    """Values a person would send: `text` in free-text fields, `email` in email fields, the
    first or last option of each choice, hidden fields as the page gave them."""
    data: dict[str, list[str]] = {}
    radios: dict[str, list[str]] = {}
    for item in form.fields:
        name = item.get("name")
        if not name:
            continue
        kind = item.get("type", "text").lower() if item["tag"] == "input" else item["tag"]
        if kind in {"submit", "button", "image", "reset", "file"}:
            continue
        if kind == "radio":
            radios.setdefault(name, []).append(item.get("value", "on"))
        elif kind == "checkbox":
            data.setdefault(name, []).append(item.get("value", "on"))
        elif kind == "select":
            options = [o for o in item["options"] if o] or item["options"]
            if options:
                data[name] = [options[-1] if choice == "last" else options[0]]
        elif kind == "hidden":
            data.setdefault(name, []).append(item.get("value", ""))
        elif kind == "email" or "email" in name:
            data[name] = [email]
        elif kind == "number":
            data[name] = [item.get("min") or "1"]
        elif kind in {"date", "time", "datetime-local", "url", "tel", "color", "range"}:
            data[name] = [item.get("value", "")]
        else:
            data[name] = [text]
    for name, values in radios.items():
        data[name] = [values[-1] if choice == "last" else values[0]]
    return data


def as_submitted(form: Form, *, typed: dict[str, str]) -> dict[str, list[str]]:
    """What a browser sends when the person only types `typed` (field name → text) and
    presses the button: every other field as the page set it (ticked boxes, selected
    options, or a single select's first option)."""
    data: dict[str, list[str]] = {}
    for item in form.fields:
        name = item.get("name")
        if not name:
            continue
        kind = item.get("type", "text").lower() if item["tag"] == "input" else item["tag"]
        if kind in {"submit", "button", "image", "reset", "file"}:
            continue
        if name in typed:
            data[name] = [typed[name]]
        elif kind in {"checkbox", "radio"}:
            if "checked" in item:
                data.setdefault(name, []).append(item.get("value", "on"))
        elif kind == "select":
            chosen = item.get("selected") or (item["options"][:1] if "multiple" not in item else [])
            if chosen:
                data[name] = list(chosen)
        else:
            data.setdefault(name, []).append(item.get("value", ""))
    return data
