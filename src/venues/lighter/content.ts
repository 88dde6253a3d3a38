// The venue's page entry (the manifest's content script for its pages, derived from the registry):
// the page loads only this venue's reader.
import { lighterPage } from './page';
import { startContent } from '../../content/start';

startContent({ reader: lighterPage });
