-- The ad-week/ad-month roll-up's triggers (0070) split by operation: an insert (the bulk of every
-- sync) only adds, so it gets a static statement without signs, a union or the emptied-row cleanup;
-- updates and deletes keep 0070's function, which builds its statement per operation.
create function metric_ad_periods_insert() returns trigger language plpgsql as $$
begin
  insert into metric_ad_periods as d (workspace_id, connection_id, period, start, entity_id, campaign_id, adset_id,
    provider, facts, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases,
    revenue, leads)
  select f.workspace_id, f.connection_id, p.period, p.start, f.entity_id, coalesce(f.campaign_id, 0),
    coalesce(f.adset_id, 0), f.provider, count(*), sum(f.spend), sum(f.impressions), sum(f.reach), sum(f.clicks),
    sum(f.link_clicks), sum(f.landing_page_views), sum(f.add_to_cart), sum(f.purchases), sum(f.revenue), sum(f.leads)
  from new_rows f
  -- through timestamp, not timestamptz: the same dates without a time zone lookup per row
  cross join lateral (values ('week', date_trunc('week', f.date::timestamp)::date),
                             ('month', date_trunc('month', f.date::timestamp)::date)) as p(period, start)
  where f.hour = -1
  group by 1, 2, 3, 4, 5, 6, 7, 8
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
  return null;
end $$;

drop trigger metric_ad_periods_insert on metric_facts;
create trigger metric_ad_periods_insert after insert on metric_facts
  referencing new table as new_rows for each statement execute function metric_ad_periods_insert();
