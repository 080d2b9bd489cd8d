-- Would prefix sums make ad-level listings independent of the range (issue 17: ad level at 10M facts
-- within 50 ms for any range)? Today an ad's sum over a range is read from the fewest whole quarters,
-- months, weeks and days (metric_ad_periods plus metric_facts, adPeriods.ts): 6 rows per ad for the
-- 30-day preset, 13 for a year. With each ad's running totals kept for every day from its first fact to
-- its last (ad_cum) and its totals at its last day (ad_cum_last), any range is two rows per ad: the
-- totals at its last day less those at the day before it. This script builds both from the facts of a
-- kept bench database, keeps them by a statement trigger like the roll-ups' (checked against the facts
-- after a restatement and a new day past a gap), and times, beside today's roll-up, the reads (the per-ad
-- spend sums a 30-day and a 365-day listing rank by) and the writes (a daily sync's 28-day restatement of
-- 1,000 ads with the next day; a first sync of 100 ads x 500 days), every write rolled back. Drops
-- what it made at the end. Run on a database seeded by bench:query, e.g.
--   BENCH_PG_DATABASE=adnavi_bench_10m BENCH_ADS=20000 BENCH_BACKENDS=pg BENCH_RUNS=1 npx tsx bench/query.ts
--   psql -h 127.0.0.1 -U postgres -d adnavi_bench_10m -f bench/prefixSums.sql
-- (the seed's last day is 2026-11-24, its first 2025-07-13; CONN_ID in the reads stands for its main connection).
\timing on
\set ON_ERROR_STOP on
set client_min_messages = warning;
set work_mem = '512MB';
drop table if exists ad_cum, ad_cum_last;
create table ad_cum as
select workspace_id, connection_id, date, entity_id, count(*) over w as facts,
  sum((spend * 1000000)::bigint) over w as spend_micros, sum(impressions) over w as impressions,
  sum(reach) over w as reach, sum(clicks) over w as clicks, sum(link_clicks) over w as link_clicks,
  sum(landing_page_views) over w as landing_page_views, sum((add_to_cart * 1000000)::bigint) over w as add_to_cart_micros,
  sum((purchases * 1000000)::bigint) over w as purchases_micros, sum((revenue * 1000000)::bigint) over w as revenue_micros,
  sum((leads * 1000000)::bigint) over w as leads_micros
from metric_facts where hour = -1
window w as (partition by entity_id order by date);
-- the key reads every ad at one day; the second index finds an ad's days from one on, for the upkeep
alter table ad_cum add primary key (connection_id, date, entity_id) include (workspace_id, facts, spend_micros,
  impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart_micros, purchases_micros, revenue_micros, leads_micros);
create index ad_cum_entity on ad_cum (entity_id, date);
create table ad_cum_last as
select distinct on (entity_id) c.*, c.date as last_date, (select min(date) from metric_facts m
  where m.entity_id = c.entity_id and m.hour = -1) as first_date
from ad_cum c order by entity_id, date desc;
alter table ad_cum_last drop column date;
alter table ad_cum_last add primary key (connection_id, entity_id);
vacuum analyze ad_cum;
vacuum analyze ad_cum_last;
select pg_size_pretty(pg_total_relation_size('ad_cum')) as prefix_sums,
  pg_size_pretty(pg_total_relation_size('metric_ad_periods')) as ad_periods,
  pg_size_pretty(pg_total_relation_size('metric_facts')) as facts;
create or replace function pg_temp.cum_apply() returns trigger language plpgsql as $$
declare
  cols text := 'workspace_id, connection_id, entity_id, provider, date';
  pos text := '1 as facts, (spend * 1000000)::bigint as spend, impressions, reach, clicks, link_clicks, landing_page_views, (add_to_cart * 1000000)::bigint as add_to_cart, (purchases * 1000000)::bigint as purchases, (revenue * 1000000)::bigint as revenue, (leads * 1000000)::bigint as leads';
  neg text := '-1, -(spend * 1000000)::bigint, -impressions, -reach, -clicks, -link_clicks, -landing_page_views, -(add_to_cart * 1000000)::bigint, -(purchases * 1000000)::bigint, -(revenue * 1000000)::bigint, -(leads * 1000000)::bigint';
  signed text := case tg_op
    when 'INSERT' then format('select %s, %s from new_rows where hour = -1', cols, pos)
    when 'DELETE' then format('select %s, %s from old_rows where hour = -1', cols, replace(neg, '-1,', '-1 as facts,'))
    else format('select %1$s, %2$s from new_rows where hour = -1 union all select %1$s, %3$s from old_rows where hour = -1', cols, pos, neg) end;
begin
  create temp table if not exists cum_delta (workspace_id uuid, connection_id uuid, entity_id bigint, provider text,
      date date, facts bigint, spend bigint, impressions bigint, reach bigint, clicks bigint, link_clicks bigint,
      landing_page_views bigint, add_to_cart bigint, purchases bigint, revenue bigint, leads bigint) on commit delete rows;
  truncate cum_delta;
  execute format($q$
    insert into cum_delta
    select workspace_id, connection_id, entity_id, provider, date, sum(facts), sum(spend), sum(impressions),
        sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases), sum(revenue), sum(leads)
    from (%s) x group by entity_id, date, provider, connection_id, workspace_id $q$, signed);
  analyze cum_delta;
  -- rows before an ad's first day and after its last (all its days, for a new ad): the base (0 before, the
  -- ad's totals after) plus the running sum of the deltas up to the day
  with b as (
    select d.workspace_id, d.connection_id, d.entity_id, d.provider, min(d.date) lo, max(d.date) hi, f.first_date, f.last_date
    from cum_delta d left join ad_cum_last f on f.connection_id = d.connection_id and f.entity_id = d.entity_id
    group by d.entity_id, d.provider, d.connection_id, d.workspace_id, f.connection_id, f.entity_id
  ), ext as (
    select b.workspace_id, b.connection_id, b.entity_id, b.provider, x::date as date, false as after
    from b, generate_series(b.lo, coalesce(b.first_date - 1, b.hi), interval '1 day') x
    union all
    select b.workspace_id, b.connection_id, b.entity_id, b.provider, x::date, true
    from b, generate_series(b.last_date + 1, b.hi, interval '1 day') x where b.last_date < b.hi
  ), r as (
    select u.*, sum(facts) over w as r_facts, sum(spend) over w as r_spend, sum(impressions) over w as r_impressions,
      sum(reach) over w as r_reach, sum(clicks) over w as r_clicks, sum(link_clicks) over w as r_link_clicks,
      sum(landing_page_views) over w as r_lpv, sum(add_to_cart) over w as r_atc, sum(purchases) over w as r_purchases,
      sum(revenue) over w as r_revenue, sum(leads) over w as r_leads
    from (
      select workspace_id, connection_id, entity_id, provider, date, null::boolean as after, facts, spend, impressions, reach, clicks,
        link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads from cum_delta
      union all
      select workspace_id, connection_id, entity_id, provider, date, after, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 from ext
    ) u
    window w as (partition by entity_id, provider order by date)
  )
  insert into ad_cum (workspace_id, connection_id, date, entity_id, facts, spend_micros, impressions, reach, clicks,
    link_clicks, landing_page_views, add_to_cart_micros, purchases_micros, revenue_micros, leads_micros)
  select r.workspace_id, r.connection_id, r.date, r.entity_id,
    coalesce(f.facts, 0) + r_facts, coalesce(f.spend_micros, 0) + r_spend, coalesce(f.impressions, 0) + r_impressions,
    coalesce(f.reach, 0) + r_reach, coalesce(f.clicks, 0) + r_clicks, coalesce(f.link_clicks, 0) + r_link_clicks,
    coalesce(f.landing_page_views, 0) + r_lpv, coalesce(f.add_to_cart_micros, 0) + r_atc,
    coalesce(f.purchases_micros, 0) + r_purchases, coalesce(f.revenue_micros, 0) + r_revenue, coalesce(f.leads_micros, 0) + r_leads
  from r left join ad_cum_last f on r.after and f.connection_id = r.connection_id and f.entity_id = r.entity_id
  where r.after is not null;
  -- rows already there from the first changed day on
  with s as (
    select d.connection_id, d.entity_id, d.date, lead(d.date) over w as next, sum(facts) over w as facts,
      sum(spend) over w as spend, sum(impressions) over w as impressions, sum(reach) over w as reach,
      sum(clicks) over w as clicks, sum(link_clicks) over w as link_clicks, sum(landing_page_views) over w as lpv,
      sum(add_to_cart) over w as atc, sum(purchases) over w as purchases, sum(revenue) over w as revenue, sum(leads) over w as leads
    from cum_delta d
    window w as (partition by entity_id, provider order by date)
  )
  update ad_cum c set facts = c.facts + s.facts, spend_micros = c.spend_micros + s.spend,
    impressions = c.impressions + s.impressions, reach = c.reach + s.reach, clicks = c.clicks + s.clicks,
    link_clicks = c.link_clicks + s.link_clicks, landing_page_views = c.landing_page_views + s.lpv,
    add_to_cart_micros = c.add_to_cart_micros + s.atc, purchases_micros = c.purchases_micros + s.purchases,
    revenue_micros = c.revenue_micros + s.revenue, leads_micros = c.leads_micros + s.leads
  from s join ad_cum_last f on f.connection_id = s.connection_id and f.entity_id = s.entity_id
  where c.entity_id = s.entity_id and c.date >= s.date and c.date < coalesce(s.next, 'infinity')
    and c.date between f.first_date and f.last_date and c.connection_id = s.connection_id;
  -- each ad's bounds and totals
  insert into ad_cum_last as f (workspace_id, connection_id, entity_id, first_date, last_date, facts, spend_micros,
    impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart_micros, purchases_micros, revenue_micros, leads_micros)
  select workspace_id, connection_id, entity_id, min(date), max(date), sum(facts), sum(spend), sum(impressions), sum(reach),
    sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases), sum(revenue), sum(leads)
  from cum_delta group by entity_id, connection_id, workspace_id
  on conflict (connection_id, entity_id) do update set first_date = least(f.first_date, excluded.first_date),
    last_date = greatest(f.last_date, excluded.last_date), facts = f.facts + excluded.facts,
    spend_micros = f.spend_micros + excluded.spend_micros, impressions = f.impressions + excluded.impressions,
    reach = f.reach + excluded.reach, clicks = f.clicks + excluded.clicks, link_clicks = f.link_clicks + excluded.link_clicks,
    landing_page_views = f.landing_page_views + excluded.landing_page_views,
    add_to_cart_micros = f.add_to_cart_micros + excluded.add_to_cart_micros,
    purchases_micros = f.purchases_micros + excluded.purchases_micros,
    revenue_micros = f.revenue_micros + excluded.revenue_micros, leads_micros = f.leads_micros + excluded.leads_micros;
  return null;
end $$;

\echo == reads: the per-ad spend a listing ranks by (ms: p50, p95 of 15, alternating)
create function pg_temp.race(queries text[], n int) returns table (query int, p50 numeric, p95 numeric)
language plpgsql as $$
declare
  conn text := (select id::text from connections where workspace_id = '00000000-0000-4000-8000-000000000001');
  t timestamptz; ms numeric[][] := array_fill(0::numeric, array[array_length(queries, 1), n]); i int; q int;
begin
  for i in 1..n + 2 loop
    for q in 1..array_length(queries, 1) loop
      t := clock_timestamp();
      execute 'select count(*), sum(spend) from (' || replace(queries[q], 'CONN_ID', conn) || ') a';
      if i > 2 then ms[q][i - 2] := extract(epoch from clock_timestamp() - t) * 1000; end if;
    end loop;
  end loop;
  return query select q2, round(percentile_disc(0.5) within group (order by m), 1),
    round(percentile_disc(0.95) within group (order by m), 1)
  from generate_subscripts(queries, 1) q2, unnest(ms[q2:q2][1:n]) m group by q2 order by q2;
end $$;
select * from pg_temp.race(array[
  -- 1: 30 days (Oct 26 - Nov 24), as today (four weeks and two days)
  '      select f."entity_id" as entity_id , sum(f."spend") * 0.000001 as "spend"
      from (select f."entity_id", f."spend_micros" as "spend"
      from "metric_ad_periods" f
      where f.workspace_id = ''00000000-0000-4000-8000-000000000001''
      and f.connection_id = any(''{"CONN_ID","CONN_ID","CONN_ID","CONN_ID"}''::uuid[])
      and f.start = any(''{"2026-10-26","2026-11-02","2026-11-09","2026-11-16"}''::date[])
      and f.period = ''week'' union all select f."entity_id", (f."spend" * 1000000)::bigint as "spend"
      from "metric_facts" f
      where f.workspace_id = ''00000000-0000-4000-8000-000000000001''
      and f.connection_id = any(''{"CONN_ID","CONN_ID"}''::uuid[])
      and f.date = any(''{"2026-11-23","2026-11-24"}''::date[])
      and f.hour = -1) f  where true
      and true
      group by 1',
  -- 2: 30 days from the prefix sums
  'select entity_id, sum(spend) * 0.000001 as spend from (
        select entity_id, spend_micros as spend, facts from ad_cum where connection_id = ''CONN_ID'' and date = ''2026-11-24''
        union all select entity_id, spend_micros, facts from ad_cum_last where connection_id = ''CONN_ID'' and last_date < ''2026-11-24''
        union all select entity_id, -spend_micros, -facts from ad_cum where connection_id = ''CONN_ID'' and date = ''2026-10-25''
        union all select entity_id, -spend_micros, -facts from ad_cum_last where connection_id = ''CONN_ID'' and last_date < ''2026-10-25''
      ) f group by 1 having sum(f.facts) > 0',
  -- 3: 365 days (2025-11-25 - 2026-11-24), as today (quarters, months, a week and days, some subtracted)
  '      select f."entity_id" as entity_id , sum(f."spend") * 0.000001 as "spend"
      from (select * from (select f."entity_id", f."spend_micros" as "spend", f.facts as facts
      from "metric_ad_periods" f
      where f.workspace_id = ''00000000-0000-4000-8000-000000000001''
      and f.connection_id = any(''{"CONN_ID","CONN_ID","CONN_ID"}''::uuid[])
      and f.start = any(''{"2026-01-01","2026-04-01","2026-07-01"}''::date[])
      and f.period = ''quarter'' union all select f."entity_id", f."spend_micros" as "spend", f.facts as facts
      from "metric_ad_periods" f
      where f.workspace_id = ''00000000-0000-4000-8000-000000000001''
      and f.connection_id = any(''{"CONN_ID","CONN_ID","CONN_ID"}''::uuid[])
      and f.start = any(''{"2025-12-01","2026-10-01","2026-11-01"}''::date[])
      and f.period = ''month'' union all select f."entity_id", f."spend_micros" as "spend", f.facts as facts
      from "metric_ad_periods" f
      where f.workspace_id = ''00000000-0000-4000-8000-000000000001''
      and f.connection_id = any(''{"CONN_ID"}''::uuid[])
      and f.start = any(''{"2025-11-24"}''::date[])
      and f.period = ''week'' union all select f."entity_id", (f."spend" * 1000000)::bigint as "spend", 1 as facts
      from "metric_facts" f
      where f.workspace_id = ''00000000-0000-4000-8000-000000000001''
      and f.connection_id = any(''{"CONN_ID","CONN_ID"}''::uuid[])
      and f.date = any(''{"2026-11-23","2026-11-24"}''::date[])
      and f.hour = -1) f union all select * from (select f."entity_id", -f."spend_micros" as "spend", -f.facts as facts
      from "metric_ad_periods" f
      where f.workspace_id = ''00000000-0000-4000-8000-000000000001''
      and f.connection_id = any(''{"CONN_ID"}''::uuid[])
      and f.start = any(''{"2026-11-23"}''::date[])
      and f.period = ''week'' union all select f."entity_id", -(f."spend" * 1000000)::bigint as "spend", -1 as facts
      from "metric_facts" f
      where f.workspace_id = ''00000000-0000-4000-8000-000000000001''
      and f.connection_id = any(''{"CONN_ID","CONN_ID"}''::uuid[])
      and f.date = any(''{"2025-11-24","2026-11-30"}''::date[])
      and f.hour = -1) f) f  where true
      and true
      group by 1
      having sum(f.facts) > 0',
  -- 4: 365 days from the prefix sums
  'select entity_id, sum(spend) * 0.000001 as spend from (
        select entity_id, spend_micros as spend, facts from ad_cum where connection_id = ''CONN_ID'' and date = ''2026-11-24''
        union all select entity_id, spend_micros, facts from ad_cum_last where connection_id = ''CONN_ID'' and last_date < ''2026-11-24''
        union all select entity_id, -spend_micros, -facts from ad_cum where connection_id = ''CONN_ID'' and date = ''2025-11-24''
        union all select entity_id, -spend_micros, -facts from ad_cum_last where connection_id = ''CONN_ID'' and last_date < ''2025-11-24''
      ) f group by 1 having sum(f.facts) > 0'
], 15);

\echo == upkeep checked: restate 28 days of 100 ads, then a day two days past their last
begin;
alter table metric_facts disable trigger metric_ad_periods_update;
create trigger cum_update after update on metric_facts referencing old table as old_rows new table as new_rows
  for each statement execute function pg_temp.cum_apply();
create trigger cum_insert after insert on metric_facts referencing new table as new_rows
  for each statement execute function pg_temp.cum_apply();
update metric_facts set spend = spend + 0.01, clicks = clicks + 1
where entity_id between 3001 and 3100 and date >= '2026-10-28' and hour = -1;
insert into metric_facts (entity_id, date, hour, provider, workspace_id, connection_id, campaign_id, adset_id, spend,
  impressions, clicks)
select entity_id, '2026-11-27', hour, provider, workspace_id, connection_id, campaign_id, adset_id, spend, impressions,
  clicks
from metric_facts where entity_id between 3001 and 3100 and date = '2026-11-24' and hour = -1;
with r as (
  select entity_id, date, sum(count(*)) over w as facts, sum((sum(spend) * 1000000)::bigint) over w as spend,
    sum(sum(clicks)) over w as clicks
  from metric_facts where entity_id between 3001 and 3100 and hour = -1 group by entity_id, date
  window w as (partition by entity_id order by date)
)
select count(*) as days, count(*) filter (where r.date is null) as gap_days,
  count(*) filter (where (r.facts, r.spend, r.clicks) is distinct from (c.facts, c.spend_micros, c.clicks)
    and (r.date is not null or c.date <> '2026-11-25' and c.date <> '2026-11-26')) as wrong
from ad_cum c left join r on r.entity_id = c.entity_id and r.date = c.date where c.entity_id between 3001 and 3100;
rollback;

\echo == writes (ms, each rolled back, alternating): the roll-ups as today (A), with the prefix sums kept too (B), without the ad periods (C)
create function pg_temp.timed(setup text, work text[]) returns numeric language plpgsql as $$
declare t timestamptz; ms numeric; w text;
begin
  begin
    execute setup;
    t := clock_timestamp();
    foreach w in array work loop execute w; end loop;
    ms := extract(epoch from clock_timestamp() - t) * 1000;
    raise exception using errcode = 'P0001', message = 'roll back';
  exception when sqlstate 'P0001' then
    return round(ms);
  end;
end $$;
-- a daily sync of 1,000 ads: their last 28 days restated (three 9,996-fact statements) and the next day
create temp table restatement as select array[
  'update metric_facts set spend = spend + 0.01, clicks = clicks + 1, revenue = revenue + 1
   where entity_id between 5001 and 5357 and date >= ''2026-10-28'' and hour = -1',
  'update metric_facts set spend = spend + 0.01, clicks = clicks + 1, revenue = revenue + 1
   where entity_id between 5358 and 5714 and date >= ''2026-10-28'' and hour = -1',
  'update metric_facts set spend = spend + 0.01, clicks = clicks + 1, revenue = revenue + 1
   where entity_id between 5715 and 6000 and date >= ''2026-10-28'' and hour = -1',
  'insert into metric_facts (entity_id, date, hour, provider, workspace_id, connection_id, campaign_id, adset_id, spend,
     impressions, clicks, revenue)
   select entity_id, ''2026-11-25'', hour, provider, workspace_id, connection_id, campaign_id, adset_id, spend,
     impressions, clicks, revenue
   from metric_facts where entity_id between 5001 and 6000 and date = ''2026-11-24'' and hour = -1'] as work;
-- a first sync of 100 new ads, 500 days each, 20 ads (10,000 facts) per statement in the sync's order
create temp table first_sync as select array_agg(format(
  'insert into metric_facts (entity_id, date, hour, provider, workspace_id, connection_id, campaign_id, adset_id, spend,
     impressions, clicks, revenue)
   select entity_id + 900000, date, hour, provider, workspace_id, connection_id, campaign_id, adset_id, spend,
     impressions, clicks, revenue
   from metric_facts where entity_id between %s and %s and hour = -1 order by entity_id, date', a, a + 19)) as work
from generate_series(7001, 7081, 20) a;
create temp table setups (variant text, setup text);
insert into setups values
  ('A', 'select 1'),
  ('B', 'create trigger cum_update after update on metric_facts referencing old table as old_rows new table as new_rows
     for each statement execute function pg_temp.cum_apply();
   create trigger cum_insert after insert on metric_facts referencing new table as new_rows
     for each statement execute function pg_temp.cum_apply()'),
  ('C', 'alter table metric_facts disable trigger metric_ad_periods_update');
select s.variant, r.round, pg_temp.timed(s.setup, (select work from restatement)) as restatement_ms,
  case when s.variant <> 'C' then pg_temp.timed(s.setup, (select work from first_sync)) end as first_sync_ms
from generate_series(1, 3) r(round), setups s order by r.round, s.variant;

drop table ad_cum, ad_cum_last;
-- the rolled-back writes left dead rows and cleared pages' all-visible bits: index-only scans of the
-- roll-ups visit the table again until a vacuum
vacuum;
