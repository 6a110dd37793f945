/**
 * What the CAS endpoints answer, free of I/O: the cas:serviceResponse in XML or JSON
 * (CAS 3.0.3 §2.5.2, §2.5.5, Appendix A), the CAS 1.0 text of /validate, the attributes
 * made from the platform's claims, and the SAML LogoutRequest of single logout (§2.3.3).
 */
import type { UserClaims } from '../claims.ts';
import { acrOf } from '../../realname/levels.ts';
import { randomTicketPart } from './rules.ts';
import type { CasFailure } from './validation.ts';

export const CAS_NAMESPACE = 'http://www.yale.edu/tp/cas';

/** Characters XML 1.0 does not allow at all (escaping cannot save them): replaced by U+FFFD. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text or attribute content: every markup character escaped, quotes included. */
export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, '\ufffd')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** An attribute and its value; a list is a multi-valued attribute (repeated elements in XML). */
export type CasAttribute = [name: string, value: string | string[]];

/** Attributes become element names (cas:<name>): only plain names, never data, may get there. */
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export interface AuthenticationFacts {
  authenticatedAt: string;
  fromNewLogin: boolean;
}

/**
 * The old snake_case name of each camelCase attribute. mod_auth_cas hands attributes to the
 * application as CAS-<name> request headers and Apache 2.4 drops every header whose name holds
 * an underscore, so only camelCase names reach it; a system switched to
 * cas_legacy_attribute_names (migrations/025) receives these as well, for one release.
 */
export const LEGACY_ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  accountId: 'account_id',
  accountType: 'account_type',
  loginName: 'login_name',
  verificationStatus: 'verification_status',
  verificationMethod: 'verification_method',
  documentType: 'document_type',
  documentNumberMasked: 'document_number_masked',
  organizationName: 'organization_name',
  organizationCreditCode: 'organization_credit_code',
  organizationType: 'organization_type',
  organizationRegion: 'organization_region',
  actsForOrganizationName: 'acts_for_organization_name',
  actsForCreditCode: 'acts_for_credit_code',
  actsForRoles: 'acts_for_roles',
  actsForRoleNames: 'acts_for_role_names',
};

export interface AttributeOptions {
  /** Also send the old snake_case names (LEGACY_ATTRIBUTE_NAMES), after the camelCase ones. */
  legacyNames?: boolean;
}

/**
 * The attributes of a successful validation (SPEC §7), flat as CAS clients expect, named in
 * lower camelCase. The organisation of a legal person is spread over organization* attributes;
 * the organisation a natural person acts for over actsFor*, its role codes and names repeated.
 */
export function casAttributes(claims: UserClaims, facts: AuthenticationFacts, options: AttributeOptions = {}): CasAttribute[] {
  const attributes: CasAttribute[] = [
    // CAS 3.0 standard attributes (Appendix A).
    ['authenticationDate', facts.authenticatedAt],
    ['isFromNewLogin', String(facts.fromNewLogin)],
    ['longTermAuthenticationRequestTokenUsed', 'false'],
    ['accountId', claims.sub],
    ['accountType', claims.account_type],
    ['loginName', claims.login_name],
    ['name', claims.name],
    ['verified', String(claims.verified)],
    ['verificationStatus', claims.verification_status],
    // The real-name assurance level, as the OIDC acr (urn:most:realname:l1 … l4, src/realname/levels.ts).
    ['realNameLevel', acrOf(claims.realname_level)],
  ];
  const optional: [string, string | null | undefined][] = [
    ['verificationMethod', claims.verification_method],
    ['documentType', claims.document_type],
    ['documentNumberMasked', claims.document_number_masked],
    ['mobile', claims.mobile],
    ['organizationName', claims.organization?.name],
    ['organizationCreditCode', claims.organization?.credit_code],
    ['organizationType', claims.organization?.type],
    ['organizationRegion', claims.organization?.region],
  ];
  for (const [name, value] of optional) if (value) attributes.push([name, value]);
  // 授权: the organisation acted for and the roles held there, role codes and names each repeated.
  if (claims.acts_for) {
    attributes.push(['actsForOrganizationName', claims.acts_for.organization_name]);
    attributes.push(['actsForCreditCode', claims.acts_for.credit_code]);
    attributes.push(['actsForRoles', claims.acts_for.roles.map((role) => role.code)]);
    attributes.push(['actsForRoleNames', claims.acts_for.roles.map((role) => role.name)]);
  }
  if (!options.legacyNames) return attributes;
  const aliases = attributes.flatMap(([name, value]): CasAttribute[] => {
    const legacy = LEGACY_ATTRIBUTE_NAMES[name];
    return legacy ? [[legacy, value]] : [];
  });
  return [...attributes, ...aliases];
}

export type ValidationResult = { ok: true; user: string; attributes: CasAttribute[] } | ({ ok: false } & CasFailure);

function attributeXml([name, value]: CasAttribute): string {
  if (!ATTRIBUTE_NAME.test(name)) throw new Error(`not an XML name: ${name}`);
  return [value]
    .flat()
    .map((v) => `      <cas:${name}>${escapeXml(v)}</cas:${name}>\n`)
    .join('');
}

/** The cas:serviceResponse document of /serviceValidate, /p3/serviceValidate and /proxyValidate. */
export function serviceResponseXml(result: ValidationResult): string {
  const body = result.ok
    ? `  <cas:authenticationSuccess>
    <cas:user>${escapeXml(result.user)}</cas:user>
${result.attributes.length ? `    <cas:attributes>\n${result.attributes.map(attributeXml).join('')}    </cas:attributes>\n` : ''}  </cas:authenticationSuccess>`
    : `  <cas:authenticationFailure code="${escapeXml(result.code)}">${escapeXml(result.description)}</cas:authenticationFailure>`;
  return `<cas:serviceResponse xmlns:cas="${CAS_NAMESPACE}">\n${body}\n</cas:serviceResponse>\n`;
}

/** The same answer in the JSON form of CAS 3.0 (format=JSON). */
export function serviceResponseJson(result: ValidationResult): { serviceResponse: Record<string, unknown> } {
  if (!result.ok) return { serviceResponse: { authenticationFailure: { code: result.code, description: result.description } } };
  return {
    serviceResponse: {
      authenticationSuccess: {
        user: result.user,
        ...(result.attributes.length ? { attributes: Object.fromEntries(result.attributes) } : {}),
      },
    },
  };
}

/** CAS 1.0 /validate: "yes<LF>username<LF>" or "no<LF><LF>". */
export function validateText(result: ValidationResult): string {
  return result.ok ? `yes\n${result.user}\n` : 'no\n\n';
}

/** The SAML 2.0 LogoutRequest CAS sends each service of the session; SessionIndex names the ticket (§2.3.3). */
export function logoutRequestXml(ticket: string, now: Date = new Date()): string {
  const issued = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="LR-${randomTicketPart(24)}" Version="2.0" IssueInstant="${issued}">` +
    `<saml:NameID xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">@NOT_USED@</saml:NameID>` +
    `<samlp:SessionIndex>${escapeXml(ticket)}</samlp:SessionIndex>` +
    `</samlp:LogoutRequest>`
  );
}
