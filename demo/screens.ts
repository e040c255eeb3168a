// The screens the demo's preview shows its main content on, as a host page meets them: a phone's, a tablet's, or the
// whole window. The elements reflow on their own width (the table queries its own container, not the viewport), so a
// frame of a screen's width shows them as that screen would.

export type Screen = 'phone' | 'tablet' | 'desktop';

/** Where the demo keeps the screen chosen in its header. */
export const SCREEN_KEY = 'mobile-flow-pin-demo:screen';

/**
 * Each screen's width in CSS px (none: the whole window), and the `DeviceCategory` that Business Central's client for
 * it gives its control add-ins (`GetEnvironment()`: 0 the web client, 1 the tablet client, 2 the phone client).
 */
export const SCREENS = {
  phone: { width: 360, deviceCategory: 2 },
  tablet: { width: 768, deviceCategory: 1 },
  desktop: { width: undefined, deviceCategory: 0 },
} as const satisfies Record<Screen, { width: number | undefined; deviceCategory: 0 | 1 | 2 }>;

const isScreen = (value: string | null): value is Screen => value !== null && Object.hasOwn(SCREENS, value);

/** The screen chosen last time, or the whole window. */
export const storedScreen = (): Screen => {
  const stored = localStorage.getItem(SCREEN_KEY);
  return isScreen(stored) ? stored : 'desktop';
};
