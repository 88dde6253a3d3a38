// Reading a positions table whose captions are not recognised, by the shapes of its values alone:
// the symbol and leverage in one cell, amounts in the base and quote assets, the entry and mark
// solved from the PnL. The liquidation price is never guessed from bare numbers.
import { parseNumber } from '../../core/numbers';
import type { Side } from '../../core/types';
import type { ReadContext } from '../page-reader-types';
import { finishRow, LIQ_NOT_BY_PATTERNS } from './row';
import { visibleText, type ExtractedTable } from './table';
import { classifyCell, sideFromInlineColour, solveEntryMark, type ShownNumber } from './value-patterns';
import { decideSide, LEVERAGE, ownColour, wordIn } from './perp-side';
import type { PerpPageConfig } from './perp-config';
import { NOTE_PATTERNS } from './labels';
import { fail, isPlaceholder, isSkeleton, spacedText, type RowsRead } from './perp-rows';

export function readRowsByPatterns(table: ExtractedTable, ctx: ReadContext, cfg: PerpPageConfig): RowsRead {
  const out: RowsRead = { rows: [], skeletons: 0, notes: [NOTE_PATTERNS] };
  const parsed = table.rows
    .filter((r) => !isPlaceholder(r))
    .map((row) => {
      const symbolIndex = row.cells.findIndex((c) => c !== null && cfg.symbolIn(spacedText(c)) !== null);
      const symbolCell = symbolIndex >= 0 ? (row.cells[symbolIndex] ?? null) : null;
      const symbolText = symbolCell ? spacedText(symbolCell) : '';
      const symbol = cfg.symbolIn(symbolText);
      const assets = symbol ? cfg.assets(symbol) : null;
      const bare: ShownNumber[] = [];
      const baseAmounts: ShownNumber[] = [];
      const pnls: ShownNumber[] = [];
      const margins: { n: ShownNumber; tail: string }[] = [];
      row.cells.forEach((c, i) => {
        if (c === null || i === symbolIndex || !assets) return;
        const v = classifyCell(visibleText(c), ctx.locale);
        if (v.kind === 'number') bare.push(v);
        else if (v.kind === 'amount' && v.unit === assets.base) baseAmounts.push(v);
        else if (v.kind === 'amount' && v.unit === assets.quote && v.tail.includes('%')) pnls.push(v);
        else if (v.kind === 'amount' && v.unit === assets.quote && /^\([^)%\d]+\)$/.test(v.tail)) margins.push({ n: v, tail: v.tail });
      });
      // The size carries the base asset when the page writes units; otherwise it is one of the bare numbers.
      const sizes = baseAmounts.length ? baseAmounts : bare;
      return { row, symbolCell, symbolText, symbol, assets, bare, sizes, pnls, margins };
    });
  // A page that shows one negative size signs its shorts, so its unsigned sizes are longs (prices are never negative).
  const signs = cfg.signsShortSizes || parsed.some((p) => p.sizes.some((s) => s.value < 0));

  for (const p of parsed) {
    if (isSkeleton(p.row)) {
      out.skeletons++;
      continue;
    }
    const { symbol, symbolText, symbolCell } = p;
    if (!symbol || !p.assets) {
      out.rows.push(fail('no market symbol in the row', null, null));
      continue;
    }
    const negatives = p.sizes.filter((s) => s.value < 0);
    const sign: Side | null = negatives.length === 1 ? 'short' : negatives.length === 0 && p.sizes.length > 0 && signs ? 'long' : null;
    const votes = decideSide([
      { name: 'side label', side: wordIn(symbolText, cfg.sideWords) },
      { name: 'size sign', side: sign },
      { name: 'row colour', side: symbolCell ? sideFromInlineColour(symbolCell, cfg.palette) : null },
      { name: 'row colour', side: ownColour(p.row.el, cfg.palette) },
    ]);
    if (votes.conflict) {
      out.rows.push(fail(votes.conflict, symbol, null));
      continue;
    }
    const side = votes.side;
    const pnl = p.pnls.length === 1 ? (p.pnls[0] ?? null) : null;
    // A short's size is the one negative figure (prices are never negative); it is never a price.
    const solved =
      side && pnl
        ? solveEntryMark(
            side,
            pnl,
            negatives.length === 1 ? negatives : p.sizes,
            p.bare.filter((b) => b.value > 0),
          )
        : null;
    if (!side || !solved) {
      out.rows.push(fail(`${NOTE_PATTERNS}; cannot tell the entry price from the mark price`, symbol, side));
      continue;
    }
    const marginTail = p.margins.length === 1 ? (p.margins[0]?.tail ?? '') : '';
    const mode = wordIn(marginTail, cfg.modeWords);
    const symbolMode = wordIn(symbolText, cfg.modeWords);
    if (mode === 'conflict' || symbolMode === 'conflict' || (mode && symbolMode && mode !== symbolMode)) {
      out.rows.push(fail('the row names both margin modes', symbol, side));
      continue;
    }
    const leverageMatch = LEVERAGE.exec(symbolText.normalize('NFKC'));
    out.rows.push(
      finishRow(cfg.venue, {
        symbol,
        side,
        size: solved.size,
        entryPrice: solved.entry,
        markPrice: solved.mark,
        // Which bare number is the liquidation price cannot be told from the values: never guessed.
        liqPrice: null,
        liqUnread: LIQ_NOT_BY_PATTERNS,
        margin: p.margins.length === 1 ? (p.margins[0]?.n.value ?? null) : null,
        marginMode: mode ?? symbolMode,
        leverage: leverageMatch?.[1] ? parseNumber(leverageMatch[1], { locale: ctx.locale }) : null,
        unrealizedPnl: pnl ? pnl.value : null,
      }),
    );
  }
  return out;
}

/** Quick test (text only) that a table holds positions rows: a venue symbol and a leverage in one cell. */
export function looksLikePositionsTable(table: ExtractedTable, cfg: PerpPageConfig): boolean {
  return (
    table.headers.length >= 5 &&
    table.rows.some((r) =>
      r.cells.some((c) => {
        if (!c) return false;
        const t = spacedText(c);
        return cfg.symbolIn(t) !== null && LEVERAGE.test(t.normalize('NFKC'));
      }),
    )
  );
}
