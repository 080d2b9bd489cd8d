-- metric_facts' copies of its ad's campaign_id and adset_id (0011) follow the ad when it moves. An
-- ad's campaign_id / adset_id change when the entity sync re-links a placeholder or Meta moves it,
-- and are set null when its campaign or ad set row is deleted (entities' own keys). Its facts follow in one statement (the roll-up triggers then move
-- the sums), so no fact ever names a campaign or ad set its ad does not.
create function metric_facts_follow_ad() returns trigger language plpgsql as $$
begin
  update metric_facts set campaign_id = new.campaign_id, adset_id = new.adset_id
  where entity_id = new.id
    and (campaign_id, adset_id) is distinct from (new.campaign_id, new.adset_id);
  return null;
end $$;

create trigger metric_facts_follow_ad after update of campaign_id, adset_id on entities
  for each row when (new.level = 'ad' and (old.campaign_id, old.adset_id) is distinct from (new.campaign_id, new.adset_id))
  execute function metric_facts_follow_ad();

-- facts written before this migration under an ad that has since moved
update metric_facts f set campaign_id = e.campaign_id, adset_id = e.adset_id
from entities e
where e.id = f.entity_id and (f.campaign_id, f.adset_id) is distinct from (e.campaign_id, e.adset_id);
