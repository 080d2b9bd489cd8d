// Faults injected on demand, per simulator instance: latency, transient failures on chosen call
// ordinals, throttling, refusal of large synchronous insights asks, token expiry and restatement
// of recent days. setFaults replaces them all (and restarts the throttle's count).

import type { SimulatorFaults } from './types.js';
import { Throttle, type ThrottleReading } from './usage.js';

export class Faults {
  private current: SimulatorFaults = {};
  private throttle?: Throttle;

  constructor(initial?: SimulatorFaults) {
    this.set(initial ?? {});
  }

  set(f: SimulatorFaults): void {
    this.current = { ...f };
    this.throttle = f.throttle ? new Throttle(f.throttle) : undefined;
  }

  get value(): SimulatorFaults {
    return this.current;
  }

  failsCall(ordinal: number): boolean {
    return this.current.failCalls?.includes(ordinal) ?? false;
  }

  /** Counts one call against the throttle (if any) and reads where it stands. */
  throttleStep(nowMs: number): ThrottleReading | undefined {
    return this.throttle?.step(nowMs);
  }

  throttleRead(nowMs: number): ThrottleReading | undefined {
    return this.throttle?.read(nowMs);
  }
}
