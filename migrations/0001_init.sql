-- First cut of the schema (DESIGN.md "Data model"). Ids: uuid for things people name in URLs
-- (workspaces, connections, runs), bigint identity for entities because every fact row points at three.

create table workspaces (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text not null,
  created_at timestamptz not null default now()
);

-- The default workspace: demo mode and single-user installs work in it without any setup.
insert into workspaces (id, slug, name) values ('00000000-0000-4000-8000-000000000001', 'default', 'Default workspace');

create table connections (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  provider text not null default 'meta' check (provider in ('meta')),
  external_account_id text not null check (external_account_id ~ '^act_[0-9]+$'),
  name text,
  currency text check (currency ~ '^[A-Z]{3}$'),
  time_zone text,
  status text not null default 'active' check (status in ('active', 'needs_reauth', 'disabled', 'error')),
  status_reason text,
  last_synced_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, provider, external_account_id)
);
create index connections_workspace_idx on connections (workspace_id);

-- Access tokens, AES-256-GCM encrypted; key_id names the key so keys can be rotated.
create table tokens (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  connection_id uuid not null unique references connections (id) on delete cascade,
  key_id text not null,
  iv bytea not null,
  ciphertext bytea not null,
  auth_tag bytea not null,
  token_type text not null default 'user' check (token_type in ('user', 'system_user', 'page', 'app')),
  scopes text[] not null default '{}',
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table entities (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  connection_id uuid not null references connections (id) on delete cascade,
  level text not null check (level in ('account', 'campaign', 'adset', 'ad')),
  external_id text not null,
  parent_id bigint references entities (id) on delete set null,
  -- the campaign and ad set above this entity (itself for its own level), so roll-ups need no recursion
  campaign_id bigint references entities (id) on delete set null,
  adset_id bigint references entities (id) on delete set null,
  name text,
  status text,
  effective_status text,
  objective text,
  goal text,
  daily_budget numeric,
  lifetime_budget numeric,
  start_time timestamptz,
  stop_time timestamptz,
  external_created_at timestamptz,
  external_updated_at timestamptz,
  -- created from a fact that named an id the entity sync has not (yet) returned
  is_placeholder boolean not null default false,
  -- no longer returned by Meta: kept (history stays queryable), marked
  removed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (connection_id, external_id)
);
create index entities_workspace_level_idx on entities (workspace_id, level);
create index entities_parent_idx on entities (parent_id);

-- Ad-level daily facts (hour = -1 is the whole day; 0..23 are hours in the account's time zone).
-- Measures are exact: numeric for money and conversions (Meta reports fractional conversions),
-- bigint for counts. The natural key is (entity, date, hour, provider).
create table metric_facts (
  entity_id bigint not null references entities (id) on delete cascade,
  date date not null,
  hour smallint not null default -1 check (hour between -1 and 23),
  provider text not null default 'meta',
  workspace_id uuid not null references workspaces (id) on delete cascade,
  connection_id uuid not null references connections (id) on delete cascade,
  campaign_id bigint references entities (id) on delete set null,
  adset_id bigint references entities (id) on delete set null,
  spend numeric not null default 0,
  impressions bigint not null default 0,
  reach bigint not null default 0,
  clicks bigint not null default 0,
  link_clicks bigint not null default 0,
  landing_page_views bigint not null default 0,
  add_to_cart numeric not null default 0,
  purchases numeric not null default 0,
  revenue numeric not null default 0,
  leads numeric not null default 0,
  actions jsonb,
  action_values jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (entity_id, date, hour, provider)
);
create index metric_facts_workspace_date_idx on metric_facts (workspace_id, date);
create index metric_facts_campaign_date_idx on metric_facts (campaign_id, date);

create table sync_runs (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  connection_id uuid not null references connections (id) on delete cascade,
  kind text not null default 'incremental' check (kind in ('initial', 'incremental', 'full', 'range')),
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  range_since date,
  range_until date,
  -- { windows_done, windows_total, rows, step }
  progress jsonb not null default '{}',
  -- { entities: { campaign: { created, updated, unchanged }, … }, facts: { inserted, updated, unchanged }, calls }
  stats jsonb not null default '{}',
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz
);
create index sync_runs_connection_idx on sync_runs (connection_id, created_at desc);
create index sync_runs_workspace_idx on sync_runs (workspace_id, created_at desc);
