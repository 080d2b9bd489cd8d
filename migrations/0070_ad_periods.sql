-- Ad-week and ad-month sums of the whole-day facts (issue 17), so an ad-level question over a range
-- reads the calendar months and Monday weeks the range covers whole from here and only the remainder
-- days from metric_facts: a 30-day ad listing reads ~6 rows per ad instead of 30, a 365-day one ~25
-- instead of 365, a calendar month one. src/db/analytics/adPeriods.ts splits a range into those pieces.
--
-- Kept exact like the campaign-day and ad-set-day roll-ups (0003, 0010): statement-level triggers on
-- metric_facts add the new rows' sums and subtract the old rows' sums (transition tables, one
-- aggregate per statement), counting only whole-day rows (hour = -1). `facts` counts the daily facts
-- behind a row, and a row whose count drops to 0 is deleted, so a row exists exactly when its ad has
-- facts in that week or month (listings read "has a row" as "delivered"). campaign_id / adset_id are
-- the ad's parents as its facts carry them (0 for none) and are part of the key, so an ad that moves
-- leaves its old rows at count 0 (deleted) and gets new ones. A truncate of metric_facts empties it.
create table metric_ad_periods (
  workspace_id uuid not null,
  connection_id uuid not null,
  period text not null check (period in ('week', 'month')),
  start date not null,
  entity_id bigint not null,
  campaign_id bigint not null,
  adset_id bigint not null,
  provider text not null,
  facts integer not null,
  spend numeric not null,
  impressions bigint not null,
  reach bigint not null,
  clicks bigint not null,
  link_clicks bigint not null,
  landing_page_views bigint not null,
  add_to_cart numeric not null,
  purchases numeric not null,
  revenue numeric not null,
  leads numeric not null,
  primary key (connection_id, period, start, entity_id, campaign_id, adset_id, provider)
) with (fillfactor = 80); -- room on each page for the updates the triggers make (HOT: no index writes)

-- One function for the three statement triggers: the rows a statement wrote count +1, the rows it
-- replaced or deleted -1, each in its week and its month, summed per key and added in one upsert.
-- The transition tables an operation lacks cannot even be named, hence the statement is built per
-- operation (EXECUTE sees the transition tables too).
create function metric_ad_periods_apply() returns trigger language plpgsql as $$
declare
  signed text := case tg_op
    when 'INSERT' then 'select 1 as sign, n.* from new_rows n'
    when 'DELETE' then 'select -1 as sign, o.* from old_rows o'
    else 'select 1 as sign, n.* from new_rows n union all select -1 as sign, o.* from old_rows o' end;
  emptied tid[];
begin
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
  -- rows left with no fact go (a later statement of the same transaction: the rows just written are
  -- visible and locked by it, so their ctid still names them)
  if emptied is not null then
    delete from metric_ad_periods where ctid = any(emptied) and facts = 0;
  end if;
  return null;
end $$;

create function metric_ad_periods_truncate() returns trigger language plpgsql as $$
begin
  truncate metric_ad_periods;
  return null;
end $$;

create trigger metric_ad_periods_insert after insert on metric_facts
  referencing new table as new_rows for each statement execute function metric_ad_periods_apply();
create trigger metric_ad_periods_update after update on metric_facts
  referencing old table as old_rows new table as new_rows for each statement execute function metric_ad_periods_apply();
create trigger metric_ad_periods_delete after delete on metric_facts
  referencing old table as old_rows for each statement execute function metric_ad_periods_apply();
create trigger metric_ad_periods_truncate after truncate on metric_facts
  for each statement execute function metric_ad_periods_truncate();

-- facts written before this migration
insert into metric_ad_periods (workspace_id, connection_id, period, start, entity_id, campaign_id, adset_id, provider,
  facts, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
select f.workspace_id, f.connection_id, p.period, p.start, f.entity_id, coalesce(f.campaign_id, 0),
  coalesce(f.adset_id, 0), f.provider, count(*), sum(f.spend), sum(f.impressions), sum(f.reach), sum(f.clicks),
  sum(f.link_clicks), sum(f.landing_page_views), sum(f.add_to_cart), sum(f.purchases), sum(f.revenue), sum(f.leads)
from metric_facts f
cross join lateral (values ('week', date_trunc('week', f.date)::date), ('month', date_trunc('month', f.date)::date))
  as p(period, start)
where f.hour = -1
group by 1, 2, 3, 4, 5, 6, 7, 8;
