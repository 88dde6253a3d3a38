import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Settings } from '../settings/schema';
import type { SaveResult } from '../settings/store';
import { AlertsSection } from './AlertsSection';
import { BandsSection } from './BandsSection';
import { checkDraft, toDraft, type Draft } from './draft';
import { ExportSection, ImportSection } from './ExportImportSections';
import type { HostAccess } from './host-access';
import { HostAccessSection } from './HostAccessSection';
import { PrivacySection } from './PrivacySection';
import { RefreshSection } from './RefreshSection';
import { RegimeSection } from './RegimeSection';
import { VenuesSection } from './VenuesSection';
import { WalletsSection } from './WalletsSection';
import { WatchlistSection } from './WatchlistSection';

/** Everything the page needs from the browser, so tests can render it with fakes. */
export interface OptionsDeps {
  load(): Promise<Settings>;
  save(s: Settings): Promise<SaveResult>;
  watch(cb: (s: Settings) => void): () => void;
  /** Null where the permissions API is missing; the section is then not shown. */
  hostAccess: HostAccess | null;
  version?: string;
  /** Opens the toolbar popup's page in a tab of its own; absent where tabs cannot be opened. */
  openOverview?: () => void;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; errors: string[] };

const same = (a: Settings, b: Settings) => JSON.stringify(a) === JSON.stringify(b);

export function OptionsPage({ deps }: { deps: OptionsDeps }) {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const check = useMemo(() => (draft ? checkDraft(draft) : null), [draft]);
  const dirty = !!check && !!saved && (!check.ok || !same(check.settings, saved));
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  const show = (s: Settings) => {
    setSaved(s);
    setDraft(toDraft(s));
  };

  useEffect(() => {
    let alive = true;
    void deps.load().then((s) => alive && show(s));
    // A change from another device or window replaces the form only when it holds no edits of its own.
    const stop = deps.watch((s) => {
      if (alive && !dirtyRef.current) show(s);
    });
    return () => {
      alive = false;
      stop();
    };
  }, [deps]);

  if (!draft || !check || !saved) return <p class="loading">Loading settings…</p>;

  const update = (change: (d: Draft) => Draft) => {
    setDraft((d) => (d ? change(d) : d));
    setSaveState({ kind: 'idle' });
  };

  const store = async (s: Settings): Promise<string[] | null> => {
    setSaveState({ kind: 'saving' });
    const r = await deps.save(s);
    if (!r.ok) {
      setSaveState({ kind: 'failed', errors: r.errors });
      return r.errors;
    }
    show(r.settings);
    setSaveState({ kind: 'saved' });
    return null;
  };

  const invalidCount = check.errors.size;
  const props = { draft, errors: check.errors, update };

  return (
    <>
      <header>
        <h1>PerpLens settings</h1>
        {/* The toolbar popup as a page of its own: the watchlist, Compare and What if beside a trading tab. */}
        {deps.openOverview && (
          <button type="button" class="overview" onClick={deps.openOverview}>
            Open the overview in a tab
          </button>
        )}
        {deps.version && <span class="version">v{deps.version}</span>}
      </header>
      <main>
        {deps.hostAccess && <HostAccessSection access={deps.hostAccess} />}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (check.ok && saveState.kind !== 'saving') void store(check.settings);
          }}
        >
          <VenuesSection {...props} />
          <WalletsSection {...props} />
          <BandsSection {...props} />
          <RegimeSection {...props} />
          <RefreshSection {...props} />
          <AlertsSection {...props} />
          <PrivacySection {...props} />
          <WatchlistSection {...props} />
          <div class="save-bar">
            <button type="submit" class="primary" disabled={!check.ok || saveState.kind === 'saving'} aria-describedby="save-hint">
              Save
            </button>
            <button type="button" disabled={!dirty} onClick={() => update(() => toDraft(saved))}>
              Discard changes
            </button>
            <p id="save-hint" class={invalidCount > 0 ? 'error' : 'hint'}>
              {invalidCount > 0 ? `Fix the ${invalidCount === 1 ? 'field' : `${invalidCount} fields`} marked above to save.` : dirty ? 'Unsaved changes.' : ''}
            </p>
            <p role="status" class="status">
              {saveState.kind === 'saved' ? 'Saved' : saveState.kind === 'saving' ? 'Saving…' : ''}
            </p>
            {saveState.kind === 'failed' && (
              <p role="alert" class="error">
                Not saved: {saveState.errors.join('; ')}
              </p>
            )}
          </div>
        </form>
        <ExportSection saved={saved} />
        <ImportSection apply={store} />
      </main>
    </>
  );
}
