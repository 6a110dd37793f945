/** Addresses of 二维码登录 shared by the server and the web app. */

export const QR_LOGIN_API = '/api/qr-login';
/** The phone's page a code points at (web/src/federation/qr/ScanPage.tsx), with the request id in ?r=. */
export const SCAN_PATH = '/m/scan';
export const SCAN_PARAM = 'r';
