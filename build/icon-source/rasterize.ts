/**
 * Rasterises the icon SVG with Chromium (driven by playwright-core), which renders the vector
 * drawing at every target size instead of scaling one bitmap down. Returns both the PNG bytes
 * (from canvas.toDataURL) and the raw RGBA pixels (from getImageData), so the ICO writer needs
 * no PNG decoder.
 */
import { chromium } from 'playwright-core';
import type { RgbaImage } from './icon-containers';

export interface Raster {
  readonly size: number;
  readonly png: Uint8Array;
  readonly pixels: RgbaImage;
}

export interface RasterRequest {
  readonly svg: string;
  readonly sizes: readonly number[];
}

/**
 * @param executablePath a Chromium binary; default /usr/bin/chromium.
 */
export async function rasterize(
  requests: readonly RasterRequest[],
  executablePath = '/usr/bin/chromium',
): Promise<Raster[][]> {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const results: Raster[][] = [];
    for (const request of requests) {
      const encoded = await page.evaluate(
        async ({ svg, sizes }) => {
          const image = new Image();
          image.src = `data:image/svg+xml;base64,${btoa(svg)}`;
          await image.decode();
          return sizes.map((size) => {
            const canvas = document.createElement('canvas');
            canvas.width = size;
            canvas.height = size;
            const context = canvas.getContext('2d');
            if (context === null) throw new Error('no 2d canvas');
            context.imageSmoothingQuality = 'high';
            context.drawImage(image, 0, 0, size, size);
            const rgba = context.getImageData(0, 0, size, size).data;
            let binary = '';
            for (let i = 0; i < rgba.length; i += 1) binary += String.fromCharCode(rgba[i] ?? 0);
            return { size, png: canvas.toDataURL('image/png').split(',')[1] ?? '', rgba: btoa(binary) };
          });
        },
        { svg: request.svg, sizes: [...request.sizes] },
      );
      results.push(
        encoded.map((item) => ({
          size: item.size,
          png: new Uint8Array(Buffer.from(item.png, 'base64')),
          pixels: {
            width: item.size,
            height: item.size,
            rgba: new Uint8Array(Buffer.from(item.rgba, 'base64')),
          },
        })),
      );
    }
    return results;
  } finally {
    await browser.close();
  }
}
