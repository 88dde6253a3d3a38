import { normalizeLabel, type ColumnDictionary } from '../page-kit/labels';

/*
 * What dYdX's positions table says, in every language dYdX ships. Hand-copied from the public
 * repository dydxprotocol/v4-localization, commit eebfc49430122ed62d13cb223981b64856d1c44c
 * (2026-04-30), files config/localization/<lang>/app.json; the keys are the ones dYdX's own
 * frontend renders in the table (dydxprotocol/v4-web 2248cb635d9dfa3485176db51ad83b82f1f8500d,
 * src/views/tables/PositionsTable.tsx and src/lib/enumToStringKeyHelpers.ts):
 *
 *   market      APP.GENERAL.MARKET                    column `market`
 *   leverage    APP.GENERAL.LEVERAGE                  column `leverage`
 *   type        APP.GENERAL.TYPE                      column `type` (margin mode)
 *   size        APP.GENERAL.SIZE                      column `size`
 *   value       APP.GENERAL.VALUE                     column `value`
 *   pnl         APP.GENERAL.PNL                       column `combinedPnl`
 *   margin      APP.GENERAL.MARGIN                    column `margin`
 *   avgOpen     APP.TRADE.AVG_OPEN                    column `averageOpen` (entry price)
 *   oracle      APP.TRADE.ORACLE_PRICE_ABBREVIATED    column `oracle` (the table's price: oracle, not mark)
 *   liquidation APP.TRADE.LIQUIDATION                 column `liquidation`
 *   funding     APP.TRADE.FUNDING_PAYMENTS_SHORT      column `netFunding`
 *   details     APP.GENERAL.DETAILS                   tablet column `details` (size, side @ leverage)
 *   entry       APP.TRADE.ENTRY_PRICE_SHORT           second half of the tablet column `oracleEntry`
 *   positions   APP.TRADE.POSITIONS                   the table's aria-label and the panel's tab
 *   position    APP.GENERAL.POSITION                  the tab when only the current market is shown
 *   emptyState  APP.TRADE.POSITIONS_EMPTY_STATE       the <h4> dYdX renders instead of an empty table
 *   cross       APP.GENERAL.CROSS                     `type` cell
 *   isolated    APP.GENERAL.ISOLATED                  `type` cell
 *   long/short  APP.GENERAL.LONG_POSITION_SHORT / SHORT_POSITION_SHORT   side word in `details`
 *
 * The first entry of each list is the text at that commit; any further entries are texts the same
 * file held earlier in that repository's history (an app build cached in a browser may still show
 * them). `numberLocale` is the `browserLanguage` v4-web pairs with the language
 * (src/constants/localization.ts, SUPPORTED_LOCALES): its number separators follow the chosen
 * language, not html[lang] (which dydx.trade leaves at "en").
 */

export const DYDX_LANGUAGES = ['en', 'zh-CN', 'ja', 'ko', 'ru', 'tr', 'fr', 'pt', 'es', 'de'] as const;
export type DydxLanguage = (typeof DYDX_LANGUAGES)[number];

/** The fields of each language's row below (DYDX_CAPTION_ROWS), in order (the key table above names their sources). */
const FIELDS = [
  'market',
  'leverage',
  'type',
  'size',
  'value',
  'pnl',
  'margin',
  'avgOpen',
  'oracle',
  'liquidation',
  'funding',
  'details',
  'entry',
  'positions',
  'position',
  'emptyState',
  'cross',
  'isolated',
  'long',
  'short',
] as const;
type CaptionField = (typeof FIELDS)[number];

type LanguageCaptions = { numberLocale: string } & Record<CaptionField, readonly string[]>;

// One row per language: its number locale, then each field's texts in FIELDS order, `|` between a
// field's texts (the text at the commit first, earlier ones after). A row per language rather than
// an object keeps twenty keys from repeating ten times in every venue page's script.
// prettier-ignore
export const DYDX_CAPTION_ROWS: Readonly<Record<DydxLanguage, readonly string[]>> = {
  en: ['en-US', 'Market', 'Leverage', 'Type', 'Size', 'Value', 'P&L', 'Margin', 'Avg. Open', 'Oracle', 'Liquidation', 'Funding', 'Details', 'Entry', 'Positions', 'Position', 'You have no open positions.', 'Cross', 'Isolated', 'Long', 'Short'],
  'zh-CN': ['zh-CN', '市场|市价|交易对', '杠杆', '类型|订单类型', '数量', '价值', '盈亏', '保证金|杠杆交易', '平均开仓', '预言机', '清算', '资金|资金费率|资金费', '详情', '输入', '头寸', '持仓|当前持仓', '您没有敞口头寸。', '交叉|全仓|超过', '逐仓', '长仓|多头', '空头|做空'],
  ja: ['ja-JP', 'マーケット', 'レバレッジ', 'タイプ', 'サイズ', '価値|評価額', 'P&L', '保証金|証拠金', '平均オープン|平均寄付', 'オラクル', '清算', 'ファンディング', '詳細', 'エントリー|エントリー：', 'ポジション', 'ポジション', 'オープンポジションはありません。', 'クロス', '単発|分離', 'ロング', 'ショート'],
  ko: ['ko-KR', '시장', '레버리지', '유형', '규모', '값', '손익', '마진', '평균 개설|평균 열기', '오라클', '청산', '펀딩', '세부 사항', '항목', '포지션', '포지션', '열린 포지션이 없습니다.', '교차|크로스', '격리됨', '롱', '숏'],
  ru: ['ru-RU', 'Рынок', 'Кредитное плечо', 'Тип', 'Размер', 'Стоимость', 'Прибыль и убытки|Прибыли и убытки|P&L', 'Маржа', 'Средн. Открытие', 'Оракул', 'Ликвидация', 'Финансирование|Финансировано', 'Сведения', 'Запись|Загрузить', 'Позиции', 'Позиция', 'У вас нет открытых позиций.', 'Кросс', 'Изолированная|Изолированный', 'Длинные|Длинная', 'Короткие позиции|Короткая'],
  tr: ['tr-TR', 'Piyasa', 'Kaldıraç', 'Tür', 'Büyüklük|Boyut', 'Değer', 'Kar ve Zarar|KZ|Kar&Zarar', 'Marjin|Marj', 'Ort. Açık', 'Oracle', 'Tasfiye', 'Fonlama', 'Ayrıntılar', 'Girdi|Girdisini|Giriş', 'Pozisyonlar', 'Pozisyon', 'Açık pozisyonunuz bulunmuyor.', 'Çapraz', 'İzole', 'Uzun', 'Kısa'],
  fr: ['fr-FR', 'Marché', 'Effet de levier', 'Type', 'Taille', 'Valeur', 'Pertes et profits (P&L)|P&L', 'Marge', 'Moy. Ouvert', 'Oracle', 'Liquidation', 'Financement', 'Détails', 'Entrée', 'Positions', 'Position', 'Vous n\'avez pas de positions ouvertes.', 'Croiser|Cross', 'Isolé', 'Long', 'Short|Court'],
  pt: ['pt-PT', 'Mercado', 'Alavancagem', 'Tipo', 'Tamanho', 'Valor', 'L&P|P&L|Lucros e perdas', 'Margem', 'Média Abrir', 'Oráculo|Oracle', 'Liquidação', 'Financiamento', 'Detalhes', 'Entrada', 'Posições', 'Posição', 'Você não tem posições abertas.', 'Cruzado', 'Isolada', 'Long', 'Short'],
  es: ['es-ES', 'Mercado', 'Apalancamiento|Apalancar', 'Tipo', 'Tamaño', 'Valor', 'P&G|P&L|Ganancias y pérdidas', 'Margen', 'Promedio Abierto', 'Oráculo|Oracle', 'Liquidación', 'Financiamiento', 'Detalles', 'Entrada', 'Posiciones', 'Posición', 'No tienes posiciones abiertas.', 'Cruzar', 'Aislado', 'Largo|Long', 'Corto'],
  de: ['de-DE', 'Markt', 'Hebelwirkung|Leverage', 'Typ', 'Größe', 'Wert', 'P&L|G&V', 'Marge', 'Durchschn. Eröffnen', 'Oracle', 'Liquidation', 'Finanzierung', 'Details', 'Eintrag', 'Positionen', 'Position', 'Sie haben keine offenen Positionen.', 'Kreuz', 'Isoliert', 'Lang', 'Kurz'],
};

export const DYDX_CAPTIONS = Object.fromEntries(
  DYDX_LANGUAGES.map((l) => {
    const [numberLocale = '', ...texts] = DYDX_CAPTION_ROWS[l];
    return [l, { numberLocale, ...Object.fromEntries(FIELDS.map((f, i) => [f, (texts[i] ?? '').split('|')])) }];
  }),
) as Readonly<Record<DydxLanguage, LanguageCaptions>>;

const languages = (): readonly LanguageCaptions[] => DYDX_LANGUAGES.map((l) => DYDX_CAPTIONS[l]);
const all = (field: CaptionField): string[] => languages().flatMap((c) => c[field]);
const normalizedSet = (texts: readonly string[]): ReadonlySet<string> => new Set(texts.map(normalizeLabel));

/** Header captions of the desktop columns, every language, for `mapColumns`. */
export const DYDX_COLUMN_DICTIONARY: ColumnDictionary = {
  symbol: all('market'),
  leverage: all('leverage'),
  mode: all('type'),
  size: all('size'),
  value: all('value'),
  pnl: all('pnl'),
  margin: all('margin'),
  entry: all('avgOpen'),
  mark: all('oracle'),
  liq: all('liquidation'),
  funding: all('funding'),
};

/** Captions of the tablet layout's two composite columns (normalised). */
export const DETAILS_CAPTIONS = normalizedSet(all('details'));
/** The `oracleEntry` header is two spans, oracle then entry, read as one text. */
export const ORACLE_ENTRY_CAPTIONS = normalizedSet(languages().flatMap((c) => c.oracle.flatMap((o) => c.entry.map((e) => `${o} ${e}`))));

export const TABLE_LABELS = normalizedSet([...all('positions'), ...all('position')]);
export const EMPTY_STATE_TEXTS = normalizedSet(all('emptyState'));

const CROSS = normalizedSet(all('cross'));
const ISOLATED = normalizedSet(all('isolated'));
const LONG = normalizedSet(all('long'));
const SHORT = normalizedSet(all('short'));

export function marginModeWord(text: string): 'cross' | 'isolated' | null {
  const t = normalizeLabel(text);
  return CROSS.has(t) ? 'cross' : ISOLATED.has(t) ? 'isolated' : null;
}

export function sideWord(text: string): 'long' | 'short' | null {
  const t = normalizeLabel(text);
  return LONG.has(t) ? 'long' : SHORT.has(t) ? 'short' : null;
}

const headerCaptions = (c: LanguageCaptions): ReadonlySet<string> =>
  normalizedSet([
    ...c.market,
    ...c.leverage,
    ...c.type,
    ...c.size,
    ...c.value,
    ...c.pnl,
    ...c.margin,
    ...c.avgOpen,
    ...c.oracle,
    ...c.liquidation,
    ...c.funding,
    ...c.details,
    ...c.oracle.flatMap((o) => c.entry.map((e) => `${o} ${e}`)),
  ]);
const HEADERS_BY_LANGUAGE = DYDX_LANGUAGES.map((lang) => ({ lang, captions: headerCaptions(DYDX_CAPTIONS[lang]) }));

/**
 * The language the header captions are in: the one whose captions match the most headers (English
 * on a tie, as several languages share "Oracle", "Liquidation" or "P&L"); null when none matches.
 */
export function captionLanguage(headers: readonly string[]): DydxLanguage | null {
  const wanted = headers.map(normalizeLabel).filter((h) => h !== '');
  let best: DydxLanguage | null = null;
  let bestCount = 0;
  for (const { lang, captions } of HEADERS_BY_LANGUAGE) {
    const count = wanted.filter((h) => captions.has(h)).length;
    if (count > bestCount) {
      best = lang;
      bestCount = count;
    }
  }
  return best;
}
