// Opens a BPMN file in bpmn-js inside headless Chromium and prints, as
// JSON: the import warnings, and for each lane the names of the flow nodes
// it lists and of the shapes drawn inside its bounds. With BPMN_SHOT=F.png
// it also saves a screenshot of the drawing.
//   node scripts/bpmn-js/check.mjs FILE.bpmn
// Needs `npm ci` in this folder and Debian's chromium (scripts/test.sh).
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2];
if (!file) {
  console.error('usage: node check.mjs FILE.bpmn');
  process.exit(2);
}
const xml = readFileSync(file, 'utf8');
const viewer = readFileSync(join(here, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');

const page = `<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="canvas" style="width:1600px;height:900px"></div>
<pre id="result">pending</pre>
<script>${viewer.replace(/<\/script/gi, '<\\/script')}</script>
<script>
const out = (value) => { document.getElementById('result').textContent = JSON.stringify(value); };
const viewer = new BpmnJS({ container: '#canvas' });
viewer.importXML(${JSON.stringify(xml)}).then(({ warnings }) => {
  const registry = viewer.get('elementRegistry');
  const lanes = registry.filter((e) => e.type === 'bpmn:Lane');
  const shapes = registry.filter((e) => !e.waypoints && e.type !== 'label'
    && e.type !== 'bpmn:Lane' && e.type !== 'bpmn:Participant' && e.businessObject && e.parent);
  const inside = (s, l) => {
    const x = s.x + s.width / 2, y = s.y + s.height / 2;
    return x >= l.x && x <= l.x + l.width && y >= l.y && y <= l.y + l.height;
  };
  out({
    warnings: warnings.map((w) => w.message),
    lanes: lanes.map((l) => ({
      name: l.businessObject.name,
      listed: (l.businessObject.flowNodeRef || []).map((n) => n.name),
      drawn: shapes.filter((s) => inside(s, l)).map((s) => s.businessObject.name || s.businessObject.text || ''),
    })),
    shapes: shapes.length,
    edges: registry.filter((e) => e.waypoints).length,
  });
}).catch((err) => out({ error: String(err && err.message || err), warnings: (err.warnings || []).map((w) => w.message) }));
</script></body></html>`;

const dir = mkdtempSync(join(tmpdir(), 'bpmn-js-'));
try {
  const html = join(dir, 'page.html');
  writeFileSync(html, page);
  const dom = execFileSync('chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=20000',
    '--dump-dom', `file://${html}`,
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  if (process.env.BPMN_SHOT) {
    // A picture of what bpmn-js drew, for a person to look at.
    execFileSync('chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=20000',
      '--window-size=1600,900', `--screenshot=${process.env.BPMN_SHOT}`, `file://${html}`,
    ], { stdio: 'ignore', timeout: 120000 });
  }
  const match = dom.match(/<pre id="result">([\s\S]*?)<\/pre>/);
  if (!match || match[1] === 'pending') {
    console.error('bpmn-js did not finish: ' + (match ? match[1] : dom.slice(0, 500)));
    process.exit(1);
  }
  const text = match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  process.stdout.write(text + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
