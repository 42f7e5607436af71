/**
 * Bar charts as server-rendered SVG: no chart library, no script, no inline style. The
 * markup carries presentational attributes and classes only (`class="chart"`, `bar`,
 * `axis`, `value`, `label`), styled by the web app's stylesheets, and states its figures
 * for screen readers (`role="img"`, an `aria-label` and a `<title>` listing every value).
 * Every piece of text is escaped here: the result is safe to put in a page as it is.
 */

export interface BarDatum {
  /** Short label under the bar, e.g. "2025 Q1". */
  label: string;
  /** The figure; negative or non-finite values are drawn as 0. */
  value: number;
}

export interface BarChartInput {
  /** What the chart shows, e.g. "Releases by quarter"; the figures are added to it. */
  title: string;
  data: readonly BarDatum[];
  /** Unique within the page (the `<title>` element's id derives from it). */
  id: string;
  width?: number;
  height?: number;
}

/**
 * Markup that is already escaped. Handlebars prints an object with `toHTML()` as it is
 * (as it does its own SafeString), so a page shows the chart with a plain `{{chart}}`.
 */
export class SvgMarkup {
  constructor(private readonly markup: string) {}

  toHTML(): string {
    return this.markup;
  }

  toString(): string {
    return this.markup;
  }
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an XML attribute or element: the five special characters escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** A figure as a person reads it: whole numbers as they are, others to two decimals. */
export function formatValue(value: number): string {
  const v = safeValue(value);
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}

/** The accessible text of a chart: its title, then every label with its figure. */
export function chartDescription(title: string, data: readonly BarDatum[]): string {
  if (!data.length) return title;
  return `${title}: ${data.map((d) => `${d.label}: ${formatValue(d.value)}`).join(', ')}`;
}

function safeValue(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** Coordinates with at most two decimals, so the markup stays short and stable. */
const n = (x: number) => String(Math.round(x * 100) / 100);

/** Geometry of one bar, exposed for tests and for callers that want it. */
export interface BarGeometry {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Centre of the bar, where its labels go. */
  cx: number;
}

const PAD = { top: 22, right: 8, bottom: 30, left: 8 };

/**
 * Bars for each datum, heights proportional to the values (the tallest fills the plot; an
 * all-zero series draws no height at all rather than dividing by zero).
 */
export function barGeometry(
  data: readonly BarDatum[],
  width: number,
  height: number,
): BarGeometry[] {
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const max = Math.max(0, ...data.map((d) => safeValue(d.value)));
  const slot = data.length ? plotWidth / data.length : plotWidth;
  const barWidth = slot * 0.6;
  return data.map((d, i) => {
    const h = max > 0 ? (safeValue(d.value) / max) * plotHeight : 0;
    const x = PAD.left + i * slot + (slot - barWidth) / 2;
    return { x, y: PAD.top + plotHeight - h, width: barWidth, height: h, cx: x + barWidth / 2 };
  });
}

/** A vertical bar chart: one bar per datum with its value above and its label below. */
export function barChart(input: BarChartInput): SvgMarkup {
  const width = input.width ?? 480;
  const height = input.height ?? 200;
  const id = input.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const description = escapeXml(chartDescription(input.title, input.data));
  const baseline = height - PAD.bottom;
  const bars = barGeometry(input.data, width, height);
  const parts: string[] = [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}"` +
      ` width="${width}" height="${height}" role="img" aria-label="${description}"` +
      ` focusable="false">`,
    `<title id="${id}-title">${description}</title>`,
  ];
  input.data.forEach((d, i) => {
    const b = bars[i];
    parts.push(
      `<g class="point">` +
        `<rect class="bar" x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" data-value="${escapeXml(formatValue(d.value))}"></rect>` +
        `<text class="value" x="${n(b.cx)}" y="${n(b.y - 6)}" text-anchor="middle">${escapeXml(formatValue(d.value))}</text>` +
        `<text class="label" x="${n(b.cx)}" y="${n(height - 10)}" text-anchor="middle">${escapeXml(d.label)}</text>` +
        `</g>`,
    );
  });
  parts.push(
    `<line class="axis" x1="${PAD.left}" y1="${n(baseline)}" x2="${width - PAD.right}" y2="${n(baseline)}" stroke="currentColor"></line>`,
    '</svg>',
  );
  return new SvgMarkup(parts.join(''));
}
