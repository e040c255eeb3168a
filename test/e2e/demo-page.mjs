// What the demo's e2e tests share about the host page.

/** Switches the demo's role switcher to `userId` and waits until the shell says the session is that user's. */
export async function signInAs(page, userId) {
  await page.select('demo-shell >>> header select', userId);
  await page.waitForFunction(
    (id) =>
      document
        .querySelector('demo-shell')
        .shadowRoot.querySelector('[data-signed-in]')
        ?.getAttribute('data-signed-in') === id,
    {},
    userId,
  );
}

/**
 * `target.waitForSelector`, looking every 100 ms. Puppeteer 24 (the last whose engines include Node 20) waits on DOM
 * mutations by default, and misses what renders inside shadow roots: `a >>> b` then waits out its timeout.
 */
export const waitForElement = (target, selector, options = {}) =>
  target.waitForSelector(selector, { polling: 100, ...options });
