-- No query reads dialogs by recency through this index: the dialog list orders by each row's
-- effective date, computed per row (a channel's top comes from the chat), so it reads a user's
-- rows by the primary key and sorts them. Without it a send's dialog update changes no indexed
-- column, so PostgreSQL can make it a heap-only (HOT) update (docs/benchmarks.md, "Issue 20,
-- session of 2026-12-04").
DROP INDEX dialogs_by_recency;
