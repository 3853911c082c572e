"""The forms that change data (upload, quick edits): each hands its change to the one write path."""
