-- Accounts and trust: people, their workspaces, browser sessions, workspace API keys, and the OAuth
-- connect flow's short-lived state. Secrets are stored hashed (sessions, API keys) or sealed (tokens).

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text,
  -- scrypt$N$r$p$salt$hash (base64 parts)
  password_hash text not null,
  created_at timestamptz not null default now()
);
create unique index users_email_idx on users (lower(email));

create table memberships (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'member')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

-- A browser session: the cookie holds a random token; only its SHA-256 is stored.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);

-- Workspace API keys (REST, WebSocket, MCP over HTTP): shown once, stored as SHA-256, revocable.
create table api_keys (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null,
  -- the first characters of the key, to tell keys apart in a list
  prefix text not null,
  key_hash text not null unique,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_workspace_idx on api_keys (workspace_id);

-- OAuth connect flow: a state is single-use (used_at) and expires; the token obtained from the code
-- waits here, sealed, while the person picks which ad accounts to connect.
create table oauth_flows (
  nonce text primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  key_id text,
  iv bytea,
  ciphertext bytea,
  auth_tag bytea,
  token_expires_at timestamptz,
  scopes text[]
);
