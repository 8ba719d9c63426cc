"""Corrections of terminal data: the request (`request`), the sender that drains the outbox
(`sender`); the outbox's rows are kept by the officer-side store (`console.office`)."""
