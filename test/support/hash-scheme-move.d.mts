import type { MobileFlowClient } from '../../src/api/index.js';
import type { PinHashScheme } from '../../src/host/index.js';

export interface SchemeHost {
  clientFor(userId: string): Promise<MobileFlowClient>;
  device: MobileFlowClient;
  close(): Promise<void>;
}

export declare const randomHashKey: () => string;

export declare function moveHashSchemes(steps: {
  open(options: { scheme: PinHashScheme; hashKey?: string }): Promise<SchemeHost>;
  hashesOf(): Promise<Map<string, { current: string; previous: string[] }>>;
  openWithoutKey?(): Promise<string>;
}): Promise<{ users: number; wrongCodes: number; refusal?: string }>;
