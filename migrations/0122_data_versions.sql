-- A version per connection of the data the analytics statements read (issue 17: answers under load):
-- every statement that writes a connection's facts (and so its roll-ups) or entities, or the connection
-- itself, gives the connection a new version. Sync runs are read only by the freshness statements,
-- which are not cached, so a sync's progress writes change no version. src/db/analytics/resultCache.ts
-- keys its results by the versions of the workspace's connections: a result is served again only
-- while nothing it read has changed. Versions come from a sequence: a rolled-back write's version is
-- never handed out again, so a result read inside a transaction that later rolled back can never
-- match a committed state.
create table data_versions (
  connection_id uuid primary key references connections (id) on delete cascade,
  version bigint not null
);
create sequence data_version_seq owned by data_versions.version;

-- The connections the changed rows belong to (still existing: a connection's delete cascades to its
-- rows, and its version row goes with it) get a new version each, once per statement.
create function data_versions_bump(connection_ids uuid[]) returns void language sql as $$
  insert into data_versions (connection_id, version)
  select c.id, nextval('data_version_seq') from connections c where c.id = any(connection_ids)
  on conflict (connection_id) do update set version = excluded.version
$$;

create function data_versions_bump_new() returns trigger language plpgsql as $$
begin
  perform data_versions_bump(array(select distinct connection_id from new_rows));
  return null;
end $$;

create function data_versions_bump_old() returns trigger language plpgsql as $$
begin
  perform data_versions_bump(array(select distinct connection_id from old_rows));
  return null;
end $$;

create function data_versions_bump_both() returns trigger language plpgsql as $$
begin
  perform data_versions_bump(array(select connection_id from new_rows union select connection_id from old_rows));
  return null;
end $$;

create function data_versions_bump_all() returns trigger language plpgsql as $$
begin
  perform data_versions_bump(array(select id from connections));
  return null;
end $$;

create trigger metric_facts_version_insert after insert on metric_facts
  referencing new table as new_rows for each statement execute function data_versions_bump_new();
create trigger metric_facts_version_update after update on metric_facts
  referencing old table as old_rows new table as new_rows for each statement execute function data_versions_bump_both();
create trigger metric_facts_version_delete after delete on metric_facts
  referencing old table as old_rows for each statement execute function data_versions_bump_old();
create trigger metric_facts_version_truncate after truncate on metric_facts
  for each statement execute function data_versions_bump_all();

create trigger entities_version_insert after insert on entities
  referencing new table as new_rows for each statement execute function data_versions_bump_new();
create trigger entities_version_update after update on entities
  referencing old table as old_rows new table as new_rows for each statement execute function data_versions_bump_both();
create trigger entities_version_delete after delete on entities
  referencing old table as old_rows for each statement execute function data_versions_bump_old();
create trigger entities_version_truncate after truncate on entities
  for each statement execute function data_versions_bump_all();

-- a connection's own row: named `id` there
create function data_versions_bump_connections() returns trigger language plpgsql as $$
begin
  perform data_versions_bump(array(select id from new_rows));
  return null;
end $$;
create trigger connections_version_insert after insert on connections
  referencing new table as new_rows for each statement execute function data_versions_bump_connections();
create trigger connections_version_update after update on connections
  referencing new table as new_rows for each statement execute function data_versions_bump_connections();

insert into data_versions (connection_id, version) select id, nextval('data_version_seq') from connections;
