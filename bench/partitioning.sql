-- Would partitioning metric_facts by month pay (issue 17: "worth measuring for retention and vacuum")?
-- Copies the facts of a kept bench database twice, with metric_facts' key and indexes and without its
-- triggers: once as one table (as today), once partitioned by month. Then, on each: a daily sync's
-- restatement of the last 28 days and the vacuum after it, a retention cut of the oldest two months,
-- a day read as the ad-level listings do, and a new day's facts written as the ingest does. Drops both
-- copies at the end. Run on a database seeded by bench:query, e.g.
--   BENCH_PG_DATABASE=adnavi_bench_10m BENCH_ADS=20000 BENCH_BACKENDS=pg BENCH_RUNS=1 npx tsx bench/query.ts
--   psql -h 127.0.0.1 -U postgres -d adnavi_bench_10m -f bench/partitioning.sql
-- (dates below are the seed's: its last day is 2026-11-24, its first 2025-07-13). Read the times beside
-- the buffer counts of VACUUM VERBOSE: those do not depend on the machine's other load.
\timing on
\set ON_ERROR_STOP on
drop table if exists mf_flat;
drop table if exists mf_part cascade;
create table mf_flat (like metric_facts including defaults including constraints);
create table mf_part (like metric_facts including defaults including constraints) partition by range (date);
do $$
declare m date;
begin
  for m in select generate_series(date_trunc('month', min(date))::date, date_trunc('month', max(date))::date + 31,
      interval '1 month')::date from metric_facts loop
    execute format('create table mf_part_%s partition of mf_part for values from (%L) to (%L)', to_char(m, 'YYYYMM'),
      m, (m + interval '1 month')::date);
  end loop;
end $$;
insert into mf_flat select * from metric_facts order by date, entity_id;
insert into mf_part select * from metric_facts order by date, entity_id;
alter table mf_flat add primary key (entity_id, date, hour, provider);
create index on mf_flat (campaign_id, date);
create index on mf_flat (workspace_id, date);
alter table mf_part add primary key (entity_id, date, hour, provider);
create index on mf_part (campaign_id, date);
create index on mf_part (workspace_id, date);
vacuum analyze mf_flat;
vacuum analyze mf_part;
select pg_size_pretty(pg_indexes_size('mf_flat')) as flat_indexes,
  (select pg_size_pretty(sum(pg_indexes_size(inhrelid))) from pg_inherits where inhparent = 'mf_part'::regclass)
    as partitioned_indexes;

\echo == a daily sync restates the last 28 days, then vacuum
update mf_flat set spend = spend + 0.01, updated_at = now() where date >= '2026-10-28';
update mf_part set spend = spend + 0.01, updated_at = now() where date >= '2026-10-28';
vacuum (verbose) mf_flat;
vacuum (verbose) mf_part;

\echo == a day read as ad-level listings read their remainder days
explain (analyze, summary) select entity_id, sum(spend) from mf_flat
where workspace_id = '00000000-0000-4000-8000-000000000001' and date = any('{2026-11-23,2026-11-24}') and hour = -1
group by entity_id;
explain (analyze, summary) select entity_id, sum(spend) from mf_part
where workspace_id = '00000000-0000-4000-8000-000000000001' and date = any('{2026-11-23,2026-11-24}') and hour = -1
group by entity_id;

\echo == five new days of every ad written as the ingest upserts (twice each, alternating)
create temp table new_days as select * from mf_flat where date between '2026-11-20' and '2026-11-24';
update new_days set date = date + 5;
insert into mf_flat select * from new_days on conflict (entity_id, date, hour, provider) do update
  set spend = excluded.spend where mf_flat.spend is distinct from excluded.spend;
insert into mf_part select * from new_days on conflict (entity_id, date, hour, provider) do update
  set spend = excluded.spend where mf_part.spend is distinct from excluded.spend;
delete from mf_flat where date > '2026-11-24';
delete from mf_part where date > '2026-11-24';
insert into mf_part select * from new_days on conflict (entity_id, date, hour, provider) do update
  set spend = excluded.spend where mf_part.spend is distinct from excluded.spend;
insert into mf_flat select * from new_days on conflict (entity_id, date, hour, provider) do update
  set spend = excluded.spend where mf_flat.spend is distinct from excluded.spend;

\echo == retention: the oldest two months go; a dropped partition would first have its sums taken off the roll-ups
select count(*) as rollup_rows_to_subtract from (
  select entity_id, date_trunc('week', date::timestamp), date_trunc('month', date::timestamp), sum(spend),
    sum(impressions), sum(revenue)
  from mf_part where date < '2025-09-01' and hour = -1 group by 1, 2, 3) s;
drop table mf_part_202507, mf_part_202508;
delete from mf_flat where date < '2025-09-01';
vacuum (verbose) mf_flat;

drop table mf_flat;
drop table mf_part cascade;
