// screens.mjs — one screenshot of each page of the web UI (home, search,
// storyline, article) at desktop (1280 px) and phone (390 px) width, in
// Debian chromium driven by playwright-core. Usage: node screens.mjs BASE_URL OUT_DIR
import { createRequire } from 'node:module';
const require = createRequire(process.env.SL_NODE_MODULES + '/');
const { chromium } = require('playwright-core');

const [base, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.SL_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update'],
});
const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
try {
  for (const [name, viewport] of Object.entries(sizes)) {
    const page = await browser.newPage({ viewport });
    const shot = async (what) => {
      const path = `${out}/${what}-${name}.png`;
      await page.screenshot({ path });
      console.log(path);
    };
    await page.goto(base + '/');
    await shot('home');
    const story = await page.locator('main ol li a').first().getAttribute('href');
    await page.goto(base + '/?q=ferry');
    await shot('search');
    const article = await page.locator('main ol li a').first().getAttribute('href');
    await page.goto(base + story);
    await shot('storyline');
    await page.goto(base + article);
    await shot('article');
    await page.close();
  }
} finally {
  await browser.close();
}
