import { WINDOWS, type Window } from '../../venues/market-types';

/** The 1h/4h/24h switch: a radio group, operable by keyboard (arrows move, as radios do). */
export function WindowSwitch({ value, onChange }: { value: Window; onChange: (w: Window) => void }) {
  const move = (delta: number) => {
    const i = WINDOWS.indexOf(value);
    const next = WINDOWS[(i + delta + WINDOWS.length) % WINDOWS.length];
    if (next) onChange(next);
  };
  return (
    <span class="window-switch" role="radiogroup" aria-label="Regime window">
      {WINDOWS.map((w) => (
        <button
          type="button"
          role="radio"
          aria-checked={w === value}
          tabIndex={w === value ? 0 : -1}
          class={w === value ? 'on' : ''}
          onClick={() => onChange(w)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(1);
            else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(-1);
            else return;
            e.preventDefault();
          }}
        >
          {w}
        </button>
      ))}
    </span>
  );
}
