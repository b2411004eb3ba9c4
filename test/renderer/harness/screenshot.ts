/**
 * Builds the harness, serves it on 127.0.0.1 (port chosen by the OS) and screenshots each
 * scenario at 1366×768 in the system Chromium. Everything it starts is stopped before it exits.
 *
 *   npx tsx test/renderer/harness/screenshot.ts [outDir] [scenario[:action]...]
 *
 * Actions: diagnostics, ticklog, credentials, help, columns, light, lots.
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { chromium, type Page } from 'playwright-core';

const here = __dirname;
const outDir = resolve(process.argv[2] ?? join(here, '../../../test-results/renderer-harness/shots'));
const distDir = resolve(here, '../../../test-results/renderer-harness/dist');
const DEFAULT_SHOTS = [
  'live',
  'live:lots',
  'demo',
  'demo:diagnostics',
  'demo:ticklog',
  'cred-missing',
  'keychain-unavailable',
  'starting',
  'master-failed',
  'market-closed',
  'chain-failed',
  'live:light',
  'live:help',
  'live:columns',
];
const shots = process.argv.length > 3 ? process.argv.slice(3) : DEFAULT_SHOTS;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(root, path === '' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolveServer) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolveServer({ server, url: `http://127.0.0.1:${port}/index.html` });
    });
  });
}

async function act(page: Page, action: string | undefined): Promise<void> {
  const press = (key: string) => page.keyboard.press(key);
  switch (action) {
    case 'diagnostics':
      await press('d');
      break;
    case 'ticklog':
      await press('d');
      await page.getByTestId('diag-tab-ticks').click();
      break;
    case 'credentials':
      await press('k');
      break;
    case 'help':
      await press('?');
      break;
    case 'columns':
      await press('o');
      break;
    case 'light':
      await press('t');
      break;
    case 'lots':
      await press('l');
      break;
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  process.env.HARNESS_OUT_DIR = distDir;
  await build({ configFile: join(here, 'vite.config.mts') });
  const { server, url } = await serve(distDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    for (const shot of shots) {
      const [scenario, action] = shot.split(':');
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await page.goto(`${url}?scenario=${scenario}`);
      await page.waitForTimeout(1200);
      await act(page, action);
      await page.waitForTimeout(1300);
      const file = join(outDir, `${shot.replace(':', '-')}.png`);
      await page.screenshot({ path: file });
      console.log(`${file}${problems.length ? `\n  ${problems.join('\n  ')}` : ''}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
