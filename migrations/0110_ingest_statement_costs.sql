-- Ingest nearer COPY speed (issue 17): metric_facts' foreign key to its ad (entities) checked every
-- inserted row with a query of its own (an after-row trigger per fact: ~35 ms per 10,000 facts on
-- PostgreSQL, ~15% of an ingest statement). Its two jobs are now done once per statement:
-- - a fact names an existing ad: the only writer, upsertFacts (src/db/facts.ts), takes the ad ids
--   from entities in the same statement and locks those rows (FOR KEY SHARE, what the key's check
--   took per fact), so an ad cannot be deleted under facts being written to it;
-- - deleting an entity deletes its facts (the key's ON DELETE CASCADE): a statement trigger on
--   entities deletes the facts of all the rows a delete removed (cascades from a connection or
--   workspace included), and the roll-up triggers subtract them as before.
alter table metric_facts drop constraint metric_facts_entity_id_fkey;

create function metric_facts_entity_deleted() returns trigger language plpgsql as $$
begin
  delete from metric_facts f using old_rows o where f.entity_id = o.id;
  return null;
end $$;

create trigger metric_facts_entity_deleted after delete on entities
  referencing old table as old_rows for each statement execute function metric_facts_entity_deleted();
