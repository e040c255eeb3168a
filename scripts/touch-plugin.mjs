// The browser tests' touch screen: `emulate-touch` turns Chromium's touch emulation on or off for the test's page (as
// DevTools' device mode does: `pointer: coarse`, `hover: none`, touch events), without the reload that puppeteer's
// `setViewport({ hasTouch })` makes; `tap` taps the point `{ x, y }` (CSS px from the viewport's top left) with one
// finger, as a person's tap: touchstart, touchend, then the mouse events and the click the browser makes of them.

/** The page of a web-test-runner session, driven by puppeteer. */
function pageOf(session) {
  if (session.browser.type !== 'puppeteer') throw new Error('Touch emulation needs the puppeteer (Chromium) launcher.');
  return session.browser.getPage(session.id);
}

export function touchPlugin() {
  const sessions = new WeakMap();
  const cdpOf = async (page) => {
    if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
    return sessions.get(page);
  };
  return {
    name: 'mobile-flow-pin:touch',
    async executeCommand({ command, payload, session }) {
      if (command === 'emulate-touch') {
        const cdp = await cdpOf(pageOf(session));
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: payload !== false, maxTouchPoints: 5 });
        return true;
      }
      if (command === 'tap') {
        if (typeof payload?.x !== 'number' || typeof payload?.y !== 'number') throw new Error('tap needs { x, y }.');
        await pageOf(session).touchscreen.tap(payload.x, payload.y);
        return true;
      }
      return undefined;
    },
  };
}
