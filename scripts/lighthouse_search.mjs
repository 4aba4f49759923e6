// Lighthouse on the open search, for scripts/benchmark.py (a Lighthouse user flow):
// load the page, press "/", type the query, wait for a result link, then audit the
// typing (timespan: Performance) and the page with its results (snapshot: the rest).
//
//     node scripts/lighthouse_search.mjs URL QUERY REPORT.json

import fs from "node:fs";
import puppeteer from "puppeteer-core";
import { startFlow } from "lighthouse";

const [url, query, report] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage();
  const flow = await startFlow(page);
  await flow.navigate(url);
  await flow.startTimespan();
  await page.keyboard.press("/");
  await page.keyboard.type(query, { delay: 50 });
  await page.waitForSelector("dialog[open] a[href]", { timeout: 30000 });
  await flow.endTimespan();
  await flow.snapshot();
  fs.writeFileSync(report, JSON.stringify(await flow.createFlowResult()));
} finally {
  await browser.close();
}
