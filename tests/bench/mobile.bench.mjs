// The demo page under a mobile profile: navigation -> Start interactive (tests/bench/demo-page.mjs), median of a few
// cold loads, each in a new browser context with Chromium's emulation through the DevTools protocol:
// - network (Network.emulateNetworkConditions): 150 ms added to every request's round trip, 1.6 Mbit/s down,
//   750 kbit/s up;
// - CPU (Emulation.setCPUThrottlingRate): 4 times slower than this machine;
// - a 375 x 667 CSS px touch screen at 2 device pixels per px.
// The page is served gzip -9 compressed (tests/bench/gzip-front.mjs), as a real host would send it. Target: median
// <= 1.5 s. Also reported: the slowest load, and the Start click -> first radio time under the same profile.
import { startServer } from '../../web/tools/serve.mjs';
import { PAGE, coldLoad, launchChromium, startLabel } from './demo-page.mjs';
import { startGzipFront } from './gzip-front.mjs';
import { quantile, row } from './support.mjs';

const LOADS = 5;
const budgetMs = 1500;
const MOBILE = {
    network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
    cpuRate: 4,
    context: { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

async function emulateMobile(context, page) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', MOBILE.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuRate });
}

const ms = (value) => `${value.toFixed(0)} ms`;

export const title = 'demo page, mobile profile (Chromium)';

export async function run() {
    const label = startLabel();
    const server = await startServer({ port: 0 });
    const front = await startGzipFront(server.url);
    const browser = await launchChromium();
    try {
        const url = new URL(PAGE, front.url).href;
        const loads = [];
        for (let i = 0; i < LOADS; i += 1) {
            const options = { contextOptions: MOBILE.context, prepare: emulateMobile };
            loads.push((await coldLoad(browser, url, label, options)).marks);
        }
        const interactive = Float64Array.from(loads.map((marks) => marks.interactive)).sort();
        const firstRadio = Float64Array.from(loads.map((marks) => marks.firstRadio - marks.startClick)).sort();
        const median = quantile(interactive, 0.5);
        return [
            row(`navigation -> Start interactive, median of ${LOADS} cold loads (150 ms RTT, 1.6 Mbit/s, CPU / 4)`,
                ms(median), `<= ${ms(budgetMs)}`, median <= budgetMs),
            row('navigation -> Start interactive, slowest load', ms(interactive[interactive.length - 1])),
            row('Start click -> first radio focusable, median', ms(quantile(firstRadio, 0.5))),
        ];
    } finally {
        await browser.close();
        await front.close();
        await server.close();
    }
}
