-- The campaign-day and ad-set-day roll-ups' keys carry the measures too (issue 17; 0090 did it for
-- the ad weeks and months), so account, campaign and ad-set questions over a range read the key alone
-- (index-only scans). The rows of one date lie scattered over the table as every sync updates the
-- recent days' rows in place; a 365-day ad-set listing at 10M facts visited a heap page per row. At
-- 10M facts, paired on a loaded box, database CPU per statement: ad-set 30d listing 80-105 -> 30 ms,
-- 365d 400-430 -> 205-225 ms. Price as in 0090: updates that change a measure are no longer HOT.
alter table metric_campaign_days
  drop constraint metric_campaign_days_pkey,
  add constraint metric_campaign_days_pkey primary key (connection_id, date, campaign_id, provider)
    include (workspace_id, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart,
      purchases, revenue, leads);
alter table metric_adset_days
  drop constraint metric_adset_days_pkey,
  add constraint metric_adset_days_pkey primary key (connection_id, date, adset_id, campaign_id, provider)
    include (workspace_id, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart,
      purchases, revenue, leads);
