import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** @internal What a ModalController keeps in step. */
export interface ModalOptions {
  /** The native `<dialog>`, once rendered. */
  dialog: () => HTMLDialogElement | null | undefined;
  /** Whether the element wants the dialog open: the property the dialog is kept in step with. */
  open: () => boolean;
  /** The dialog was closed by Escape or by `close()`: the property must follow. */
  onClosed: () => void;
}

/**
 * @internal Keeps a native modal `<dialog>` in step with a property: after each update it opens it with `showModal()` (the
 * browser then traps focus and returns it to the trigger) and focuses its `[data-first-focus]`, or closes it. Bind
 * `onClose` as the dialog's `@close` listener.
 */
export class ModalController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly options: ModalOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const dialog = this.options.dialog();
    if (!dialog) return;
    const wanted = this.options.open();
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
    this.options.dialog()?.querySelector<HTMLElement>('[data-first-focus]')?.focus();
  }

  /**
   * Escape, or any close the property did not ask for. The close event comes a task after the dialog closed, when it
   * may have been opened again: only a dialog that is still closed makes the property follow.
   */
  readonly onClose = (): void => {
    if (!this.options.dialog()?.open) this.options.onClosed();
  };
}

/** The element that has focus in the tree `node` belongs to (a shadow root's own active element, not its host). */
function focusedIn(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  return root.activeElement;
}
