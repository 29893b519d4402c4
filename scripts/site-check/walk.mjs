// Walks a published Flowcase site in headless Chromium (Debian's, driven
// by playwright-core) and prints what a reader saw, as JSON.
//   node scripts/site-check/walk.mjs SITE STEPS.json
// STEPS is a list of actions, each an object with one key:
//   {"open": "index.html"}          open a page of the site (file://)
//   {"click": "css selector"}       click the first match, wait for the page
//   {"type": ["selector", "text"]}  type into a field, as a person would
//   {"press": ["selector", "Enter"]}
//   {"texts": "selector"}           -> the inner text of every match
//   {"count": "selector"}           -> how many match
//   {"visible": "selector"}         -> how many matches are visible
//   {"url": true}                   -> the page's address, relative to SITE
//   {"eval": "expression"}          -> its value in the page
//   {"search": "text"}              -> the results list after typing, and
//                                      the milliseconds until it showed
//   {"shot": "out.png"}             a screenshot of the whole page
//   {"view": "out.png"}             a screenshot of what the window shows
//   {"pdf": "out.pdf"}              the page printed (its own page size)
//   {"lang": "zh-CN"}               (first) the browser's language
// The output: {"results": [one per step], "errors": [script errors and
// console errors], "requests": [every address asked for outside file://]}.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = await import(join(here, 'node_modules/playwright-core/index.mjs'));
const [site, stepsFile] = process.argv.slice(2);
if (!site || !stepsFile) {
  console.error('usage: node walk.mjs SITE STEPS.json');
  process.exit(2);
}
const steps = JSON.parse(readFileSync(stepsFile, 'utf8'));
const base = pathToFileURL(resolve(site)).href + '/';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const errors = [];
const requests = [];
const results = [];
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e && e.message || e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
  await context.route((url) => !url.href.startsWith('file://'), (route) => route.abort());
  for (const step of steps) {
    const [action, arg] = Object.entries(step)[0];
    let result = null;
    if (action === 'open') {
      await page.goto(base + arg);
    } else if (action === 'click') {
      await Promise.all([page.waitForLoadState('load'), page.click(arg)]);
    } else if (action === 'type') {
      await page.fill(arg[0], '');
      await page.type(arg[0], arg[1]);
    } else if (action === 'press') {
      await page.press(arg[0], arg[1]);
    } else if (action === 'texts') {
      result = await page.$$eval(arg, (els) => els.map((e) => (e.innerText ?? e.textContent).trim()));
    } else if (action === 'count') {
      result = await page.$$eval(arg, (els) => els.length);
    } else if (action === 'visible') {
      result = await page.$$eval(arg, (els) => els.filter((e) => e.offsetParent !== null).length);
    } else if (action === 'url') {
      result = decodeURIComponent(page.url().replace(base, ''));
    } else if (action === 'eval') {
      result = await page.evaluate(arg);
    } else if (action === 'search') {
      // The index loads once, on focus; then the time from the last key
      // to the list shown is what a reader waits.
      await page.focus('form.search input');
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-search-ready'), null, { timeout: 60000 });
      result = await page.evaluate(async (text) => {
        const input = document.querySelector('form.search input');
        const box = document.querySelector('form.search .results');
        input.value = text;
        const start = performance.now();
        input.dispatchEvent(new Event('input'));
        await new Promise((r) => requestAnimationFrame(() => r()));
        const ms = performance.now() - start;
        return { ms, count: box.querySelector('.count')?.innerText || '',
          items: [...box.querySelectorAll('li a')].map((a) => ({ text: a.innerText, href: a.getAttribute('href') })) };
      }, arg);
    } else if (action === 'pdf') {
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: arg, preferCSSPageSize: true, printBackground: true });
      await page.emulateMedia({ media: 'screen' });
    } else if (action === 'shot') {
      await page.screenshot({ path: arg, fullPage: true });
    } else if (action === 'view') {
      await page.screenshot({ path: arg });
    } else {
      throw new Error('unknown action ' + action);
    }
    results.push(result);
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ results, errors, requests }));
