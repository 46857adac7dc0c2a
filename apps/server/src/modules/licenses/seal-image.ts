// The seal's picture (印章图像): a red round seal as SVG — the department's name along the upper arc, a five-pointed
// star in the centre and the seal's use below it, the usual layout of an official round seal. SVG for now (stored
// with picture type "SVG" in SES_ESPictrueInfo); GB/T 38540 readers expect PNG/GIF/JPG/OFD, so a PNG rendering is
// the next step (docs/licenses-api.md). Size 42 × 42 (mm, the common size of an official round seal; the unit of
// SES_ESPictrueInfo is [U]).

export const SEAL_PICTURE = { type: 'SVG', width: 42, height: 42, contentType: 'image/svg+xml' } as const;

const RED = '#d7000f';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
const n = (x: number) => Number(x.toFixed(2));

function star(cx: number, cy: number, outer: number, inner: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5; // first point straight up
    points.push(`${n(cx + r * Math.cos(a))},${n(cy + r * Math.sin(a))}`);
  }
  return `<polygon points="${points.join(' ')}" fill="${RED}"/>`;
}

/** SVG of a round seal with `name` along the arc and `use` (e.g. 电子证照专用章) under the star. */
export function sealSvg(name: string, use = '电子证照专用章'): string {
  const c = 100;
  const textRadius = 72;
  // The upper arc from 150° to 30° through the top (SVG angles run clockwise): 240° of text.
  const start = (150 * Math.PI) / 180;
  const end = (30 * Math.PI) / 180;
  const arcLength = textRadius * ((240 * Math.PI) / 180);
  const chars = [...name].length;
  const fontSize = n(Math.min(26, (arcLength / Math.max(chars, 1)) * 0.9));
  const from = `${n(c + textRadius * Math.cos(start))} ${n(c + textRadius * Math.sin(start))}`;
  const to = `${n(c + textRadius * Math.cos(end))} ${n(c + textRadius * Math.sin(end))}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="42mm" height="42mm" viewBox="0 0 200 200">`,
    `<title>${escapeXml(name)}</title>`,
    `<defs><path id="arc" d="M ${from} A ${textRadius} ${textRadius} 0 1 1 ${to}"/></defs>`,
    `<circle cx="${c}" cy="${c}" r="95" fill="none" stroke="${RED}" stroke-width="6"/>`,
    `<text font-family="SimSun, 'Songti SC', 'Noto Serif CJK SC', serif" font-size="${fontSize}" font-weight="bold" fill="${RED}">`,
    `<textPath href="#arc" startOffset="50%" text-anchor="middle" textLength="${n(arcLength * 0.96)}" lengthAdjust="spacing">${escapeXml(name)}</textPath></text>`,
    star(c, c - 4, 30, 12),
    `<text x="${c}" y="${c + 52}" font-family="SimSun, 'Songti SC', 'Noto Serif CJK SC', serif" font-size="15" fill="${RED}" text-anchor="middle">${escapeXml(use)}</text>`,
    `</svg>`,
  ].join('');
}
