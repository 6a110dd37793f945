/**
 * The OpenID Connect provider in the Fastify app: discovery and /oidc/* are handed to
 * oidc-provider untouched (it reads the request body itself), and /sso/interaction/:uid
 * finishes a sign-in with the platform's own login.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Interaction, InteractionResults } from 'oidc-provider';
import { SESSION_COOKIE } from '../../platform/http/sessions.ts';
import type { Platform } from '../../platform/platform.ts';
import { accountLevel } from '../../realname/level-source.ts';
import { acrOf } from '../../realname/levels.ts';
import { ENTRY_PROMPT, entryInteraction } from '../entry/oidc.ts';
import { platformSid } from './platform-session.ts';
import { oidcRuntime } from './provider.ts';
import { systemsCache } from './systems-cache.ts';
import { INTERACTION_PREFIX, OIDC_PREFIX, OIDC_TTL, interactionStep, readsLoginAskedAt } from './rules.ts';

const PURGE_INTERVAL_MS = 60_000;

export async function registerOidc(app: FastifyInstance, platform: Platform): Promise<void> {
  const runtime = oidcRuntime(platform);
  runtime.proxy = platform.config.trustProxy;

  const purge = setInterval(() => runtime.store.purgeExpired().catch(() => {}), PURGE_INTERVAL_MS);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));

  await app.register(async (scope) => {
    // Leave every body unread: the provider parses its own (and refuses what it does not expect).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    const toProvider = async (request: FastifyRequest, reply: FastifyReply) => {
      const { handle } = await runtime.current();
      reply.hijack();
      await handle(request.raw, reply.raw);
    };
    scope.get('/.well-known/openid-configuration', toProvider);
    scope.all(`${OIDC_PREFIX}/*`, toProvider);
  });

  app.get<{ Params: { uid: string } }>(`${INTERACTION_PREFIX}/:uid`, async (request, reply) => {
    const { provider } = await runtime.current();
    const sid = request.cookies[SESSION_COOKIE];
    // Read together: the interaction (its cookie) and the platform session.
    const [details, session] = await Promise.all([
      provider.interactionDetails(request.raw, reply.raw).catch(() => undefined),
      sid ? platform.sessions.find(sid) : undefined,
    ]);
    // Expired, finished, or opened in another browser: the business system must start again.
    if (!details || details.uid !== request.params.uid) return reply.status(400).type('text/html').send(INTERACTION_GONE);

    const askedKey = `oidc:login-asked:${details.uid}`;
    const asked = readsLoginAskedAt(details.prompt.name, details.prompt.reasons) ? await platform.kv.get(askedKey) : undefined;
    const now = Date.now();
    const step = interactionStep(
      {
        prompt: details.prompt.name,
        reasons: details.prompt.reasons,
        maxAge: maxAgeOf(details.params.max_age),
        path: `${INTERACTION_PREFIX}/${details.uid}`,
        loginAskedAt: asked === undefined ? undefined : Number(asked),
      },
      session && { accountId: session.accountId, passwordChangeRequired: session.passwordChangeRequired, loggedInAt: session.loggedInAt.getTime() },
      now,
    );

    if (step.kind === 'log_in') {
      await platform.kv.set(askedKey, String(now), OIDC_TTL.Interaction * 1000);
      return reply.redirect(step.location, 303);
    }
    if (step.kind === 'change_password') return reply.redirect(step.location, 303);
    if (step.kind === 'login') {
      // platformSid: the provider session's sid for this client is the platform session's (configuration.ts).
      // acr: the account's real-name level (src/realname/levels.ts), kept current by the entry prompt (src/sso/entry/oidc.ts).
      const acr = acrOf((await accountLevel(platform, step.accountId)) ?? 'l1');
      const login = { accountId: step.accountId, ts: Math.floor(step.loggedInAt / 1000), acr };
      const to = await finish(details, { login, ...(session && { platformSid: platformSid(session.idHash) }) }, { mergeWithLastSubmission: false });
      return reply.redirect(to, 303);
    }
    // Entry checks (src/sso/entry/oidc.ts): a refused account ends the sign-in with access_denied;
    // a person acting for several organisations chooses one on the entry page, then comes back here.
    if (details.prompt.name === ENTRY_PROMPT) {
      const accountId = details.session?.accountId;
      const entrant = accountId ? { accountId, idHash: session?.accountId === accountId ? session.idHash : '' } : undefined;
      const path = `${INTERACTION_PREFIX}/${details.uid}`;
      const entry = await entryInteraction(platform, systemsCache(platform).store, entrant, String(details.params.client_id), path, details.params.acr_values);
      if (entry.kind === 'choose') return reply.redirect(entry.location, 303);
      const result = entry.kind === 'refuse' ? entry.result : {};
      return reply.redirect(await finish(details, result, { mergeWithLastSubmission: true }), 303);
    }
    // Consent: granted without asking (the government's own systems).
    const accountId = details.session?.accountId;
    const clientId = String(details.params.client_id);
    const grant = (details.grantId && (await provider.Grant.find(details.grantId))) || new provider.Grant({ accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    const to = await finish(details, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return reply.redirect(to, 303);
  });
}

/**
 * provider.interactionResult on the interaction this request already read (interactionResult
 * would read it again): stores the result for the resumed authorization, returns where to go.
 */
async function finish(interaction: Interaction, result: InteractionResults, { mergeWithLastSubmission }: { mergeWithLastSubmission: boolean }): Promise<string> {
  interaction.result = mergeWithLastSubmission && !('error' in result) ? { ...interaction.lastSubmission, ...result } : result;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  return interaction.returnTo;
}

const maxAgeOf = (value: unknown) =>
  typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;

const INTERACTION_GONE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>登录已失效</title></head>
<body><p>本次登录请求已失效，请返回业务系统重新登录。</p><p lang="en">This sign-in request has expired; go back to the business system and sign in again.</p></body></html>`;
