// ui.mjs — the web UI in a real browser (Debian chromium driven by
// playwright-core): search as you type, open the storyline, follow a
// summary sentence's citation to its highlighted source span, read an
// article page at phone width. Usage: node ui.mjs BASE_URL SHOT_DIR
// Prints one "ok ..." or "FAIL ..." line per check; exit 1 on any FAIL.
import { createRequire } from 'node:module';
const require = createRequire(process.env.SL_NODE_MODULES + '/');
const { chromium } = require('playwright-core');

const base = process.argv[2];
const shots = process.argv[3] || '';
let failed = 0;
const check = (name, cond, why = '') => {
  console.log((cond ? 'ok   ' : 'FAIL ') + name + (cond ? '' : ': ' + why));
  if (!cond) failed++;
};

const browser = await chromium.launch({
  executablePath: process.env.SL_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });

  await page.goto(base + '/');
  const first = page.locator('main ol li a').first();
  check('the home page lists a storyline', (await first.count()) === 1);
  const title = (await first.textContent()) || '';

  await page.fill('#q', 'minister');
  await page.waitForSelector('#live li', { timeout: 5000 }).catch(() => {});
  const live = await page.locator('#live li').count();
  check('search answers as you type', live >= 3, `${live} results`);

  await first.click();
  await page.waitForSelector('#summary');
  check('the storyline page shows its title', (await page.locator('h1').first().textContent()).includes(title.slice(0, 20)), title);
  const sentences = await page.locator('#summary li, #summary p').count();
  check('the storyline page has a summary', sentences >= 1, `${sentences} sentences`);
  check('and a timeline', (await page.locator('#timeline li').count()) >= 3);
  check('and a panel where sources disagree', (await page.locator('#disagree .conflict').count()) >= 1);

  const cite = page.locator('#summary a.cite').first();
  const href = await cite.getAttribute('href');
  await cite.click();
  const target = page.locator(href.replace(/^#/, '#'));
  const visible = await target.isVisible();
  const inView = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  const marked = await target.evaluate((el) => el.tagName === 'MARK' && el.matches(':target'));
  check('a summary citation leads to its source span, highlighted and in view',
        visible && inView && marked, `${href} visible=${visible} inView=${inView} marked=${marked}`);
  if (shots) await page.screenshot({ path: shots + '/ui-storyline.png' });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(base + '/?q=ferry');
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  check('the search page fits a phone screen', wide <= 390, `${wide}px wide`);
  const art = phone.locator('main ol li a').first();
  await art.click();
  await phone.waitForSelector('article h1');
  check('an article page marks its facts', (await phone.locator('article .f-per').count()) >= 1);
  if (shots) {
    await phone.screenshot({ path: shots + '/ui-article-phone.png' });
    await page.goto(base + '/');
    await page.screenshot({ path: shots + '/ui-home.png' });
  }
  check('no request left the server', external.length === 0, external.slice(0, 3).join(' '));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
