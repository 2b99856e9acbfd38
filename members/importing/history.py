"""History rows for members written by an import, inserted with one prepared statement per batch.

django-simple-history's bulk helpers build a model instance per row and go through the ORM's insert compiler,
which costs more than the member insert itself on a 100,000-row import; the rows written here are the same
rows simple-history writes (same table and columns), so the member page shows imports in its history.
"""

from django.db import connection, models

from members.models import Member

HistoricalMember = Member.history.model


def copy_rows(table: str, fields, rows) -> None:
    """PostgreSQL: write many rows with COPY, which psycopg formats in C.

    A multi-row INSERT of 2,000 members has 52,000 placeholders, and psycopg spent longer splitting such
    queries than the server spent inserting the rows (25 of the 60 s that an import of 100,000 rows took at
    1,000,000 members); arrays through UNNEST still cost 12 s of array formatting in Python.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _converter(field):
    """Turn a Python value into what the database driver takes, without the ORM's per-value machinery."""
    if isinstance(field, models.DateTimeField):
        return lambda value: connection.ops.adapt_datetimefield_value(value) if value is not None else None
    if isinstance(field, models.DateField):
        return lambda value: connection.ops.adapt_datefield_value(value) if value is not None else None
    return None


class HistoryRows:
    """The parameters of the history rows of one import step, built from members before or after they are saved
    (`with_id` puts the member's id in a row built before the member had one)."""

    def __init__(self, *, history_type: str, by, reason: str, date):
        fields = [f for f in HistoricalMember._meta.concrete_fields if f.attname != "history_id"]
        extra = {
            "history_date": date,
            "history_change_reason": reason,
            "history_type": history_type,
            "history_user_id": by.pk if by is not None else None,
        }
        self.getters = []
        for field in fields:
            convert = _converter(field)
            if field.attname in extra:
                constant = convert(extra[field.attname]) if convert else extra[field.attname]
                self.getters.append(lambda member, constant=constant: constant)
            elif convert:
                self.getters.append(lambda member, name=field.attname, convert=convert: convert(getattr(member, name)))
            else:
                self.getters.append(lambda member, name=field.attname: getattr(member, name))
        self.id_index = [field.attname for field in fields].index("id")
        self.fields = fields
        quote = connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from model metadata, values bound
            quote(HistoricalMember._meta.db_table),
            ", ".join(quote(field.column) for field in fields),
            ", ".join(["%s"] * len(fields)),
        )

    def row(self, member) -> tuple:
        return tuple(get(member) for get in self.getters)

    def with_id(self, row: tuple, member_id: int) -> tuple:
        return row[: self.id_index] + (member_id,) + row[self.id_index + 1 :]

    def insert(self, rows: list[tuple]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                copy_rows(HistoricalMember._meta.db_table, self.fields, rows)
            else:
                cursor.executemany(self.sql, rows)


def insert_history(members, *, history_type: str, by, reason: str, date) -> None:
    """One history row per member in `members` (saved instances), as simple-history writes them."""
    rows = HistoryRows(history_type=history_type, by=by, reason=reason, date=date)
    rows.insert([rows.row(member) for member in members])
