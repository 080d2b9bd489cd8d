-- Conversation memory for the assistant: kept in the database so a reconnecting chat continues where
-- it left off. Each turn stores the question, the answer and the planner's resolved state (jsonb), which
-- is what a follow-up ("and the week before?") builds on. Scoped by workspace like everything else.

create table conversations (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conversations_workspace_idx on conversations (workspace_id, updated_at desc);

create table conversation_turns (
  conversation_id uuid not null references conversations (id) on delete cascade,
  seq integer not null,
  role text not null default 'exchange' check (role in ('exchange', 'user', 'assistant')),
  question text not null,
  answer text not null,
  state jsonb,
  created_at timestamptz not null default now(),
  primary key (conversation_id, seq)
);
