import { okxPage } from '../venues/okx/page';
import { startContent } from './start';

startContent({ reader: okxPage });
