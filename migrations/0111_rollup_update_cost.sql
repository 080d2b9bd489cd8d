-- Cheaper roll-up upkeep for updated and deleted facts (issue 17: restatements). Both functions behind
-- metric_facts' update and delete triggers now
--   - return at once for a statement that changed no row (every INSERT … ON CONFLICT DO UPDATE fires
--     the update triggers, and a first ingest or an unchanged re-ingest updates nothing: the ad-set /
--     campaign-day function still ran two empty aggregates and upserts, 2-8 ms per statement);
--   - add the new rows and subtract the old ones in one signed aggregate per roll-up row: the ad-set-day
--     and campaign-day function (0010) upserted the old rows' negated sums and then the new rows' sums,
--     writing every roll-up row a restatement touches twice (and, since their keys carry the measures,
--     0091, an index entry per write);
--   - group the ad weeks and months as 0080's insert function does: once by ad, week and month, the
--     weeks and the months then summed from those few groups, dates truncated through timestamp (no
--     time zone lookup per row), instead of fanning every row out to its week and its month.
-- Results are the same sums; an ad-week or ad-month row whose fact count drops to 0 is deleted (0070).
-- The transition tables an operation lacks cannot be named, so the row source is put in per operation.
create or replace function metric_rollups_apply() returns trigger language plpgsql as $$
declare
  measures text := 'spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart, purchases, '
    'revenue, leads';
  negated text := '-spend as spend, -impressions as impressions, -reach as reach, -clicks as clicks, '
    '-link_clicks as link_clicks, -landing_page_views as landing_page_views, -add_to_cart as add_to_cart, '
    '-purchases as purchases, -revenue as revenue, -leads as leads';
  keys text := 'workspace_id, connection_id, campaign_id, adset_id, date, provider, ';
  signed text := case tg_op
    when 'DELETE' then format('select %s%s from old_rows where hour = -1', keys, negated)
    else format('select %1$s%2$s from new_rows where hour = -1 union all select %1$s%3$s from old_rows where hour = -1',
      keys, measures, negated) end;
begin
  if not exists (select from old_rows) then
    return null;
  end if;
  execute format($q$
    with s as (
      select workspace_id, connection_id, coalesce(campaign_id, 0) as campaign, coalesce(adset_id, 0) as adset, date,
        provider, sum(spend) as spend, sum(impressions) as impressions, sum(reach) as reach, sum(clicks) as clicks,
        sum(link_clicks) as link_clicks, sum(landing_page_views) as landing_page_views,
        sum(add_to_cart) as add_to_cart, sum(purchases) as purchases, sum(revenue) as revenue, sum(leads) as leads
      from (%s) f
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
      leads = d.leads + excluded.leads $q$, signed);
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
        sum(sign) as facts, sum(spend) as spend, sum(impressions) as impressions, sum(reach) as reach,
        sum(clicks) as clicks, sum(link_clicks) as link_clicks, sum(landing_page_views) as landing_page_views,
        sum(add_to_cart) as add_to_cart, sum(purchases) as purchases, sum(revenue) as revenue, sum(leads) as leads
      from (%s) f
      group by entity_id, week, month, campaign, adset, connection_id, workspace_id, provider
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
