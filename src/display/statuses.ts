// One vocabulary for delivery statuses on every surface (chat tables, Campaigns): Meta's effective
// status (CAMPAIGN_PAUSED) becomes the words Ads Manager users know ("Campaign paused"); the raw value
// stays available for a hover title. Bundled into the web app.
const LABELS: Record<string, string> = {
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  CAMPAIGN_PAUSED: 'Campaign paused',
  ADSET_PAUSED: 'Ad set paused',
  ARCHIVED: 'Archived',
  DELETED: 'Deleted',
  IN_PROCESS: 'Processing',
  WITH_ISSUES: 'With issues',
  PENDING_REVIEW: 'In review',
  DISAPPROVED: 'Rejected',
  PREAPPROVED: 'Pre-approved',
  PENDING_BILLING_INFO: 'Billing info needed',
};

/** The human label for a raw status; an unknown one reads as words ("SOME_NEW" → "Some new"). */
export function statusLabel(raw: string | null | undefined): string {
  if (!raw) return 'Unknown';
  const known = LABELS[raw.toUpperCase()];
  if (known) return known;
  const words = raw.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A CSS-safe tone for a badge: delivering, stopped, problem, or neutral. */
export function statusTone(raw: string | null | undefined): 'active' | 'paused' | 'problem' | 'neutral' {
  const s = (raw ?? '').toUpperCase();
  if (s === 'ACTIVE') return 'active';
  if (s.endsWith('PAUSED')) return 'paused';
  if (['WITH_ISSUES', 'DISAPPROVED', 'PENDING_BILLING_INFO'].includes(s)) return 'problem';
  return 'neutral';
}
