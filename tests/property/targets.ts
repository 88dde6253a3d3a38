import { MESSAGE_TARGETS } from './message-targets';
import { NUMBER_TARGETS } from './number-targets';
import { PAGE_TARGETS } from './page-targets';
import type { Target } from './target';

/** Every property target, in the order scripts/fuzz.ts runs them. */
export const TARGETS: readonly Target[] = [...NUMBER_TARGETS, ...PAGE_TARGETS, ...MESSAGE_TARGETS];
