-- Ad-set-week and ad-set-month sums beside the ad-set-day ones (0010), as metric_ad_periods (0070)
-- for ads: ad-set questions over a range read the calendar months and Monday weeks it covers whole
-- from here and only the remaining days from the day roll-up (issue 17): a 30-day ad-set listing
-- reads ~6 rows per ad set instead of 30, a 365-day one ~23 instead of 365. Campaign and account
-- questions read the whole months from here (summed per campaign: campaign_id is part of the key, as
-- in metric_adset_days) and the other days from the campaign days: an ad-set week holds more rows than
-- a campaign week of days (src/db/analytics/scope.ts).
--
-- Kept exact like the other roll-ups: statement triggers of its own on metric_facts (so no function of
-- 0010/0080/0111 is replaced) add the new rows' and subtract the old rows' whole-day facts (hour = -1)
-- per key, week and month. Like metric_adset_days (and unlike metric_ad_periods) a row is never
-- deleted but by a truncate: a row exists for a key and period exactly when metric_adset_days has a
-- row for that key on some day of the period (both are written for every key and day a statement's
-- transition tables hold), so "has a row in the range" means the same read from either. The key
-- carries the measures (index-only reads, see 0091).
create table metric_adset_periods (
  workspace_id uuid not null,
  connection_id uuid not null,
  period text not null check (period in ('week', 'month')),
  start date not null,
  adset_id bigint not null,
  campaign_id bigint not null,
  provider text not null,
  spend numeric not null,
  -- counts numeric as in the day roll-ups (0050): an ad set's week adds up every fact of its ads
  impressions numeric not null,
  reach numeric not null,
  clicks numeric not null,
  link_clicks numeric not null,
  landing_page_views numeric not null,
  add_to_cart numeric not null,
  purchases numeric not null,
  revenue numeric not null,
  leads numeric not null,
  primary key (connection_id, period, start, adset_id, campaign_id, provider)
    include (workspace_id, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart,
      purchases, revenue, leads)
);

-- One function for inserts, updates and deletes: the rows a statement wrote are added and the rows it
-- replaced or deleted subtracted (negated, as 0111 does), grouped once by ad set, week and month
-- (every such group lies inside one week and one month), then the weeks and the months summed from
-- those few groups and added in one upsert. The transition tables an operation lacks cannot be named,
-- hence the row source is put in per operation (EXECUTE sees the transition tables).
create function metric_adset_periods_apply() returns trigger language plpgsql as $$
declare
  columns text := 'workspace_id, connection_id, campaign_id, adset_id, date, hour, provider, ';
  measures text := 'spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, '
    'revenue, leads';
  negated text := '-spend as spend, -impressions as impressions, -reach as reach, -clicks as clicks, '
    '-link_clicks as link_clicks, -landing_page_views as landing_page_views, -add_to_cart as add_to_cart, '
    '-purchases as purchases, -revenue as revenue, -leads as leads';
  signed text := case tg_op
    when 'INSERT' then format('select %s%s from new_rows', columns, measures)
    when 'DELETE' then format('select %s%s from old_rows', columns, negated)
    else format('select %1$s%2$s from new_rows union all select %1$s%3$s from old_rows', columns, measures, negated) end;
begin
  -- most ingests insert or update nothing (INSERT … ON CONFLICT fires both triggers): no dynamic statement then
  if tg_op = 'INSERT' then
    if not exists (select from new_rows) then
      return null;
    end if;
  elsif not exists (select from old_rows) then
    return null;
  end if;
  execute format($q$
    with g as (
      select workspace_id, connection_id, coalesce(adset_id, 0) as adset, coalesce(campaign_id, 0) as campaign, provider,
        -- through timestamp, not timestamptz: the same dates without a time zone lookup per row
        date_trunc('week', date::timestamp)::date as week, date_trunc('month', date::timestamp)::date as month,
        sum(spend) as spend, sum(impressions) as impressions, sum(reach) as reach, sum(clicks) as clicks,
        sum(link_clicks) as link_clicks, sum(landing_page_views) as landing_page_views,
        sum(add_to_cart) as add_to_cart, sum(purchases) as purchases, sum(revenue) as revenue, sum(leads) as leads
      from (%s) f
      where hour = -1
      group by adset, week, month, campaign, connection_id, workspace_id, provider
    )
    insert into metric_adset_periods as d (workspace_id, connection_id, period, start, adset_id, campaign_id, provider,
      spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
    select workspace_id, connection_id, 'week', week, adset, campaign, provider, sum(spend), sum(impressions),
      sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases),
      sum(revenue), sum(leads)
    from g group by adset, week, campaign, connection_id, workspace_id, provider
    union all
    select workspace_id, connection_id, 'month', month, adset, campaign, provider, sum(spend), sum(impressions),
      sum(reach), sum(clicks), sum(link_clicks), sum(landing_page_views), sum(add_to_cart), sum(purchases),
      sum(revenue), sum(leads)
    from g group by adset, month, campaign, connection_id, workspace_id, provider
    on conflict (connection_id, period, start, adset_id, campaign_id, provider) do update set
      spend = d.spend + excluded.spend,
      impressions = d.impressions + excluded.impressions,
      reach = d.reach + excluded.reach,
      clicks = d.clicks + excluded.clicks,
      link_clicks = d.link_clicks + excluded.link_clicks,
      landing_page_views = d.landing_page_views + excluded.landing_page_views,
      add_to_cart = d.add_to_cart + excluded.add_to_cart,
      purchases = d.purchases + excluded.purchases,
      revenue = d.revenue + excluded.revenue,
      leads = d.leads + excluded.leads $q$, signed);
  return null;
end $$;

create function metric_adset_periods_truncate() returns trigger language plpgsql as $$
begin
  truncate metric_adset_periods;
  return null;
end $$;

create trigger metric_adset_periods_insert after insert on metric_facts
  referencing new table as new_rows for each statement execute function metric_adset_periods_apply();
create trigger metric_adset_periods_update after update on metric_facts
  referencing old table as old_rows new table as new_rows for each statement execute function metric_adset_periods_apply();
create trigger metric_adset_periods_delete after delete on metric_facts
  referencing old table as old_rows for each statement execute function metric_adset_periods_apply();
create trigger metric_adset_periods_truncate after truncate on metric_facts
  for each statement execute function metric_adset_periods_truncate();

-- facts written before this migration: summed from the ad-set days (the same sums, far fewer rows)
insert into metric_adset_periods (workspace_id, connection_id, period, start, adset_id, campaign_id, provider, spend,
  impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, revenue, leads)
select d.workspace_id, d.connection_id, p.period, p.start, d.adset_id, d.campaign_id, d.provider, sum(d.spend),
  sum(d.impressions), sum(d.reach), sum(d.clicks), sum(d.link_clicks), sum(d.landing_page_views), sum(d.add_to_cart),
  sum(d.purchases), sum(d.revenue), sum(d.leads)
from metric_adset_days d
cross join lateral (values ('week', date_trunc('week', d.date::timestamp)::date),
                           ('month', date_trunc('month', d.date::timestamp)::date)) as p(period, start)
group by 1, 2, 3, 4, 5, 6, 7;
