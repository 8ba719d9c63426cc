"""Evidence pictures (compatibility path).

The record and the picture file live in `console.cameras.evidence_record`;
the `evidence` table (take, attach, records, verify) in
`console.store.office.evidence_rows` (only `console.store` touches SQLite).
Both are re-exported here for the code and tests that name them by their old
place; the window saves through `OfficeStore.take_evidence`.
"""

from console.cameras.evidence_record import (
    AUDIT_ACTION,
    COMPONENT,
    FOLDER,
    EvidenceRecord,
    save_picture,
)
from console.store.office.evidence_rows import (
    MIGRATIONS,
    attach,
    audited_by,
    base_folder,
    ensure_schema,
    records,
    take,
    verify,
)

__all__ = ["AUDIT_ACTION", "COMPONENT", "FOLDER", "MIGRATIONS", "EvidenceRecord", "attach",
           "audited_by", "base_folder", "ensure_schema", "records", "save_picture", "take",
           "verify"]
