-- Sync engine additions (issue 4). Additive only.

-- Windows of a metrics sync that finished (their facts are committed). A run killed mid-way leaves
-- its finished windows here; the next run of the connection copies them (inherited = true) and skips
-- those days, so a resume neither refetches what landed nor misses what did not.
create table sync_windows (
  run_id uuid not null references sync_runs (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  connection_id uuid not null references connections (id) on delete cascade,
  since date not null,
  until date not null check (until >= since),
  rows integer not null default 0,
  inherited boolean not null default false,
  completed_at timestamptz not null default now(),
  primary key (run_id, since)
);
create index sync_windows_connection_idx on sync_windows (connection_id, completed_at desc);

-- The run whose finished windows this run inherited (a resume after a crash or failure).
alter table sync_runs add column resumed_from uuid references sync_runs (id) on delete set null;
create index sync_runs_status_idx on sync_runs (connection_id, status);
