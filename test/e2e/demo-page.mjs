// What the demo's e2e tests share about the host page.

/**
 * Switches the demo's role switcher to `userId` and waits until the shell says the session is that user's: up to a
 * minute, since a file's first sign-in waits for the demo's host to seed its users (argon2id at OWASP's cost), which
 * took over 30 s once while `npm test` ran two Node test files beside the browser tests.
 */
export async function signInAs(page, userId) {
  await selectOption(page, 'demo-shell >>> header select', userId);
  await page.waitForFunction(
    (id) =>
      document
        .querySelector('demo-shell')
        .shadowRoot.querySelector('[data-signed-in]')
        ?.getAttribute('data-signed-in') === id,
    { timeout: 60_000 },
    userId,
  );
}

/**
 * `target.waitForSelector`, looking every 100 ms. Puppeteer 24 (the last whose engines include Node 20) waits on DOM
 * mutations by default, and misses what renders inside shadow roots: `a >>> b` then waits out its timeout.
 */
export const waitForElement = (target, selector, options = {}) =>
  target.waitForSelector(selector, { polling: 100, ...options });

/**
 * `page.select`, done in the page's own world: the `<select>` found through each `>>>` shadow root gets `value`, with
 * the `input` and `change` events a person's choice raises. Puppeteer 24's own moves a handle between worlds, which
 * fails now and then ("Cannot find context with specified id") while an add-in's iframe is made anew.
 */
export async function selectOption(page, selector, value) {
  const found = await page.evaluate(
    (parts, chosen) => {
      let node = document;
      for (const [i, part] of parts.entries()) {
        node = (i ? node?.shadowRoot : node)?.querySelector(part);
        if (!node) return false;
      }
      node.value = chosen;
      node.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      node.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      return true;
    },
    selector.split(/\s*>>>\s*/),
    value,
  );
  if (!found) throw new Error(`No ${selector} to choose ${value} in.`);
}
