-- metric_facts loses the foreign keys whose values come from its ad's entity row: workspace,
-- connection, campaign and ad set. They were checked per row on every insert (70–80% of ingest time
-- at scale, issue 17) although the only writer, upsertFacts (src/db/facts.ts), copies all four from
-- the ad's own entities row in the same statement, so they can never disagree with it. The key to the
-- ad itself stays: deleting an ad (or its connection or workspace, by cascade) still deletes its facts.
alter table metric_facts drop constraint metric_facts_workspace_id_fkey;
alter table metric_facts drop constraint metric_facts_connection_id_fkey;
alter table metric_facts drop constraint metric_facts_campaign_id_fkey;
alter table metric_facts drop constraint metric_facts_adset_id_fkey;
