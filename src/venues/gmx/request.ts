import { venueUrl } from '../request-kit';
import { GMX_API, GMX_KEEPER } from './descriptor';

/** A URL on GMX's API from a fixed path; parameters set through URLSearchParams. */
export const gmxApiUrl = (path: string, params: Record<string, string> = {}): URL => venueUrl(GMX_API, path, params);

/** A URL on GMX's oracle keeper from a fixed path. */
export const gmxKeeperUrl = (path: string, params: Record<string, string> = {}): URL => venueUrl(GMX_KEEPER, path, params);
