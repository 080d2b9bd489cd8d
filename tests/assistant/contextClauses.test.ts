// The words around a question proper (contextClauses) and emoji typed for a name (emojiNames): which
// parts are offered to read on their own, and which name an emoji stands for.
import { describe, expect, it } from 'vitest';
import { clauseParts, guessParts } from '../../src/assistant/contextClauses.js';
import { readEmojiNames } from '../../src/assistant/emojiNames.js';
import type { NameCandidate } from '../../src/assistant/entityNameMatcher.js';

const TODAY = '2026-11-25';

describe('a clause before the question proper', () => {
  it('is offered when it is about who asks or why, never when it names a level', () => {
    expect(
      clauseParts(
        'I am preparing the Monday deck, so before I forget: what did Black Friday spend last week?',
      ),
    ).toEqual([
      {
        text: 'what did Black Friday spend last week?',
        rest: 'I am preparing the Monday deck, so before I forget',
        aside: 'clause',
      },
    ]);
    expect(
      clauseParts('Our finance team closes the books on the 5th and they need the spend for October'),
    ).toEqual([
      {
        text: 'they need the spend for October',
        rest: 'Our finance team closes the books on the 5th',
        aside: 'clause',
      },
    ]);
    // a clause that names a level may name what the question asks about; one with no person is the question
    expect(clauseParts('I am looking at the Gizmo campaign: what did it spend?')).toEqual([]);
    expect(clauseParts('gift guide clicks: this week compared to last')).toEqual([]);
  });
});

describe('a guess after the question', () => {
  it('is offered when it only names, never when it asks for more', () => {
    expect(
      guessParts('which campaign spent the most this month i think it was black friday but not sure', TODAY),
    ).toEqual([
      {
        text: 'which campaign spent the most this month',
        rest: 'i think it was black friday but not sure',
        aside: 'guess',
      },
    ]);
    expect(guessParts('which ad set had the most clicks? maybe show the top 3 by spend', TODAY)).toEqual([]);
  });
});

describe('an emoji typed for a name', () => {
  const candidates: NameCandidate[] = [
    { id: '1', name: 'Holiday Gift Guide 🎁 (Catalog)', level: 'campaign' },
    { id: '2', name: 'Black Friday – 50% Off! 🛍️', level: 'campaign' },
    { id: '3', name: 'Gifts 🎄', level: 'adset' },
    { id: '4', name: 'Trees 🎄', level: 'adset' },
  ];

  it('stands for the one name that holds it, and names no one of several', () => {
    expect(readEmojiNames('🎁 campaign revenue yesterday', candidates)).toEqual({
      kind: 'named',
      question: ' Holiday Gift Guide 🎁 (Catalog)  campaign revenue yesterday',
    });
    expect(readEmojiNames('roas 🛍️ last 7 days', candidates)).toMatchObject({
      question: 'roas  Black Friday – 50% Off! 🛍️  last 7 days',
    });
    // the name's words already written: the emoji adds nothing
    expect(readEmojiNames('gift guide 🎁 spend', candidates)).toMatchObject({
      question: 'gift guide   spend',
    });
    expect(readEmojiNames('spend 🙏', candidates)).toEqual({ kind: 'named', question: 'spend 🙏' });
    expect(readEmojiNames('🎄 spend', candidates)).toMatchObject({ kind: 'ambiguous', emoji: '🎄' });
  });
});
