import { useEffect, useState } from 'preact/hooks';
import { VENUE_NAMES } from '../venues/names';
import { missingHosts, type HostAccess, type MissingHosts } from './host-access';

const hostName = (pattern: string) => pattern.replace(/^[a-z*]+:\/\//, '').replace(/\/\*$/, '');

/** Shown only while some venue host is not granted (Firefox); hidden when all are. */
export function HostAccessSection({ access }: { access: HostAccess }) {
  const [missing, setMissing] = useState<MissingHosts[]>([]);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void missingHosts(access).then((m) => {
        if (alive) setMissing(m);
      });
    refresh();
    const stop = access.watch(refresh);
    return () => {
      alive = false;
      stop();
    };
  }, [access]);

  if (missing.length === 0) return null;
  const origins = missing.flatMap((m) => m.origins);

  const grant = () => {
    // No await before this call: Firefox honours a permission request only inside the click.
    void access
      .request(origins)
      .then((granted) => setRefused(!granted))
      .catch(() => setRefused(true))
      .then(() => missingHosts(access))
      .then(setMissing);
  };

  return (
    <section class="host-access" aria-labelledby="host-access-title">
      <h2 id="host-access-title">Site access needed</h2>
      <p>PerpLens cannot reach these venues' sites yet, so their panels and market data stay empty:</p>
      <ul>
        {missing.map((m) => (
          <li key={m.venue ?? 'other'}>
            <strong>{m.venue ? VENUE_NAMES[m.venue] : 'Other'}</strong>: {m.origins.map(hostName).join(', ')}
          </li>
        ))}
      </ul>
      <button type="button" onClick={grant}>
        Allow access to {origins.length === 1 ? 'this site' : `these ${origins.length} sites`}
      </button>
      {refused && <p class="error">Access was not granted. You can also allow it from the browser's extensions menu.</p>}
    </section>
  );
}
