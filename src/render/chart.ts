// An SVG bar chart of papers per year, one bar per top-level section of each paper group: the
// field's growth at a glance. Integer coordinates and fixed styling, so the bytes depend only on
// the entries.
import { walkSections } from '../core/section-tree.js';
import type { Paper, SectionsFile } from '../core/model.js';


const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7'];
const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ChartSeries {
  title: string;
  counts: Map<number, number>;
}

/** Papers per year for each top-level section of the paper groups (a paper counts once per series). */
export function chartSeries(sections: SectionsFile, papers: ReadonlyArray<{ paper: Paper }>): ChartSeries[] {
  const series: ChartSeries[] = [];
  const nodes = walkSections(sections).filter((n) => n.group.kind === 'paper');
  for (const top of nodes.filter((n) => !n.parent)) {
    const ids = new Set([top.section.id, ...nodes.filter((n) => n.parent === top.section).map((n) => n.section.id)]);
    const counts = new Map<number, number>();
    for (const { paper } of papers) if (paper.sections.some((s) => ids.has(s))) counts.set(paper.year, (counts.get(paper.year) ?? 0) + 1);
    series.push({ title: top.section.title, counts });
  }
  return series;
}

export function renderChart(series: readonly ChartSeries[]): string {
  const years = [...new Set(series.flatMap((s) => [...s.counts.keys()]))].sort((a, b) => a - b);
  const first = years[0] ?? 0;
  const last = years.at(-1) ?? 0;
  const allYears = years.length ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [];
  const max = Math.max(1, ...series.flatMap((s) => [...s.counts.values()]));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const bar = 18;
  const gap = 14;
  const groupWidth = Math.max(1, series.length) * bar + gap;
  const left = 48;
  const plotHeight = 200;
  const plotTop = 40;
  const width = left + Math.max(1, allYears.length) * groupWidth + 16;
  const legendTop = plotTop + plotHeight + 44;
  const height = legendTop + series.length * 18 + 8;
  const y = (v: number): number => plotTop + plotHeight - Math.round((v / top) * plotHeight);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`  <title>Papers per year, by top-level section</title>`);
  out.push(`  <rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`  <text x="${left}" y="22" font-size="14" font-weight="bold" fill="#222222">Papers per year</text>`);
  for (let v = 0; v <= top; v += step) {
    out.push(`  <line x1="${left}" y1="${y(v)}" x2="${width - 16}" y2="${y(v)}" stroke="#e5e5e5"/>`);
    out.push(`  <text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="#555555">${v}</text>`);
  }
  allYears.forEach((year, i) => {
    const x0 = left + gap / 2 + i * groupWidth;
    series.forEach((s, k) => {
      const v = s.counts.get(year) ?? 0;
      if (v) out.push(`  <rect x="${x0 + k * bar}" y="${y(v)}" width="${bar - 2}" height="${y(0) - y(v)}" fill="${COLORS[k % COLORS.length]}"><title>${escapeXml(s.title)}, ${year}: ${v}</title></rect>`);
    });
    out.push(`  <text x="${x0 + Math.round((series.length * bar) / 2)}" y="${y(0) + 16}" text-anchor="middle" fill="#555555">${year}</text>`);
  });
  out.push(`  <line x1="${left}" y1="${y(0)}" x2="${width - 16}" y2="${y(0)}" stroke="#999999"/>`);
  series.forEach((s, k) => {
    out.push(`  <rect x="${left}" y="${legendTop + k * 18 - 10}" width="12" height="12" fill="${COLORS[k % COLORS.length]}"/>`);
    out.push(`  <text x="${left + 18}" y="${legendTop + k * 18}" fill="#222222">${escapeXml(s.title)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function niceStep(max: number): number {
  for (const step of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000]) if (max / step <= 8) return step;
  return 10 ** Math.ceil(Math.log10(max / 8));
}
