-- Campaign-day sums of the whole-day facts, kept exact by statement-level triggers on metric_facts,
-- so account totals, daily series and campaign listings read ~campaigns × days rows instead of
-- ads × days (1M facts → a 90-day total reads 2,250 rows, not 180,000). Ad set and ad queries, and
-- filters below campaign level, still read metric_facts.
--
-- Every insert, update (restated numbers, ON CONFLICT DO UPDATE, a campaign set null by its foreign
-- key) and delete (cascades included) of metric_facts subtracts the old rows' sums and adds the new
-- rows' sums, one aggregate per statement (transition tables), never per row. campaign_id 0 holds
-- facts whose ad has no campaign. No foreign keys: a cascade that deletes a connection also deletes
-- its facts, and the trigger must not fail on the vanished connection; readers always join through
-- the workspace's current connections, so rows left at zero are never seen.
create table metric_campaign_days (
  workspace_id uuid not null,
  connection_id uuid not null,
  campaign_id bigint not null,
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
  primary key (connection_id, date, campaign_id, provider)
);
create index metric_campaign_days_workspace_date_idx on metric_campaign_days (workspace_id, date);

create function metric_campaign_days_apply() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into metric_campaign_days as d (workspace_id, connection_id, campaign_id, date, provider, spend, impressions,
      reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
    select workspace_id, connection_id, coalesce(campaign_id, 0), date, provider, -sum(spend), -sum(impressions),
      -sum(reach), -sum(clicks), -sum(link_clicks), -sum(landing_page_views), -sum(add_to_cart), -sum(purchases),
      -sum(revenue), -sum(leads)
    from old_rows where hour = -1
    group by 1, 2, 3, 4, 5
    on conflict (connection_id, date, campaign_id, provider) do update set
      spend = d.spend + excluded.spend, impressions = d.impressions + excluded.impressions,
      reach = d.reach + excluded.reach, clicks = d.clicks + excluded.clicks,
      link_clicks = d.link_clicks + excluded.link_clicks, landing_page_views = d.landing_page_views + excluded.landing_page_views,
      add_to_cart = d.add_to_cart + excluded.add_to_cart, purchases = d.purchases + excluded.purchases,
      revenue = d.revenue + excluded.revenue, leads = d.leads + excluded.leads;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into metric_campaign_days as d (workspace_id, connection_id, campaign_id, date, provider, spend, impressions,
      reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
    select workspace_id, connection_id, coalesce(campaign_id, 0), date, provider, sum(spend), sum(impressions),
      sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases),
      sum(revenue), sum(leads)
    from new_rows where hour = -1
    group by 1, 2, 3, 4, 5
    on conflict (connection_id, date, campaign_id, provider) do update set
      spend = d.spend + excluded.spend, impressions = d.impressions + excluded.impressions,
      reach = d.reach + excluded.reach, clicks = d.clicks + excluded.clicks,
      link_clicks = d.link_clicks + excluded.link_clicks, landing_page_views = d.landing_page_views + excluded.landing_page_views,
      add_to_cart = d.add_to_cart + excluded.add_to_cart, purchases = d.purchases + excluded.purchases,
      revenue = d.revenue + excluded.revenue, leads = d.leads + excluded.leads;
  end if;
  return null;
end $$;

create trigger metric_campaign_days_insert after insert on metric_facts
  referencing new table as new_rows for each statement execute function metric_campaign_days_apply();
create trigger metric_campaign_days_update after update on metric_facts
  referencing old table as old_rows new table as new_rows for each statement execute function metric_campaign_days_apply();
create trigger metric_campaign_days_delete after delete on metric_facts
  referencing old table as old_rows for each statement execute function metric_campaign_days_apply();

-- facts written before this migration
insert into metric_campaign_days (workspace_id, connection_id, campaign_id, date, provider, spend, impressions, reach,
  clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
select workspace_id, connection_id, coalesce(campaign_id, 0), date, provider, sum(spend), sum(impressions), sum(reach),
  sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases), sum(revenue), sum(leads)
from metric_facts where hour = -1
group by 1, 2, 3, 4, 5;
