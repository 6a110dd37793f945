import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { assertStorageKey, type ObjectStorage } from './object-storage.ts';

/** Objects in one bucket of AWS S3 or an S3-compatible service (MinIO, Ceph, cloud vendors' object storage). */
export function s3Storage(options: {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}): ObjectStorage {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Not every S3-compatible service accepts the CRC checksums newer SDKs add by default;
    // the signed payload hash still protects the bytes on the way.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const object = (key: string) => {
    assertStorageKey(key);
    return { Bucket: options.bucket, Key: key };
  };
  return {
    async put(key, bytes) {
      await client.send(new PutObjectCommand({ ...object(key), Body: bytes, ContentType: 'application/octet-stream' }));
    },
    async get(key) {
      try {
        const response = await client.send(new GetObjectCommand(object(key)));
        return Buffer.from(await response.Body!.transformToByteArray());
      } catch (error) {
        if (isMissingKey(error)) return undefined;
        throw error;
      }
    },
    async delete(key) {
      // S3 answers 204 for a key that is not there, so deleting twice is fine.
      await client.send(new DeleteObjectCommand(object(key)));
    },
  };
}

/** A missing key, not a missing bucket: a misconfigured bucket must fail loudly, not read as "no file". */
function isMissingKey(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NoSuchKey' || (error.$metadata.httpStatusCode === 404 && error.name !== 'NoSuchBucket');
}
