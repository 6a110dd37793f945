/** Where 国家政务服务平台账号登录 lives on the web side (the server's routes in src/federation/national/rules.ts). */
export { NATIONAL_ERROR_PARAM, NATIONAL_LINK_PAGE, NATIONAL_PREFIX } from '../../../../src/federation/national/rules.ts';
export const NATIONAL_LINKS_TAB = 'national_links';
