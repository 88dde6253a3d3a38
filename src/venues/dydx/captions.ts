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

type CaptionField =
  | 'market'
  | 'leverage'
  | 'type'
  | 'size'
  | 'value'
  | 'pnl'
  | 'margin'
  | 'avgOpen'
  | 'oracle'
  | 'liquidation'
  | 'funding'
  | 'details'
  | 'entry'
  | 'positions'
  | 'position'
  | 'emptyState'
  | 'cross'
  | 'isolated'
  | 'long'
  | 'short';

type LanguageCaptions = { numberLocale: string } & Record<CaptionField, readonly string[]>;

export const DYDX_CAPTIONS: Readonly<Record<DydxLanguage, LanguageCaptions>> = {
  en: {
    numberLocale: 'en-US',
    market: ['Market'],
    leverage: ['Leverage'],
    type: ['Type'],
    size: ['Size'],
    value: ['Value'],
    pnl: ['P&L'],
    margin: ['Margin'],
    avgOpen: ['Avg. Open'],
    oracle: ['Oracle'],
    liquidation: ['Liquidation'],
    funding: ['Funding'],
    details: ['Details'],
    entry: ['Entry'],
    positions: ['Positions'],
    position: ['Position'],
    emptyState: ['You have no open positions.'],
    cross: ['Cross'],
    isolated: ['Isolated'],
    long: ['Long'],
    short: ['Short'],
  },
  'zh-CN': {
    numberLocale: 'zh-CN',
    market: ['市场', '市价', '交易对'],
    leverage: ['杠杆'],
    type: ['类型', '订单类型'],
    size: ['数量'],
    value: ['价值'],
    pnl: ['盈亏'],
    margin: ['保证金', '杠杆交易'],
    avgOpen: ['平均开仓'],
    oracle: ['预言机'],
    liquidation: ['清算'],
    funding: ['资金', '资金费率', '资金费'],
    details: ['详情'],
    entry: ['输入'],
    positions: ['头寸'],
    position: ['持仓', '当前持仓'],
    emptyState: ['您没有敞口头寸。'],
    cross: ['交叉', '全仓', '超过'],
    isolated: ['逐仓'],
    long: ['长仓', '多头'],
    short: ['空头', '做空'],
  },
  ja: {
    numberLocale: 'ja-JP',
    market: ['マーケット'],
    leverage: ['レバレッジ'],
    type: ['タイプ'],
    size: ['サイズ'],
    value: ['価値', '評価額'],
    pnl: ['P&L'],
    margin: ['保証金', '証拠金'],
    avgOpen: ['平均オープン', '平均寄付'],
    oracle: ['オラクル'],
    liquidation: ['清算'],
    funding: ['ファンディング'],
    details: ['詳細'],
    entry: ['エントリー', 'エントリー：'],
    positions: ['ポジション'],
    position: ['ポジション'],
    emptyState: ['オープンポジションはありません。'],
    cross: ['クロス'],
    isolated: ['単発', '分離'],
    long: ['ロング'],
    short: ['ショート'],
  },
  ko: {
    numberLocale: 'ko-KR',
    market: ['시장'],
    leverage: ['레버리지'],
    type: ['유형'],
    size: ['규모'],
    value: ['값'],
    pnl: ['손익'],
    margin: ['마진'],
    avgOpen: ['평균 개설', '평균 열기'],
    oracle: ['오라클'],
    liquidation: ['청산'],
    funding: ['펀딩'],
    details: ['세부 사항'],
    entry: ['항목'],
    positions: ['포지션'],
    position: ['포지션'],
    emptyState: ['열린 포지션이 없습니다.'],
    cross: ['교차', '크로스'],
    isolated: ['격리됨'],
    long: ['롱'],
    short: ['숏'],
  },
  ru: {
    numberLocale: 'ru-RU',
    market: ['Рынок'],
    leverage: ['Кредитное плечо'],
    type: ['Тип'],
    size: ['Размер'],
    value: ['Стоимость'],
    pnl: ['Прибыль и убытки', 'Прибыли и убытки', 'P&L'],
    margin: ['Маржа'],
    avgOpen: ['Средн. Открытие'],
    oracle: ['Оракул'],
    liquidation: ['Ликвидация'],
    funding: ['Финансирование', 'Финансировано'],
    details: ['Сведения'],
    entry: ['Запись', 'Загрузить'],
    positions: ['Позиции'],
    position: ['Позиция'],
    emptyState: ['У вас нет открытых позиций.'],
    cross: ['Кросс'],
    isolated: ['Изолированная', 'Изолированный'],
    long: ['Длинные', 'Длинная'],
    short: ['Короткие позиции', 'Короткая'],
  },
  tr: {
    numberLocale: 'tr-TR',
    market: ['Piyasa'],
    leverage: ['Kaldıraç'],
    type: ['Tür'],
    size: ['Büyüklük', 'Boyut'],
    value: ['Değer'],
    pnl: ['Kar ve Zarar', 'KZ', 'Kar&Zarar'],
    margin: ['Marjin', 'Marj'],
    avgOpen: ['Ort. Açık'],
    oracle: ['Oracle'],
    liquidation: ['Tasfiye'],
    funding: ['Fonlama'],
    details: ['Ayrıntılar'],
    entry: ['Girdi', 'Girdisini', 'Giriş'],
    positions: ['Pozisyonlar'],
    position: ['Pozisyon'],
    emptyState: ['Açık pozisyonunuz bulunmuyor.'],
    cross: ['Çapraz'],
    isolated: ['İzole'],
    long: ['Uzun'],
    short: ['Kısa'],
  },
  fr: {
    numberLocale: 'fr-FR',
    market: ['Marché'],
    leverage: ['Effet de levier'],
    type: ['Type'],
    size: ['Taille'],
    value: ['Valeur'],
    pnl: ['Pertes et profits (P&L)', 'P&L'],
    margin: ['Marge'],
    avgOpen: ['Moy. Ouvert'],
    oracle: ['Oracle'],
    liquidation: ['Liquidation'],
    funding: ['Financement'],
    details: ['Détails'],
    entry: ['Entrée'],
    positions: ['Positions'],
    position: ['Position'],
    emptyState: ["Vous n'avez pas de positions ouvertes."],
    cross: ['Croiser', 'Cross'],
    isolated: ['Isolé'],
    long: ['Long'],
    short: ['Short', 'Court'],
  },
  pt: {
    numberLocale: 'pt-PT',
    market: ['Mercado'],
    leverage: ['Alavancagem'],
    type: ['Tipo'],
    size: ['Tamanho'],
    value: ['Valor'],
    pnl: ['L&P', 'P&L', 'Lucros e perdas'],
    margin: ['Margem'],
    avgOpen: ['Média Abrir'],
    oracle: ['Oráculo', 'Oracle'],
    liquidation: ['Liquidação'],
    funding: ['Financiamento'],
    details: ['Detalhes'],
    entry: ['Entrada'],
    positions: ['Posições'],
    position: ['Posição'],
    emptyState: ['Você não tem posições abertas.'],
    cross: ['Cruzado'],
    isolated: ['Isolada'],
    long: ['Long'],
    short: ['Short'],
  },
  es: {
    numberLocale: 'es-ES',
    market: ['Mercado'],
    leverage: ['Apalancamiento', 'Apalancar'],
    type: ['Tipo'],
    size: ['Tamaño'],
    value: ['Valor'],
    pnl: ['P&G', 'P&L', 'Ganancias y pérdidas'],
    margin: ['Margen'],
    avgOpen: ['Promedio Abierto'],
    oracle: ['Oráculo', 'Oracle'],
    liquidation: ['Liquidación'],
    funding: ['Financiamiento'],
    details: ['Detalles'],
    entry: ['Entrada'],
    positions: ['Posiciones'],
    position: ['Posición'],
    emptyState: ['No tienes posiciones abiertas.'],
    cross: ['Cruzar'],
    isolated: ['Aislado'],
    long: ['Largo', 'Long'],
    short: ['Corto'],
  },
  de: {
    numberLocale: 'de-DE',
    market: ['Markt'],
    leverage: ['Hebelwirkung', 'Leverage'],
    type: ['Typ'],
    size: ['Größe'],
    value: ['Wert'],
    pnl: ['P&L', 'G&V'],
    margin: ['Marge'],
    avgOpen: ['Durchschn. Eröffnen'],
    oracle: ['Oracle'],
    liquidation: ['Liquidation'],
    funding: ['Finanzierung'],
    details: ['Details'],
    entry: ['Eintrag'],
    positions: ['Positionen'],
    position: ['Position'],
    emptyState: ['Sie haben keine offenen Positionen.'],
    cross: ['Kreuz'],
    isolated: ['Isoliert'],
    long: ['Lang'],
    short: ['Kurz'],
  },
};

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
