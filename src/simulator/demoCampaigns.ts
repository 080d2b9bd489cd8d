// The shape of the demo accounts: campaign templates a person would recognise from a real store's
// account (several objectives, ODAX and legacy objectives, paused / archived / deleted campaigns, one
// created yesterday with no delivery yet) and names with Unicode and punctuation, because real names
// have them and code that quotes or truncates names must cope. Day offsets are relative to "today"
// in the account's time zone; negative is the past.

export type ConfiguredStatus = 'ACTIVE' | 'PAUSED' | 'ARCHIVED' | 'DELETED';

export interface AdsetTemplate {
  name: string;
  /** The ad set was paused this many days ago (relative offset), so its ads show ADSET_PAUSED. */
  pausedAt?: number;
  country: string;
}

export interface CampaignTemplate {
  name: string;
  objective: string;
  status: ConfiguredStatus;
  /** Offsets relative to today (account time zone). */
  start: number;
  stop?: number;
  created?: number;
  /** Day the campaign was paused / archived / deleted: it stops delivering from that day. */
  haltedAt?: number;
  /** Minor units (cents). */
  dailyBudget?: number;
  lifetimeBudget?: number;
  adsets: AdsetTemplate[];
}

export const MAIN_CAMPAIGNS: CampaignTemplate[] = [
  {
    name: 'Black Friday – 50% Off! 🛍️',
    objective: 'OUTCOME_SALES',
    status: 'ACTIVE',
    start: -21,
    stop: 5,
    dailyBudget: 25000,
    adsets: [
      { name: 'US – Broad 25-54', country: 'US' },
      { name: 'US – Lookalike 1% Purchasers', country: 'US' },
      { name: 'Retargeting – Cart Abandoners 7d', country: 'US' },
    ],
  },
  {
    name: 'Always-On Prospecting | US',
    objective: 'CONVERSIONS',
    status: 'ACTIVE',
    start: -400,
    dailyBudget: 15000,
    adsets: [
      { name: 'Interests – Home & Garden', country: 'US' },
      { name: 'Advantage+ Audience', country: 'US' },
      { name: 'Interests – Outdoor', country: 'US', pausedAt: -40 },
    ],
  },
  {
    name: 'Été 2026 · Retargeting',
    objective: 'OUTCOME_SALES',
    status: 'ACTIVE',
    start: -395,
    dailyBudget: 8000,
    adsets: [
      { name: 'Visiteurs 30j', country: 'CA' },
      { name: 'Engagés IG 60j', country: 'CA' },
    ],
  },
  {
    name: 'Leads: B2B "Whitepaper" (DE)',
    objective: 'OUTCOME_LEADS',
    status: 'ACTIVE',
    start: -210,
    dailyBudget: 6000,
    adsets: [
      { name: 'DACH – IT Decision Makers', country: 'DE' },
      { name: 'DACH – Lookalike Leads 2%', country: 'DE' },
      { name: 'Retargeting – Site 180d', country: 'DE', pausedAt: -30 },
    ],
  },
  {
    name: 'Traffic – Blog Posts & Guides',
    objective: 'LINK_CLICKS',
    status: 'PAUSED',
    start: -390,
    haltedAt: -60,
    dailyBudget: 3000,
    adsets: [
      { name: 'Blog Readers US', country: 'US' },
      { name: 'Blog Readers CA', country: 'CA' },
    ],
  },
  {
    name: 'Brand Awareness Q3 2026',
    objective: 'OUTCOME_AWARENESS',
    status: 'ARCHIVED',
    start: -150,
    stop: -60,
    haltedAt: -55,
    lifetimeBudget: 900000,
    adsets: [
      { name: 'Reach – US 18+', country: 'US' },
      { name: 'Video Views – 15s', country: 'US' },
    ],
  },
  {
    name: 'Summer Sale 2026 ☀️',
    objective: 'OUTCOME_SALES',
    status: 'PAUSED',
    start: -170,
    haltedAt: -110,
    dailyBudget: 20000,
    adsets: [
      { name: 'US – Broad', country: 'US' },
      { name: 'Retargeting 14d', country: 'US' },
      { name: 'Catalog – Best Sellers', country: 'US' },
    ],
  },
  {
    name: 'Spring Promo – 20% Off',
    objective: 'OUTCOME_SALES',
    status: 'DELETED',
    start: -240,
    haltedAt: -180,
    dailyBudget: 10000,
    adsets: [
      { name: 'US – Broad', country: 'US' },
      { name: 'Lookalike 3%', country: 'US' },
    ],
  },
  {
    name: 'Holiday Gift Guide 🎁 (Catalog)',
    objective: 'OUTCOME_SALES',
    status: 'ACTIVE',
    start: -14,
    dailyBudget: 12000,
    adsets: [
      { name: 'Catalog – Gifts under $50', country: 'US' },
      { name: 'Catalog – Premium', country: 'US' },
    ],
  },
  {
    name: 'Webinar “AI & Ads” – Lead Gen',
    objective: 'OUTCOME_LEADS',
    status: 'ACTIVE',
    start: -60,
    dailyBudget: 5000,
    adsets: [
      { name: 'Instant Form – US', country: 'US' },
      { name: 'Website Leads – US', country: 'US' },
      { name: 'Instant Form – UK', country: 'GB', pausedAt: -10 },
    ],
  },
  {
    name: 'Traffic: Landing Page Test (A/B)',
    objective: 'OUTCOME_TRAFFIC',
    status: 'ACTIVE',
    start: -45,
    dailyBudget: 4000,
    adsets: [
      { name: 'Variant A', country: 'US' },
      { name: 'Variant B', country: 'US' },
      { name: 'Variant C', country: 'US', pausedAt: -20 },
    ],
  },
  {
    name: 'New Year Teaser 2027 🎆',
    objective: 'OUTCOME_AWARENESS',
    status: 'ACTIVE',
    created: -1,
    start: 1,
    dailyBudget: 7000,
    adsets: [
      { name: 'Reach – US 18-44', country: 'US' },
      { name: 'Reach – US 45+', country: 'US' },
    ],
  },
];

export const EU_CAMPAIGNS: CampaignTemplate[] = [
  {
    name: 'Winterschlussverkauf ❄️ – bis zu 40 %',
    objective: 'OUTCOME_SALES',
    status: 'ACTIVE',
    start: -300,
    dailyBudget: 9000,
    adsets: [
      { name: 'DE – Broad', country: 'DE' },
      { name: 'AT/CH – Lookalike', country: 'AT' },
    ],
  },
  {
    name: 'Newsletter-Anmeldung (Leads)',
    objective: 'OUTCOME_LEADS',
    status: 'ACTIVE',
    start: -120,
    dailyBudget: 4000,
    adsets: [
      { name: 'DE – Interessen', country: 'DE' },
      { name: 'DE – Retargeting', country: 'DE' },
    ],
  },
  {
    name: 'Markenbekanntheit Herbst',
    objective: 'BRAND_AWARENESS',
    status: 'PAUSED',
    start: -200,
    haltedAt: -30,
    dailyBudget: 3000,
    adsets: [{ name: 'DACH – 18-65+', country: 'DE' }],
  },
  {
    name: 'Café & Croissants – Paris 🥐',
    objective: 'OUTCOME_TRAFFIC',
    status: 'ACTIVE',
    start: -90,
    dailyBudget: 2500,
    adsets: [{ name: 'FR – Paris 10 km', country: 'FR' }],
  },
];

export const AD_NAMES = [
  'Carousel – Bestsellers',
  'Video 15s – UGC Review',
  'Static – Offer Banner',
  'Reel – Unboxing 📦',
  'Collection – Lookbook',
  'Single Image – Testimonial «5★»',
];
