import { MESSAGE_TARGETS } from './message-targets';
import { NUMBER_TARGETS } from './number-targets';
import { nodePageEnv } from './page-env-node';
import { pageTargets } from './page-targets';
import type { Target } from './target';

/** The page-reader targets under happy-dom (the unit run; scripts/fuzz.ts runs them in Chromium). */
export const PAGE_TARGETS: readonly Target[] = pageTargets(nodePageEnv());

/** Every property target, in the order scripts/fuzz.ts reports them. */
export const TARGETS: readonly Target[] = [...NUMBER_TARGETS, ...PAGE_TARGETS, ...MESSAGE_TARGETS];
