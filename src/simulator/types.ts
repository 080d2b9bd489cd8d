// The simulator's public types (re-exported from index.ts, which other code imports).

export interface SimulatorFaults {
  latencyMs?: number;
  /** 1-based call ordinals (counted from the last resetCalls) that get a transient error. */
  failCalls?: number[];
  throttle?: { kind: 'ad_account' | 'app' | 'buc'; afterCalls: number; resetSeconds: number };
  /** Synchronous insights asks spanning more days than this → code 1 / subcode 99. */
  maxSyncInsightsDays?: number;
  /** Every data call → 190 / 463. */
  tokenExpired?: boolean;
  /** The last `days` days (through today) get different numbers per version. */
  restate?: { days: number; version: number };
}

export interface SimulatorOptions {
  /** Default 0 (random); always bound to 127.0.0.1 only. */
  port?: number;
  /** Default 42. */
  seed?: number;
  /** Scale knob: total ads in the main account; default: the demo shape (12 campaigns, 30 ad sets, 60 ads). */
  ads?: number;
  /** Clock for the data calendar and token expiry; default () => new Date(). */
  now?: () => Date;
  /** Default 'demo-token'. */
  accessToken?: string;
  appId?: string;
  appSecret?: string;
  /** Add a second, smaller account in EUR, Europe/Berlin. */
  secondAccount?: boolean;
  /**
   * Scale benches: this many extra ad accounts (act_9000000001 …) of `ads` ads each, in a few time
   * zones, each with its own rolling call budget (calls a minute that make 100% in its usage headers;
   * a call past it is refused with Meta's business-use-case throttle until the window frees a slot).
   */
  fleet?: { accounts: number; ads: number; callsPerMinute?: number };
  faults?: SimulatorFaults;
}

/** byPath holds both normalised paths ('/act_:id/insights', '/:id/adsets') and raw ones, without version or query. */
export interface SimulatorCallLog {
  total: number;
  byPath: Record<string, number>;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:PORT — the META_GRAPH_URL (no version). */
  url: string;
  version: string;
  accessToken: string;
  accounts: { id: string; currency: string; timeZone: string; name: string }[];
  setFaults(f: SimulatorFaults): void;
  calls(): SimulatorCallLog;
  resetCalls(): void;
  close(): Promise<void>;
}
