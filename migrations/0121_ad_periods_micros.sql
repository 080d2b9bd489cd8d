-- The ad-week/ad-month roll-up holds money and fractional conversions as whole micros, bigint, and each
-- ad's quarters too (issue 17: ad-level questions at 10M facts). Ad-level listings sum every ad's rows
-- of a few periods: summing spend and revenue per ad over the 80,000 week rows of a 30-day listing of
-- 20,000 ads took 35 ms (best of 21, keys rebuilt) with numeric columns, 21 ms with these; over the
-- 240,000 month rows of a year 70 and 52 ms (numeric addition per row and group, and the width of each
-- index tuple, which an index-only scan takes apart whole). With quarters a year is 13 rows per ad on
-- average instead of 19.6 (src/db/analytics/adPeriods.ts signedPieces).
-- Exact as before: facts hold at most 6 decimals (the check below; the ingest API says so too), so a
-- fact is a whole number of micros and so is every sum of them; the readers scale the sums back to
-- numeric (src/db/analytics/scope.ts). A quarter of one ad is at most 92 facts below 10^11 each (the
-- ingest bound): under 9.2 * 10^18 micros, inside bigint (9.22 * 10^18).
--
-- The ingest bound before this migration allowed 10 decimals (Meta sends 0 or 2; a hand-ingested
-- converted amount can carry more). Such facts are rounded to 6 here rather than stopping the upgrade:
-- a millionth of a unit is far below any currency's smallest coin. The update goes through the roll-up
-- triggers (still 0111's and 0100's, numeric), so every roll-up moves with the facts and the micros
-- below are exact sums; the values as ingested are kept in metric_facts_unrounded, for as long as their ad.
create table metric_facts_unrounded (
  entity_id bigint not null references entities (id) on delete cascade,
  date date not null,
  hour smallint not null,
  provider text not null,
  spend numeric not null,
  add_to_cart numeric not null,
  purchases numeric not null,
  revenue numeric not null,
  leads numeric not null,
  rounded_at timestamptz not null default now(),
  primary key (entity_id, date, hour, provider)
);
insert into metric_facts_unrounded (entity_id, date, hour, provider, spend, add_to_cart, purchases, revenue, leads)
select entity_id, date, hour, provider, spend, add_to_cart, purchases, revenue, leads from metric_facts
where spend <> round(spend, 6) or add_to_cart <> round(add_to_cart, 6) or purchases <> round(purchases, 6)
  or revenue <> round(revenue, 6) or leads <> round(leads, 6);
-- only the values past 6 decimals change (round() would also give 3.10 six places)
create function pg_temp.micros(v numeric) returns numeric language sql immutable as $$
  select case when v = round(v, 6) then v else round(v, 6) end $$;
update metric_facts m set spend = pg_temp.micros(m.spend), add_to_cart = pg_temp.micros(m.add_to_cart),
  purchases = pg_temp.micros(m.purchases), revenue = pg_temp.micros(m.revenue), leads = pg_temp.micros(m.leads)
from metric_facts_unrounded u
where (m.entity_id, m.date, m.hour, m.provider) = (u.entity_id, u.date, u.hour, u.provider);
drop function pg_temp.micros(numeric);

alter table metric_facts add constraint metric_facts_whole_micros check (
  spend = round(spend, 6) and add_to_cart = round(add_to_cart, 6) and purchases = round(purchases, 6)
  and revenue = round(revenue, 6) and leads = round(leads, 6));

alter table metric_ad_periods drop constraint metric_ad_periods_period_check;
alter table metric_ad_periods add constraint metric_ad_periods_period_check
  check (period in ('week', 'month', 'quarter'));
alter table metric_ad_periods drop constraint metric_ad_periods_pkey;
alter table metric_ad_periods
  alter column spend type bigint using spend * 1000000,
  alter column add_to_cart type bigint using add_to_cart * 1000000,
  alter column purchases type bigint using purchases * 1000000,
  alter column revenue type bigint using revenue * 1000000,
  alter column leads type bigint using leads * 1000000;
alter table metric_ad_periods rename column spend to spend_micros;
alter table metric_ad_periods rename column add_to_cart to add_to_cart_micros;
alter table metric_ad_periods rename column purchases to purchases_micros;
alter table metric_ad_periods rename column revenue to revenue_micros;
alter table metric_ad_periods rename column leads to leads_micros;
-- The key as before (0120); the included columns now all fixed-width, the measures last.
alter table metric_ad_periods add constraint metric_ad_periods_pkey
  primary key (connection_id, period, start, entity_id, campaign_id, adset_id, provider)
  include (workspace_id, facts, impressions, reach, clicks, link_clicks, landing_page_views, spend_micros,
    add_to_cart_micros, purchases_micros, revenue_micros, leads_micros);

-- 0080's insert function and 0111's update/delete function, writing micros.
create or replace function metric_facts_rollups_insert() returns trigger language plpgsql as $$
begin
  with g as (
    select workspace_id, connection_id, entity_id, coalesce(campaign_id, 0) as campaign, coalesce(adset_id, 0) as adset,
      provider,
      -- through timestamp, not timestamptz: the same dates without a time zone lookup per row
      date_trunc('week', date::timestamp)::date as week, date_trunc('month', date::timestamp)::date as month,
      date_trunc('quarter', date::timestamp)::date as quarter, count(*) as facts, sum(spend) as spend, sum(impressions) as impressions, sum(reach) as reach,
      sum(clicks) as clicks, sum(link_clicks) as link_clicks, sum(landing_page_views) as landing_page_views,
      sum(add_to_cart) as add_to_cart, sum(purchases) as purchases, sum(revenue) as revenue, sum(leads) as leads
    from new_rows where hour = -1
    group by entity_id, week, month, quarter, campaign, adset, connection_id, workspace_id, provider
  )
  insert into metric_ad_periods as d (workspace_id, connection_id, period, start, entity_id, campaign_id, adset_id,
    provider, facts, spend_micros, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart_micros,
    purchases_micros, revenue_micros, leads_micros)
  select workspace_id, connection_id, 'week', week, entity_id, campaign, adset, provider, sum(facts), sum(spend) * 1000000,
    sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart) * 1000000,
    sum(purchases) * 1000000, sum(revenue) * 1000000, sum(leads) * 1000000
  from g group by entity_id, week, campaign, adset, connection_id, workspace_id, provider
  union all
  select workspace_id, connection_id, 'month', month, entity_id, campaign, adset, provider, sum(facts), sum(spend) * 1000000,
    sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart) * 1000000,
    sum(purchases) * 1000000, sum(revenue) * 1000000, sum(leads) * 1000000
  from g group by entity_id, month, campaign, adset, connection_id, workspace_id, provider
  union all
  select workspace_id, connection_id, 'quarter', quarter, entity_id, campaign, adset, provider, sum(facts),
    sum(spend) * 1000000, sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views),
    sum(add_to_cart) * 1000000, sum(purchases) * 1000000, sum(revenue) * 1000000, sum(leads) * 1000000
  from g group by entity_id, quarter, campaign, adset, connection_id, workspace_id, provider
  on conflict (connection_id, period, start, entity_id, campaign_id, adset_id, provider) do update set
    facts = d.facts + excluded.facts,
    spend_micros = d.spend_micros + excluded.spend_micros,
    impressions = d.impressions + excluded.impressions,
    reach = d.reach + excluded.reach,
    clicks = d.clicks + excluded.clicks,
    link_clicks = d.link_clicks + excluded.link_clicks,
    landing_page_views = d.landing_page_views + excluded.landing_page_views,
    add_to_cart_micros = d.add_to_cart_micros + excluded.add_to_cart_micros,
    purchases_micros = d.purchases_micros + excluded.purchases_micros,
    revenue_micros = d.revenue_micros + excluded.revenue_micros,
    leads_micros = d.leads_micros + excluded.leads_micros;

  with s as (
    select workspace_id, connection_id, coalesce(campaign_id, 0) as campaign, coalesce(adset_id, 0) as adset, date,
      provider, sum(spend) as spend, sum(impressions) as impressions, sum(reach) as reach, sum(clicks) as clicks,
      sum(link_clicks) as link_clicks, sum(landing_page_views) as landing_page_views, sum(add_to_cart) as add_to_cart,
      sum(purchases) as purchases, sum(revenue) as revenue, sum(leads) as leads
    from new_rows where hour = -1
    group by adset, date, campaign, connection_id, workspace_id, provider
  ), adsets as (
    insert into metric_adset_days as d (workspace_id, connection_id, campaign_id, adset_id, date, provider, spend,
      impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
    select * from s
    on conflict (connection_id, date, adset_id, campaign_id, provider) do update set
      spend = d.spend + excluded.spend,
      impressions = d.impressions + excluded.impressions,
      reach = d.reach + excluded.reach,
      clicks = d.clicks + excluded.clicks,
      link_clicks = d.link_clicks + excluded.link_clicks,
      landing_page_views = d.landing_page_views + excluded.landing_page_views,
      add_to_cart = d.add_to_cart + excluded.add_to_cart,
      purchases = d.purchases + excluded.purchases,
      revenue = d.revenue + excluded.revenue,
      leads = d.leads + excluded.leads
  )
  insert into metric_campaign_days as d (workspace_id, connection_id, campaign_id, date, provider, spend, impressions,
    reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
  select workspace_id, connection_id, campaign, date, provider, sum(spend), sum(impressions), sum(reach), sum(clicks),
    sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases), sum(revenue), sum(leads)
  from s group by campaign, date, connection_id, workspace_id, provider
  on conflict (connection_id, date, campaign_id, provider) do update set
    spend = d.spend + excluded.spend,
    impressions = d.impressions + excluded.impressions,
    reach = d.reach + excluded.reach,
    clicks = d.clicks + excluded.clicks,
    link_clicks = d.link_clicks + excluded.link_clicks,
    landing_page_views = d.landing_page_views + excluded.landing_page_views,
    add_to_cart = d.add_to_cart + excluded.add_to_cart,
    purchases = d.purchases + excluded.purchases,
    revenue = d.revenue + excluded.revenue,
    leads = d.leads + excluded.leads;
  return null;
end $$;

create or replace function metric_ad_periods_apply() returns trigger language plpgsql as $$
declare
  measures text := 'spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, '
    'revenue, leads';
  negated text := '-spend as spend, -impressions as impressions, -reach as reach, -clicks as clicks, '
    '-link_clicks as link_clicks, -landing_page_views as landing_page_views, -add_to_cart as add_to_cart, '
    '-purchases as purchases, -revenue as revenue, -leads as leads';
  keys text := 'workspace_id, connection_id, entity_id, campaign_id, adset_id, provider, date, ';
  signed text := case tg_op
    when 'DELETE' then format('select -1 as sign, %s%s from old_rows where hour = -1', keys, negated)
    else format('select 1 as sign, %1$s%2$s from new_rows where hour = -1 '
      'union all select -1 as sign, %1$s%3$s from old_rows where hour = -1', keys, measures, negated) end;
  emptied tid[];
begin
  if not exists (select from old_rows) then
    return null;
  end if;
  execute format($q$
    with g as (
      select workspace_id, connection_id, entity_id, coalesce(campaign_id, 0) as campaign, coalesce(adset_id, 0) as adset,
        provider, date_trunc('week', date::timestamp)::date as week, date_trunc('month', date::timestamp)::date as month,
        date_trunc('quarter', date::timestamp)::date as quarter, sum(sign) as facts, sum(spend) as spend, sum(impressions) as impressions, sum(reach) as reach,
        sum(clicks) as clicks, sum(link_clicks) as link_clicks, sum(landing_page_views) as landing_page_views,
        sum(add_to_cart) as add_to_cart, sum(purchases) as purchases, sum(revenue) as revenue, sum(leads) as leads
      from (%s) f
      group by entity_id, week, month, quarter, campaign, adset, connection_id, workspace_id, provider
    ), delta as (
      select workspace_id, connection_id, 'week' as period, week as start, entity_id, campaign, adset, provider,
        sum(facts) as facts, sum(spend) as spend, sum(impressions) as impressions, sum(reach) as reach,
        sum(clicks) as clicks, sum(link_clicks) as link_clicks, sum(landing_page_views) as landing_page_views,
        sum(add_to_cart) as add_to_cart, sum(purchases) as purchases, sum(revenue) as revenue, sum(leads) as leads
      from g group by entity_id, week, campaign, adset, connection_id, workspace_id, provider
      union all
      select workspace_id, connection_id, 'month', month, entity_id, campaign, adset, provider, sum(facts), sum(spend),
        sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart),
        sum(purchases), sum(revenue), sum(leads)
      from g group by entity_id, month, campaign, adset, connection_id, workspace_id, provider
      union all
      select workspace_id, connection_id, 'quarter', quarter, entity_id, campaign, adset, provider, sum(facts),
        sum(spend), sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views),
        sum(add_to_cart), sum(purchases), sum(revenue), sum(leads)
      from g group by entity_id, quarter, campaign, adset, connection_id, workspace_id, provider
    ), applied as (
      insert into metric_ad_periods as d (workspace_id, connection_id, period, start, entity_id, campaign_id, adset_id,
        provider, facts, spend_micros, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart_micros,
        purchases_micros, revenue_micros, leads_micros)
      select workspace_id, connection_id, period, start, entity_id, campaign, adset, provider, facts,
        spend * 1000000, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart * 1000000,
        purchases * 1000000, revenue * 1000000, leads * 1000000
      from delta
      on conflict (connection_id, period, start, entity_id, campaign_id, adset_id, provider) do update set
        facts = d.facts + excluded.facts,
        spend_micros = d.spend_micros + excluded.spend_micros,
        impressions = d.impressions + excluded.impressions,
        reach = d.reach + excluded.reach,
        clicks = d.clicks + excluded.clicks,
        link_clicks = d.link_clicks + excluded.link_clicks,
        landing_page_views = d.landing_page_views + excluded.landing_page_views,
        add_to_cart_micros = d.add_to_cart_micros + excluded.add_to_cart_micros,
        purchases_micros = d.purchases_micros + excluded.purchases_micros,
        revenue_micros = d.revenue_micros + excluded.revenue_micros,
        leads_micros = d.leads_micros + excluded.leads_micros
      returning d.ctid, d.facts
    )
    select array_agg(ctid) from applied where facts = 0 $q$, signed) into emptied;
  if emptied is not null then
    delete from metric_ad_periods where ctid = any(emptied) and facts = 0;
  end if;
  return null;
end $$;

-- quarters of the facts written before this migration, from their months
insert into metric_ad_periods (workspace_id, connection_id, period, start, entity_id, campaign_id, adset_id, provider,
  facts, spend_micros, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart_micros,
  purchases_micros, revenue_micros, leads_micros)
select workspace_id, connection_id, 'quarter', date_trunc('quarter', start::timestamp)::date, entity_id, campaign_id,
  adset_id, provider, sum(facts), sum(spend_micros), sum(impressions), sum(reach), sum(clicks), sum(link_clicks),
  sum(landing_page_views), sum(add_to_cart_micros), sum(purchases_micros), sum(revenue_micros), sum(leads_micros)
from metric_ad_periods where period = 'month'
group by entity_id, 4, campaign_id, adset_id, connection_id, workspace_id, provider;
