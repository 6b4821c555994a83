import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
const port = 4391;
const srv = spawn('node', ['scripts/serve.mjs', String(port)], { stdio: 'inherit' });
await new Promise(r => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
try {
const ctx = await browser.newContext();
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Performance.enable');
page.on('worker', w => console.log('worker', w.url()));
await page.goto(`http://127.0.0.1:${port}/`);
await page.getByTestId('file-input').setInputFiles(['/work/shared/fixtures/faces_timeline.mp4']);
await page.getByTestId('start-batch').click();
const t0 = Date.now();
for (let i = 0; i < 200; i++) {
  const m = await cdp.send('Performance.getMetrics');
  const heap = m.metrics.find(x => x.name === 'JSHeapUsedSize').value;
  const ws = await Promise.all(page.workers().map(w => Promise.race([
    w.evaluate(() => [performance.memory?.usedJSHeapSize, typeof performance.memory]).catch(e => 'err ' + e.message),
    new Promise(r => setTimeout(() => r('timeout'), 300))])));
  const st = await page.getByTestId('video-row').first().getAttribute('data-status').catch(() => null);
  console.log(((Date.now()-t0)/1000).toFixed(1), st, (heap/1e6).toFixed(1), JSON.stringify(ws));
  if (st === 'completed' || st === 'failed') break;
  await page.waitForTimeout(500);
}
} finally { await browser.close(); srv.kill(); }
