"""The import's background tasks under the path they were first queued by (members.tasks.*): a task waiting in the
queue is stored with that path, and the db_worker imports it from here. They are defined in members.importing.jobs,
which enqueues them.
"""

from members.importing.jobs import check_import_task, write_import_task

__all__ = ["check_import_task", "write_import_task"]
