"""A storage whose disk fills up while it writes: part of the file lands, then OSError(ENOSPC)."""

import errno

from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage


class FullDisk(InMemoryStorage):
    """Writes part of the file, then the disk is full."""

    def _save(self, name, content):
        super()._save(name, ContentFile(content.read()[:100]))
        raise OSError(errno.ENOSPC, "No space left on device")

    def stored_names(self, directory: str = "") -> list[str]:
        """Every file left in the storage under `directory`, at any depth."""
        folders, files = self.listdir(directory)
        names = [f"{directory}/{name}".lstrip("/") for name in files]
        for folder in folders:
            names += self.stored_names(f"{directory}/{folder}".lstrip("/"))
        return names
