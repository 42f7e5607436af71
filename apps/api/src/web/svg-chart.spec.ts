import { barChart, barGeometry, chartDescription, escapeXml, formatValue } from './svg-chart';

/** The bars' heights as drawn, in order. */
function heights(svg: string): number[] {
  return [...svg.matchAll(/<rect class="bar"[^>]* height="([^"]+)"/g)].map((m) => Number(m[1]));
}

describe('barChart', () => {
  const quarters = [
    { label: '2025 Q1', value: 2 },
    { label: '2025 Q2', value: 4 },
    { label: '2025 Q3', value: 1 },
    { label: '2025 Q4', value: 0 },
  ];

  it('draws one bar per datum, heights proportional to the values', () => {
    const svg = barChart({ id: 'releases', title: 'Releases by quarter', data: quarters }).toHTML();
    const h = heights(svg);
    expect(h).toHaveLength(4);
    expect(h[1]).toBeGreaterThan(0);
    expect(h[0] / h[1]).toBeCloseTo(0.5, 2);
    expect(h[2] / h[1]).toBeCloseTo(0.25, 2);
    expect(h[3]).toBe(0);
    // Every bar stands on the same baseline.
    const g = barGeometry(quarters, 480, 200);
    const bottoms = g.map((b) => Math.round((b.y + b.height) * 100) / 100);
    expect(new Set(bottoms).size).toBe(1);
    // ... and they do not overlap, left to right.
    for (let i = 1; i < g.length; i++) expect(g[i].x).toBeGreaterThan(g[i - 1].x + g[i - 1].width);
  });

  it('draws an all-zero series flat, with its figures, and no NaN', () => {
    const data = quarters.map((q) => ({ ...q, value: 0 }));
    const svg = barChart({ id: 'none', title: 'Nothing', data }).toHTML();
    expect(heights(svg)).toEqual([0, 0, 0, 0]);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg.match(/<text class="value"[^>]*>0<\/text>/g)).toHaveLength(4);
  });

  it('treats negative and non-finite values as zero, and copes with no data', () => {
    const svg = barChart({
      id: 'odd',
      title: 'Odd',
      data: [
        { label: 'a', value: -3 },
        { label: 'b', value: Number.NaN },
        { label: 'c', value: 5 },
      ],
    }).toHTML();
    expect(heights(svg)[0]).toBe(0);
    expect(heights(svg)[1]).toBe(0);
    expect(heights(svg)[2]).toBeGreaterThan(0);
    expect(svg).not.toMatch(/NaN|Infinity|-3/);
    const empty = barChart({ id: 'empty', title: 'Empty', data: [] }).toHTML();
    expect(empty).toContain('<svg class="chart"');
    expect(empty).not.toMatch(/NaN|Infinity/);
  });

  it('escapes labels and titles: no markup gets through', () => {
    const svg = barChart({
      id: 'x"><script>',
      title: 'Title <b>"quoted"</b> & more',
      data: [{ label: '<script>alert(1)</script>', value: 1 }],
    }).toHTML();
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('Title &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &amp; more');
    // The id is reduced to safe characters.
    expect(svg).toContain('id="x---script--title"');
    expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is an image for assistive technology whose name and title list every figure', () => {
    const svg = barChart({ id: 'releases', title: 'Releases by quarter', data: quarters }).toHTML();
    const expected = 'Releases by quarter: 2025 Q1: 2, 2025 Q2: 4, 2025 Q3: 1, 2025 Q4: 0';
    expect(chartDescription('Releases by quarter', quarters)).toBe(expected);
    expect(svg).toMatch(/^<svg class="chart" [^>]*role="img"/);
    expect(svg).toContain(`aria-label="${expected}"`);
    expect(svg).toContain(`<title id="releases-title">${expected}</title>`);
  });

  it('uses presentational attributes and classes only: no style, no script, no handlers', () => {
    const svg = barChart({ id: 'r', title: 'R', data: quarters }).toHTML();
    expect(svg).not.toMatch(/\sstyle=|\son[a-z]+=|<script|<style/i);
    expect(svg).toContain('class="bar"');
    expect(svg).toContain('class="axis"');
  });

  it('formats figures plainly', () => {
    expect(formatValue(3)).toBe('3');
    expect(formatValue(2.456)).toBe('2.46');
    expect(formatValue(-1)).toBe('0');
  });

  it('prints as it is in a Handlebars page ({{chart}})', async () => {
    const Handlebars = (await import('handlebars')).default;
    const chart = barChart({ id: 'r', title: 'R <x>', data: quarters });
    const html = Handlebars.create().compile('<div>{{chart}}</div>')({ chart });
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('R &lt;x&gt;');
  });
});
