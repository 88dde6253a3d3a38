// What GMX's positions table writes, per language. GMX's interface is open source and translated
// with lingui: the captions below are the `msgstr`s of src/locales/<lang>/messages.po at
// gmx-io/gmx-interface a78e920 for the table's own `msgid`s (PositionList.tsx: POSITION, SIZE,
// NET VALUE, MARGIN, ENTRY PRICE, MARK PRICE, LIQUIDATION PRICE). An empty `msgstr` shows the
// English id, which is why several languages keep "ENTRY PRICE" or "LIQUIDATION PRICE", and why
// MARGIN is English everywhere (no catalog translates it).
import type { ColumnDictionary } from '../page-kit/labels';

export const GMX_COLUMNS: ColumnDictionary = {
  // en, de, fr; es POSICIÓN; ru ПОЗИЦИЯ; ja/ko ポジション/포지션; zh 仓位; zh-tw 倉位.
  symbol: ['POSITION', 'POSICIÓN', 'ПОЗИЦИЯ', 'ポジション', '포지션', '仓位', '倉位'],
  // en SIZE; de GRÖSSE; es TAMAÑO; fr TAILLE; ja サイズ; ko 규모; ru РАЗМЕР; zh 规模; zh-tw 規模.
  size: ['SIZE', 'GRÖSSE', 'TAMAÑO', 'TAILLE', 'サイズ', '규모', 'РАЗМЕР', '规模', '規模'],
  // NET VALUE: collateral + PnL − pending fees; not read as a figure of its own (its second line is the PnL).
  pnl: ['NET VALUE', 'NETTOWERT', 'VALOR NETO', 'VALEUR NETTE', '純価値', '순가치', 'НЕТТО-СТОИМОСТЬ', '净值', '淨值'],
  margin: ['MARGIN'],
  // en ENTRY PRICE (also ja, ko, zh); de EINSTIEGSPREIS; es PRECIO DE ENTRADA; fr PRIX D'ENTRÉE; ru ЦЕНА ВХОДА; zh-tw 入場價格.
  entry: ['ENTRY PRICE', 'EINSTIEGSPREIS', 'PRECIO DE ENTRADA', "PRIX D'ENTRÉE", 'ЦЕНА ВХОДА', '入場價格'],
  // de MARKPREIS; es PRECIO DE REFERENCIA; fr PRIX DE RÉFÉRENCE; ja マーク価格; ko 기준가; ru РАСЧЁТНАЯ ЦЕНА; zh 标记价格; zh-tw 標記價格.
  mark: ['MARK PRICE', 'MARKPREIS', 'PRECIO DE REFERENCIA', 'PRIX DE RÉFÉRENCE', 'マーク価格', '기준가', 'РАСЧЁТНАЯ ЦЕНА', '标记价格', '標記價格'],
  // en LIQUIDATION PRICE (also es, fr); de LIQUIDATIONSPREIS; ja 清算価格; ko 청산가; ru ЦЕНА ЛИКВИДАЦИИ; zh 清算价格; zh-tw 清算價格.
  liq: ['LIQUIDATION PRICE', 'LIQUIDATIONSPREIS', '清算価格', '청산가', 'ЦЕНА ЛИКВИДАЦИИ', '清算价格', '清算價格'],
};

/** "No open positions" (PositionList's empty text) in each catalog. */
export const GMX_EMPTY = [
  'No open positions',
  'Keine offenen Positionen',
  'No hay posiciones abiertas',
  'Aucune position ouverte',
  'オープンのポジションはありません',
  '열려 있는 포지션 없음',
  'Нет открытых позиций',
  '无开放头寸',
  '沒有未平倉倉位',
];

/** The side label beside the leverage ("Long"/"Short", translated): en/de/fr, es, ja, ko, ru, zh. */
export const GMX_SIDES = {
  long: ['Long', 'Largo', 'ロング', '롱', 'Лонг', '做多'],
  short: ['Short', 'Corto', 'ショート', '숏', 'Шорт', '做空'],
} as const;
