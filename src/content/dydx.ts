import { dydxAddressFromStorage } from '../venues/dydx/page-address';
import { dydxPage } from '../venues/dydx/page';
import { startContent } from './start';

startContent({ reader: dydxPage, address: { venue: 'dydx', fromPage: (_doc, storage) => dydxAddressFromStorage(storage) } });
