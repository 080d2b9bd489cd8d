-- Cheaper roll-up upkeep for inserted facts (issue 17: ingest near COPY speed). Profiled on
-- PostgreSQL with 10,000-fact statements, the ad-week/ad-month insert trigger (0071) was the largest
-- part of an ingest: it fanned every new row out to its week and its month and then grouped the
-- doubled rows by eight keys. Now one trigger function serves all three roll-ups of an insert:
--   - ad periods: the new rows are grouped once by ad, week and month (every such group lies inside
--     one week and one month), and the weeks and the months are summed from those few groups;
--   - ad-set days and campaign days: as 0010 (one aggregate, the campaign sums from the ad-set ones).
-- Group keys lead with the ad / ad set and the date, which tell groups apart at the first comparison.
-- The update and delete triggers (0010, 0070) keep their functions; 0070's one now returns at once
-- for a statement that changed no row (every INSERT … ON CONFLICT DO UPDATE fires the update
-- triggers, and most ingests update nothing), instead of planning its dynamic statement each time.
create function metric_facts_rollups_insert() returns trigger language plpgsql as $$
begin
  with g as (
    select workspace_id, connection_id, entity_id, coalesce(campaign_id, 0) as campaign, coalesce(adset_id, 0) as adset,
      provider,
      -- through timestamp, not timestamptz: the same dates without a time zone lookup per row
      date_trunc('week', date::timestamp)::date as week, date_trunc('month', date::timestamp)::date as month,
      count(*) as facts, sum(spend) as spend, sum(impressions) as impressions, sum(reach) as reach,
      sum(clicks) as clicks, sum(link_clicks) as link_clicks, sum(landing_page_views) as landing_page_views,
      sum(add_to_cart) as add_to_cart, sum(purchases) as purchases, sum(revenue) as revenue, sum(leads) as leads
    from new_rows where hour = -1
    group by entity_id, week, month, campaign, adset, connection_id, workspace_id, provider
  )
  insert into metric_ad_periods as d (workspace_id, connection_id, period, start, entity_id, campaign_id, adset_id,
    provider, facts, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases,
    revenue, leads)
  select workspace_id, connection_id, 'week', week, entity_id, campaign, adset, provider, sum(facts), sum(spend),
    sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart),
    sum(purchases), sum(revenue), sum(leads)
  from g group by entity_id, week, campaign, adset, connection_id, workspace_id, provider
  union all
  select workspace_id, connection_id, 'month', month, entity_id, campaign, adset, provider, sum(facts), sum(spend),
    sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart),
    sum(purchases), sum(revenue), sum(leads)
  from g group by entity_id, month, campaign, adset, connection_id, workspace_id, provider
  on conflict (connection_id, period, start, entity_id, campaign_id, adset_id, provider) do update set
    facts = d.facts + excluded.facts,
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

drop trigger metric_rollups_insert on metric_facts;
drop trigger metric_ad_periods_insert on metric_facts;
drop function metric_ad_periods_insert();
create trigger metric_facts_rollups_insert after insert on metric_facts
  referencing new table as new_rows for each statement execute function metric_facts_rollups_insert();

-- 0070's function, now only behind the update and delete triggers (both have old_rows; an update
-- that changed nothing has none): it returns early for an empty statement, and its insert case is gone
create or replace function metric_ad_periods_apply() returns trigger language plpgsql as $$
declare
  signed text := case tg_op
    when 'DELETE' then 'select -1 as sign, o.* from old_rows o'
    else 'select 1 as sign, n.* from new_rows n union all select -1 as sign, o.* from old_rows o' end;
  emptied tid[];
begin
  if not exists (select from old_rows) then
    return null;
  end if;
  execute format($q$
    with delta as (
      select f.workspace_id, f.connection_id, p.period, p.start, f.entity_id, coalesce(f.campaign_id, 0) as campaign_id,
        coalesce(f.adset_id, 0) as adset_id, f.provider, sum(f.sign)::int as facts, sum(f.sign * f.spend) as spend,
        sum(f.sign * f.impressions) as impressions, sum(f.sign * f.reach) as reach, sum(f.sign * f.clicks) as clicks,
        sum(f.sign * f.link_clicks) as link_clicks, sum(f.sign * f.landing_page_views) as landing_page_views,
        sum(f.sign * f.add_to_cart) as add_to_cart, sum(f.sign * f.purchases) as purchases,
        sum(f.sign * f.revenue) as revenue, sum(f.sign * f.leads) as leads
      from (%s) f
      cross join lateral (values ('week', date_trunc('week', f.date)::date), ('month', date_trunc('month', f.date)::date))
        as p(period, start)
      where f.hour = -1
      group by 1, 2, 3, 4, 5, 6, 7, 8
    ), applied as (
      insert into metric_ad_periods as d (workspace_id, connection_id, period, start, entity_id, campaign_id, adset_id,
        provider, facts, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases,
        revenue, leads)
      select * from delta
      on conflict (connection_id, period, start, entity_id, campaign_id, adset_id, provider) do update set
        facts = d.facts + excluded.facts,
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
      returning d.ctid, d.facts
    )
    select array_agg(ctid) from applied where facts = 0 $q$, signed) into emptied;
  if emptied is not null then
    delete from metric_ad_periods where ctid = any(emptied) and facts = 0;
  end if;
  return null;
end $$;
