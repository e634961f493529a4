// Score distribution as an inline SVG bar chart: 10 bins of 2 points on 20 ([18, 20] closed).
import { escapeXml as x } from './format.js';

export function histogram(grades: number[]): number[] {
  const bins = new Array<number>(10).fill(0);
  for (const g of grades) bins[Math.min(9, Math.max(0, Math.floor(g / 2)))]++;
  return bins;
}

export function renderDistribution(grades: number[], title: string): string {
  const bins = histogram(grades);
  const top = Math.max(1, ...bins);
  const W = 520;
  const H = 220;
  const left = 30;
  const bottom = 30;
  const bw = (W - left - 10) / bins.length;
  const plotH = H - bottom - 20;
  const bars = bins.map((n, i) => {
    const h = (n / top) * plotH;
    const bx = left + i * bw + 3;
    const by = H - bottom - h;
    const label = `${i * 2}–${i * 2 + 2}`;
    return `<g class="bin"><title>${x(`${label} : ${n}`)}</title><rect class="bar b${i}" x="${bx}" y="${by}" width="${bw - 6}" height="${h}"/>` +
      (n > 0 ? `<text x="${bx + (bw - 6) / 2}" y="${by - 4}" text-anchor="middle">${n}</text>` : '') +
      `<text class="axis" x="${bx + (bw - 6) / 2}" y="${H - bottom + 16}" text-anchor="middle">${label}</text></g>`;
  });
  return `<svg class="distribution" role="img" aria-label="${x(title)}" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<line class="axis-line" x1="${left}" y1="${H - bottom}" x2="${W - 10}" y2="${H - bottom}"/>` + bars.join('') + '</svg>';
}
