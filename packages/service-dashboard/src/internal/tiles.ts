import { renderHeading, type LocaleController } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type { DashboardStrings } from '../strings.js';
import { countText, spreadText, valueText } from './figure-text.js';
import type { MeasureGoals } from './measures.js';
import { countOf, type Tile } from './view-model.js';

export interface TilesContext {
  readonly i18n: LocaleController<DashboardStrings>;
  /** The level of a heading `depth` levels below the dashboard's title (its `heading-level`). */
  readonly headingLevel: (depth: number) => number;
  readonly goals: MeasureGoals;
  /** The measure's name, as on the tile. */
  readonly name: (tile: Pick<Tile, 'measure' | 'instrumentId'>) => string;
}

/**
 * A tile's DOM id: the measure, and the instrument for fidelity (ids are the kit's own or checked, never record text).
 */
export const tileId = (tile: Pick<Tile, 'measure' | 'instrumentId'>) =>
  `tile-${tile.measure}${tile.instrumentId ? `-${tile.instrumentId.replace(/[^\w-]/g, '_')}` : ''}`;

/**
 * The measure tiles: each a small card with the measure's name, its definition or target,
 * the figure with what it counts ("42 of 50"), a goal when the service set one (met or not,
 * in words and a symbol, never colour alone) and a button to open the cases behind it.
 */
export function renderTiles(tiles: readonly Tile[], ctx: TilesContext): TemplateResult {
  const { i18n } = ctx;
  const h = ctx.headingLevel(1);
  return html`<section class="tiles-section" aria-labelledby="tiles-title">
    ${renderHeading(h, i18n.t('tiles.title'), { id: 'tiles-title', class: 'section-title' })}
    <ul class="tiles" role="list">
      ${tiles.map((tile) => renderTile(tile, ctx))}
    </ul>
  </section>`;
}

function renderTile(tile: Tile, ctx: TilesContext): TemplateResult {
  const { i18n } = ctx;
  const id = tileId(tile);
  const name = ctx.name(tile);
  const count = countOf(tile.figure);
  const spread = spreadText(tile.figure, i18n);
  const h = ctx.headingLevel(2);
  return html`<li class="tile" part="tile" data-measure=${tile.measure}>
    ${renderHeading(h, name, { class: 'tile-name', id: `${id}-name` })}
    <p class="tile-target">${i18n.t(`measure.${tile.measure}.target`)}</p>
    <p class="tile-value" part="tile-value">${valueText(tile.figure, i18n)}</p>
    ${spread ? html`<p class="tile-spread">${spread}</p>` : nothing}
    <p class="tile-count">${countText(tile.figure, count, i18n)}</p>
    ${renderGoal(tile, ctx)}
    <button type="button" class="open" data-open=${id} aria-label=${i18n.t('tiles.openLabel', { measure: name })} ?disabled=${count === 0}>
      ${i18n.t('tiles.open')}
    </button>
  </li>`;
}

function renderGoal(tile: Tile, ctx: TilesContext): TemplateResult | typeof nothing {
  const goal = ctx.goals[tile.measure];
  const { i18n } = ctx;
  if (goal === undefined || tile.figure.kind !== 'share') return nothing;
  const value = tile.figure.share.value;
  const goalText = i18n.t('tiles.goal', { percent: i18n.percent(goal) });
  if (value === null) return html`<p class="tile-goal">${goalText}</p>`;
  const met = value >= goal;
  // At least 1: a figure just under its goal must not read "below goal by 0 points".
  const gap = Math.max(1, Math.round((goal - value) * 100));
  return html`<p class="tile-goal ${met ? 'tile-goal--met' : 'tile-goal--missed'}" part="tile-goal">
    ${goalText}<br />
    <strong
      ><span class="goal-mark" aria-hidden="true">${met ? '✓' : '✗'}</span>
      ${met ? i18n.t('tiles.goalMet') : i18n.t('tiles.goalMissed', { gap, count: gap })}</strong
    >
  </p>`;
}
