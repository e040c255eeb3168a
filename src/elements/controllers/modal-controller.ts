import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';

/**
 * @internal A native modal `<dialog>` and what it shows (`value`, undefined while it is closed). After each update it
 * opens the dialog with `showModal()` (the browser then traps focus and returns it to the trigger) and focuses its
 * `[data-first-focus]`, or closes it. Escape, or any close it did not ask for, closes the modal too; `onClosed` runs
 * whenever the modal closes. `render` renders the dialog; a host that renders its own binds `onClose` as its `@close`.
 */
export class ModalController<T> implements ReactiveController {
  #value?: T;

  constructor(
    private readonly host: ReactiveElement,
    private readonly onClosed?: () => void,
  ) {
    host.addController(this);
  }

  /** What the modal shows; undefined while it is closed. Setting it opens the modal, changes it or closes it. */
  get value(): T | undefined {
    return this.#value;
  }

  set value(value: T | undefined) {
    const closes = value === undefined && this.#value !== undefined;
    this.#value = value;
    this.host.requestUpdate();
    if (closes) this.onClosed?.();
  }

  /** Closes the modal: what it showed is gone with it. */
  readonly close = (): void => {
    this.value = undefined;
  };

  /**
   * The dialog `#NAME-dialog`, with the part `dialog` and named by its heading `#NAME-heading`, holding `content` while
   * the modal is open.
   */
  render(name: string, content: (value: T) => unknown) {
    return html`<dialog part="dialog" id="${name}-dialog" aria-labelledby="${name}-heading" @close=${this.onClose}>
      ${this.#value === undefined ? nothing : content(this.#value)}
    </dialog>`;
  }

  hostUpdated(): void {
    const dialog = this.#dialog();
    if (!dialog) return;
    const wanted = this.#value !== undefined;
    if (wanted && !dialog.open) {
      dialog.showModal();
      this.focusFirst();
    } else if (!wanted && dialog.open) {
      dialog.close();
    } else if (wanted && !dialog.contains(focusedIn(dialog))) {
      // What had focus was replaced (the answer arrived after "Loading…"): focus stays in the dialog.
      this.focusFirst();
    }
  }

  /** Focuses the dialog's `[data-first-focus]`. */
  focusFirst(): void {
    this.#dialog()?.querySelector<HTMLElement>('[data-first-focus]')?.focus();
  }

  /**
   * Escape, or any close the modal did not ask for. The close event comes a task after the dialog closed, when it may
   * have been opened again: only a dialog that is still closed closes the modal.
   */
  readonly onClose = (): void => {
    if (!this.#dialog()?.open) this.close();
  };

  /** The host's native dialog, once rendered. */
  #dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }
}

/** The element that has focus in the tree `node` belongs to (a shadow root's own active element, not its host). */
function focusedIn(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  return root.activeElement;
}
