// Generated from src/api/openapi.json by scripts/generate-contract-types.mjs. Do not edit: run `npm run generate`.

/** The stable error codes of the contract. */
export type ErrorCode = "Authentication_InvalidCredentials" | "Authorization_Denied" | "BadRequest_Malformed" | "BadRequest_UnsupportedMediaType" | "BadRequest_NotFound" | "BadRequest_InvalidToken" | "Request_EntityChanged" | "Request_IdempotencyKeyReused" | "PinCode_PolicyViolation" | "PinCode_CurrentInvalid" | "PinCode_Locked" | "PinCode_TemporaryExpired" | "PinCode_NotAllowed" | "PinCode_NotSet" | "UserSetup_PasswordNeedsPinCode" | "Request_TooManyRequests" | "Internal_ServerError";

/** A rule of the PIN policy that a PIN code breaks. */
export type PinRule = "digitsOnly" | "tooShort" | "tooLong" | "repeatedDigit" | "sequence" | "repeatedGroup" | "common" | "recentlyUsed" | "sameAsTemporary" | "administratorMayNotChoose";

/** One broken rule, with the policy figure it refers to where there is one. */
export interface PinRuleViolation {
  rule: PinRule;
  minLength?: number;
  maxLength?: number;
  historyDepth?: number;
}

export interface ErrorResponse {
  error: {
    code: ErrorCode;
    /** A sentence for a developer; the elements show their own words for each code. */
    message: string;
    /** With PinCode_CurrentInvalid. */
    remainingAttempts?: number;
    /** With PinCode_Locked. */
    lockedUntil?: string;
    /** With PinCode_PolicyViolation. */
    details?: Array<PinRuleViolation>;
    /** With Request_TooManyRequests: the seconds until the device may check again, as the Retry-After header says. */
    retryAfter?: number;
  };
}

export type PinCodeStatus = "notSet" | "temporary" | "set";

export type PinCodeChangedBy = "user" | "administrator";

/** Set by the host. Defaults and allowed ranges are the schema's default, minimum and maximum. */
export interface PinPolicy {
  minLength: number;
  maxLength: number;
  historyDepth: number;
  maxFailedAttempts: number;
  lockoutMinutes: number;
  temporaryLength: number;
  temporaryTtlHours: number;
  /** Wrong codes one device may send within deviceFailureWindowMinutes, whoever they were for; after that it is answered 429 Request_TooManyRequests until the window has passed (promise 11). */
  maxDeviceFailures: number;
  deviceFailureWindowMinutes: number;
  administratorMayChoosePinCode: boolean;
}

/** The signed-in user. */
export interface Session {
  userId: string;
  displayName: string;
  resourceNo: string | null;
  resourceId: string | null;
  canManageUserSetup: boolean;
  passwordMandatory: boolean;
  allowPinCode: boolean;
  pinCodeStatus: PinCodeStatus;
  pinCodeChangedAt: string | null;
  temporaryPinCodeExpiresAt: string | null;
  lockedUntil: string | null;
  pinPolicy: PinPolicy;
}

export interface ChangePinCodeRequest {
  /** The current PIN code, or the temporary one. A user who has no PIN code yet (pinCodeStatus notSet) sends an empty string: there is nothing to check. */
  currentPinCode: string;
  newPinCode: string;
}

export interface ChangePinCodeResult {
  resourceNo: string;
  changedAt: string;
}

/** One user's Mobile Flow setup. */
export interface UserSetup {
  id: string;
  userId: string;
  displayName: string;
  resourceNo: string | null;
  resourceId: string | null;
  /** Nobody works as this user's resource on a device without the user's PIN code: with no usable code the user cannot sign in at all. Needs allowPinCode (a setup with passwordMandatory and without allowPinCode is refused with UserSetup_PasswordNeedsPinCode). */
  passwordMandatory: boolean;
  /** The user may hold a PIN code, change it and be issued one; once they hold one, a device asks for it. */
  allowPinCode: boolean;
  pinCodeStatus: PinCodeStatus;
  pinCodeChangedAt: string | null;
  pinCodeChangedBy: PinCodeChangedBy | null;
  temporaryPinCodeExpiresAt: string | null;
  lockedUntil: string | null;
  "@odata.etag": string;
}

export interface UserSetupPage {
  value: Array<UserSetup>;
  /** With $count=true: how many setups match the filter. */
  "@odata.count"?: number;
}

export interface UserSetupChanges {
  /** Nobody works as this user's resource on a device without the user's PIN code: with no usable code the user cannot sign in at all. Needs allowPinCode (a setup with passwordMandatory and without allowPinCode is refused with UserSetup_PasswordNeedsPinCode). */
  passwordMandatory?: boolean;
  /** The user may hold a PIN code, change it and be issued one; once they hold one, a device asks for it. */
  allowPinCode?: boolean;
}

export interface IssueTemporaryPinCodeRequest {
  /** A code chosen by the administrator, only where the policy allows it; otherwise leave it out and the host generates one. */
  pinCode?: string;
}

export interface TemporaryPinCode {
  userSetup: UserSetup;
  /** The temporary code, to hand to the user. Shown once. */
  pinCode: string;
  expiresAt: string;
}

/** deviceThrottled: a device that had sent maxDeviceFailures wrong codes within the window was refused a check of this user's code (recorded once per user while the device is held back). */
export type PinCodeEventType = "temporaryIssued" | "changedByUser" | "failedAttempt" | "locked" | "unlocked" | "expired" | "deviceThrottled";

export interface PinCodeEvent {
  id: string;
  type: PinCodeEventType;
  at: string;
  /** Who caused it. */
  actor: "user" | "administrator" | "device" | "host";
  /** The user id of the user or administrator who caused it. */
  actorUserId: string | null;
}

export interface PinCodeEventList {
  value: Array<PinCodeEvent>;
}

/** The Resource card's PIN code fields. A device sees only what signing in needs (id, number, name, pinCodeRequired); the administrator and the user whose card it is also see the PIN code's status, when and by whom it was last set, and the etag. */
export interface Resource {
  id: string;
  number: string;
  name: string;
  /** Whether a device asks for a PIN code: Password mandatory is on, or PIN codes are allowed and the user holds one. When it is true and the user holds no usable code, verifyPinCode answers PinCode_NotSet. */
  pinCodeRequired: boolean;
  /** Not shown to a device. */
  pinCodeStatus?: PinCodeStatus;
  /** Not shown to a device. */
  pinCodeChangedAt?: string | null;
  /** Not shown to a device. */
  pinCodeChangedBy?: PinCodeChangedBy | null;
  /** Not shown to a device. */
  "@odata.etag"?: string;
}

export interface VerifyPinCodeRequest {
  pinCode: string;
}

export interface VerifyPinCodeResult {
  valid: boolean;
  /** True when the code is a temporary one: it must be changed before it is accepted for anything else. */
  mustChange: boolean;
  /** When the code is wrong: attempts left before the lock. */
  remainingAttempts?: number;
}

/** Every error code of the contract. */
export const ERROR_CODES = [
  "Authentication_InvalidCredentials",
  "Authorization_Denied",
  "BadRequest_Malformed",
  "BadRequest_UnsupportedMediaType",
  "BadRequest_NotFound",
  "BadRequest_InvalidToken",
  "Request_EntityChanged",
  "Request_IdempotencyKeyReused",
  "PinCode_PolicyViolation",
  "PinCode_CurrentInvalid",
  "PinCode_Locked",
  "PinCode_TemporaryExpired",
  "PinCode_NotAllowed",
  "PinCode_NotSet",
  "UserSetup_PasswordNeedsPinCode",
  "Request_TooManyRequests",
  "Internal_ServerError"
] as const;

/** The HTTP status that goes with each error code. */
export const ERROR_HTTP_STATUS = {
  "Authentication_InvalidCredentials": 401,
  "Authorization_Denied": 403,
  "BadRequest_Malformed": 400,
  "BadRequest_UnsupportedMediaType": 415,
  "BadRequest_NotFound": 404,
  "BadRequest_InvalidToken": 428,
  "Request_EntityChanged": 409,
  "Request_IdempotencyKeyReused": 422,
  "PinCode_PolicyViolation": 400,
  "PinCode_CurrentInvalid": 403,
  "PinCode_Locked": 423,
  "PinCode_TemporaryExpired": 410,
  "PinCode_NotAllowed": 409,
  "PinCode_NotSet": 409,
  "UserSetup_PasswordNeedsPinCode": 400,
  "Request_TooManyRequests": 429,
  "Internal_ServerError": 500
} as const;

/** Every rule of the PIN policy. */
export const PIN_RULES = [
  "digitsOnly",
  "tooShort",
  "tooLong",
  "repeatedDigit",
  "sequence",
  "repeatedGroup",
  "common",
  "recentlyUsed",
  "sameAsTemporary",
  "administratorMayNotChoose"
] as const;

/** Every PIN code status. */
export const PIN_CODE_STATUSES = [
  "notSet",
  "temporary",
  "set"
] as const;

/** The PIN policy a host uses when it sets nothing else. */
export const DEFAULT_PIN_POLICY = {
  "minLength": 6,
  "maxLength": 8,
  "historyDepth": 3,
  "maxFailedAttempts": 5,
  "lockoutMinutes": 15,
  "temporaryLength": 8,
  "temporaryTtlHours": 72,
  "maxDeviceFailures": 20,
  "deviceFailureWindowMinutes": 10,
  "administratorMayChoosePinCode": true
} as const;

/** The allowed range of each numeric PIN policy field. */
export const PIN_POLICY_LIMITS = {
  "minLength": {
    "minimum": 4,
    "maximum": 12
  },
  "maxLength": {
    "minimum": 4,
    "maximum": 12
  },
  "historyDepth": {
    "minimum": 0,
    "maximum": 24
  },
  "maxFailedAttempts": {
    "minimum": 3,
    "maximum": 100
  },
  "lockoutMinutes": {
    "minimum": 1,
    "maximum": 1440
  },
  "temporaryLength": {
    "minimum": 6,
    "maximum": 12
  },
  "temporaryTtlHours": {
    "minimum": 1,
    "maximum": 720
  },
  "maxDeviceFailures": {
    "minimum": 5,
    "maximum": 1000
  },
  "deviceFailureWindowMinutes": {
    "minimum": 1,
    "maximum": 1440
  }
} as const;

/** Every operation of the contract, with the schema of its success and the error codes it may answer. */
export const OPERATIONS = [
  {
    "operationId": "getSession",
    "method": "GET",
    "path": "/session",
    "acceptsIdempotencyKey": false,
    "successSchema": "Session",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "Internal_ServerError"
    ]
  },
  {
    "operationId": "changePinCode",
    "method": "POST",
    "path": "/session/Microsoft.NAV.changePinCode",
    "requestSchema": "ChangePinCodeRequest",
    "requestBodyRequired": true,
    "acceptsIdempotencyKey": true,
    "successSchema": "ChangePinCodeResult",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "BadRequest_Malformed",
      "BadRequest_UnsupportedMediaType",
      "PinCode_PolicyViolation",
      "PinCode_CurrentInvalid",
      "PinCode_Locked",
      "PinCode_TemporaryExpired",
      "PinCode_NotAllowed",
      "Request_IdempotencyKeyReused",
      "Internal_ServerError"
    ]
  },
  {
    "operationId": "listUserSetups",
    "method": "GET",
    "path": "/userSetups",
    "acceptsIdempotencyKey": false,
    "successSchema": "UserSetupPage",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "BadRequest_Malformed",
      "Internal_ServerError"
    ]
  },
  {
    "operationId": "getUserSetup",
    "method": "GET",
    "path": "/userSetups({id})",
    "acceptsIdempotencyKey": false,
    "successSchema": "UserSetup",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "BadRequest_NotFound",
      "Internal_ServerError"
    ]
  },
  {
    "operationId": "updateUserSetup",
    "method": "PATCH",
    "path": "/userSetups({id})",
    "requestSchema": "UserSetupChanges",
    "requestBodyRequired": true,
    "acceptsIdempotencyKey": false,
    "successSchema": "UserSetup",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "BadRequest_NotFound",
      "BadRequest_Malformed",
      "UserSetup_PasswordNeedsPinCode",
      "BadRequest_UnsupportedMediaType",
      "BadRequest_InvalidToken",
      "Request_EntityChanged",
      "Internal_ServerError"
    ]
  },
  {
    "operationId": "issueTemporaryPinCode",
    "method": "POST",
    "path": "/userSetups({id})/Microsoft.NAV.issueTemporaryPinCode",
    "requestSchema": "IssueTemporaryPinCodeRequest",
    "requestBodyRequired": false,
    "acceptsIdempotencyKey": true,
    "successSchema": "TemporaryPinCode",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "BadRequest_NotFound",
      "BadRequest_Malformed",
      "BadRequest_UnsupportedMediaType",
      "PinCode_PolicyViolation",
      "PinCode_NotAllowed",
      "Request_EntityChanged",
      "Request_IdempotencyKeyReused",
      "Internal_ServerError"
    ]
  },
  {
    "operationId": "unlockPinCode",
    "method": "POST",
    "path": "/userSetups({id})/Microsoft.NAV.unlockPinCode",
    "acceptsIdempotencyKey": true,
    "successSchema": "UserSetup",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "BadRequest_NotFound",
      "BadRequest_Malformed",
      "Request_IdempotencyKeyReused",
      "Internal_ServerError"
    ]
  },
  {
    "operationId": "listPinCodeEvents",
    "method": "GET",
    "path": "/userSetups({id})/pinCodeEvents",
    "acceptsIdempotencyKey": false,
    "successSchema": "PinCodeEventList",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "BadRequest_NotFound",
      "Internal_ServerError"
    ]
  },
  {
    "operationId": "getResource",
    "method": "GET",
    "path": "/resources({id})",
    "acceptsIdempotencyKey": false,
    "successSchema": "Resource",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "BadRequest_NotFound",
      "Internal_ServerError"
    ]
  },
  {
    "operationId": "verifyPinCode",
    "method": "POST",
    "path": "/resources({id})/Microsoft.NAV.verifyPinCode",
    "requestSchema": "VerifyPinCodeRequest",
    "requestBodyRequired": true,
    "acceptsIdempotencyKey": true,
    "successSchema": "VerifyPinCodeResult",
    "errorCodes": [
      "Authentication_InvalidCredentials",
      "Authorization_Denied",
      "BadRequest_NotFound",
      "BadRequest_Malformed",
      "BadRequest_UnsupportedMediaType",
      "PinCode_Locked",
      "PinCode_TemporaryExpired",
      "PinCode_NotAllowed",
      "PinCode_NotSet",
      "Request_IdempotencyKeyReused",
      "Request_TooManyRequests",
      "Internal_ServerError"
    ]
  }
] as const;

export type OperationId = (typeof OPERATIONS)[number]['operationId'];
