// When a condition that holds becomes an alert. Pure, clock injected. One small state machine per
// (position key, condition):
//
//   armed ──(active, outside the cool-down)──▶ fired  ──(clear for N consecutive checks)──▶ armed
//
// - fires once when the condition becomes true, then stays quiet however long it holds;
// - re-arms only after it has been false with a margin: the observation's `clear` (distance back
//   above threshold × 1.2, the others simply false) for REARM_CHECKS consecutive checks;
// - never fires twice within the cool-down: an armed condition that holds during the cool-down
//   waits, and fires at the first check after the cool-down if it still holds.
// A check that could not observe the condition (null) changes nothing.
//
// The state is plain data (`dump`/`restore`), so it survives the MV3 worker being stopped between
// alarms when kept in storage.session.

import * as v from 'valibot';
import type { AlertCondition, Observation } from './conditions';

/** Consecutive clear checks before a fired condition re-arms. */
export const REARM_CHECKS: Record<AlertCondition, number> = { liquidation: 1, regime: 2, funding: 2 };

export interface HysteresisEntry {
  armed: boolean;
  /** Consecutive clear checks since it fired (only counted while disarmed). */
  clearStreak: number;
  lastFiredAt: number | null;
}

export type HysteresisDump = Record<string, HysteresisEntry>;

const EntrySchema = v.object({
  armed: v.boolean(),
  clearStreak: v.pipe(v.number(), v.integer(), v.minValue(0)),
  lastFiredAt: v.nullable(v.pipe(v.number(), v.finite())),
});
const DumpSchema = v.record(v.string(), EntrySchema);

export interface HysteresisOptions {
  now: () => number;
  /** Read at every step, so a changed setting applies at once. */
  cooldownMs: () => number;
  rearmChecks?: Record<AlertCondition, number>;
}

const stateKey = (key: string, condition: AlertCondition) => `${key}|${condition}`;

export interface Hysteresis {
  /** Feeds one check's observation; true when this check fires the alert. */
  step(key: string, condition: AlertCondition, observation: Observation | null): boolean;
  peek(key: string, condition: AlertCondition): HysteresisEntry | undefined;
  /**
   * Forgets positions no longer held, except those still inside their cool-down (a position that
   * drops out of the reports for a moment must not alert again on its return).
   */
  prune(heldKeys: ReadonlySet<string>): void;
  dump(): HysteresisDump;
  /** Replaces the state with a dump; anything malformed is ignored (then it starts armed). */
  restore(dump: unknown): void;
}

export function createHysteresis(opts: HysteresisOptions): Hysteresis {
  const rearm = opts.rearmChecks ?? REARM_CHECKS;
  let states = new Map<string, HysteresisEntry>();

  return {
    step(key, condition, observation) {
      if (observation === null) return false;
      const id = stateKey(key, condition);
      const s = states.get(id) ?? { armed: true, clearStreak: 0, lastFiredAt: null };
      states.set(id, s);
      const now = opts.now();
      if (s.armed) {
        if (!observation.active) return false;
        if (s.lastFiredAt !== null && now - s.lastFiredAt < opts.cooldownMs()) return false;
        s.armed = false;
        s.clearStreak = 0;
        s.lastFiredAt = now;
        return true;
      }
      if (observation.clear) {
        s.clearStreak += 1;
        if (s.clearStreak >= rearm[condition]) {
          s.armed = true;
          s.clearStreak = 0;
        }
      } else {
        s.clearStreak = 0;
      }
      return false;
    },
    peek(key, condition) {
      const s = states.get(stateKey(key, condition));
      return s ? { ...s } : undefined;
    },
    prune(heldKeys) {
      const now = opts.now();
      const cooldown = opts.cooldownMs();
      for (const [id, s] of states) {
        const key = id.slice(0, id.lastIndexOf('|'));
        if (heldKeys.has(key)) continue;
        if (s.lastFiredAt !== null && now - s.lastFiredAt < cooldown) continue;
        states.delete(id);
      }
    },
    dump() {
      const out: HysteresisDump = {};
      for (const [id, s] of states) out[id] = { ...s };
      return out;
    },
    restore(dump) {
      const r = v.safeParse(DumpSchema, dump);
      if (r.success) states = new Map(Object.entries(r.output).map(([id, s]) => [id, { ...s }]));
    },
  };
}
