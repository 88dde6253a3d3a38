import { parseSettings, type ParseResult, type Settings } from './schema';

export type ImportResult = ParseResult;

/** The settings as a pretty-printed JSON file's text. */
export function exportSettings(s: Settings): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

/**
 * A settings file's text → settings, or every reason it was refused. All or nothing: a file with
 * one bad field is refused whole, because applying the rest would leave a mix the user never wrote.
 */
export function importSettings(json: string): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(json) as unknown;
  } catch (e) {
    return { ok: false, errors: [`not a JSON file: ${e instanceof Error ? e.message : String(e)}`] };
  }
  return parseSettings(doc);
}
