-- Past conversations are listed, renamed and reopened (the chat's history panel). A conversation's
-- title is its first question until a person renames it: `title` holds only a chosen name (null =
-- use the first question), so renaming never rewrites what was asked.

alter table conversations add column title text check (title is null or char_length(title) between 1 and 200);
