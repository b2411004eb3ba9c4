/**
 * ChainLens's icon, drawn as SVG in a 1024 × 1024 canvas: a dark rounded tile holding an
 * option chain's open-interest ladder (calls left, puts right, the at-the-money strike lit) and,
 * over it, a skewed volatility smile whose lowest point marks ATM. Small sizes get a simpler
 * drawing (tile, smile, ATM dot) because ladder bars turn to mush below 48 px.
 */

export type IconLayout = 'macos' | 'full-bleed';
export type IconDetail = 'full' | 'simple';

export interface IconVariant {
  /** macos: Apple's icon grid (824 px tile, room for the shadow); full-bleed: Windows/Linux. */
  readonly layout: IconLayout;
  readonly detail: IconDetail;
}

interface Tile {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly radius: number;
}

const TILES: Record<IconLayout, Tile> = {
  macos: { x: 100, y: 100, size: 824, radius: 186 },
  'full-bleed': { x: 24, y: 24, size: 976, radius: 210 },
};

/** Relative open interest per strike row, top (high strikes) to bottom; the middle row is ATM. */
const CALL_OI = [0.3, 0.46, 0.7, 0.92, 0.62, 0.4, 0.24] as const;
const PUT_OI = [0.2, 0.34, 0.52, 0.86, 0.96, 0.66, 0.42] as const;
const ATM_ROW = 3;
/** Ladder rows and the smile's lowest point, as fractions of the tile. */
const LADDER_TOP = 0.5;
const LADDER_PITCH = 0.06;
const SMILE_LOW = 0.38;

const f = (value: number): string => (Math.round(value * 100) / 100).toString();

export function iconSvg(variant: IconVariant): string {
  const tile = TILES[variant.layout];
  const at = (u: number, v: number): [number, number] => [tile.x + u * tile.size, tile.y + v * tile.size];
  const parts: string[] = [];

  parts.push(`<defs>
  <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#17263d"/>
    <stop offset="1" stop-color="#0a111d"/>
  </linearGradient>
  <radialGradient id="sheen" cx="0.28" cy="0.18" r="0.75">
    <stop offset="0" stop-color="#4d7ab8" stop-opacity="0.32"/>
    <stop offset="1" stop-color="#4d7ab8" stop-opacity="0"/>
  </radialGradient>
  <linearGradient id="smile" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#ffd766"/>
    <stop offset="0.5" stop-color="#ffb020"/>
    <stop offset="1" stop-color="#ffd766"/>
  </linearGradient>
  <filter id="glow" filterUnits="userSpaceOnUse" x="0" y="0" width="1024" height="1024">
    <feGaussianBlur stdDeviation="${f(tile.size * 0.014)}"/>
  </filter>
  <filter id="shadow" x="-10%" y="-10%" width="120%" height="125%">
    <feDropShadow dx="0" dy="${f(tile.size * 0.012)}" stdDeviation="${f(tile.size * 0.016)}" flood-color="#000" flood-opacity="0.38"/>
  </filter>
  <clipPath id="tile-clip"><rect x="${tile.x}" y="${tile.y}" width="${tile.size}" height="${tile.size}" rx="${tile.radius}"/></clipPath>
</defs>`);

  const tileRect = `x="${tile.x}" y="${tile.y}" width="${tile.size}" height="${tile.size}" rx="${tile.radius}"`;
  parts.push(
    `<rect ${tileRect} fill="url(#tile)"${variant.layout === 'macos' ? ' filter="url(#shadow)"' : ''}/>`,
  );
  parts.push(`<rect ${tileRect} fill="url(#sheen)"/>`);
  parts.push(
    `<rect ${tileRect} fill="none" stroke="#ffffff" stroke-opacity="0.08" stroke-width="${f(tile.size * 0.006)}"/>`,
  );

  if (variant.detail === 'full') parts.push(ladder(tile, at), atmMarker(tile, at));
  parts.push(smile(tile, at, variant.detail));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024" width="1024" height="1024">\n${parts.join('\n')}\n</svg>\n`;
}

/** The open-interest ladder: one row per strike, call bars growing left, put bars right. */
function ladder(tile: Tile, at: (u: number, v: number) => [number, number]): string {
  const rows = CALL_OI.length;
  const top = LADDER_TOP;
  const pitch = LADDER_PITCH;
  const barHeight = pitch * 0.5 * tile.size;
  const halfGap = 0.025;
  const maxLength = 0.36;
  const out: string[] = ['<g clip-path="url(#tile-clip)">'];
  const [, atmY] = at(0, top + ATM_ROW * pitch);
  out.push(
    `<rect x="${tile.x}" y="${f(atmY - pitch * 0.5 * tile.size)}" width="${tile.size}" height="${f(pitch * tile.size)}" fill="#ffffff" fill-opacity="0.07"/>`,
  );
  for (let row = 0; row < rows; row += 1) {
    const v = top + row * pitch;
    const lit = row === ATM_ROW;
    const callLength = (CALL_OI[row] ?? 0) * maxLength;
    const putLength = (PUT_OI[row] ?? 0) * maxLength;
    const [callX, y] = at(0.5 - halfGap - callLength, v);
    const [putX] = at(0.5 + halfGap, v);
    const radius = f(barHeight / 2);
    out.push(
      `<rect x="${f(callX)}" y="${f(y - barHeight / 2)}" width="${f(callLength * tile.size)}" height="${f(barHeight)}" rx="${radius}" fill="#2fd3b5" fill-opacity="${lit ? 0.95 : 0.55}"/>`,
      `<rect x="${f(putX)}" y="${f(y - barHeight / 2)}" width="${f(putLength * tile.size)}" height="${f(barHeight)}" rx="${radius}" fill="#ff6b81" fill-opacity="${lit ? 0.95 : 0.55}"/>`,
    );
  }
  out.push('</g>');
  return out.join('\n');
}

/** A dotted drop line tying the smile's minimum to the lit at-the-money row. */
function atmMarker(tile: Tile, at: (u: number, v: number) => [number, number]): string {
  const [x, from] = at(0.5, SMILE_LOW + 0.05);
  const [, to] = at(0.5, LADDER_TOP + ATM_ROW * LADDER_PITCH - 0.035);
  return `<line x1="${f(x)}" y1="${f(from)}" x2="${f(x)}" y2="${f(to)}" stroke="#ffd766" stroke-opacity="0.5" stroke-width="${f(tile.size * 0.012)}" stroke-linecap="round" stroke-dasharray="0 ${f(tile.size * 0.028)}"/>`;
}

/** The volatility smile with put skew (left wing higher) and its minimum at the ATM strike. */
function smile(tile: Tile, at: (u: number, v: number) => [number, number], detail: IconDetail): string {
  const simple = detail === 'simple';
  const low = simple ? 0.64 : SMILE_LOW;
  const [x0, y0] = at(0.12, simple ? 0.2 : 0.13);
  const [c1x, c1y] = at(0.28, low + 0.06);
  const [mx, my] = at(0.5, low);
  const [c2x, c2y] = at(0.72, low - 0.06);
  const [x1, y1] = at(0.89, simple ? 0.3 : 0.2);
  const d = `M ${f(x0)} ${f(y0)} C ${f(c1x)} ${f(c1y)} ${f(mx - 0.12 * tile.size)} ${f(my)} ${f(mx)} ${f(my)} S ${f(c2x)} ${f(c2y)} ${f(x1)} ${f(y1)}`;
  const width = tile.size * (simple ? 0.085 : 0.042);
  const dot = tile.size * (simple ? 0.085 : 0.045);
  return [
    `<path d="${d}" fill="none" stroke="#ffb020" stroke-opacity="0.55" stroke-width="${f(width * 1.8)}" stroke-linecap="round" filter="url(#glow)"/>`,
    `<path d="${d}" fill="none" stroke="url(#smile)" stroke-width="${f(width)}" stroke-linecap="round"/>`,
    `<circle cx="${f(mx)}" cy="${f(my)}" r="${f(dot)}" fill="#ffffff" stroke="#ffb020" stroke-width="${f(dot * 0.42)}"/>`,
  ].join('\n');
}
