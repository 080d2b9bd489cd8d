-- Ingest nearer COPY speed (issue 17): two per-statement and per-row costs of writing facts go.
--
-- 1. metric_facts' foreign key to its ad (entities) checked every inserted row with a query of its
--    own (an after-row trigger per fact: ~35 ms per 10,000 facts on PostgreSQL, ~15% of an ingest
--    statement). Its two jobs are now done once per statement:
--    - a fact names an existing ad: the only writer, upsertFacts (src/db/facts.ts), takes the ad ids
--      from entities in the same statement and locks those rows (FOR KEY SHARE, what the key's check
--      took per fact), so an ad cannot be deleted under facts being written to it;
--    - deleting an entity deletes its facts (the key's ON DELETE CASCADE): a statement trigger on
--      entities deletes the facts of all the rows a delete removed (cascades from a connection or
--      workspace included), and the roll-up triggers subtract them as before.
-- 2. The ad-set-day and campaign-day update/delete function (0010) returns at once for a statement
--    that changed no row, as 0080 made the ad-periods one do: every INSERT … ON CONFLICT DO UPDATE
--    fires the update triggers, and a first ingest or an unchanged re-ingest updates nothing, yet it
--    ran two empty aggregates and upserts (2-8 ms per statement).
alter table metric_facts drop constraint metric_facts_entity_id_fkey;

create function metric_facts_entity_deleted() returns trigger language plpgsql as $$
begin
  delete from metric_facts f using old_rows o where f.entity_id = o.id;
  return null;
end $$;

create trigger metric_facts_entity_deleted after delete on entities
  referencing old table as old_rows for each statement execute function metric_facts_entity_deleted();

create or replace function metric_rollups_apply() returns trigger language plpgsql as $$
begin
  -- every INSERT … ON CONFLICT DO UPDATE fires the update triggers, and most change no row
  if not exists (select from old_rows) then
    return null;
  end if;
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
