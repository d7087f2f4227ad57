// Renders the app's icons (icons/*.svg) to the PNGs the web app manifest names, in headless
// Chromium: scripts/icons. The PNGs are committed; run this again after changing an SVG.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ICONS = resolve(import.meta.dirname, '..', 'icons');
// [source, size, output]: the sizes Chromium and Android ask for (192 and 512 px), each also
// as a maskable icon (full-bleed, drawn inside the safe circle).
const RENDERS = [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['icon-maskable.svg', 192, 'icon-maskable-192.png'],
  ['icon-maskable.svg', 512, 'icon-maskable-512.png'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const [source, size, output] of RENDERS) {
    const svg = readFileSync(join(ICONS, source), 'utf8');
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: join(ICONS, output), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`icons: ${output} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
