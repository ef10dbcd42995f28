// The browser test of the web pages of "overleg serve": headless Debian
// Chromium driven by playwright-core, each page checked with axe-core.
//
//   node tests/browser/browser.mjs URL
//
// run.sh starts the server on a fresh archive (the sample corpus, a staff
// and an admin account) and passes the accounts in the environment:
// OVERLEG_STAFF_NAME/_PASSWORD, OVERLEG_ADMIN_NAME/_PASSWORD; SHOT_DIR is
// where the screenshots go, CHROMIUM the browser.  Every check prints one
// line ("ok" or "FAIL" with the reason), and the last line counts them.
// The exit status is 1 when any check failed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const base = (process.argv[2] || '').replace(/\/+$/, '');
if (!/^https?:\/\//.test(base)) {
  console.error('usage: node browser.mjs URL');
  process.exit(2);
}
const env = process.env;
const staff = { name: env.OVERLEG_STAFF_NAME || 'medewerker', password: env.OVERLEG_STAFF_PASSWORD || '' };
const admin = { name: env.OVERLEG_ADMIN_NAME || '', password: env.OVERLEG_ADMIN_PASSWORD || '' };
const shotDir = env.SHOT_DIR || path.join(root, 'build/browser');
fs.mkdirSync(shotDir, { recursive: true });

// A word every document of the sample corpus has (its manifest's needles
// are "coördinatiegroep NAME"): many results, so facets with several
// values.  The upload is a fixture that is not in the sample, with a word
// no sample document has.
const QUERY = 'coördinatiegroep';
const UPLOAD = path.join(root, 'tests/fixtures/lo-constructs.odt');
const UPLOAD_WORD = 'vergaderpagina';

// The interface texts, so the checks follow the wording of web/.
const messages = JSON.parse(fs.readFileSync(path.join(root, 'web/messages.json'), 'utf8'));
const msg = (key, lang = 'nl') => messages[key]?.[lang] ?? `(no message ${key})`;
const axeSource = fs.readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

// ---- Checks and their report.
let nPass = 0;
let nFail = 0;
let lastOk = true;   // whether the last check passed: axe needs its page
// Returns whether it passed, so that what needs its page can be skipped.
async function check(name, fn) {
  const t = Date.now();
  const ms = () => (env.BROWSER_TIMES ? ` [${Date.now() - t} ms]` : '');
  try {
    await fn();
    nPass++;
    console.log(`ok   ${name}${ms()}`);
    return (lastOk = true);
  } catch (e) {
    nFail++;
    const why = String(e?.message ?? e).split('\n').filter((l) => l.trim()).slice(0, 12).join('\n       ');
    console.log(`FAIL ${name}${ms()}: ${why}`);
    return (lastOk = false);
  }
}
function assert(cond, what) {
  if (!cond) throw new Error(what);
}
const pathOf = (page) => new URL(page.url()).pathname;

// JavaScript errors and console errors (a CSP violation is one) on any
// page: none are allowed.  The pages use no script, so any is a fault.
const jsErrors = [];
function watch(page) {
  page.on('pageerror', (e) => jsErrors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const at = m.location()?.url;
    // Chromium asks for /favicon.ico on its own; the pages name no icon
    if (at && new URL(at).pathname === '/favicon.ico') return;
    jsErrors.push(`${page.url()}: ${m.text()}${at && at !== page.url() ? ` (${at})` : ''}`);
  });
  page.setDefaultTimeout(10000);
  return page;
}

// The headers every page must carry (issue 5, "Headers and escaping").
function checkHeaders(resp, label) {
  assert(resp, `${label}: no response`);
  const h = resp.headers();
  const csp = h['content-security-policy'] || '';
  assert(/default-src 'self'/.test(csp), `${label}: Content-Security-Policy is "${csp}"`);
  assert(!/unsafe-inline|unsafe-eval/.test(csp), `${label}: CSP allows inline script or eval: "${csp}"`);
  assert(/frame-ancestors 'none'/.test(csp), `${label}: CSP lacks frame-ancestors 'none': "${csp}"`);
  assert(h['x-content-type-options'] === 'nosniff', `${label}: X-Content-Type-Options is "${h['x-content-type-options']}"`);
  assert(/^text\/html/.test(h['content-type'] || ''), `${label}: Content-Type is "${h['content-type']}"`);
}

async function goto(page, url, label) {
  const resp = await page.goto(base + url);
  assert(resp && resp.status() === 200, `${label}: GET ${url} answered ${resp && resp.status()}`);
  checkHeaders(resp, label);
  return resp;
}

// Clicks (or presses) what submits a form or follows a link, and waits for
// the page it leads to; returns that page's response.
async function follow(page, action) {
  const [resp] = await Promise.all([page.waitForNavigation(), action()]);
  return resp;
}

// The whole page, unless it is very long (a screen's worth then: a full
// shot of the organisation form costs seconds and megabytes).
async function shot(page, name) {
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: h <= 4000 });
}

// axe-core on the page as it is: fails on a serious or critical violation,
// naming the rule, its impact, its help and the elements.  page.evaluate
// goes through the DevTools protocol, which the page's CSP does not govern,
// so the page is tested with its real CSP in force.
async function axe(page, label) {
  if (!lastOk) return;   // the page is not the one meant: its check failed
  await check(`axe ${label} (${pathOf(page)})`, async () => {
    const has = await page.evaluate(() => typeof window.axe === 'object');
    if (!has) await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    for (const v of violations.filter((x) => !bad.includes(x))) {
      console.log(`     note: ${label}: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).join(', ')}`);
    }
    assert(bad.length === 0, bad.map((v) =>
      `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 5).join(' | ')}${v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : ''}`).join('\n'));
  });
}

// Logs in through the form on /inloggen; leaves the page where it leads.
async function login(page, who) {
  assert(who.password, `no password for ${who.name} (run through run.sh)`);
  if (pathOf(page) !== '/inloggen') await goto(page, '/inloggen', 'login page');
  await page.fill('#login-name', who.name);
  await page.fill('#login-password', who.password);
  const resp = await follow(page, () => page.click('main form button[type=submit]'));
  assert(resp && resp.status() === 200, `after login: status ${resp && resp.status()}`);
  assert(pathOf(page) !== '/inloggen', `still on /inloggen after logging in as ${who.name}: ${await errorText(page)}`);
  const whoText = await page.textContent('header .who').catch(() => null);
  assert(whoText && whoText.includes(who.name), `the header does not show ${who.name} (got "${whoText}")`);
}

// The header names the user and the role.
async function roleShown(page, who, role) {
  await check(`the header shows ${who.name} (${role})`, async () => {
    const text = (await page.textContent('header .who')).replace(/\s+/g, ' ').trim();
    assert(text === `${who.name} (${role})`, `the header shows "${text}"`);
  });
}

async function errorText(page) {
  return (await page.locator('main .error, main [role=alert]').allTextContents()).join(' ').trim() || '(no message)';
}

// A page at phone size: screenshot and no horizontal scrolling.
async function phone(context, url, name) {
  await check(`phone 375x740 ${name} has no horizontal scrolling`, async () => {
    const p = watch(await context.newPage());
    try {
      await p.setViewportSize({ width: 375, height: 740 });
      await goto(p, url, name);
      await p.screenshot({ path: path.join(shotDir, `${name}-phone.png`) });
      const { sw, iw, wide } = await p.evaluate(() => {
        const iw0 = window.innerWidth;
        // the elements sticking out, for the report
        const w = [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > iw0 + 1)
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(e.getBoundingClientRect().right)})`);
        return { sw: document.documentElement.scrollWidth, iw: iw0, wide: w };
      });
      assert(sw <= iw, `scrollWidth ${sw} > innerWidth ${iw}; wider: ${wide.join(', ')}`);
    } finally {
      await p.close();
    }
  });
}

// The first link in main whose path starts with prefix and goes on (an
// item, not the list), or null.
async function firstItemLink(page, prefix) {
  const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
  return hrefs.find((h) => h.startsWith(prefix) && h.length > prefix.length && !h.startsWith(prefix + '?')) ?? null;
}

// ---- The run.
const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const t0 = Date.now();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  const page = watch(await context.newPage());
  let resultsUrl = null;
  let documentUrl = null;
  let uploadedId = null;

  await check('without login, / leads to the login form', async () => {
    const resp = await page.goto(base + '/');
    assert(resp && resp.status() === 200, `status ${resp && resp.status()}`);
    assert(pathOf(page) === '/inloggen', `landed on ${page.url()}`);
    checkHeaders(resp, 'login page');
    assert(await page.locator('label[for=login-name]').count() === 1, 'the name field has no label');
    assert(await page.locator('label[for=login-password]').count() === 1, 'the password field has no label');
    await shot(page, 'login');
  });
  await axe(page, 'login');

  if (await check(`log in as ${staff.name}`, async () => login(page, staff))) {
    await roleShown(page, staff, msg('role_medewerker'));
  }

  await check('staff see the upload link, not audit or administration', async () => {
    assert(await page.locator('header nav a[href="/uploaden"]').count() === 1, 'no link to /uploaden in the menu');
    for (const href of ['/audit', '/beheer']) {
      assert(await page.locator(`header nav a[href="${href}"]`).count() === 0, `a link to ${href} for staff`);
    }
  });

  await check('home: search box with a label', async () => {
    await goto(page, '/', 'home');
    const label = msg('search_label');
    const box = page.getByRole('searchbox', { name: label });
    assert(await box.count() === 1, `no search box labelled "${label}"`);
    assert(await page.locator('form[role=search][action="/zoeken"]').count() >= 1, 'no search form to /zoeken');
    await shot(page, 'home');
  });
  await axe(page, 'home');
  await check('keyboard: the first Tab reaches the skip link to the content', async () => {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    assert(href === '#main', `the first Tab focuses ${href === undefined ? 'nothing' : `a link to ${href}`}`);
    assert(await page.locator('main#main').count() === 1, 'no <main id="main">');
  });

  await check(`search "${QUERY}": results with highlights`, async () => {
    await page.fill('#q', QUERY);
    const resp = await follow(page, () => page.press('#q', 'Enter'));
    checkHeaders(resp, 'results');
    const u = new URL(page.url());
    assert(u.pathname === '/zoeken' && u.searchParams.get('q') === QUERY, `landed on ${page.url()}`);
    const n = await page.locator('ol.results > li').count();
    assert(n > 0, `no results (${await page.locator('main .summary').textContent().catch(() => '?')})`);
    assert(await page.locator('ol.results mark').count() > 0, 'no <mark> in the snippets');
    assert(await page.locator('section.facets a').count() > 0, 'no facet links');
    resultsUrl = u.pathname + u.search;
    await shot(page, 'results');
  });
  await axe(page, 'results');
  if (resultsUrl) await phone(context, resultsUrl, 'results');

  await check('a facet link adds its filter', async () => {
    assert(resultsUrl, 'no results page');
    const link = page.locator('section.facets ul li a:not(.active)').first();
    const href = await link.getAttribute('href');
    const label = (await link.textContent()).trim();
    const before = new URL(base + resultsUrl).searchParams;
    await follow(page, () => link.click());
    const after = new URL(page.url()).searchParams;
    assert(after.get('q') === QUERY, `the query was lost: ${page.url()}`);
    const added = [...after.keys()].filter((k) => !before.has(k) || before.getAll(k).length < after.getAll(k).length);
    assert(added.length > 0, `no filter added: ${resultsUrl} -> ${page.url()} (link ${href})`);
    assert(await page.locator('ol.results > li').count() > 0, `no results with facet "${label}"`);
    assert(await page.locator('.filters .chips li').count() > 0, 'the active filter is not shown');
    assert(await page.locator('section.facets a.active[aria-current]').count() > 0, 'the facet is not marked active');
    await shot(page, 'results-facet');
  });
  await axe(page, 'results with a facet');

  await check('open the first result: its document page', async () => {
    const a = page.locator('ol.results > li h2 a').first();
    const resp = await follow(page, () => a.click());
    assert(resp && resp.status() === 200, `status ${resp && resp.status()}`);
    checkHeaders(resp, 'document');
    assert(/^\/document\/\d+$/.test(pathOf(page)), `landed on ${page.url()}`);
    assert((await page.textContent('main h1')).trim().length > 0, 'no title');
    documentUrl = pathOf(page) + new URL(page.url()).search;
    await shot(page, 'document');
  });
  await axe(page, 'document');
  await check('the document highlights the query with <mark>', async () => {
    assert(documentUrl, 'no document page');
    assert(await page.locator('main .text mark').count() > 0, `no <mark> in the text of ${documentUrl}`);
  });
  if (documentUrl) await phone(context, documentUrl, 'document');

  await check('the original downloads as an attachment', async () => {
    assert(documentUrl, 'no document page');
    const href = await page.locator('main a.button').first().getAttribute('href');
    assert(href, 'no download link');
    const r = await page.request.get(base + href);
    assert(r.status() === 200, `GET ${href}: ${r.status()}`);
    const cd = r.headers()['content-disposition'] || '';
    assert(/attachment/.test(cd), `Content-Disposition is "${cd}"`);
    const body = await r.body();
    assert(body.length > 0 && body[0] === 0x50 && body[1] === 0x4b, 'not a zip (ODT/DOCX) file');
  });

  // The meeting, body and topic pages: through the document's links where it
  // has them, else the first of their list.  The lists are pages too.
  const docLinks = {};
  if (documentUrl) {
    for (const p of ['/vergadering/', '/orgaan/', '/onderwerp/']) docLinks[p] = await firstItemLink(page, p);
  }
  for (const [name, list, prefix] of [['meetings', '/vergadering', '/vergadering/'],
    ['bodies', '/orgaan', '/orgaan/'], ['topics', '/onderwerp', '/onderwerp/']]) {
    let item = docLinks[prefix] ?? null;
    await check(`${name}: the list`, async () => {
      await goto(page, list, name);
      assert((await page.textContent('main h1')).trim().length > 0, 'no heading');
      const first = await firstItemLink(page, prefix);
      assert(first, `no link to an item (${prefix}ID)`);
      item = item ?? first;
      await shot(page, name);
    });
    await axe(page, name);
    const one = { meetings: 'meeting', bodies: 'body', topics: 'topic' }[name];
    await check(`${one}: a page`, async () => {
      assert(item, 'no item to open');
      await goto(page, item, one);
      assert((await page.textContent('main h1')).trim().length > 0, 'no heading');
      await shot(page, one);
    });
    await axe(page, one);
  }

  // Issue 6: a topic's timeline, a decision followed to its passage in the
  // source document, and the printable version.  The topic is the first of
  // the list whose timeline has a decision (the sample's BO minutes hold
  // some); the timelines are probed with plain requests, then the one found
  // is opened by clicking through topic page and timeline link.
  const norm = (s) => (s || '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  // The decisions table: the register captioned "Besluiten"; each row's
  // text (without its bold label) and the href of its source link.
  const decisionsOf = (p) => p.$$eval('table.register', (tables, caption) => {
    const t = tables.find((x) => x.caption && x.caption.textContent.trim() === caption);
    if (!t) return [];
    return [...t.tBodies[0].rows].map((tr) => {
      const cell = tr.cells[1].cloneNode(true);
      cell.querySelectorAll('strong, a.decision-link').forEach((s) => s.remove());
      const a = tr.cells[2].querySelector('a[href]');
      return { text: cell.textContent, href: a && a.getAttribute('href') };
    }).filter((d) => d.href);
  }, msg('timeline_decisions'));
  let timelineUrl = null;
  let decision = null;
  await check('timeline: a topic whose timeline has a decision', async () => {
    await goto(page, '/onderwerp', 'topics');
    const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
    const topics = [...new Set(hrefs.filter((h) => /^\/onderwerp\/\d+$/.test(h)))];
    assert(topics.length > 0, 'no topics in the list');
    let topic = null;
    for (const t of topics) {
      const r = await page.request.get(`${base}${t}/tijdlijn`);
      assert(r.status() === 200, `GET ${t}/tijdlijn answered ${r.status()}`);
      if (/href="\/document\/\d+[^"]*#p\d+"/.test(await r.text())) { topic = t; break; }
    }
    assert(topic, `none of the ${topics.length} topics' timelines links a decision to a passage (#pNNN)`);
    await follow(page, () => page.locator(`main a[href="${topic}"]`).first().click());
    assert(pathOf(page) === topic, `landed on ${page.url()}, not ${topic}`);
    const resp = await follow(page, () => page.locator(`main a[href="${topic}/tijdlijn"]`).first().click());
    assert(resp && resp.status() === 200, `timeline: status ${resp && resp.status()}`);
    checkHeaders(resp, 'timeline');
    assert(pathOf(page) === `${topic}/tijdlijn`, `landed on ${page.url()}`);
    assert((await page.textContent('main h1')).trim().length > 0, 'no heading');
    const ds = await decisionsOf(page);
    decision = ds.find((d) => /^\/document\/\d+(\?[^#]*)?#p\d+$/.test(d.href)) ?? null;
    assert(decision, `no decision with a link to a passage in the "${msg('timeline_decisions')}" table: ${JSON.stringify(ds.slice(0, 3))}`);
    timelineUrl = pathOf(page);
    await shot(page, 'timeline');
  });
  await axe(page, 'timeline');

  await check('timeline: a decision leads to its passage in the source document', async () => {
    assert(decision, 'no decision');
    const resp = await follow(page, () => page.locator(`main table.register a[href="${decision.href}"]`).first().click());
    assert(resp && resp.status() === 200, `status ${resp && resp.status()}`);
    checkHeaders(resp, 'document (decision)');
    const u = new URL(page.url());
    assert(/^\/document\/\d+$/.test(u.pathname), `landed on ${page.url()}`);
    const frag = decision.href.slice(decision.href.indexOf('#'));
    assert(u.hash === frag, `the address lost the fragment: ${page.url()} (link ${decision.href})`);
    assert((await page.textContent('main h1')).trim().length > 0, 'no title');
    const target = page.locator(`main ${frag}`);
    assert(await target.count() === 1, `no element ${frag} in main of ${u.pathname}`);
    // the passage holds the decision: a prefix of it, both normalised
    const want = norm(decision.text).slice(0, 40).replace(/[\s.,;:…]+$/, '');
    assert(want.length > 0, 'the decision has no text on the timeline');
    const got = norm(await target.textContent());
    assert(got.includes(want), `${frag} does not contain "${want}"; it reads "${got.slice(0, 200)}"`);
    assert(await target.isVisible(), `${frag} is not visible`);
    await shot(page, 'timeline-decision');
  });
  await axe(page, 'document at a decision');

  await check('timeline: the printable version', async () => {
    assert(timelineUrl, 'no timeline');
    await goto(page, timelineUrl, 'timeline');
    const link = page.locator('main a[href*="print=1"]').first();
    assert(await link.count() === 1, 'no link to the printable version');
    const resp = await follow(page, () => link.click());
    assert(resp && resp.status() === 200, `status ${resp && resp.status()}`);
    checkHeaders(resp, 'timeline (print)');
    assert(new URL(page.url()).searchParams.get('print') === '1', `landed on ${page.url()}`);
    assert(await page.locator('header nav').count() === 0, 'the printable version has the site navigation');
    assert((await decisionsOf(page)).some((d) => d.href === decision?.href), 'the decision is not in the printable version');
    await shot(page, 'timeline-print');
  });
  await axe(page, 'timeline (print)');

  // Issue 6: ratification per municipality — the matrix (decisions ×
  // municipalities) and a decision's own page with staff's forms.
  let decisionPage = null;
  await check('ratification: the matrix', async () => {
    await goto(page, '/bekrachtiging', 'ratification');
    assert((await page.textContent('main h1')).trim().length > 0, 'no heading');
    assert(await page.locator('main form.filters').count() === 1, 'no filter form');
    const hrefs = await page.$$eval('main table a[href^="/besluit/"]', (as) => as.map((a) => a.getAttribute('href')));
    decisionPage = hrefs[0] ?? null;
    await shot(page, 'ratification');
  });
  await axe(page, 'ratification');
  await phone(context, '/bekrachtiging', 'ratification');
  await check('ratification: a decision page', async () => {
    if (!decisionPage) {
      // no decision needs ratification in this archive: any decision will do
      const r = await page.request.get(`${base}/api/decisions?limit=1`);
      const j = await r.json();
      assert(j.decisions && j.decisions.length > 0, 'no decision in the archive');
      decisionPage = `/besluit/${j.decisions[0].id}`;
    }
    await goto(page, decisionPage, 'decision');
    assert((await page.textContent('main h1')).trim().length > 0, 'no heading');
    const src = page.locator('main a[href^="/document/"]').first();
    assert(await src.count() === 1, 'no link to the source document');
    await shot(page, 'decision');
  });
  await axe(page, 'decision');

  // An AO meeting: how its link to a BO meeting was made, and staff's form
  // to choose another (saved, then set back to automatic).
  let aoMeeting = null;
  await check('meeting: an AO meeting and the link staff choose', async () => {
    const bodies = await (await page.request.get(`${base}/api/bodies`)).json();
    const ao = (bodies.bodies || []).find((b) => b.kind === 'AO');
    assert(ao, 'no AO in the archive');
    const ms = await (await page.request.get(`${base}/api/meetings?body=${ao.id}&limit=1`)).json();
    assert(ms.meetings && ms.meetings.length > 0, `no meeting of ${ao.name}`);
    aoMeeting = `/vergadering/${ms.meetings[0].id}`;
    await goto(page, aoMeeting, 'meeting-ao');
    const select = page.locator('main select[name="bo_meeting"]');
    assert(await select.count() === 1, 'no form to choose the BO meeting');
    await select.selectOption('none');
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').last().click()]);
    assert((await page.textContent('main p.notice')).includes('opgeslagen'), 'no message after saving');
    assert((await page.textContent('main')).includes('geen BO-vergadering voor'), 'the choice is not shown');
    await shot(page, 'meeting-ao');
  });
  await axe(page, 'meeting-ao');
  await check('meeting: back to the automatic link', async () => {
    assert(aoMeeting, 'no AO meeting');
    await page.locator('main select[name="bo_meeting"]').selectOption('auto');
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').last().click()]);
    assert(!(await page.textContent('main')).includes('geen BO-vergadering voor'), 'still none');
  });

  await check('help page', async () => {
    await goto(page, '/help', 'help');
    assert((await page.textContent('main h1')).trim().length > 0, 'no heading');
    await shot(page, 'help');
  });
  await axe(page, 'help');

  await check('upload page', async () => {
    await goto(page, '/uploaden', 'upload');
    assert(await page.locator('#upload-file').count() === 1, 'no file field');
    await shot(page, 'upload');
  });
  await axe(page, 'upload');

  await check(`upload ${path.basename(UPLOAD)}: stored`, async () => {
    await page.setInputFiles('#upload-file', UPLOAD);
    const resp = await follow(page, () => page.click('main form button[type=submit]'));
    assert(resp && resp.status() === 200, `status ${resp && resp.status()}: ${await errorText(page)}`);
    checkHeaders(resp, 'upload result');
    const items = page.locator('.upload-results > li');
    assert(await items.count() === 1, `${await items.count()} files in the result`);
    const text = (await items.first().textContent()).replace(/\s+/g, ' ').trim();
    const stored = msg('upload_stored');
    const dup = msg('upload_duplicate');
    assert(text.includes(stored) || text.includes(dup), `neither stored nor duplicate: "${text.slice(0, 300)}"`);
    const href = await items.first().locator('a[href^="/document/"]').first().getAttribute('href');
    const m = /^\/document\/(\d+)$/.exec(href || '');
    assert(m, `no link to the stored document (${href})`);
    uploadedId = m[1];
    await shot(page, 'upload-result');
  });
  await axe(page, 'upload result');

  await check(`search "${UPLOAD_WORD}" finds the uploaded document`, async () => {
    assert(uploadedId, 'nothing uploaded');
    await goto(page, '/zoeken?q=' + encodeURIComponent(UPLOAD_WORD), 'results');
    const hrefs = await page.$$eval('ol.results > li h2 a', (as) => as.map((a) => a.getAttribute('href')));
    assert(hrefs.some((h) => new RegExp(`^/document/${uploadedId}(\\?|$)`).test(h)),
      `document ${uploadedId} is not among the results: ${JSON.stringify(hrefs)}`);
  });

  await check('?lang=en switches to English', async () => {
    await goto(page, '/?lang=en', 'home (en)');
    assert(await page.getAttribute('html', 'lang') === 'en', 'html lang is not en');
    const h1 = (await page.textContent('main h1')).trim();
    assert(h1 === msg('home_heading', 'en'), `heading "${h1}", not "${msg('home_heading', 'en')}"`);
    assert(await page.getByRole('searchbox', { name: msg('search_label', 'en') }).count() === 1,
      `no search box labelled "${msg('search_label', 'en')}"`);
    // the choice holds for the pages that follow
    await goto(page, '/help', 'help (en)');
    assert(await page.getAttribute('html', 'lang') === 'en', 'the next page is not in English');
    await goto(page, '/', 'home (en)');
    await shot(page, 'home-en');
  });
  await axe(page, 'home (en)');
  await check('?lang=nl switches back to Dutch', async () => {
    await goto(page, '/?lang=nl', 'home (nl)');
    assert(await page.getAttribute('html', 'lang') === 'nl', 'html lang is not nl');
    assert((await page.textContent('main h1')).trim() === msg('home_heading'), 'not the Dutch heading');
  });

  await check('log out ends the session', async () => {
    const resp = await follow(page, () => page.click('header form[action="/uitloggen"] button'));
    assert(resp && resp.status() === 200, `status ${resp && resp.status()}`);
    await page.goto(base + '/zoeken?q=' + encodeURIComponent(QUERY));
    assert(pathOf(page) === '/inloggen', `after logout /zoeken shows ${page.url()}`);
  });

  // The administration pages, as an admin in a context of its own.
  if (admin.password) {
    const ac = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ap = watch(await ac.newPage());
    let ok = false;
    await check(`log in as ${admin.name}`, async () => {
      await login(ap, admin);
      ok = true;
    });
    if (ok) {
      await roleShown(ap, admin, msg('role_beheerder'));
      await check('the admin sees the links to upload, audit and administration', async () => {
        for (const href of ['/uploaden', '/audit', '/beheer']) {
          assert(await ap.locator(`header nav a[href="${href}"]`).count() === 1, `no link to ${href} in the menu`);
        }
      });
    }
    for (const [url, name] of [['/beheer', 'admin'], ['/beheer/gebruikers', 'admin-users'],
      ['/beheer/organisatie', 'admin-org'], ['/audit', 'audit']]) {
      if (!ok) break;
      await check(`${name} page`, async () => {
        await goto(ap, url, name);
        assert((await ap.textContent('main h1')).trim().length > 0, 'no heading');
        await shot(ap, name);
      });
      await axe(ap, name);
    }
    await ac.close();
  }

  await check('no JavaScript or console errors (CSP violations) on any page', async () => {
    assert(jsErrors.length === 0, [...new Set(jsErrors)].slice(0, 10).join('\n'));
  });
} catch (e) {
  nFail++;
  console.log(`FAIL the run stopped: ${e?.stack ?? e}`);
} finally {
  await browser.close();
}
console.log(`screenshots in ${path.relative(process.cwd(), shotDir) || '.'}/ (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
console.log(`browser: ${nPass} passed, ${nFail} failed`);
process.exit(nFail ? 1 : 0);
