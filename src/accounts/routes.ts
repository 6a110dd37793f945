import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { endPlatformSession } from '../sso/logout.ts';
import { clearSessionCookie, requireSession, setSessionCookie } from '../platform/http/session-plugin.ts';
import { parseInput } from '../platform/http/validate.ts';
import type { Platform } from '../platform/platform.ts';
import { MINUTE, HOUR, enforceLimit } from '../platform/rate-limit.ts';
import { captchaAudioSchema } from '../platform/captcha.ts';
import { passwordChangeReason } from './entry.ts';
import { login } from './login.ts';
import { changePassword } from './password-change.ts';
import { profileService } from './profile.ts';
import { registerLegalPerson, registerNaturalPerson } from './registration.ts';
import { loginNameKey } from './rules.ts';
import {
  availabilitySchema,
  changePasswordSchema,
  legalRegistrationSchema,
  loginSchema,
  naturalRegistrationSchema,
  sendSmsCodeSchema,
} from './schemas.ts';
import { accountStore } from './store.ts';
import { listUpdateRecords } from './update-records.ts';

const LIMITS = {
  availability: { max: 60, windowMs: MINUTE },
  registration: { max: 20, windowMs: HOUR },
  captcha: { max: 120, windowMs: MINUTE },
  // Each one runs the speech synthesizer: fewer than images.
  captchaAudio: { max: 20, windowMs: MINUTE },
  // Someone holding a session must not be able to guess the old password at leisure.
  passwordChange: { max: 10, windowMs: HOUR },
};

type Body = Record<string, unknown>;

export function accountRoutes(platform: Platform): FastifyPluginAsync {
  const store = accountStore(platform.db, platform.cipher);
  const profiles = profileService(platform);

  return async (app) => {
    app.get('/captcha', async (request) => {
      await enforceLimit(platform.kv, 'captcha', request.ip, LIMITS.captcha);
      return platform.captcha.create();
    });

    /** 语音验证码: the captcha's answer becomes spoken digits (the image's stops working). */
    app.post('/captcha/:id/audio', async (request, reply) => {
      await enforceLimit(platform.kv, 'captcha', request.ip, LIMITS.captcha);
      await enforceLimit(platform.kv, 'captcha-audio', request.ip, LIMITS.captchaAudio);
      const { id } = parseInput(captchaAudioSchema, request.params);
      const wav = await platform.captcha.audio(id);
      return reply.header('cache-control', 'no-store').type('audio/wav').send(wav);
    });

    app.post('/sms-codes', async (request) => {
      const input = parseInput(sendSmsCodeSchema, request.body);
      await platform.codes.send(input.purpose, input.mobile, request.ip);
      return { sent: true };
    });

    /** 检查登录名 / 单位名称 / 统一社会信用代码 是否已注册 */
    app.get('/availability', async (request) => {
      await enforceLimit(platform.kv, 'availability', request.ip, LIMITS.availability);
      const { field, value } = parseInput(availabilitySchema, request.query);
      const taken =
        field === 'loginName'
          ? await store.loginNameTaken(loginNameKey(value))
          : field === 'organizationName'
            ? await store.organizationNameTaken(value)
            : await store.creditCodeTaken(value);
      const code = field === 'loginName' ? 'LOGIN_NAME_TAKEN' : field === 'organizationName' ? 'ORGANIZATION_NAME_TAKEN' : 'CREDIT_CODE_TAKEN';
      return { available: !taken, ...(taken ? new AppError(code).toJSON() : {}) };
    });

    app.post('/register/natural', async (request, reply) => {
      await enforceLimit(platform.kv, 'register', request.ip, LIMITS.registration);
      const result = await registerNaturalPerson(platform, parseInput(naturalRegistrationSchema, request.body));
      return reply.status(201).send(result);
    });

    app.post('/register/legal', async (request, reply) => {
      await enforceLimit(platform.kv, 'register', request.ip, LIMITS.registration);
      const result = await registerLegalPerson(platform, parseInput(legalRegistrationSchema, request.body));
      return reply.status(201).send(result);
    });

    app.post('/login', async (request, reply) => {
      const input = parseInput(loginSchema, request.body);
      const result = await login(platform, input, request.ip);
      setSessionCookie(reply, platform, result.sessionId);
      return { kind: result.kind, loginName: result.loginName, passwordChangeReason: result.passwordChangeReason };
    });

    app.post('/logout', async (request, reply) => {
      if (request.session) await endPlatformSession(platform, request.session);
      clearSessionCookie(reply, platform);
      return { loggedOut: true };
    });

    app.get('/me', async (request) => {
      const session = requireSession(request, { allowPendingPasswordChange: true });
      const account = await store.findById(session.accountId);
      if (!account) throw new AppError('NOT_LOGGED_IN', 401);
      const displayName =
        account.kind === 'natural'
          ? (await store.loadIdentity(account.id, 'natural_person'))?.name
          : (await store.loadOrganization(account.id))?.name;
      return {
        kind: account.kind,
        loginName: account.login_name,
        displayName: displayName || account.login_name,
        passwordChangeReason: session.passwordChangeRequired ? (passwordChangeReason(account, platform.config.passwordMaxAgeDays) ?? 'expired') : null,
      };
    });

    app.post('/me/password', async (request) => {
      const session = requireSession(request, { allowPendingPasswordChange: true });
      const input = parseInput(changePasswordSchema, request.body);
      await enforceLimit(platform.kv, 'password-change', session.accountId, LIMITS.passwordChange);
      await changePassword(platform, session, input.oldPassword, input.password);
      return { changed: true };
    });

    app.get('/me/profile', async (request) => profiles.view(requireSession(request).accountId));

    const kindOnly = (kind: 'natural' | 'legal', request: Parameters<typeof requireSession>[0]) => {
      const session = requireSession(request);
      if (session.kind !== kind) throw new AppError('FORBIDDEN', 403);
      return session.accountId;
    };
    app.put('/me/profile/natural-person', async (request) => profiles.saveNaturalPerson(kindOnly('natural', request), request.body as Body));
    app.put('/me/profile/organization-basic', async (request) => profiles.saveOrganizationBasic(kindOnly('legal', request), request.body as Body));
    app.put('/me/profile/organization-other', async (request) => profiles.saveOrganizationOther(kindOnly('legal', request), request.body as Body));
    app.put('/me/profile/primary-agent', async (request) => profiles.savePrimaryAgent(kindOnly('legal', request), request.body as Body));

    const recordsQuery = z.object({ section: z.enum(['natural_person', 'organization_basic', 'organization_other', 'primary_agent', 'password']).optional() });
    app.get('/me/update-records', async (request) => {
      const session = requireSession(request);
      const { section } = parseInput(recordsQuery, request.query);
      return { records: await listUpdateRecords(platform.db, session.accountId, section) };
    });
  };
}
