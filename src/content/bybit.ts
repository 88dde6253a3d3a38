import { bybitPage } from '../venues/bybit/page';
import { startContent } from './start';

startContent({ reader: bybitPage });
