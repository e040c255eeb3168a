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

/** The touch screens the demo is checked on, upright: a small phone, a common phone and a tablet. */
export const TOUCH_SCREENS = [
  { width: 320, height: 568 },
  { width: 360, height: 740 },
  { width: 768, height: 1024 },
];

/** Chrome on an Android phone: what a phone's browser tells the page it is. */
const PHONE_USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/**
 * Makes `page` a touch screen of `screen`'s size, as a phone's browser is: its viewport meta tag counts, and taps are
 * touches. Puppeteer reloads a page that was not one already.
 */
export const emulateTouchScreen = (page, { width, height }) =>
  page.emulate({
    viewport: { width, height, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
    userAgent: PHONE_USER_AGENT,
  });

/** Taps `selector` on `target` (a page or a frame) once it is there, as a finger does. */
export async function tap(target, selector) {
  await (await waitForElement(target, selector, { timeout: 15_000 })).tap();
}

/**
 * What on `page` is wider than its screen of `width` CSS px, as `tag#id.class` and its right edge, through open shadow
 * roots; [] when nothing is. It also names a layout viewport that is not `width` wide: a page wider than a phone's
 * screen widens the layout viewport there (to the page's width), which would hide every overflow from a check against
 * `innerWidth` alone, and centres a modal dialog on a screen that is not there.
 */
export const elementsWiderThanTheScreen = (page, width) =>
  page.evaluate((width) => {
    const found = [];
    if (innerWidth !== width) found.push(`the layout viewport: ${innerWidth} px`);
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > width) found.push(`the page scrolls to ${scrollWidth} px`);
    const name = (element) =>
      `${element.localName}${element.id ? `#${element.id}` : ''}${[...element.classList].map((c) => `.${c}`).join('')}`;
    const walk = (root, path) => {
      for (const element of root.querySelectorAll('*')) {
        const right = element.getBoundingClientRect().right;
        if (right > width + 0.5) found.push(`${path}${name(element)}: ${Math.round(right)} px`);
        if (element.shadowRoot) walk(element.shadowRoot, `${path}${element.localName} >>> `);
      }
    };
    walk(document, '');
    return found;
  }, width);
