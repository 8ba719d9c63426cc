"""The audit trail (append-only, hash-chained, signed): its entries (`entries`), its anchor
file (`anchor`), the station key and the response times read from it.  The trail's table is
kept by the officer-side store (`console.store.office.audit_trail`)."""
