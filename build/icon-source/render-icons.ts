/**
 * Regenerates build/icon.svg, icon.png, icon.ico and icon.icns from icon-artwork.ts:
 *   npx tsx build/icon-source/render-icons.ts [path-to-chromium]
 * The outputs are committed; electron-builder only reads them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { iconSvg } from './icon-artwork';
import { ICNS_TYPES, encodeIcns, encodeIco } from './icon-containers';
import { rasterize } from './rasterize';

const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** Below this the ladder bars blur together; the simple drawing is used instead. */
const SIMPLE_BELOW = 48;
const MAC_SIZES = [...new Set(ICNS_TYPES.map((entry) => entry.pixels))];

async function main(): Promise<void> {
  const outDir = join(__dirname, '..');
  const macSvg = iconSvg({ layout: 'macos', detail: 'full' });
  const macSimpleSvg = iconSvg({ layout: 'macos', detail: 'simple' });
  const winSvg = iconSvg({ layout: 'full-bleed', detail: 'full' });
  const winSimpleSvg = iconSvg({ layout: 'full-bleed', detail: 'simple' });
  const [mac = [], macSimple = [], win = [], winSimple = []] = await rasterize(
    [
      { svg: macSvg, sizes: MAC_SIZES.filter((size) => size >= SIMPLE_BELOW) },
      { svg: macSimpleSvg, sizes: MAC_SIZES.filter((size) => size < SIMPLE_BELOW) },
      { svg: winSvg, sizes: [...ICO_SIZES.filter((size) => size >= SIMPLE_BELOW), 1024] },
      { svg: winSimpleSvg, sizes: ICO_SIZES.filter((size) => size < SIMPLE_BELOW) },
    ],
    process.argv[2],
  );
  const bySize = (rasters: typeof mac, size: number) => {
    const found = rasters.find((raster) => raster.size === size);
    if (found === undefined) throw new Error(`no ${size} px raster`);
    return found;
  };
  const macRasters = [...mac, ...macSimple];
  const winRasters = [...win, ...winSimple];

  writeFileSync(join(outDir, 'icon.svg'), winSvg);
  writeFileSync(join(outDir, 'icon.png'), bySize(winRasters, 1024).png);
  writeFileSync(join(outDir, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => bySize(winRasters, size))));
  writeFileSync(
    join(outDir, 'icon.icns'),
    encodeIcns(ICNS_TYPES.map(({ type, pixels }) => ({ type, png: bySize(macRasters, pixels).png }))),
  );
  console.log(
    `wrote icon.svg, icon.png (1024), icon.ico (${ICO_SIZES.join(', ')}), icon.icns (${ICNS_TYPES.map((t) => t.type).join(', ')})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
