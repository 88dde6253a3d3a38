import { useEffect, useState } from 'preact/hooks';

export interface LayoutReportDeps {
  /** The last report the background made (storage.session), or null. */
  load(): Promise<{ text: string; at: number } | null>;
  copy(text: string): Promise<void>;
}

/**
 * The layout report's preview: the trader reads what would be shared (tags, captions, the shape of
 * values, never the values) before copying it into a bug report.
 */
export function LayoutReport({ deps }: { deps: LayoutReportDeps }) {
  const [report, setReport] = useState<{ text: string; at: number } | null | undefined>(undefined);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void deps.load().then(setReport, () => setReport(null));
  }, []);
  if (report === undefined) return null;
  return (
    <section id="layout-report" class="layout-report" aria-labelledby="layout-report-title">
      <h2 id="layout-report-title">Layout report</h2>
      {report === null ? (
        <p class="status">No layout report yet: click "Copy a layout report" on the panel of a page PerpLens cannot read.</p>
      ) : (
        <>
          <p class="intro">
            What PerpLens saw of the page: its tags, roles, class names and column captions, and the shape of every other text (digits as #, letters as a),
            never the values, addresses or account names. Read it, then copy it into your bug report.
          </p>
          <textarea readOnly rows={16} aria-label="The layout report" value={report.text} />
          <div class="actions">
            <button
              type="button"
              class="primary"
              onClick={() =>
                deps.copy(report.text).then(
                  () => setSaid({ ok: true, text: 'Copied to the clipboard.' }),
                  () => setSaid({ ok: false, text: 'The browser did not allow copying: select the text above and copy it.' }),
                )
              }
            >
              Copy
            </button>
            {said && (
              <span role="status" class={said.ok ? 'status' : 'status error'}>
                {said.text}
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}
