// The venue's page entry (the manifest's content script for its pages, derived from the registry):
// the page loads only this venue's reader.
import { dydxAddressFromStorage } from './page-address';
import { dydxPage } from './page';
import { startContent } from '../../content/start';

startContent({ reader: dydxPage, address: { venue: 'dydx', fromPage: (_doc, storage) => dydxAddressFromStorage(storage) } });
