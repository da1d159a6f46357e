-- No query reads dialogs by recency through this index: the dialog list orders by each row's
-- effective date, computed per row (a channel's top comes from the chat), so it reads a user's
-- rows by the primary key and sorts them. Every private send moved two entries of it (both sides'
-- top_date), so it cost each message two index updates and bought nothing (docs/benchmarks.md,
-- "Issue 20, session of 2026-12-04").
DROP INDEX dialogs_by_recency;
