import type { LiveCard } from '../protocol/live-card';
import type { PanelPrefs } from '../protocol/panel-prefs';
import type { ViewPrefs } from '../protocol/messages';
import type { TreeElement } from '../protocol/tree';
import type { Window } from '../venues/market-types';
import type { PageRead } from '../venues/page-reader-types';
import type { PageMatch } from '../venues/types';
import type { Mounted } from './mount';
import type { Placer } from './panel-place';
import type { createRenderer } from './patch';
import type { AnchorWatch } from './watch-anchor';

/** One trading page's PerpLens: what it read, what it drew, what the trader set (start.ts runs it). */
export interface Session {
  match: PageMatch;
  mounted: Mounted | null;
  renderer: ReturnType<typeof createRenderer> | null;
  watch: AnchorWatch | null;
  startedAt: number;
  read: PageRead | null;
  readKey: string;
  /** The remembered prefs; null until loaded, or when none are stored (the options' defaults apply). */
  prefs: PanelPrefs | null;
  prefsLoaded: boolean;
  /** The prefs the last panel was drawn with. */
  shown: ViewPrefs;
  contractValues: Record<string, number>;
  /** The panel as last drawn and its version, so the background can answer with what changed. */
  tree: TreeElement | null;
  version: number | null;
  live: (LiveCard | null)[];
  /** The countdowns as last drawn (clockKey): the tick redraws only when they move. */
  drawnClock: string;
  /** `read` without its ticking figures (see steadyKey), worked out once per read. */
  readSteady: string;
  /** The read last sent to the background, without its ticking figures. */
  sentSteady: string;
  inFlight: boolean;
  again: boolean;
  askedAt: number;
  disabled: boolean;
  /** Answers in a row that failed (no background, a dropped port). */
  failures: number;
  /** A radio of the window switch to focus after the next draw (keyboard use). */
  focusWindow: Window | null;
  /** A card's toggle to focus after the next draw (keyboard use). */
  focusCard: string | null;
  /** Keeps the panel where it belongs: dragged, or on a free spot of the page. */
  placer: Placer | null;
  /** The background's panel still waits for market data: ask again soon. */
  pending: boolean;
  /** Ends every listener of the panel drawn now (a drag's included) when it is taken down. */
  listening: AbortController | null;
}
