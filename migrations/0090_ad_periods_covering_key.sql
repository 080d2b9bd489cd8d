-- The ad-week/ad-month roll-up's key carries the measures (issue 17: ad-level questions at 10M
-- facts). Ad-level listings, groupings and movers read every ad's rows of a few weeks and months by
-- (connection, period, start); their tuples lie scattered over the table (each sync updates the
-- current week's and month's rows of every ad, and an update moves a tuple when its page is full), so
-- each row cost a heap page visit: 80,000 rows read 81,000 buffers for a 30-day listing of 20,000
-- ads. With the measures in the index those reads are index-only scans (heap visits only for pages
-- not yet all-visible: the current week's, until autovacuum). The price: an update that changes a
-- measure can no longer be HOT, so it also writes an index entry (one index, the key; no second one).
alter table metric_ad_periods
  drop constraint metric_ad_periods_pkey,
  add constraint metric_ad_periods_pkey primary key (connection_id, period, start, entity_id, campaign_id, adset_id, provider)
    include (workspace_id, spend, impressions, reach, clicks, link_clicks, landing_page_views, add_to_cart,
      purchases, revenue, leads);
