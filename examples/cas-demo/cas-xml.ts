/**
 * The two XML documents a CAS client reads: the cas:serviceResponse of /p3/serviceValidate
 * (CAS 3.0 §2.5, attributes §A) and the SAML LogoutRequest of single logout (§2.3.3). Both are
 * small, flat and produced by the platform, so a careful pattern match does; a system that
 * already has an XML parser should use it.
 */

export type ServiceResponse =
  | { ok: true; user: string; attributes: Record<string, string[]> }
  | { ok: false; code: string; description: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(value: string): string {
  return value
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, data: string) => data.replace(/&/g, '&amp;'))
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
      if (entity[0] === '#') return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
      return ENTITIES[entity] ?? match;
    });
}

/** The answer of serviceValidate; a document that is neither success nor failure is a failure too. */
export function parseServiceResponse(xml: string): ServiceResponse {
  const failure = xml.match(/<cas:authenticationFailure\s+code="([^"]*)"\s*>([\s\S]*?)<\/cas:authenticationFailure>/);
  if (failure) return { ok: false, code: unescapeXml(failure[1]!), description: unescapeXml(failure[2]!.trim()) };
  const success = xml.match(/<cas:authenticationSuccess>([\s\S]*?)<\/cas:authenticationSuccess>/);
  const user = success?.[1]!.match(/<cas:user>([\s\S]*?)<\/cas:user>/);
  if (!success || !user) return { ok: false, code: 'INVALID_RESPONSE', description: '平台的应答无法识别' };
  const attributes: Record<string, string[]> = {};
  const block = success[1]!.match(/<cas:attributes>([\s\S]*?)<\/cas:attributes>/)?.[1] ?? '';
  // A repeated element is a multi-valued attribute (e.g. actsForRoles).
  for (const [, name, value] of block.matchAll(/<cas:([A-Za-z_][\w.-]*)>([\s\S]*?)<\/cas:\1>/g)) {
    (attributes[name!] ??= []).push(unescapeXml(value!));
  }
  return { ok: true, user: unescapeXml(user[1]!), attributes };
}

/** The ticket a single-logout request names (its SessionIndex), if it is one. */
export function logoutRequestTicket(xml: string): string | undefined {
  if (!/<samlp:LogoutRequest[\s>]/.test(xml)) return undefined;
  const index = xml.match(/<samlp:SessionIndex>([\s\S]*?)<\/samlp:SessionIndex>/)?.[1];
  return index ? unescapeXml(index.trim()) : undefined;
}
