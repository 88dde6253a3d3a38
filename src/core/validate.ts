// Shared guards: nonsense input is a caller bug, so it throws a RangeError that names the field
// rather than producing a plausible-looking number on the user's screen.

export function requirePositive(field: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${field} must be a positive finite number, got ${String(value)}`);
  }
}

export function requireNonNegative(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${field} must be a finite number ≥ 0, got ${String(value)}`);
  }
}

export function requireFinite(field: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${field} must be a finite number, got ${String(value)}`);
  }
}

/** A maintenance-margin rate of 100% or more would mean the position is never solvent. */
export function requireRate(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new RangeError(`${field} must be a finite rate in [0, 1), got ${String(value)}`);
  }
}

export function requireSide(field: string, value: unknown): void {
  if (value !== 'long' && value !== 'short') {
    throw new RangeError(`${field} must be 'long' or 'short', got ${String(value)}`);
  }
}
