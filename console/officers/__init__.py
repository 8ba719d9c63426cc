"""Officers: accounts (`account`; kept by `console.store.office.accounts`), roles and what
each may do, the signed-in session (`permissions`)."""
