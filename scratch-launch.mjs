import { chromium } from 'playwright-core';
const extra = process.argv.slice(2);
const t=Date.now();
const b = await chromium.launch({ executablePath: '/tmp/chromium', headless: true, timeout: 30000,
  args: ['--no-sandbox','--disable-gpu', ...extra], logger: { isEnabled: (n) => n==='browser', log: (n, s, m) => console.log(Date.now()-t, n, m) } });
console.log('launched', Date.now()-t, b.version());
const p = await b.newPage();
p.on('console', m => console.log('console', m.text()));
await p.setContent('<title>hi</title><p>x<script>console.log(navigator.userAgent, !!document.createElement("canvas").getContext("webgl"))</script>');
console.log(await p.title(), Date.now()-t);
await b.close();
