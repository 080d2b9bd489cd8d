-- Scheduled sync (issue 13): one schedule per connection, read by the scheduler, edited by
-- `adnavi schedule`. Times are the ad account's wall clock (connections.time_zone); the next_* columns
-- are the instants the scheduler computed for them (UTC), so "next run" is a read, not a guess, and
-- two schedulers never fire one slot twice (each fire moves next_* with a compare-and-set).
-- The jobs themselves live in pg-boss's own schema (pgboss.*), created by pg-boss at start.
create table sync_schedules (
  connection_id uuid primary key references connections (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  enabled boolean not null default true,
  -- today and yesterday again, every N minutes of the account's day (0 = off)
  intraday_every_minutes integer not null default 60
    check (intraday_every_minutes = 0 or intraday_every_minutes between 15 and 1440),
  -- the lookback refresh (Meta restates recent days) once a day at this account-local time:
  -- about 3 h after the account's midnight, once the previous day has settled
  lookback_at_minute integer not null default 180 check (lookback_at_minute between 0 and 1439),
  -- how often a token is checked (and refreshed when it expires within 7 days)
  token_check_every_hours integer not null default 24 check (token_check_every_hours between 1 and 168),
  -- progressive backfill: how far back history is loaded (Meta keeps 37 months), slice by slice
  backfill_limit_days integer not null default 1127 check (backfill_limit_days between 91 and 1127),
  backfill_slice_days integer not null default 30 check (backfill_slice_days between 1 and 366),
  next_intraday_at timestamptz,
  next_lookback_at timestamptz,
  next_token_check_at timestamptz,
  updated_at timestamptz not null default now()
);
create index sync_schedules_workspace_idx on sync_schedules (workspace_id);
