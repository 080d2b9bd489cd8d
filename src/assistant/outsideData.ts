// Words that ask for figures the account's facts do not hold: a split of the delivery Meta can report
// but we do not sync (region, age, placement, device…), another ad platform's ads, or other
// advertisers' numbers. Left over beside a measure, such a word is the heart of the question: the
// account's total with "I didn't understand 'region'" would answer another question, so the answer
// says what is not there and what can be asked instead. A place alone ("spend in the UK") asks for a
// region even where some name holds its word ("Instant Form – UK"): that entity's figures are not the
// country's.
import { nameList } from './answerText.js';
import type { NameCandidate } from './entityNameMatcher.js';
import type { Intent } from './intentParser.js';
import { FILLER_WORDS, LEVEL_LABELS, METRIC_LABELS } from './vocabulary.js';

/** Splits of Meta's delivery the facts do not hold, by the words that ask for them. */
const DIMENSIONS: [label: string, words: string][] = [
  [
    'placement or platform',
    'placement placements instagram ig messenger whatsapp threads reels stories feed feeds network platform platforms',
  ],
  [
    'region or country',
    'region regions regional country countries city cities geo geos geography location locations dma province provinces county counties continent continents',
  ],
  ['age or gender', 'age ages gender genders demographic demographics male males female females men women'],
  ['device', 'device devices mobile desktop tablet tablets ios android iphone ipad'],
];

/**
 * Places a person names to ask for a region's figures: countries (and the codes that are no English
 * word), US states (a two-word one by its telling word: "york", "carolina"), large cities and regions.
 * Words that are also common words ("turkey", "jersey", "nice", "mobile") are left out.
 */
const PLACES = new Set(
  [
    'usa america canada mexico brazil argentina chile colombia peru uk gb britain england scotland wales',
    'ireland france germany spain italy portugal netherlands holland belgium switzerland austria sweden',
    'norway denmark finland poland greece czechia hungary romania ukraine russia israel uae emirates saudi',
    'egypt nigeria kenya india pakistan china japan korea taiwan singapore malaysia indonesia thailand',
    'vietnam philippines australia zealand kingdom eu europe asia africa emea apac latam nordics midwest',
    'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho',
    'illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota',
    'mississippi missouri montana nebraska nevada hampshire york carolina dakota ohio oklahoma oregon',
    'pennsylvania rhode tennessee texas utah vermont virginia washington wisconsin wyoming',
    'london paris berlin madrid rome amsterdam toronto vancouver montreal sydney melbourne tokyo dubai',
    'chicago boston seattle miami houston dallas denver atlanta philadelphia detroit nyc brooklyn',
    'manhattan angeles francisco diego vegas orleans munich hamburg zurich vienna dublin mumbai delhi',
  ]
    .join(' ')
    .split(' '),
);

const DIMENSION_OF = new Map(
  DIMENSIONS.flatMap(([label, words]) => words.split(' ').map((w) => [w, label] as const)),
);

/** A measure or an overview: a place beside one asks for its figures ("the weather in Paris" does not). */
const asksFigures = (intent: Intent) => intent.metrics.length > 0 || intent.overview;

/** Ad platforms other than Meta, as their names are written. */
const PLATFORM_OF = new Map(
  Object.entries({
    snapchat: 'Snapchat',
    snap: 'Snapchat',
    tiktok: 'TikTok',
    google: 'Google',
    adwords: 'Google',
    youtube: 'YouTube',
    pinterest: 'Pinterest',
    linkedin: 'LinkedIn',
    twitter: 'X (Twitter)',
    reddit: 'Reddit',
    bing: 'Microsoft (Bing)',
    microsoft: 'Microsoft (Bing)',
    amazon: 'Amazon',
    quora: 'Quora',
    criteo: 'Criteo',
    yahoo: 'Yahoo',
    spotify: 'Spotify',
    applovin: 'AppLovin',
    taboola: 'Taboola',
    outbrain: 'Outbrain',
  }),
);

/**
 * Sales and reach Meta's ads did not bring: a store's own totals, other channels (email, search,
 * analytics tools) and unpaid delivery. What we hold is what Meta attributes to the ads, so the Meta
 * figure would answer another question.
 */
const CHANNEL_OF = new Map(
  Object.entries({
    shopify: 'Shopify sales',
    woocommerce: 'WooCommerce sales',
    bigcommerce: 'BigCommerce sales',
    stripe: 'Stripe sales',
    email: 'email figures',
    emails: 'email figures',
    klaviyo: 'Klaviyo (email) figures',
    mailchimp: 'Mailchimp (email) figures',
    sms: 'SMS figures',
    seo: 'search (SEO) figures',
    ga4: 'Google Analytics figures',
    affiliate: 'affiliate figures',
    affiliates: 'affiliate figures',
    channel: "other channels' figures",
    channels: "other channels' figures",
    organic: 'organic (unpaid) figures',
    unpaid: 'organic (unpaid) figures',
  }),
);

/**
 * "email signups", "emails collected": leads Meta's lead ads gathered, which we hold; "non-paid reach":
 * the unpaid figures, whose "non" is left over alone.
 */
const EMAIL_LEADS = /\bemails? (?:sign ?ups?|subscri\w*|leads?|addresses|captured|collected|opt ?ins?)\b/;
const NON_PAID = /\bnon paid\b/;

function channelAsked(word: string, intent: Intent): string | undefined {
  if (word === 'non' && NON_PAID.test(intent.ownText)) return CHANNEL_OF.get('unpaid');
  if (word.startsWith('email') && EMAIL_LEADS.test(intent.ownText)) return undefined;
  return CHANNEL_OF.get(word);
}

/** Other advertisers' figures. */
const OTHERS = new Set(
  'competitor competitors competition rival rivals industry benchmark benchmarks'.split(' '),
);

/** A question of the same measure and range that can be answered, for the example. */
function example(intent: Intent, tail = ''): string {
  const measure = METRIC_LABELS[intent.metrics[0] ?? 'spend'];
  // "last week (Mon–Sun)" reads as a question without its gloss
  const range = intent.time?.label.replace(/\s*\(.*\)$/, '') ?? 'last 30 days';
  return `"${[measure, range, tail].filter(Boolean).join(' ')}"`;
}

function splitRefused(dimension: string, word: string, intent: Intent, named: string): string {
  return `I can't split Meta's numbers by ${dimension} ("${word}"): I only have each campaign, ad set and ad's totals across them${named} I won't show the total instead. I can split by campaign, ad set, ad, day, week or month: e.g. ${example(intent, 'by campaign')}.`;
}

const NAMED_NONE = ', and no campaign, ad set or ad is named so.';

/**
 * What to say instead of a number when one of `words` (leftover words that name no entity) asks for
 * figures we do not have; undefined when none does.
 */
export function outsideData(words: string[], intent: Intent): string | undefined {
  for (const word of words) {
    const region = PLACES.has(word) && asksFigures(intent);
    const dimension = DIMENSION_OF.get(word) ?? (region ? 'region or country' : undefined);
    if (dimension) return splitRefused(dimension, word, intent, NAMED_NONE);
    const platform = PLATFORM_OF.get(word);
    if (platform)
      return `I can't report ${platform} ads: I only read your Meta ads (Facebook and Instagram), and no campaign, ad set or ad here is named "${word}". I won't show Meta's numbers instead. For Meta, ask e.g. ${example(intent)}.`;
    const channel = channelAsked(word, intent);
    if (channel)
      return `I can't report ${channel} ("${word}"): I only have what your Meta ads (Facebook and Instagram) delivered and what Meta attributes to them, not your store's totals, other channels or unpaid reach, and no campaign, ad set or ad here is named "${word}". I won't show Meta's numbers as if they were those. For Meta's own, ask e.g. ${example(intent)}.`;
    if (OTHERS.has(word))
      return `I can't report other advertisers' numbers ("${word}"): I only have your own account's, so I won't show yours as if compared. I can compare yours with an earlier period: e.g. ${example(intent, 'vs the period before')}.`;
  }
  return undefined;
}

/** "in the US": the country, where "us" is otherwise the pronoun ("what did it cost us"). */
const IN_THE_US = /\b(?:in|across|within|from|throughout) the us\b/;

/**
 * "spend in the UK", "the US vs the UK": places alone beside a measure, with no level named, ask for a
 * region's figures even where some name holds the word ("Instant Form – UK"); "the UK instant form ad set" names one
 * (other words of it, a level), and so does "vs uk?" after "Instant Form – US" (its sibling). The
 * first place so asked, or undefined.
 */
export function placeAsked(intent: Intent): string | undefined {
  if (!asksFigures(intent) || intent.levelsNamed.length > 0 || intent.quotedName || intent.otherSide)
    return undefined;
  if (!intent.nameWords.every((w) => PLACES.has(w))) return undefined;
  return intent.nameWords[0] ?? (IN_THE_US.test(intent.ownText) ? 'us' : undefined);
}

/**
 * "the whitepaper campaign in Germany and the webinar one in the US": a place written after a named
 * thing (a word of its name, then its level or "one") says where that thing runs. Two of them describe
 * the things compared and ask for no country's figures; one alone ("the black friday campaign in
 * germany") may ask for that split, and so does "the campaigns in germany" (no name): both stay read.
 */
const DESCRIBED_PLACE =
  /\b(\w+) (?:campaign|ad set|adset|ad|one) (?:that runs |running )?in (?:the )?(\w+)\b/g;

export function describedPlaces(text: string): string[] {
  const places = [...text.matchAll(DESCRIBED_PLACE)]
    .filter((m) => !FILLER_WORDS.has(m[1]) && (PLACES.has(m[2]) || m[2] === 'us'))
    .map((m) => m[2]);
  return places.length >= 2 ? places : [];
}

/**
 * The refusal for a place asked alone. `holders`: the entities whose names hold its word, offered by
 * name and level, since the answer for one of them is not the place's.
 */
export function placeRefused(place: string, intent: Intent, holders: NameCandidate[]): string {
  if (holders.length === 0) return splitRefused('region or country', place, intent, NAMED_NONE);
  const listed = nameList(
    holders.map((h) => `${h.name} (${LEVEL_LABELS[h.level].one})`),
    5,
  );
  const level = LEVEL_LABELS[holders[0].level].one;
  const named =
    holders.length === 1
      ? `, and no campaign, ad set or ad is named "${place}" alone: it is only a word in the name of ${listed}. For that ${level}'s own figures, ask e.g. ${example(intent, `for the ${place} ${level}`)}.`
      : `, and no campaign, ad set or ad is named "${place}" alone: it is only a word in the names of ${listed}. For one of them, ask with its full name.`;
  return splitRefused('region or country', place, intent, named);
}
