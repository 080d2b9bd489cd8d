-- Ad-set-day sums beside the campaign-day ones (0003), so ad-set questions read ~ad sets × days rows
-- instead of ads × days (10M facts → a 30-day ad-set listing reads 60,000 rows, not 600,000).
-- Both roll-ups are now kept by one function, from one aggregate of each transition table: the
-- ad-set-day sums are computed once per statement and the campaign-day sums are summed from them.
--
-- "Daily row" is `hour = -1` everywhere (metric_facts may also hold hourly rows 0..23; no roll-up
-- counts them; src/db/analytics/scope.ts DAILY_ROWS is the same predicate for the readers).
-- campaign_id 0 / adset_id 0 hold facts whose ad has no campaign / ad set. As in 0003, no foreign
-- keys: rows of a deleted connection stay (readers always join the workspace's connections).
--
-- A truncate of metric_facts fires no row or statement-level delete trigger, so it used to leave the
-- roll-ups stale; a truncate trigger now empties them with it (they hold nothing else).
create table metric_adset_days (
  workspace_id uuid not null,
  connection_id uuid not null,
  campaign_id bigint not null,
  adset_id bigint not null,
  date date not null,
  provider text not null,
  spend numeric not null default 0,
  impressions bigint not null default 0,
  reach bigint not null default 0,
  clicks bigint not null default 0,
  link_clicks bigint not null default 0,
  landing_page_views bigint not null default 0,
  add_to_cart numeric not null default 0,
  purchases numeric not null default 0,
  revenue numeric not null default 0,
  leads numeric not null default 0,
  primary key (connection_id, date, adset_id, campaign_id, provider)
);

drop trigger metric_campaign_days_insert on metric_facts;
drop trigger metric_campaign_days_update on metric_facts;
drop trigger metric_campaign_days_delete on metric_facts;
drop function metric_campaign_days_apply();

create function metric_rollups_apply() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    with s as (
      select workspace_id, connection_id, coalesce(campaign_id, 0) as campaign_id, coalesce(adset_id, 0) as adset_id,
        date, provider, -sum(spend) as spend, -sum(impressions) as impressions, -sum(reach) as reach, -sum(clicks) as clicks, -sum(link_clicks) as link_clicks, -sum(landing_page_views) as landing_page_views, -sum(add_to_cart) as add_to_cart, -sum(purchases) as purchases, -sum(revenue) as revenue, -sum(leads) as leads
      from old_rows where hour = -1
      group by 1, 2, 3, 4, 5, 6
    ), adsets as (
      insert into metric_adset_days as d (workspace_id, connection_id, campaign_id, adset_id, date, provider, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
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
    insert into metric_campaign_days as d (workspace_id, connection_id, campaign_id, date, provider, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
    select workspace_id, connection_id, campaign_id, date, provider, sum(spend), sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases), sum(revenue), sum(leads)
    from s group by 1, 2, 3, 4, 5
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
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    with s as (
      select workspace_id, connection_id, coalesce(campaign_id, 0) as campaign_id, coalesce(adset_id, 0) as adset_id,
        date, provider, sum(spend) as spend, sum(impressions) as impressions, sum(reach) as reach, sum(clicks) as clicks, sum(link_clicks) as link_clicks, sum(landing_page_views) as landing_page_views, sum(add_to_cart) as add_to_cart, sum(purchases) as purchases, sum(revenue) as revenue, sum(leads) as leads
      from new_rows where hour = -1
      group by 1, 2, 3, 4, 5, 6
    ), adsets as (
      insert into metric_adset_days as d (workspace_id, connection_id, campaign_id, adset_id, date, provider, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
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
    insert into metric_campaign_days as d (workspace_id, connection_id, campaign_id, date, provider, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
    select workspace_id, connection_id, campaign_id, date, provider, sum(spend), sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases), sum(revenue), sum(leads)
    from s group by 1, 2, 3, 4, 5
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
  end if;
  return null;
end $$;

create function metric_rollups_truncate() returns trigger language plpgsql as $$
begin
  truncate metric_campaign_days, metric_adset_days;
  return null;
end $$;

create trigger metric_rollups_insert after insert on metric_facts
  referencing new table as new_rows for each statement execute function metric_rollups_apply();
create trigger metric_rollups_update after update on metric_facts
  referencing old table as old_rows new table as new_rows for each statement execute function metric_rollups_apply();
create trigger metric_rollups_delete after delete on metric_facts
  referencing old table as old_rows for each statement execute function metric_rollups_apply();
create trigger metric_rollups_truncate after truncate on metric_facts
  for each statement execute function metric_rollups_truncate();

-- facts written before this migration
insert into metric_adset_days (workspace_id, connection_id, campaign_id, adset_id, date, provider, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
select workspace_id, connection_id, coalesce(campaign_id, 0), coalesce(adset_id, 0), date, provider, sum(spend), sum(impressions), sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases), sum(revenue), sum(leads)
from metric_facts where hour = -1
group by 1, 2, 3, 4, 5, 6;
