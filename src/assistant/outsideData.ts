// Words that ask for figures the account's facts do not hold: a split of the delivery Meta can report
// but we do not sync (region, age, placement, device…), another ad platform's ads, or other
// advertisers' numbers. Left over beside a measure, such a word is the heart of the question: the
// account's total with "I didn't understand 'region'" would answer another question, so the answer
// says what is not there and what can be asked instead.
import type { Intent } from './intentParser.js';
import { METRIC_LABELS } from './vocabulary.js';

/** Splits of Meta's delivery the facts do not hold, by the words that ask for them. */
const DIMENSIONS: [label: string, words: string][] = [
  [
    'placement or platform',
    'placement placements instagram ig messenger whatsapp threads reels stories feed feeds network platform platforms',
  ],
  [
    'region or country',
    'region regions regional country countries city cities geo geos geography location locations dma',
  ],
  ['age or gender', 'age ages gender genders demographic demographics male males female females men women'],
  ['device', 'device devices mobile desktop tablet tablets ios android iphone ipad'],
];
const DIMENSION_OF = new Map(
  DIMENSIONS.flatMap(([label, words]) => words.split(' ').map((w) => [w, label] as const)),
);

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
    amazon: 'Amazon',
    taboola: 'Taboola',
    outbrain: 'Outbrain',
  }),
);

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

/**
 * What to say instead of a number when one of `words` (leftover words that name no entity) asks for
 * figures we do not have; undefined when none does.
 */
export function outsideData(words: string[], intent: Intent): string | undefined {
  for (const word of words) {
    const dimension = DIMENSION_OF.get(word);
    if (dimension)
      return `I can't split Meta's numbers by ${dimension} ("${word}"): I only have each campaign, ad set and ad's totals across them, and no campaign, ad set or ad is named so. I won't show the total instead. I can split by campaign, ad set, ad, day, week or month: e.g. ${example(intent, 'by campaign')}.`;
    const platform = PLATFORM_OF.get(word);
    if (platform)
      return `I can't report ${platform} ads: I only read your Meta ads (Facebook and Instagram), and no campaign, ad set or ad here is named "${word}". I won't show Meta's numbers instead. For Meta, ask e.g. ${example(intent)}.`;
    if (OTHERS.has(word))
      return `I can't report other advertisers' numbers ("${word}"): I only have your own account's, so I won't show yours as if compared. I can compare yours with an earlier period: e.g. ${example(intent, 'vs the period before')}.`;
  }
  return undefined;
}
