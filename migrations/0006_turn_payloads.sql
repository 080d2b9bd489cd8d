-- What an answer showed beside its text, kept with the turn so a reloaded chat renders it again:
-- `payloads` holds the answer's tables and series (AnswerPayload[], rows capped when stored), and
-- `tool_calls` the chips' makings (tool name, its small input, the error if any; never tool output).
-- Additive: turns written before this read as having none.

alter table conversation_turns
  add column payloads jsonb not null default '[]',
  add column tool_calls jsonb not null default '[]';
