"""Supervisor review: the console's stored evidence read back after the fact.

Queries (a container's story, a time window, searches), the replay engine
(the yard at any past moment from checkpoints and stored events), KPIs,
retention and shift reports.  Nothing here imports widgets: the history
window (`ui.history`) and the `review` / `history report` commands are thin
front ends on these functions.
"""
