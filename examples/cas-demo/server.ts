/**
 * 全国技术合同管理与服务系统（演示系统）: a business system signing in with CAS 3.0 through
 * the platform.
 *
 *   GET  /           who is signed in (the attributes received), or the 登录 link
 *   GET  /login      the system's entry URL: to {platform}/cas/login?service=<our /callback>
 *   GET  /callback   the service URL: the ticket validated server-side at /cas/p3/serviceValidate
 *   POST /callback   the platform's single-logout request (logoutRequest, SessionIndex = the ticket)
 *   POST /logout     退出: ends the local session, then {platform}/cas/logout?service=<our home>
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readForm, redirect, sendHtml, sendText, type DemoServer } from '../common/http.ts';
import { errorPage, signedInPage, signedOutPage, type ShownUser } from '../common/page.ts';
import { sessionStore } from '../common/sessions.ts';
import { logoutRequestTicket, parseServiceResponse } from './cas-xml.ts';

export const TITLE = '全国技术合同管理与服务系统（演示系统）';
const PROTOCOL = 'CAS 3.0';
const SESSION_IDLE_SECONDS = 8 * 60 * 60;
const VALIDATION_TIMEOUT_MS = 5_000;

export interface CasDemoOptions {
  /** The platform's base URL; the CAS server is under {platformUrl}/cas. */
  platformUrl: string;
  port: number;
  host?: string;
  /** Where browsers reach this system; it must lie under the service prefix registered at the platform. */
  publicUrl?: string;
}

interface SignedIn {
  user: string;
  attributes: Record<string, string[]>;
  /** The ticket this session was opened with: the platform's logout request names it. */
  ticket: string;
}

export async function startCasDemo(options: CasDemoOptions): Promise<DemoServer> {
  const cas = `${options.platformUrl.replace(/\/$/, '')}/cas`;
  const sessions = sessionStore<SignedIn>('tc_demo_session', { idleSeconds: SESSION_IDLE_SECONDS, secure: (options.publicUrl ?? '').startsWith('https:') });
  // Exactly the same string at login and at validation: the platform compares them verbatim.
  const serviceUrl = (base: string) => `${base}/callback`;

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse, base: string) => Promise<void>> = {
    'GET /': async (request, response) => {
      const session = sessions.find(request);
      sendHtml(response, 200, session ? signedInPage(TITLE, PROTOCOL, shownUser(session.data), { user: session.data.user, attributes: session.data.attributes }) : signedOutPage(TITLE, PROTOCOL));
    },
    'GET /login': async (_request, response, base) => {
      redirect(response, `${cas}/login?service=${encodeURIComponent(serviceUrl(base))}`);
    },
    'GET /callback': async (request, response, base) => {
      const ticket = new URL(request.url ?? '/', base).searchParams.get('ticket');
      if (!ticket) return redirect(response, '/');
      const validation = await fetch(`${cas}/p3/serviceValidate?service=${encodeURIComponent(serviceUrl(base))}&ticket=${encodeURIComponent(ticket)}`, {
        signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
      });
      const answer = parseServiceResponse(await validation.text());
      if (!answer.ok) return sendHtml(response, 400, errorPage(TITLE, PROTOCOL, answer.code, answer.description));
      const session = sessions.create({ user: answer.user, attributes: answer.attributes, ticket });
      // Away from ?ticket=: a reload must not present the used ticket again.
      redirect(response, '/', [session.cookie]);
    },
    'POST /callback': async (request, response) => {
      const ticket = logoutRequestTicket((await readForm(request)).get('logoutRequest') ?? '');
      if (!ticket) return sendText(response, 400, 'not a logout request');
      // The ticket is a secret only the platform and we know: naming it is what authenticates the request.
      sessions.endWhere((session) => session.ticket === ticket);
      sendText(response, 200, '');
    },
    'POST /logout': async (request, response, base) => {
      const ended = sessions.end(request);
      redirect(response, `${cas}/logout?service=${encodeURIComponent(`${base}/`)}`, [ended.cookie]);
    },
  };

  return listen(
    async (request, response, base) => {
      const route = routes[`${request.method} ${new URL(request.url ?? '/', base).pathname}`];
      if (route) await route(request, response, base);
      else sendText(response, 404, 'Not Found');
    },
    { port: options.port, host: options.host ?? 'localhost', ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) },
  );
}

/**
 * The platform's attributes (see examples/README.md) as the page shows them: lower camelCase
 * names, which survive mod_auth_cas's CAS-<name> headers (Apache drops names with underscores).
 */
function shownUser({ user, attributes }: SignedIn): ShownUser {
  const one = (name: string) => attributes[name]?.[0] ?? null;
  const organizationName = one('organizationName');
  const actsFor = one('actsForOrganizationName');
  return {
    accountId: one('accountId') ?? '',
    loginName: one('loginName') ?? user,
    name: one('name') ?? '',
    accountType: one('accountType') ?? '',
    verified: one('verified') === 'true',
    verificationStatus: one('verificationStatus') ?? '',
    verificationMethod: one('verificationMethod'),
    documentType: one('documentType'),
    documentNumberMasked: one('documentNumberMasked'),
    mobile: one('mobile'),
    organization: organizationName
      ? { name: organizationName, creditCode: one('organizationCreditCode') ?? '', type: one('organizationType') ?? '', region: one('organizationRegion') ?? '' }
      : null,
    actsFor: actsFor ? { organizationName: actsFor, creditCode: one('actsForCreditCode') ?? '', roles: attributes.actsForRoleNames ?? [] } : null,
  };
}
