"""History rows for members written by an import, copied by the database from the member rows just written.

django-simple-history's bulk helpers build a model instance per row and go through the ORM's insert compiler,
which costs more than the member insert itself on a 100,000-row import; the rows written here are the same
rows simple-history writes (same table and columns), so the member page shows imports in its history.
"""

from django.db import connection

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
    # The raw psycopg cursor's errors are turned into Django's (IntegrityError for a CCCD taken meanwhile).
    statement = f"COPY {quote(table)} ({columns}) FROM STDIN"
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


_IDS_PER_STATEMENT = 2000  # under SQLite's bound-parameter limit


def copy_history_of(ids: list[int], *, history_type: str, by, reason: str, date) -> None:
    """One history row per member in `ids`, copied by the database from the member rows just written.

    Nothing goes through Python per row: an import's history is written inside its transaction (on SQLite, while
    the write lock is held), and binding 30 values for each of 100,000 rows took 2 s of that time.
    """
    quote = connection.ops.quote_name
    extra = {
        "history_date": connection.ops.adapt_datetimefield_value(date),
        "history_change_reason": reason,
        "history_type": history_type,
        "history_user_id": by.pk if by is not None else None,
    }
    copied = [
        f.column for f in HistoricalMember._meta.concrete_fields if f.attname not in extra and f.attname != "history_id"
    ]
    sql = "INSERT INTO {} ({}) SELECT {} FROM {} WHERE {} IN ({{}})".format(  # noqa: S608 - names from metadata
        quote(HistoricalMember._meta.db_table),
        ", ".join(quote(column) for column in [*copied, *extra]),
        ", ".join([*(quote(column) for column in copied), *(["%s"] * len(extra))]),
        quote(Member._meta.db_table),
        quote(Member._meta.pk.column),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(ids), _IDS_PER_STATEMENT):
            chunk = ids[start : start + _IDS_PER_STATEMENT]
            cursor.execute(sql.format(", ".join(["%s"] * len(chunk))), [*extra.values(), *chunk])
