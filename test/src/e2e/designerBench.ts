/**
 * `npm run bench:designer`: renders a 500-node rule graph in the real designer in Chromium and
 * prints frame times while panning and zooming. Frames are timed in the page with
 * requestAnimationFrame, so the numbers are what a user's display would get.
 */
import { cpus, loadavg } from 'node:os';
import { launchChromium, screenshot } from './browser';
import { startDesigner } from './designerServer';

const NODES = Number(process.env.BENCH_NODES ?? '500');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const designer = await startDesigner('http://127.0.0.1:9', 'silent'); // no API needed
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const loadStart = Date.now();
  await page.goto(`${designer.url}/bench.html?nodes=${NODES}`);
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, NODES, {
    timeout: 120_000,
  });
  const firstRenderMs = Date.now() - loadStart;
  await screenshot(page, 'bench-500-nodes');

  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no React Flow pane');
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;

  async function measure(label: string, gesture: () => Promise<void>) {
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__stop = false;
      let last = performance.now();
      const tick = (now) => {
        window.__frames.push(now - last);
        last = now;
        if (!window.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const started = Date.now();
    await gesture();
    const elapsed = Date.now() - started;
    const frames = await page.evaluate<number[]>('window.__stop = true, window.__frames.slice(1)');
    const sorted = [...frames].sort((a, b) => a - b);
    const mean = frames.reduce((a, b) => a + b, 0) / Math.max(1, frames.length);
    console.log(
      `${label.padEnd(22)} frames=${String(frames.length).padStart(4)}  p50=${percentile(sorted, 50).toFixed(1)} ms  p95=${percentile(sorted, 95).toFixed(1)} ms  max=${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms  fps=${(1000 / mean).toFixed(1)}  (${elapsed} ms)`,
    );
  }

  const pan = async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 60; i++)
      await page.mouse.move(cx + Math.sin(i / 6) * 300, cy + Math.cos(i / 6) * 200);
    await page.mouse.up();
  };
  const zoom = async () => {
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, -120);
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 120);
  };

  // Frame times depend on what else the machine runs: print the load so runs are compared like with like.
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `designer benchmark: ${NODES} nodes, first render ${firstRenderMs} ms ` +
      `(Chromium headless, no GPU; ${cpus().length} cores, load average ${load})`,
  );
  await measure('pan (fit view)', pan);
  await measure('zoom in/out', zoom);
  await page.locator('.react-flow__controls-fitview').click();
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -120);
  await page.waitForTimeout(300);
  await measure('pan (zoomed in)', pan);
} finally {
  await browser.close();
  await designer.close();
}
