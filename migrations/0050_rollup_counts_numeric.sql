-- The roll-ups' count columns become numeric. A fact's counts are bigint and ingest accepts any whole
-- number up to 2^53 - 1 (what a JSON client can send exactly), but the roll-ups add up every ad of a
-- campaign or ad set for a day: about 1,025 ads at that bound already overflowed a bigint sum, so
-- facts that passed validation failed the insert. Numeric sums cannot overflow, so whatever ingest
-- accepts, the roll-ups (and the queries over them, which sum numeric already) can hold. The trigger
-- functions (0010) need no change: they insert sum() results, numeric for bigint inputs. The ad-week
-- and ad-month roll-up (0070) adds at most 31 daily facts of one ad: its bigint sums hold.
alter table metric_campaign_days
  alter column impressions type numeric,
  alter column reach type numeric,
  alter column clicks type numeric,
  alter column link_clicks type numeric,
  alter column landing_page_views type numeric;

alter table metric_adset_days
  alter column impressions type numeric,
  alter column reach type numeric,
  alter column clicks type numeric,
  alter column link_clicks type numeric,
  alter column landing_page_views type numeric;
