/** The browser side of 二维码登录 (src/federation/qr/routes.ts). */
import { api } from '../../lib/api.ts';
import { QR_LOGIN_API } from '../../../../src/federation/qr/paths.ts';
import type { QrRequestDetails, QrStatus } from '../../../../src/federation/qr/rules.ts';

export { SCAN_PARAM, SCAN_PATH } from '../../../../src/federation/qr/paths.ts';
export type { QrRequestDetails, QrStatus };

export interface QrCreated {
  id: string;
  scanUrl: string;
  expiresAt: string;
  ttlMs: number;
  /** Development: the page shows the scan address as a link too (testers have no phone). */
  showScanLink: boolean;
}

export interface QrLoginResult {
  kind: 'natural' | 'legal';
  loginName: string;
  passwordChangeReason: 'expired' | 'one_time' | 'weak' | null;
}

const path = (id: string, step = '') => `${QR_LOGIN_API}/${encodeURIComponent(id)}${step ? `/${step}` : ''}`;

export const qrApi = {
  create: () => api<QrCreated>('POST', QR_LOGIN_API),
  status: (id: string) => api<{ state: QrStatus }>('GET', path(id)),
  complete: (id: string) => api<QrLoginResult>('POST', path(id, 'complete')),
  scan: (id: string) => api<QrRequestDetails>('POST', path(id, 'scan')),
  confirm: (id: string) => api<QrRequestDetails>('POST', path(id, 'confirm')),
  refuse: (id: string) => api<QrRequestDetails>('POST', path(id, 'refuse')),
};
