// Opens duizhao's HTML reports in headless Chromium and prints what it observes, as one JSON
// object on standard output: { "<file>": observations, ... }. tests/html_report.rs runs it and
// compares the observations with the JSON report of the same run; this script decides nothing.
//
// Usage: node check_report.mjs [--screenshots DIR] FILE.html...
// Chromium: $DUIZHAO_CHROMIUM, else /usr/bin/chromium (never downloaded).
//
// For every page: the requests made, console messages and page errors, dialogs opened, the CSP
// meta, the script elements, the highlights (id, classes, text without the notes), the text
// cells, the sigla of the sources' table and of each reading, the visible text, and every in-page link with whether its target exists. Then the
// links of the hotspot list (pair page) and of the places table (apparatus page): the last and
// the first clicked with the mouse, every one clicked from the page's side, each time the
// :target, the hash and whether the target is in view; a highlight's note clicked back to its
// entry; and every class toggle unchecked and checked again (highlights coloured, gaps, list
// rows and notes shown).

import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
let shots = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--screenshots') shots = args[++i];
  else files.push(resolve(args[i]));
}
if (files.length === 0) {
  console.error('usage: node check_report.mjs [--screenshots DIR] FILE.html...');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'duizhao-chromium-'));
// A fresh profile, removed at the end.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.DUIZHAO_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

const result = {};
try {
  for (const file of files) {
    result[file] = await observe(file);
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(result) + '\n');

async function observe(file) {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const obs = { url, requests: [], console: [], errors: [], dialogs: [] };
  page.on('request', (r) => obs.requests.push(r.url()));
  page.on('console', (m) => obs.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => obs.errors.push(String(e)));
  page.on('dialog', async (d) => { obs.dialogs.push(d.message()); await d.dismiss(); });
  await page.goto(url, { waitUntil: 'load' });

  Object.assign(obs, await page.evaluate(() => {
    const withoutNotes = (e) => {
      const copy = e.cloneNode(true);
      copy.querySelectorAll('.note').forEach((n) => n.remove());
      return copy.textContent;
    };
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    return {
      lang: document.documentElement.lang,
      charset: document.characterSet,
      csp: csp ? csp.getAttribute('content') : null,
      scripts: document.querySelectorAll('script').length,
      externals: [...document.querySelectorAll('[src], link[href], iframe, object, embed')].length,
      text: document.body.innerText,
      // A highlight's text and each text cell's, without the notes (hotspot numbers).
      marks: [...document.querySelectorAll('mark.hl[id]')].map((m) => ({
        id: m.id,
        classes: [...m.classList],
        text: withoutNotes(m),
        lang: m.closest('[lang]')?.getAttribute('lang') ?? null,
      })),
      cells: [...document.querySelectorAll('.tx')].map(withoutNotes),
      links: [...document.querySelectorAll('a[href^="#"]')].map((a) => {
        const id = decodeURIComponent(a.getAttribute('href').slice(1));
        return { href: a.getAttribute('href'), target: !!document.getElementById(id) };
      }),
      // The sources' table: each siglum with its tooltip (the source's label).
      legend: [...document.querySelectorAll('table.sources abbr.siglum')].map((a) => [a.textContent, a.title]),
      // The sigla of each reading of each place.
      readings: [...document.querySelectorAll('#places tbody tr')].map((tr) =>
        [...tr.querySelectorAll('.readings li')].map((li) =>
          [...li.querySelectorAll('abbr.siglum')].map((a) => a.textContent))),
      listRows: document.querySelectorAll('#hotspots tbody tr').length,
      placeRows: document.querySelectorAll('#places tbody tr').length,
      textRows: document.querySelectorAll('#texts tbody tr').length,
      toggles: [...document.querySelectorAll('input[type=checkbox][id^="t-"]')].map((t) => t.id),
    };
  }));

  // Clicking a link: the :target, the hash, and whether the target is in the viewport.
  const click = async (selector, index) => {
    const link = page.locator(selector).nth(index);
    const href = await link.getAttribute('href');
    await link.click();
    const seen = await page.evaluate((href) => {
      const target = document.querySelector(':target');
      const el = document.getElementById(decodeURIComponent(href.slice(1)));
      const r = el ? el.getBoundingClientRect() : null;
      return {
        href,
        hash: location.hash,
        target: target ? target.id : null,
        inView: !!r && r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth,
      };
    }, href);
    return seen;
  };
  // Mouse clicks on the last and the first link of each list (the page has to scroll down,
  // then back up), and every link clicked from the page's side.
  obs.clicks = [];
  obs.allClicks = [];
  const listLinks = '#hotspots tbody a[href^="#h"]';
  const rowLinks = '#places tbody td.n a[href^="#p"]';
  for (const selector of [listLinks, rowLinks]) {
    const n = await page.locator(selector).count();
    const picks = [...new Set([n - 1, 0])].filter((i) => i >= 0 && i < n);
    for (const i of picks) obs.clicks.push(await click(selector, i));
    obs.allClicks.push(...await page.evaluate((selector) => [...document.querySelectorAll(selector)].reverse().map((a) => {
      a.click();
      const href = a.getAttribute('href');
      const target = document.querySelector(':target');
      const r = document.getElementById(href.slice(1))?.getBoundingClientRect();
      return {
        href,
        hash: location.hash,
        target: target ? target.id : null,
        inView: !!r && r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth,
      };
    }), selector));
  }
  // Back from a highlight's number to its list entry.
  const notes = await page.locator('#texts .note').count();
  if (notes > 0) obs.noteClick = await click('#texts .note', notes - 1);

  // Each class toggle off, then on again.
  const state = (cls) => page.evaluate((cls) => {
    const visible = (e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;
    const marks = [...document.querySelectorAll(`mark.hl.c-${cls}:not(.gap)`)];
    const gaps = [...document.querySelectorAll(`mark.gap.c-${cls}`)];
    return {
      coloured: marks.filter((m) => {
        const bg = getComputedStyle(m).backgroundColor;
        return bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent';
      }).length,
      marks: marks.length,
      gapsShown: gaps.filter(visible).length,
      gaps: gaps.length,
      rowsShown: [...document.querySelectorAll(`#hotspots tr.c-${cls}`)].filter(visible).length,
      notesShown: [...document.querySelectorAll(`.note.c-${cls}`)].filter(visible).length,
      checked: document.getElementById(`t-${cls}`).checked,
    };
  }, cls);
  obs.toggled = {};
  for (const id of obs.toggles) {
    const cls = id.slice(2);
    const before = await state(cls);
    // The mouse where there is something to hide (a click takes a fifth of a second), else
    // a click from the page's side.
    const toggle = before.marks + before.gaps + before.rowsShown > 0
      ? () => page.locator(`#${id}`).click()
      : () => page.evaluate((id) => document.getElementById(id).click(), id);
    await toggle();
    const off = await state(cls);
    await toggle();
    const on = await state(cls);
    obs.toggled[cls] = { before, off, on };
  }

  if (shots) {
    const name = file.split('/').pop().replace(/\.html$/, '');
    obs.screenshots = [];
    await page.evaluate(() => { history.replaceState(null, '', location.pathname); window.scrollTo(0, 0); });
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: 900 });
      const path = join(shots, `${name}-${width}.png`);
      await page.screenshot({ path, fullPage: true });
      obs.screenshots.push(path);
    }
    const pdf = join(shots, `${name}.pdf`);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.screenshot({ path: join(shots, `${name}-print.png`), fullPage: true });
    obs.screenshots.push(join(shots, `${name}-print.png`));
    void pdf;
  }
  await page.close();
  return obs;
}
