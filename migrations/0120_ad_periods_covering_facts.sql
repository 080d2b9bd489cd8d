-- The ad-week/ad-month roll-up's key also carries `facts` (issue 17). An ad-level range may now be
-- read as the fewest months, weeks and days with some subtracted (src/db/analytics/adPeriods.ts
-- signedPieces: Nov 18-24 is the week of Nov 16 less Nov 16 and 17, plus Nov 23 and 24), and an ad
-- delivered in the range only when its facts still add up to more than 0 after the subtraction; with
-- `facts` outside the index every row read cost a heap visit (a 30-day ad listing at 10M facts: 44
-- ms index-only, 74 ms with the visits).
alter table metric_ad_periods
  drop constraint metric_ad_periods_pkey,
  add constraint metric_ad_periods_pkey primary key (connection_id, period, start, entity_id, campaign_id, adset_id, provider)
    include (workspace_id, facts, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart,
      purchases, revenue, leads);
