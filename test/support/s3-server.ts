/**
 * A small S3-compatible server for tests: path-style PUT, GET and DELETE of objects in one
 * bucket, kept in memory. Every request must carry a valid AWS Signature V4 `Authorization`
 * header for the configured key pair, so a client with the wrong secret is refused as S3 would.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

export interface S3ServerOptions {
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface S3Server {
  /** `http://127.0.0.1:<port>`, for the client's `endpoint` with path-style addressing. */
  endpoint: string;
  close(): Promise<void>;
}

/** S3 refuses requests signed more than 15 minutes away from its own clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60_000;

class S3Error extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  const objects = new Map<string, Buffer>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await buffer(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    verifySignature(request, url, body, options);

    const [, bucket = '', ...keyParts] = url.pathname.split('/').map(decodeURIComponent);
    const key = keyParts.join('/');
    if (bucket !== options.bucket) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (key === '') throw new S3Error(501, 'NotImplemented', 'Only object requests are implemented');

    if (request.method === 'PUT') {
      objects.set(key, body);
      response.writeHead(200, { ETag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
    } else if (request.method === 'GET') {
      const object = objects.get(key);
      if (!object) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': object.length }).end(object);
    } else if (request.method === 'DELETE') {
      objects.delete(key); // S3 answers 204 whether or not the key existed
      response.writeHead(204).end();
    } else {
      throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const s3Error = error instanceof S3Error ? error : new S3Error(500, 'InternalError', String(error));
      const xml =
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<Error><Code>${s3Error.code}</Code><Message>${escapeXml(s3Error.message)}</Message>` +
        `<Resource>${escapeXml(request.url ?? '')}</Resource><RequestId>${randomUUID()}</RequestId></Error>`;
      response.writeHead(s3Error.status, { 'Content-Type': 'application/xml' }).end(xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** AWS Signature V4 (header form), as in https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html */
function verifySignature(request: IncomingMessage, url: URL, body: Buffer, options: S3ServerOptions): void {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
    request.headers.authorization ?? '',
  );
  if (!match) throw new S3Error(403, 'AccessDenied', 'Access Denied');
  const [, accessKeyId, date = '', region = '', signedHeaderList = '', signature = ''] = match;
  if (accessKeyId !== options.accessKeyId) {
    throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  }
  if (region !== options.region) throw new S3Error(400, 'AuthorizationHeaderMalformed', `the region '${region}' is wrong`);

  const amzDate = header(request, 'x-amz-date');
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!amzDate.startsWith(date) || Number.isNaN(signedAt)) throw new S3Error(403, 'AccessDenied', 'bad x-amz-date');
  if (Math.abs(Date.now() - signedAt) > MAX_CLOCK_SKEW_MS) {
    throw new S3Error(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
  }

  const payloadHash = header(request, 'x-amz-content-sha256');
  if (payloadHash !== 'UNSIGNED-PAYLOAD') {
    if (!/^[0-9a-f]{64}$/.test(payloadHash)) throw new S3Error(501, 'NotImplemented', `x-amz-content-sha256: ${payloadHash}`);
    if (payloadHash !== sha256(body)) {
      throw new S3Error(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
  }

  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
    throw new S3Error(403, 'AccessDenied', 'host and x-amz-date must be signed');
  }
  const canonicalRequest = [
    request.method,
    url.pathname.split('/').map((segment) => encodeRfc3986(decodeURIComponent(segment))).join('/'),
    [...url.searchParams]
      .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)])
      .sort(([a = ''], [b = '']) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => `${name}=${value}`)
      .join('&'),
    signedHeaders.map((name) => `${name}:${header(request, name).trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${options.secretAccessKey}`);
  for (const part of [date, region, 's3', 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, stringToSign);
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    throw new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  }
}

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  if (value === undefined) throw new S3Error(403, 'AccessDenied', `missing signed header ${name}`);
  return Array.isArray(value) ? value.join(',') : value;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const encodeRfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
