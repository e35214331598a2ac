"""When the database fails, people still get the emergency numbers, keep what they typed,
and the site recovers by itself; a failed import changes nothing and reads keep working."""

import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

from recoverynav.hotlines import services as hotline_services
from recoverynav.hotlines.models import Country, Hotline
from recoverynav.hotlines.services import load_hotlines


@pytest.fixture
def database_goes_away(monkeypatch):
    """The next query fails as a dropped connection does; later queries work again."""
    real_execute = CursorWrapper.execute
    state = {"failures_left": 0}

    def execute(self, sql, params=None):
        if state["failures_left"]:
            state["failures_left"] -= 1
            raise OperationalError(state["message"])
        return real_execute(self, sql, params)

    monkeypatch.setattr(CursorWrapper, "execute", execute)

    def fail_next(times: int = 1, message: str = "server closed the connection") -> None:
        state["failures_left"] = times
        state["message"] = message

    return fail_next


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("prefix", "heading", "emergency"),
    [
        ("", "We are having trouble right now", "Emergency 911"),
        ("/es", "Estamos teniendo problemas", "Emergencias 911"),
    ],
)
def test_a_page_whose_database_goes_away_answers_a_kind_503_with_the_numbers(
    visitor: Client, hotlines: None, database_goes_away, prefix: str, heading: str, emergency: str
) -> None:
    database_goes_away()

    response = visitor.get(f"{prefix}/help-now/")

    html = response.content.decode()
    assert response.status_code == 503
    assert heading in html
    assert emergency in html
    assert 'href="tel:988"' in html
    assert 'class="help-bar"' in html
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_the_next_request_after_a_database_failure_works(
    visitor: Client, hotlines: None, database_goes_away
) -> None:
    database_goes_away()
    assert visitor.get("/help-now/").status_code == 503

    response = visitor.get("/help-now/")

    assert response.status_code == 200
    assert b"SAMHSA National Helpline" in response.content


@pytest.mark.django_db(transaction=True)
def test_a_form_sent_while_the_database_is_busy_gives_the_text_back_to_send_again(
    hotlines: None, database_goes_away
) -> None:
    """SQLite answers "database is locked" once its timeout has passed; the person keeps
    every word and gets a button that sends the same thing again (with a fresh CSRF token)."""
    text = "Mi hermano está en tratamiento.\nGracias por todo — Łucja"
    database_goes_away(message="database is locked")

    response = Client().post("/es/help-now/", {"name": "Łucja", "body": text})

    html = response.content.decode()
    assert response.status_code == 503
    assert 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="body" value="Mi hermano está en tratamiento.\nGracias por todo — Łucja"' in html
    assert "Mi hermano está en tratamiento.<br>Gracias por todo — Łucja" in html
    assert "Enviar de nuevo" in html
    assert "no-store" in response["Cache-Control"]


def test_the_offline_numbers_cover_every_country_in_the_data_file() -> None:
    from recoverynav.core.offline_help import offline_countries

    countries = offline_countries()

    assert countries[0].code == "US"
    assert {c.code for c in countries} == {"US", "CA", "GB", "IE", "AU", "NZ"}
    assert all(c.emergency_number for c in countries)


@pytest.mark.django_db(transaction=True)
def test_a_disk_full_during_an_import_changes_nothing_and_reads_keep_working(
    visitor: Client, monkeypatch, tmp_path
) -> None:
    load_hotlines()
    before = sorted(Hotline.objects.values_list("name", "hours_en"))
    changed = tmp_path / "hotlines.csv"
    changed.write_text(
        hotline_services.DEFAULT_HOTLINES_FILE.read_text(encoding="utf-8").replace("24/7", "9-5"),
        encoding="utf-8",
    )
    real_upsert = hotline_services._upsert
    calls = {"n": 0}

    def upsert_until_the_disk_fills(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 10:
            raise OperationalError("database or disk is full")
        return real_upsert(*args, **kwargs)

    monkeypatch.setattr(hotline_services, "_upsert", upsert_until_the_disk_fills)

    with pytest.raises(OperationalError):
        load_hotlines(changed)

    assert calls["n"] == 10
    assert sorted(Hotline.objects.values_list("name", "hours_en")) == before
    assert Country.objects.count() == 6
    assert connection.in_atomic_block is False
    assert visitor.get("/help-now/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_admin_sign_in_answers_503_not_500_when_the_database_is_down(
    database_goes_away,
) -> None:
    database_goes_away(times=100)

    response = Client().post("/admin/login/", {"username": "someone", "password": "x"})

    assert response.status_code == 503


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_connection_killed_mid_request_gives_503_then_recovers(
    visitor: Client, hotlines: None, monkeypatch
) -> None:
    """A real fault, not a simulated exception: the server ends our session mid-request."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (pg_terminate_backend); the SQLite pass simulates it")
    import psycopg

    settings_dict = connection.settings_dict
    real_execute = CursorWrapper.execute
    armed = {"on": True}

    def execute(self, sql, params=None):
        if armed["on"]:
            armed["on"] = False
            pid = self.db.connection.info.backend_pid
            with psycopg.connect(
                host=settings_dict["HOST"],
                port=settings_dict["PORT"],
                user=settings_dict["USER"],
                password=settings_dict["PASSWORD"],
                dbname=settings_dict["NAME"],
                autocommit=True,
            ) as other:
                other.execute("SELECT pg_terminate_backend(%s)", [pid])
        return real_execute(self, sql, params)

    visitor.get("/healthz")  # make sure the connection is open before the fault
    monkeypatch.setattr(CursorWrapper, "execute", execute)

    assert visitor.get("/help-now/").status_code == 503
    assert visitor.get("/help-now/").status_code == 200
