export { VENUE_NAMES } from './registry';
