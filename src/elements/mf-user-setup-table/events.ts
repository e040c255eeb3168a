import type { UserSetup } from '../../domain/index.js';

/** The detail of `mf-user-setup-changed`: the settings as saved. */
export interface UserSetupChangedDetail {
  userId: string;
  passwordMandatory: boolean;
  allowPinCode: boolean;
}

/** The detail of `mf-temporary-pin-code-issued`: who got one and until when, never the code. */
export interface TemporaryPinCodeIssuedDetail {
  userId: string;
  expiresAt: string;
}

/** A setting was saved: `mf-user-setup-changed`, with the settings as the host saved them. */
export class UserSetupChangedEvent extends CustomEvent<UserSetupChangedDetail> {
  constructor({ userId, passwordMandatory, allowPinCode }: UserSetup) {
    super('mf-user-setup-changed', {
      bubbles: true,
      composed: true,
      detail: { userId, passwordMandatory, allowPinCode },
    });
  }
}

/** A temporary PIN code was issued: `mf-temporary-pin-code-issued`. The detail never holds the code. */
export class TemporaryPinCodeIssuedEvent extends CustomEvent<TemporaryPinCodeIssuedDetail> {
  constructor(userId: string, expiresAt: string) {
    super('mf-temporary-pin-code-issued', { bubbles: true, composed: true, detail: { userId, expiresAt } });
  }
}

/**
 * @internal Inside the table only: a part has a newer copy of a row from the host (after issuing a code). It does not leave
 * the table's shadow root.
 */
export class RowChangedEvent extends Event {
  constructor(readonly setup: UserSetup) {
    super('mf-row-changed', { bubbles: true });
  }
}

/** @internal Inside the table only: the pager moved to another page or changed the page size. */
export class PageChangeEvent extends Event {
  constructor(
    readonly skip: number,
    readonly pageSize: number,
  ) {
    super('mf-page-change', { bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mf-user-setup-changed': UserSetupChangedEvent;
    'mf-temporary-pin-code-issued': TemporaryPinCodeIssuedEvent;
  }
}
