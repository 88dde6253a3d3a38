import { hyperliquidAddressFromPage } from '../venues/hyperliquid/page-address';
import { hyperliquidPage } from '../venues/hyperliquid/page';
import { startContent } from './start';

startContent({ reader: hyperliquidPage, address: { venue: 'hyperliquid', fromPage: (doc) => hyperliquidAddressFromPage(doc) } });
