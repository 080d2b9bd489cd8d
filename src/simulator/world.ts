// The simulated accounts as of the clock's "today" in each account's time zone: builds (and caches)
// each account's tree for its local day, and finds any object by id.

import { localParts } from './calendar.js';
import { type AccountSpec, buildAccount, type SimAccount, type SimObject } from './demoAccount.js';
import type { InsightsContext } from './insights.js';
import type { SimulatorFaults } from './types.js';

export class World {
  private cache = new Map<string, SimAccount>();

  constructor(
    readonly specs: AccountSpec[],
    readonly seed: number,
    readonly now: () => Date,
  ) {}

  accountFor(spec: AccountSpec, today: number): SimAccount {
    const key = `${spec.id}:${today}`;
    let account = this.cache.get(key);
    if (!account) {
      // A long-running simulator sees a new day now and then; old trees are dropped.
      if (this.cache.size > Math.max(16, 2 * this.specs.length)) this.cache.clear();
      account = buildAccount(spec, today, this.seed);
      this.cache.set(key, account);
    }
    return account;
  }

  accounts(now = this.now()): SimAccount[] {
    return this.specs.map((s) => this.accountFor(s, localParts(now, s.timeZone).day));
  }

  account(id: string, now = this.now()): SimAccount | undefined {
    return this.accounts(now).find((a) => a.id === id);
  }

  /** Finds an account (act_…), campaign, ad set or ad by id. */
  find(id: string, now = this.now()): SimObject | undefined {
    for (const a of this.accounts(now)) {
      if (a.id === id) return a;
      if (!id.startsWith(a.spec.idPrefix)) continue;
      const kind = id.charAt(a.spec.idPrefix.length);
      const list: SimObject[] =
        kind === '0' ? a.campaigns : kind === '1' ? a.adsets : kind === '2' ? a.ads : [];
      const index = Number(id.slice(a.spec.idPrefix.length + 1)) - 1;
      const obj = list[index];
      if (obj?.id === id) return obj;
    }
    return undefined;
  }

  /** The delivery context of an account at an instant: its today and how much of it has passed. */
  context(account: SimAccount, now: Date, faults: SimulatorFaults): InsightsContext {
    const { secondsIntoDay } = localParts(now, account.spec.timeZone);
    return {
      seed: this.seed,
      today: account.today,
      todayFraction: secondsIntoDay / 86400,
      hoursToday: Math.floor(secondsIntoDay / 3600) + 1,
      restate: faults.restate,
    };
  }
}
