// @ts-check
// The reports page's charts, drawn as small SVGs by hand rather than with a chart library: the
// three chart kinds (a line per measure, bars against targets, a two-bar split) take about as many
// lines as wiring a library would, a library's ~200 kB bundle would need a static route of its own,
// and canvas-based ones (Chart.js) offer nothing to a screen reader. Every chart here is an
// `role="img"` SVG named by its caption, with a summary in `<desc>`, a `<title>` per point or bar,
// and a data table beside it, and it tells met from missed targets by position, never by colour.
import { h } from './dom.js';
import { meetsTarget, percentText } from './reports-format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @typedef {{ value: number, better: 'higher' | 'lower', reason: string }} Target
 * @typedef {{ label: string, value: number | null, numerator: number, denominator: number }} ChartPoint
 */

/**
 * Creates an SVG element.
 * @param {string} tag - element name
 * @param {Record<string, string | number>} [attributes]
 * @param {...(Node | string)} children
 * @returns {SVGElement}
 */
function svg(tag, attributes = {}, ...children) {
  const element = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  element.append(...children);
  return element;
}

/** @param {string} text */
const tooltip = (text) => svg('title', {}, text);

/**
 * The top of a percent axis: the smallest quarter that holds every value and the target, so a
 * readmission rate of 12% is not drawn flat against a 100% scale.
 * @param {(number | null)[]} values
 * @param {number | undefined} target
 */
function percentAxisMax(values, target) {
  const highest = Math.max(0, target ?? 0, ...values.map((v) => v ?? 0));
  return Math.min(1, Math.max(0.25, Math.ceil((highest * 1.1) / 0.25) * 0.25));
}

/**
 * A figure: the chart, its caption (which names it), and its data as a table for those who do not
 * see the picture (and for checking the figures by hand).
 * @param {string} key - names the chart (`data-chart`)
 * @param {string} caption - what the chart shows
 * @param {SVGElement} picture - the SVG
 * @param {string} summary - a sentence read out in place of the picture
 * @param {HTMLElement} table - the data table
 */
function chartFigure(key, caption, picture, summary, table) {
  const captionId = `chart-${key}-caption`;
  const descId = `chart-${key}-desc`;
  picture.setAttribute('role', 'img');
  picture.setAttribute('aria-labelledby', `${captionId} ${descId}`);
  picture.prepend(svg('desc', { id: descId }, summary));
  return h(
    'figure.chart',
    { 'data-chart': key },
    h('figcaption', { id: captionId }, caption),
    picture,
    h('details.chart-data', null, h('summary', null, 'Data table'), table),
  );
}

/**
 * @param {string[]} headings - column headings
 * @param {(string | number)[][]} rows - cells
 */
function dataTable(headings, rows) {
  return h(
    'table',
    null,
    h('thead', null, h('tr', null, ...headings.map((text) => h('th', { scope: 'col' }, text)))),
    h(
      'tbody',
      null,
      ...rows.map((cells) =>
        h(
          'tr',
          null,
          ...cells.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', null, cell))),
        ),
      ),
    ),
  );
}

const LINE = { width: 320, height: 170, left: 40, right: 18, top: 14, bottom: 26 };

/**
 * A rate's trend: one point per week or month, a line through them (broken where a bucket had no
 * denominator), and the target as a dashed line.
 * @param {{ key: string, caption: string, points: ChartPoint[], target?: Target }} options
 */
export function trendChart({ key, caption, points, target }) {
  const max = percentAxisMax(
    points.map((p) => p.value),
    target?.value,
  );
  const plotWidth = LINE.width - LINE.left - LINE.right;
  const plotHeight = LINE.height - LINE.top - LINE.bottom;
  /** @param {number} i */
  const x = (i) => LINE.left + (points.length === 1 ? plotWidth / 2 : (i * plotWidth) / (points.length - 1));
  /** @param {number} value */
  const y = (value) => LINE.top + plotHeight - (value / max) * plotHeight;
  const picture = svg('svg', { viewBox: `0 0 ${LINE.width} ${LINE.height}`, class: 'chart-svg trend-chart' });

  for (let tick = 0; tick <= max + 1e-9; tick += 0.25) {
    picture.append(
      svg('line', {
        class: 'chart-grid',
        x1: LINE.left,
        x2: LINE.width - LINE.right,
        y1: y(tick),
        y2: y(tick),
      }),
      svg(
        'text',
        { class: 'chart-axis', x: LINE.left - 6, y: y(tick) + 3, 'text-anchor': 'end' },
        percentText(tick),
      ),
    );
  }
  if (target) {
    picture.append(
      svg(
        'line',
        {
          class: 'chart-target',
          x1: LINE.left,
          x2: LINE.width - LINE.right,
          y1: y(target.value),
          y2: y(target.value),
        },
        tooltip(`Target ${percentText(target.value)}`),
      ),
    );
  }
  let path = '';
  let drawing = false;
  for (const [i, p] of points.entries()) {
    if (p.value === null) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
    drawing = true;
  }
  if (path) picture.append(svg('path', { class: 'chart-line', d: path.trim() }));
  // Crowded axes label every few buckets; each point still names its bucket in its title.
  const labelEvery = Math.ceil(points.length / 7);
  for (const [i, p] of points.entries()) {
    const bucket = svg('g', { class: 'chart-bucket' });
    if (i % labelEvery === 0 || i === points.length - 1) {
      bucket.append(
        svg('text', { class: 'chart-axis', x: x(i), y: LINE.height - 8, 'text-anchor': 'middle' }, p.label),
      );
    }
    if (p.value !== null) {
      bucket.append(
        svg(
          'circle',
          { class: 'chart-point', cx: x(i), cy: y(p.value), r: 3.5, 'data-value': p.value },
          tooltip(`${p.label}: ${percentText(p.value)} (${p.numerator} of ${p.denominator})`),
        ),
      );
    }
    picture.append(bucket);
  }
  const known = points.filter((p) => p.value !== null);
  const summary =
    known.length === 0
      ? 'No follow-ups in this period.'
      : `From ${percentText(known[0]?.value)} in ${known[0]?.label} to ${percentText(known.at(-1)?.value)} in ${known.at(-1)?.label}` +
        (target ? `; target ${percentText(target.value)}.` : '.');
  const table = dataTable(
    ['Period', 'Rate', 'Numerator', 'Denominator'],
    points.map((p) => [p.label, percentText(p.value), p.numerator, p.denominator]),
  );
  return chartFigure(key, caption, picture, summary, table);
}

const BAR = { width: 700, row: 36, label: 300, right: 70, top: 8, bottom: 22 };

/**
 * Horizontal bars, one per measure, each with its own target as a mark across the bar.
 * @param {{ key: string, caption: string, bars: (ChartPoint & { id: string, target?: Target })[] }} options
 */
export function targetBarChart({ key, caption, bars }) {
  const height = BAR.top + bars.length * BAR.row + BAR.bottom;
  const plotWidth = BAR.width - BAR.label - BAR.right;
  /** @param {number} value */
  const x = (value) => BAR.label + value * plotWidth;
  const picture = svg('svg', { viewBox: `0 0 ${BAR.width} ${height}`, class: 'chart-svg bar-chart' });
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    picture.append(
      svg('line', { class: 'chart-grid', x1: x(tick), x2: x(tick), y1: BAR.top, y2: height - BAR.bottom }),
      svg(
        'text',
        { class: 'chart-axis', x: x(tick), y: height - 6, 'text-anchor': 'middle' },
        percentText(tick),
      ),
    );
  }
  for (const [i, bar] of bars.entries()) {
    const top = BAR.top + i * BAR.row;
    const row = svg('g', { class: 'chart-bar-row', 'data-measure': bar.id });
    row.append(
      svg(
        'text',
        { class: 'chart-label', x: BAR.label - 10, y: top + BAR.row / 2 + 4, 'text-anchor': 'end' },
        bar.label,
      ),
      svg(
        'rect',
        {
          class: 'chart-bar',
          x: BAR.label,
          y: top + 8,
          width: Math.max(0, (bar.value ?? 0) * plotWidth),
          height: BAR.row - 16,
          'data-value': bar.value ?? '',
        },
        tooltip(`${bar.label}: ${percentText(bar.value)} (${bar.numerator} of ${bar.denominator})`),
      ),
      svg(
        'text',
        { class: 'chart-value', x: x(bar.value ?? 0) + 6, y: top + BAR.row / 2 + 4 },
        percentText(bar.value),
      ),
    );
    if (bar.target) {
      row.append(
        svg(
          'line',
          {
            class: 'chart-target',
            x1: x(bar.target.value),
            x2: x(bar.target.value),
            y1: top + 3,
            y2: top + BAR.row - 3,
          },
          tooltip(`Target ${percentText(bar.target.value)}`),
        ),
      );
    }
    picture.append(row);
  }
  const withTarget = bars.filter((b) => b.target !== undefined && b.value !== null);
  const met = withTarget.filter((b) => meetsTarget(b.value, b.target));
  const summary = bars.some((b) => b.target)
    ? `${met.length} of ${withTarget.length} measures with data meet their target.`
    : bars.map((b) => `${b.label}: ${percentText(b.value)}`).join('; ');
  const table = dataTable(
    bars.some((b) => b.target)
      ? ['Measure', 'Rate', 'Numerator', 'Denominator', 'Target', 'Meets target']
      : ['Group', 'Rate', 'Numerator', 'Denominator'],
    bars.map((b) => {
      const cells = [b.label, percentText(b.value), b.numerator, b.denominator];
      if (!bars.some((other) => other.target)) return cells;
      const meets = meetsTarget(b.value, b.target);
      return [
        ...cells,
        b.target
          ? `${b.target.better === 'lower' ? 'at most' : 'at least'} ${percentText(b.target.value)}`
          : '',
        meets === null ? 'no data' : meets ? 'Yes' : 'No',
      ];
    }),
  );
  return chartFigure(key, caption, picture, summary, table);
}
