// British and Australian English, rewritten into the words the planner reads before anything else is.
// Rewritten, not listed as filler or measure phrases, so that a word the rewrite does not touch stays a
// possible word of a name; names are blanked out of the text before these run.

const MONTH_START = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b';

export const REGIONAL_SHORTHAND: [RegExp, string][] = [
  // "our turnover this month", "takings yesterday": money in, the revenue
  [/\b(?:turnover|takings)\b/g, 'revenue'],
  // "how many enquiries", "cost per enquiry": leads (the US "inquiries" too)
  [/\b(?:enquiries|inquiries)\b/g, 'leads'],
  [/\b(?:enquiry|inquiry)\b/g, 'lead'],
  // "the webinar programme": the campaign
  [/\bprogrammes\b/g, 'campaigns'],
  [/\bprogramme\b/g, 'campaign'],
  [/\bwhilst\b/g, 'while'],
  // "the best ad set in terms of purchases": ranked by them
  [/\bin terms of\b/g, 'by'],
  // "whilst it was running", "while it was live": its whole life, which all time is (nothing is
  // delivered before or after)
  [
    /\b(?:while|when) (?:it|they) (?:was|were) (?:running|live|active|on|delivering)\b|\bwhile (?:it|they) ran\b|\b(?:during|over|for) (?:its|their) (?:whole |entire )?run\b/g,
    'all time',
  ],
  // "…, ta", "ta very much": thanks, at the end of a question
  [/(?:,\s*|\s+)\bta(?: (?:very much|muchly|mate))?\s*[.!]*\s*$/g, ''],
  // "week commencing 16 November", "w/c 9th Nov", "week beginning the 2nd": the week of that day
  [
    new RegExp(
      `(?:\\bw\\/c|\\bwc|\\bweek (?:commencing|beginning|starting))(?: on)? (?=(?:the )?\\d|${MONTH_START})`,
      'g',
    ),
    'week of ',
  ],
];
