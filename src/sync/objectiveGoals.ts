// Campaign objective → the goal AdNavi reports against (what "results" means for that campaign).
// Meta has two objective vocabularies: the current ODAX set (OUTCOME_*) and legacy values that older
// campaigns still carry; both map onto the same goals so a question about "lead campaigns" finds both.

export type Goal =
  | 'purchases'
  | 'leads'
  | 'traffic'
  | 'awareness'
  | 'engagement'
  | 'app_installs'
  | 'messages'
  | 'video_views'
  | 'store_visits';

const GOALS: Record<string, Goal> = {
  // ODAX
  OUTCOME_SALES: 'purchases',
  OUTCOME_LEADS: 'leads',
  OUTCOME_TRAFFIC: 'traffic',
  OUTCOME_ENGAGEMENT: 'engagement',
  OUTCOME_AWARENESS: 'awareness',
  OUTCOME_APP_PROMOTION: 'app_installs',
  // legacy
  CONVERSIONS: 'purchases',
  PRODUCT_CATALOG_SALES: 'purchases',
  LEAD_GENERATION: 'leads',
  LINK_CLICKS: 'traffic',
  BRAND_AWARENESS: 'awareness',
  REACH: 'awareness',
  POST_ENGAGEMENT: 'engagement',
  PAGE_LIKES: 'engagement',
  EVENT_RESPONSES: 'engagement',
  VIDEO_VIEWS: 'video_views',
  MESSAGES: 'messages',
  APP_INSTALLS: 'app_installs',
  MOBILE_APP_INSTALLS: 'app_installs',
  STORE_VISITS: 'store_visits',
  LOCAL_AWARENESS: 'awareness',
};

/** The goal for a Meta objective; null when the objective is absent or one we do not know. */
export function goalForObjective(objective: string | null | undefined): Goal | null {
  if (!objective) return null;
  return GOALS[objective.toUpperCase()] ?? null;
}
