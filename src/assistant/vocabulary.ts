// The words the planner understands: measures, levels, statuses, and the filler words that are never
// part of an entity name. Phrases are matched on text normalised by normalizeText (lower case, no
// accents, punctuation as spaces), longest first, so "cost per click" wins over "clicks".
import { METRIC_NAMES } from '../display/numbers.js';
import { BASE_METRICS, type Metric } from '../metrics.js';
import type { Level } from '../tools/schemas.js';
import { REGIONAL_SHORTHAND } from './regionalWords.js';

/** Lower case, accents removed, every run of non-letters/digits one space. */
export function normalizeText(text: string): string {
  const cached = NORMALIZED.get(text);
  if (cached !== undefined) return cached;
  const normalized = normalizeWithMap(text).text;
  // entity names are normalised again for every question (and several times within one): remember
  // them, bounded so a stream of distinct questions cannot grow it without end
  if (NORMALIZED.size >= MAX_NORMALIZED) NORMALIZED.clear();
  NORMALIZED.set(text, normalized);
  return normalized;
}

const NORMALIZED = new Map<string, string>();
const MAX_NORMALIZED = 50_000;

/**
 * normalizeText with, for each character of the result, the index of the character of `text` it came
 * from: a name found in the normalised text can then be blanked out of the original.
 */
export function normalizeWithMap(text: string): { text: string; from: number[] } {
  let out = '';
  const from: number[] = [];
  let index = 0;
  for (const ch of text) {
    for (const c of plainCharacters(ch)) {
      if (isWordCharacter(c)) {
        out += c;
        from.push(index);
      } else if (out !== '' && !out.endsWith(' ')) {
        out += ' ';
        from.push(index);
      }
    }
    index += ch.length;
  }
  if (out.endsWith(' ')) {
    out = out.slice(0, -1);
    from.pop();
  }
  return { text: out, from };
}

/** One character lower-cased without its accents (ASCII, most of every text, skips Unicode normalisation). */
function plainCharacters(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  return ch
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function isWordCharacter(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 37;
  return /[\p{L}\p{N}%]/u.test(c);
}

/** Shorthand people type, spelled out before parsing ("last wk" → "last week", "7d" → "7 days"). */
const SHORTHAND: [RegExp, string][] = [
  ...REGIONAL_SHORTHAND,
  // dictated punctuation, spoken as words: "spend last week comma compared to the week before question
  // mark" ("period" is also a range's word, so it is left as it is)
  [/\s*\bcomma\b/g, ','],
  [/\s*\bquestion mark\b/g, '?'],
  [/\s*\b(?:full stop|exclamation (?:mark|point))\b/g, '.'],
  [/\bl(\d{1,3})d\b/g, 'last $1 days'],
  // "cpa l14", "roas l30": the last N days, as reports label their columns ("l1", "l2" may be levels)
  [/\bl([3-9]|\d{2,3})\b/g, 'last $1 days'],
  [/\blast(\d{1,3})\b/g, 'last $1'],
  [/\b(\d{1,3}) ?d\b/g, '$1 days'],
  [/\b(\d{1,3}) ?wks?\b/g, '$1 weeks'],
  [/\bwks\b/g, 'weeks'],
  [/\b(wk|wek|weeek)\b/g, 'week'],
  // "48 hrs", "72hrs": hours, which no range of days stands for (left unread, the answer says so)
  [/\b(\d{1,3}) ?(?:hrs?|hours)\b/g, '$1 hours'],
  [/\bhrs\b/g, 'hours'],
  [/\bhr\b/g, 'hour'],
  // "which hour of the day had the most clicks": the hour, of the day asked ("day" is no range of its own)
  [/\bhour of (?:the )?day\b/g, 'hour'],
  [/\b(mths?|mos|mnths)\b/g, 'months'],
  // vowels dropped, as people type in a hurry: "spnd lst mnth"
  [/\bmnth\b/g, 'month'],
  [/\blst\b/g, 'last'],
  [/\bspnd\b/g, 'spend'],
  [/\b(imps|imprs|impr)\b/g, 'impressions'],
  [/\bclks\b/g, 'clicks'],
  [/\b(last|this|past|prev|previous) mo\b/g, '$1 month'],
  [/\byrs?\b/g, 'year'],
  [/\b(yday|yest|ytday|y'day|y\/day)(?!\w)/g, 'yesterday'],
  // "clicks 2day": today, as chat writes it ("last 2day" is a slip for 2 days, left as written)
  [/(?<!\b(last|past|prev|previous|prior|over|in|for|the) )\b(tdy|2day)\b/g, 'today'],
  // "our peak hour for purchases": the hour with the most of them, as "which hour had the most" asks
  [/\b(?:our |the )?(?:peak|busiest) (hour|time of day)\b/g, 'which $1 had the most'],
  [/\b(?:our |the )?(?:quietest|slowest|dead|deadest) (hour|time of day)\b/g, 'which $1 had the least'],
  // "at what time did impressions peak?", "what time do we get the most clicks": the hour with the most
  // (least) of them ("what time is the sync?" asks no hour of a measure)
  [
    /\b(?:at )?what time (?!of\b)(?=.*\b(?:peak|peaked|most|least|highest|lowest|fewest|busiest|quietest|best|worst)\b)/g,
    'which hour ',
  ],
  // "today vs this time yesterday": the same hours of both days
  [/\b(?:at |by )?(?:this|that) (time|hour) (?=yesterday\b)/g, 'the same $1 '],
  // "when did we spend least?" beside the hour asked: the same question again
  [/(?<=\bhour\b.*)\bwhen did (?:we|it|they) (?=\w+ (?:the )?least\b)/g, ''],
  // "best hour yesterday for revenue": a judgement, so the best hour for CPA is its lowest
  [/\b(?:our |the )?(best|worst|top|strongest|weakest) (hour|time of day)\b/g, 'which $2 had the $1'],
  // "spend yesterday v the day before", "black friday v always on": versus, between two words
  [/(?<=\w\s+)v\.?(?=\s+\w)/g, 'vs'],
  [/\bmom\b|\bm\/m\b|\bm-o-m\b/g, 'month over month'],
  [/\bwow\b|\bw\/w\b|\bw-o-w\b/g, 'week over week'],
  [/\byoy\b|\by\/y\b|\by-o-y\b/g, 'year over year'],
  // "quarter-to-date", "day-wise", "by the hour": hyphenated and spelled-out forms of the words we read
  [/\b(week|month|quarter|year)-to-date\b/g, '$1 to date'],
  [/\b(day|week|month)[- ]?wise\b/g, 'by $1'],
  [/\bby the (hour|day|week|month)\b/g, 'by $1'],
  // "how's today's revenue tracking against yesterday": its pace (against a budget it is no pace);
  // "stack up against": compared to
  [/\btracking (against|vs|versus|compared to)(?= yesterday\b)/g, 'pacing $1'],
  [/\bstacks? up (?:against|to|with)\b/g, 'compared to'],
  // "the same day the week before": the same day last week
  [/\bsame (day|days|period|time) (?:the|a) (week|month|year) (?:before|earlier)\b/g, 'same $1 last $2'],
  // "over its whole history": all time
  [/\b(?:its |their |the )?(?:whole|entire|full) history\b/g, 'all time'],
  // "revenue over their whole run": all the time they ran, which all time holds
  [/\b(?:over |for |during )?(?:its |their |the )(?:whole|entire|full) run\b/g, 'all time'],
  // "lowest ROAS among the black friday ad sets": the ones in it ("among them" is of the last answer)
  [/\bamong(?:st)? (?=(?:the|our|my) )/g, 'in '],
  // "what state is X in?": its status (never a typo for a name's "Static")
  [/\b(what|which) state\b/g, '$1 status'],
  // "which campaign owns the X ad set?": the parent, asked as "which campaign is X in?"
  [/\b(which|what) (campaign|ad set|adset) owns\b(.+?)\s*\??$/g, '$1 $2 is$3 in'],
  [/\bwhat's\b/g, 'what is'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\b(\w+)'(d|re|m|ve|ll|s)\b/g, '$1'],
  [/\b(the )?month of\b/g, 'in'],
  [/\b(all|this whole|the whole) month\b/g, 'this month'],
  [/\b(all|this whole|the whole) week\b/g, 'this week'],
  [/\bsince the (start|beginning) of (the|this) (month|week|quarter|year)\b/g, 'this $3'],
  [/\bthrouhg\b/g, 'through'],
  // "click thru rate", "click-thru": the click-through rate, never a range's "thru"
  [/\bclick[\s-]?thru\b/g, 'click through'],
  [/\btot\b/g, 'total'],
  // "number one campaign for landing page views", "our #1 ad set": the top one
  [/(?:\bnumber[ -]|#)(?:one|1) (?=(?:campaign|ad ?set|adset|ad|creative)s?\b)/g, 'top 1 '],
  // "top spenders this week": the campaigns that spent the most
  [/\b(?:the )?(?:top|biggest|largest) spenders\b/g, 'the campaigns with the most spend'],
  // "what % of people clicked?", "what % of impressions turned into clicks": the click-through rate
  [
    /(?:%|\bpercent|\bpercentage|\bshare) of (?:the )?(?:people|users|viewers|impressions) (?:who |that )?(?:click(?:ed|s)?|(?:turned|became|converted) into clicks)\b/g,
    'ctr',
  ],
  // "how much dosh went out the door?", "how many folks bought something?": spend, purchases. Rewritten
  // here, not listed as measure phrases: every word of those is filler, and "out" or "door" may be a
  // word of a name ("the out campaign" must not lose its name)
  [/\b(?:went|gone|going) out the door\b/g, 'spend'],
  [/\bbought (?:something|anything)\b/g, 'purchases'],
  // "how many times were our ads shown?": their impressions
  [
    /\bhow many times (?:were |was |have |has )?(?:our |my |the )?(?:ads?|campaigns?) (?:been |were |was |get |got )?(?:shown|seen|displayed|served|viewed)\b/g,
    'how many impressions',
  ],
  // "who brought in the most leads?": which campaign did
  [/^who (?=(?:brought|spent|got|had|drove|generated|made|delivered|earned)\b)/g, 'which campaign '],
  // "what's it costing us per lead": the cost per lead
  [/\bcost(?:ing|s)? (?:us |me |you |them )?per\b/g, 'cost per'],
];

export function expandShorthand(lower: string): string {
  let out = lower.replace(/[’‘]/g, "'");
  for (const [re, to] of SHORTHAND) out = out.replace(re, to);
  return out.replace(COST_OF_ONE, (_, degree: string, thing: string) => {
    const cost = UNIT_COSTS.find(([one]) => one === thing)![2];
    return `${COST_DEGREES[degree]} ${cost}`;
  });
}

/**
 * "cheaper clicks", "cheaper per click", "the most expensive leads": what one of them costs (a lower
 * CPC, the highest CPL), never fewer or more of them, nor the spend.
 */
const COST_DEGREES: Record<string, string> = {
  cheaper: 'lower',
  'less expensive': 'lower',
  cheapest: 'lowest',
  'least expensive': 'lowest',
  pricier: 'higher',
  'more expensive': 'higher',
  priciest: 'highest',
  'most expensive': 'highest',
};
const COST_OF_ONE = new RegExp(
  `\\b(${Object.keys(COST_DEGREES).join('|')}) (?:per |for each |for a )?(lead|click|purchase|sale|order|conversion)s?\\b(?! through)`,
  'g',
);

/**
 * Words for a currency a question may ask amounts in, by ISO code (symbols are left out: names hold
 * them). None of them makes a name on its own (FILLER_WORDS); the planner says it does not convert.
 */
export const CURRENCY_WORDS: [code: string, words: string[]][] = [
  ['USD', ['usd', 'dollar', 'dollars', 'bucks']],
  ['EUR', ['eur', 'euro', 'euros']],
  ['GBP', ['gbp', 'pound', 'pounds', 'sterling', 'quid']],
  ['JPY', ['jpy', 'yen']],
  ['CAD', ['cad', 'canadian dollar', 'canadian dollars']],
  ['AUD', ['aud', 'australian dollar', 'australian dollars']],
  ['CHF', ['chf', 'franc', 'francs']],
  ['INR', ['inr', 'rupee', 'rupees']],
];

/**
 * The things one of which has a cost measure: a lead's cost is the CPL, a click's the CPC. The count
 * each is one of is what "what did each cost?" asks the cost of after a count of them.
 */
export const UNIT_COSTS: [thing: string, count: Metric, cost: Metric][] = [
  ['lead', 'leads', 'cpl'],
  ['click', 'clicks', 'cpc'],
  ['purchase', 'purchases', 'cpa'],
  ['sale', 'purchases', 'cpa'],
  ['order', 'purchases', 'cpa'],
  ['conversion', 'purchases', 'cpa'],
];

/** "what did each cost?", "how much did each one cost us?", "the cost of each": a cost of each, no thing named. */
export const EACH_COST = /\beach( one| of them| of those)? (cost|costs)\b|\bcost (of|for) each\b/;

/** What one of a counted measure costs ("leads": the CPL); none for a measure not counted one by one. */
export function unitCostOf(count: Metric | undefined): Metric | undefined {
  return UNIT_COSTS.find(([, counted]) => counted === count)?.[2];
}

/**
 * Things counted one by one, named right after an amount ("over 2000 impressions", "50+ clicks"): the
 * number is that amount, never a year nor the number of a name ("Reach – US 18+ ad set").
 */
export const COUNTED_AFTER = `(?:link |landing page )?(?:${[...new Set(UNIT_COSTS.map(([thing]) => thing))].join('|')}|impression|view)s?\\b`;

/**
 * "what did each lead cost?", "the cost of each click", "what did we pay for each purchase?", "where a
 * lead cost us more than $25": the cost per one of them (never the spend and the count side by side).
 */
const EACH_COSTS: [string, Metric][] = UNIT_COSTS.flatMap(([thing, , metric]) => [
  [`each ${thing} cost`, metric],
  [`each ${thing} costs`, metric],
  [`a ${thing} cost`, metric],
  [`a ${thing} costs`, metric],
  [`cost of each ${thing}`, metric],
  [`cost for each ${thing}`, metric],
  [`cost of a ${thing}`, metric],
  [`pay for each ${thing}`, metric],
  [`paid for each ${thing}`, metric],
  [`paying for each ${thing}`, metric],
  // "what does one click cost?", "how much is costing one click", "price per click"
  [`one ${thing} cost`, metric],
  [`one ${thing} costs`, metric],
  [`costing one ${thing}`, metric],
  [`costs one ${thing}`, metric],
  [`cost of one ${thing}`, metric],
  [`price per ${thing}`, metric],
  [`price of a ${thing}`, metric],
  [`price of one ${thing}`, metric],
]);

export const METRIC_PHRASES: [string, Metric][] = [
  ...EACH_COSTS,
  ['return on ad spend', 'roas'],
  ['return on our ad spend', 'roas'],
  ['return on our ads', 'roas'],
  ['return on ads', 'roas'],
  ['return on spend', 'roas'],
  // "what's the return on the webinar campaign?"
  ['the return on', 'roas'],
  ['revenue per dollar spent', 'roas'],
  ['revenue per dollar', 'roas'],
  ['revenue for every dollar', 'roas'],
  ['revenue for each dollar', 'roas'],
  ['back for every dollar', 'roas'],
  // "did Black Friday make money?": what it brought in per dollar spent (we know no margins)
  ['make money', 'roas'],
  ['did we make money', 'roas'],
  ['do we make money', 'roas'],
  ['we make money', 'roas'],
  ['made money', 'roas'],
  ['making money', 'roas'],
  ['profitable', 'roas'],
  ['sign ups', 'leads'],
  ['signups', 'leads'],
  ['registrations', 'leads'],
  ['outspend', 'spend'],
  ['outspent', 'spend'],
  // "what did we burn on ads today?", "how much cash did we blow?": spend, as people say it
  ['burn', 'spend'],
  ['burned', 'spend'],
  ['burnt', 'spend'],
  ['blow', 'spend'],
  ['blew', 'spend'],
  ['blown', 'spend'],
  ['charged us', 'spend'],
  ['charge us', 'spend'],
  ['billed us', 'spend'],
  ['take from us', 'spend'],
  ['took from us', 'spend'],
  // "cost per result": the cost of the named campaign's own result, a lead or a purchase by its goal
  // (read as CPA here; the reading decides once it knows the campaign: resultCost.ts)
  ['cost per result', 'cpa'],
  ['cost per results', 'cpa'],
  ['customer acquisition cost', 'cpa'],
  ['cac', 'cpa'],
  ['cost per acquisition', 'cpa'],
  ['cost per purchase', 'cpa'],
  ['cost per conversion', 'cpa'],
  ['cost per order', 'cpa'],
  ['cost per lead', 'cpl'],
  ['cost per click', 'cpc'],
  ['cost per link click', 'cpc'],
  ['cost per thousand', 'cpm'],
  ['cost per mille', 'cpm'],
  ['cost per 1000', 'cpm'],
  ['click through rate', 'ctr'],
  ['clickthrough rate', 'ctr'],
  ['conversion rate', 'cvr'],
  ['landing page views', 'landing_page_views'],
  ['landing page view', 'landing_page_views'],
  ['link clicks', 'link_clicks'],
  ['link click', 'link_clicks'],
  ['adds to cart', 'add_to_cart'],
  ['add to carts', 'add_to_cart'],
  ['add to cart', 'add_to_cart'],
  ['purchase value', 'revenue'],
  ['conversion value', 'revenue'],
  ['ad spend', 'spend'],
  ['per click', 'cpc'],
  ['per clik', 'cpc'],
  ['per thousand impressions', 'cpm'],
  ['per thousand', 'cpm'],
  ['per 1000 impressions', 'cpm'],
  ['per lead', 'cpl'],
  ['per purchase', 'cpa'],
  ['per conversion', 'cpa'],
  ['per order', 'cpa'],
  ['per sale', 'cpa'],
  ['per acquisition', 'cpa'],
  ['click through', 'ctr'],
  ['many sales', 'purchases'],
  // "number of sales off the back of BF": a count of them, not the money ("sales" alone is revenue)
  ['number of sales', 'purchases'],
  ['count of sales', 'purchases'],
  ['no of sales', 'purchases'],
  // "how much did Black Friday make?", "what did we earn?": money in (the measure a verb governs wins:
  // "how many leads did it make")
  ['make', 'revenue'],
  ['makes', 'revenue'],
  ['made', 'revenue'],
  ['making', 'revenue'],
  ['earn', 'revenue'],
  ['earns', 'revenue'],
  ['earned', 'revenue'],
  ['earning', 'revenue'],
  ['earnings', 'revenue'],
  ['bring in', 'revenue'],
  ['brought in', 'revenue'],
  ['charge', 'spend'],
  ['charged', 'spend'],
  ['cost us', 'spend'],
  ['damage', 'spend'],
  ['paid', 'spend'],
  ['blown', 'spend'],
  ['blew', 'spend'],
  ['burned', 'spend'],
  ['burnt', 'spend'],
  ['put into', 'spend'],
  ['put in', 'spend'],
  ['costing', 'spend'],
  // "how much costed the black friday campaign?": "cost" in a learner's past tense
  ['costed', 'spend'],
  ['expensive', 'spend'],
  ['pay', 'spend'],
  ['amount spent', 'spend'],
  ['rev', 'revenue'],
  ['purch', 'purchases'],
  ['purchs', 'purchases'],
  ['imps', 'impressions'],
  ['impr', 'impressions'],
  ['impressionss', 'impressions'],
  ['convs', 'purchases'],
  ['conv rate', 'cvr'],
  // "the lowest converting ad set", "which ad converts best": how many of the clicks convert
  ['converting', 'cvr'],
  ['converts', 'cvr'],
  ['roas', 'roas'],
  ['cpa', 'cpa'],
  ['cpl', 'cpl'],
  ['cpc', 'cpc'],
  ['cpm', 'cpm'],
  ['ctr', 'ctr'],
  ['cvr', 'cvr'],
  ['lpv', 'landing_page_views'],
  ['lpvs', 'landing_page_views'],
  ['atc', 'add_to_cart'],
  ['spend', 'spend'],
  ['spent', 'spend'],
  ['spending', 'spend'],
  ['spends', 'spend'],
  ['cost', 'spend'],
  ['costs', 'spend'],
  ['revenue', 'revenue'],
  ['revenues', 'revenue'],
  ['sales', 'revenue'],
  ['income', 'revenue'],
  ['impressions', 'impressions'],
  ['impression', 'impressions'],
  ['reach', 'reach'],
  ['reached', 'reach'],
  ['clicks', 'clicks'],
  ['click', 'clicks'],
  ['purchases', 'purchases'],
  ['purchase', 'purchases'],
  ['conversions', 'purchases'],
  ['orders', 'purchases'],
  ['leads', 'leads'],
  ['lead', 'leads'],
];

/** Ratios where a higher number is better; for the rest of the derived ones (costs), lower is better. */
export const HIGHER_IS_BETTER: ReadonlySet<Metric> = new Set([...BASE_METRICS, 'roas', 'ctr', 'cvr']);

/** The lower-case names used inside a sentence ("your spend", but "ROAS"): the display names, lowered. */
export const METRIC_LABELS = Object.fromEntries(
  Object.entries(METRIC_NAMES).map(([metric, name]) => [
    metric,
    /^[A-Z]{2,}$/.test(name) ? name : name.toLowerCase(),
  ]),
) as Record<Metric, string>;

export const LEVEL_PHRASES: [string, Level][] = [
  ['ad sets', 'adset'],
  ['ad set', 'adset'],
  ['adsets', 'adset'],
  ['adset', 'adset'],
  ['ad groups', 'adset'],
  ['campaigns', 'campaign'],
  ['campaign', 'campaign'],
  ['creatives', 'ad'],
  ['creative', 'ad'],
  // British English: "which adverts are paused?" (never a typo of "adsets")
  ['advertisements', 'ad'],
  ['advertisement', 'ad'],
  ['adverts', 'ad'],
  ['advert', 'ad'],
  ['ads', 'ad'],
  ['ad', 'ad'],
];

export const LEVEL_LABELS: Record<Level, { one: string; many: string }> = {
  campaign: { one: 'campaign', many: 'campaigns' },
  adset: { one: 'ad set', many: 'ad sets' },
  ad: { one: 'ad', many: 'ads' },
};

/** Words that never make an entity name on their own (question words, filler, our vocabulary). */
export const FILLER_WORDS = new Set([
  ...[...METRIC_PHRASES, ...LEVEL_PHRASES].flatMap(([phrase]) => phrase.split(' ')),
  ...`a an the my our your me i we us you it its is are was were be been being am do does did done have has had
  what whats which who how much many show list tell give get see display find all any every each some
  of in on for to from by with at and or vs versus per than as about into over during between since
  this that these those there here please can could would will should may might just only also now
  total sum overall meta facebook fb account accounts ad ads adset adsets set sets campaign campaigns
  creative creatives group groups level number count top bottom best worst most least highest lowest
  biggest smallest ranked rank ranking performing performance performer performers perform did do
  spend spent spending cost costs revenue sales roas cpa cpl cpc cpm ctr cvr impressions reach clicks
  purchases conversions orders leads lead rate value return click through per thousand mille landing page
  views link cart adds add status live running active paused archived deleted inactive enabled disabled
  stopped delivering on off today yesterday last
  past previous prior current daily weekly monthly breakdown split compare comparison change changed
  trend went go up down increase decrease vs again them ones one named called name contains containing
  no zero not nothing didnt without had got get drive drives driven drove generate generates generated bring brought make made so far
  range between earn earned were was much money where whose
  dollars euros budget happen happened going like look looking looks within before after sync syncs synced syncing resync refresh refreshed data done finished
  complete ready update updated numbers stats overall everything anything please thanks what's whats ok okay
  about same also then now first doing performed overview summary summarize statistics results kpi kpis
  hey hi hello so um uh roughly approximately around need want wanted curious wondering know quick
  quickly thanks thank board deck report meeting boss team usual normal anyway tell give number figure
  figures just exactly total whole entire people saw mean thing stuff bit guys still currently whatever their
  regardless they both either more less better worse higher lower bigger smaller beating beat ahead behind side
  won win wins winner winning
  under inside beneath anymore parent came come comes coming yet things fresh stale yo cash
  dosh folks racked rack racks gone sit sits sitting
  pls plz thx thanx ty tia cheers kindly possibly possible appreciate appreciated asap u ur if whether
  sorry bother mind telling love let question someone somebody anyone anybody`.split(/\s+/),
  ...CURRENCY_WORDS.flatMap(([, words]) => words.flatMap((w) => w.split(' '))),
]);

/**
 * "combined", "together", "in total", "across A and B": a sum of what the question names, not the parts
 * side by side.
 */
export const COMBINED = /\b(combined|together|altogether|added up|summed|in total|put together|across)\b/;

/**
 * Courtesy around a question ("good morning", "thanks in advance", "we ended up spending", "sorry to
 * bother you, but") whose words are no filler on their own: "morning" is a time, "course", "advance"
 * and "ended" may be words of a name (or be corrected into one), and "but" may join two conditions
 * ("spent money but got no clicks") the planner cannot read. "Share" asks as "tell" does when it is a verb ("kindly share the
 * revenue"); "what share of spend" stays a measure we do not have. "You're a lifesaver" thanks; "as well"
 * inside a question ("and ROAS as well if you can") adds to it (at its end it marks a follow-up).
 */
export const COURTESY_PHRASES =
  /\bgood (morning|afternoon|evening|day)\b|\b(over|in|during) the course of\b|\bof course\b|\b(end|ends|ended|ending) up\b|\bin advance\b|\bquick q\b|\bchecking in\b|\b(bother(ing)? (you|u)|sorry|excuse me) but\b|\bshare(?= (the|our|my|me|with)\b)|\byou(?: are| re)? (?:a |an |the )?(?:absolute |real )?(?:lifesaver|life saver|legend|star|hero|gem|champ)\b|\bas well\b(?! *$)/g;

/**
 * Who a question is asked for ("my boss", "finance", "the client", "they" of "and they need", then "she"): said only
 * beside a verb of asking.
 */
export const ASKER =
  '(?:they|he|she|boss|bosses|ceo|cfo|cmo|coo|vp|founders?|cofounders?|co founders?|managers?|directors?|finance|finance team|accounting|leadership|execs?|executives?|stakeholders?|clients?|investors?|agency|team|higher ups)';
const ASKS =
  '(?:(?:is|are|was|were|has|have|just|keeps|kept|also) )*(?:asking|asked|asks|ask|wants|wanted|want|needs|needed|need|would like|wanna|wondering|wonders|wondered|requested|requesting|emailed|pinged|messaged|texted|slacked)';

/**
 * "should I sync before looking at bf roas?", "should we refresh first?": whether the data is fresh,
 * which the answer to the measure asked for says ("data synced …"); the frame of that question, never
 * a sync, since nobody asked for one.
 */
export const SYNC_ADVICE =
  '\\bshould (?:i|we) (?:first )?(?:re ?sync|sync|refresh|reload|update)(?: (?:first|again|the data))?(?: before (?:(?:i|we) )?(?:looking at|look at|checking|check|asking about|pulling))?\\b';

/**
 * The frame a question is asked in, whose words are no filler on their own: who asks ("my boss is
 * asking", "CEO wants", "finance needs it", "the client asked me for"), a request to fetch it ("can
 * you pull it?", "could you grab"), the meeting it is for ("before my 10am", "ahead of my 3pm call")
 * and a check ("quick sanity check", "just double checking"), the request after it ("is that something
 * you can give me?"), how it is said ("long story short", "nothing else"), the assistant's own name ("hey
 * adnavi") and whose the thing asked about is ("my client runs the whitepaper campaign", "we run the
 * webinar one"). Alone, "finance", "client", "pull",
 * "check" or "sanity" may be words of a name ("spend for the finance campaign" names one we do not
 * have), so only the whole frame is read as one; it ends before "this" or "that", which may start a
 * time ("can you pull this month's spend").
 */
export const ASKING_FRAMES = new RegExp(
  [
    `\\b(?:(?:my|our|the) )?${ASKER} ${ASKS}(?: (?:me|us))?(?: to (?:know|see|find out|check))?(?: (?:for|about|it|them)\\b)*`,
    '(?:^(?:(?:hey|hi|ok|okay|so) )*|\\b(?:can|could|would|will) (?:you|u) |\\b(?:please|pls) )(?:(?:quickly|just|please|pls) )*(?:pull|grab|fetch|dig up|look up)(?: (?:it|them|me|us)\\b)?(?: up\\b)?',
    '\\b(?:before|ahead of|for|prepping for|prep for) (?:my|our) (?:\\d{1,2}(?: \\d{2})? ?(?:am|pm)\\b(?: (?:meeting|call|standup|stand up))?|(?:meeting|call|standup|stand up|presentation)\\b)',
    '\\b(?:(?:a|quick|just) )*(?:sanity|gut|reality) check(?:ing)?\\b|\\b(?:just )?double check(?:ing)?\\b|\\bjust checking\\b',
    // "is that something you can give me?"
    '\\b(?:is (?:that|this|it) )?something (?:you|u) (?:can|could) (?:give|get|send|pull|share|provide|do)(?: (?:it |that )?(?:to |for )?(?:me|us)\\b)?',
    // "long story short, …", "…, nothing else": how it is said ("spend nothing" is no question of no spend)
    '\\b(?:to make a )?long story short\\b|\\bnothing else\\b',
    // the assistant called by its name: "hey adnavi", "adnavi, …", "… thanks adnavi"
    '\\b(?:(?:hey|hi|hello|ok|okay|yo|thanks|thank you|thx) )*adnavi\\b',
    `\\b(?:(?:my|our|the) )?(?:${ASKER}|we|i|they) (?:run|runs|ran)(?= (?:the|a|an|our|my|their|her|his)\\b)`,
    // what the answer is for, after the request: "so I can go through them with the team", "so I can
    // compare them myself"
    `\\bso (?:that )?(?:i|we) (?:can|could) (?:go through|go over|talk through|compare|check|review|discuss|share|present|show|send)(?: (?:it|them|this|that|these|those|the numbers))?(?: (?:myself|ourselves))?(?: (?:with|to) (?:(?:my|our|the) )?${ASKER})?(?= *$)`,
    SYNC_ADVICE,
  ].join('|'),
  'g',
);

/** The days of the week, written out or short. */
export const WEEKDAY_WORDS: ReadonlySet<string> = new Set(
  'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun'.split(
    ' ',
  ),
);

/**
 * Words about time. Left over after the time phrases were read, they mean a time the planner could
 * not read ("weekends", "fortnightly", "Q5"): the answer says so instead of using a default range.
 */
export const TIME_WORDS = new Set([
  ...WEEKDAY_WORDS,
  ...`day days week weeks weekend weekends month months quarter quarters year years fortnight fortnights
  fortnightly ago since until till through thru recent recently lately date dates period periods time
  morning evening night tonight hour hours hourly season holiday holidays next tomorrow
  january february march april june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec q1 q2 q3 q4 q5 h1 h2 h3 ytd mtd qtd wtd`.split(/\s+/),
]);

/** Numbers people spell out ("top three", "last fourteen days"). */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};

/** "14" or "fourteen" as a number; NaN for anything else. */
export function numberOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word] ?? Number.NaN);
}
