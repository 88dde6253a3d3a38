import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Settings } from '../settings/schema';
import { exportSettings, importSettings } from '../settings/transfer';

type Outcome = { ok: true } | { ok: false; errors: string[] } | null;

interface Props {
  saved: Settings;
  /** Stores imported settings and shows them in the form; resolves with errors when storing failed. */
  apply: (s: Settings) => Promise<string[] | null>;
}

export function ExportSection({ saved }: Pick<Props, 'saved'>) {
  const json = useMemo(() => exportSettings(saved), [saved]);
  const [url, setUrl] = useState<string | null>(null);
  const [shown, setShown] = useState(false);

  // A Blob URL for a real link: the browser's own download, operable like any link.
  useEffect(() => {
    const u = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [json]);

  return (
    <fieldset id="export" class="section">
      <legend>Export</legend>
      <p class="intro">The saved settings as a JSON file, to keep or to move to another browser.</p>
      <div class="actions">
        {url && (
          <a class="button" href={url} download="perplens-settings.json">
            Download settings
          </a>
        )}
        <button type="button" aria-expanded={shown} aria-controls="export-text" onClick={() => setShown(!shown)}>
          {shown ? 'Hide text' : 'Show as text'}
        </button>
      </div>
      {shown && (
        <div class="field">
          <label for="export-text">Settings JSON (select and copy)</label>
          <textarea id="export-text" readOnly rows={12} value={json} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
    </fieldset>
  );
}

export function ImportSection({ apply }: Pick<Props, 'apply'>) {
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async (json: string) => {
    const r = importSettings(json);
    if (!r.ok) {
      setOutcome(r);
      return;
    }
    const errors = await apply(r.settings);
    setOutcome(errors ? { ok: false, errors } : { ok: true });
    if (!errors) setText('');
  };

  return (
    <fieldset id="import" class="section">
      <legend>Import</legend>
      <p class="intro">Replaces every setting, including unsaved changes on this page. A file with any invalid field is refused whole.</p>
      <div class="field">
        <label for="import-file">From a file</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            void file
              .text()
              .then(run)
              .catch(() => setOutcome({ ok: false, errors: ['the file could not be read'] }))
              // Cleared so that choosing the same file again (after fixing it) fires again.
              .finally(() => (input.value = ''));
          }}
        />
      </div>
      <div class="field">
        <label for="import-text">Or paste settings JSON</label>
        <textarea id="import-text" rows={6} spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <button type="button" disabled={text.trim() === ''} onClick={() => void run(text)}>
        Import pasted settings
      </button>
      <div role="status" class="status">
        {outcome?.ok && 'Imported and saved.'}
      </div>
      {outcome && !outcome.ok && (
        <div role="alert" class="import-errors">
          <p>Nothing was imported:</p>
          <ul>
            {outcome.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}
