import { binancePage } from '../venues/binance/page';
import { startContent } from './start';

startContent({ reader: binancePage });
