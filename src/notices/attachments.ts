/**
 * What a notice's attachment may be: PDF, JPEG / PNG images and office documents (Word, Excel,
 * PowerPoint, old and new formats), at most 10 MB. The content decides, as for every upload
 * (src/realname/materials.ts): PDF and images by their signature; office documents are
 * containers (OLE2 for .doc/.xls/.ppt, ZIP with [Content_Types].xml for .docx/.xlsx/.pptx) whose
 * kind the name's extension tells, so the extension must belong to the container found.
 * Pure: shared with the back office's upload button.
 */

export const NOTICE_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Media types by extension, grouped by the signature the content must carry. */
const FAMILIES = {
  pdf: { signature: [0x25, 0x50, 0x44, 0x46, 0x2d], types: { pdf: 'application/pdf' } },
  jpeg: { signature: [0xff, 0xd8, 0xff], types: { jpg: 'image/jpeg', jpeg: 'image/jpeg' } },
  png: { signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], types: { png: 'image/png' } },
  ole2: { signature: OLE2, types: { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' } },
  ooxml: {
    signature: ZIP,
    types: {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    },
  },
} as const satisfies Record<string, { signature: number[]; types: Record<string, string> }>;

/** The extensions the upload button offers (accept=...). */
export const NOTICE_ATTACHMENT_EXTENSIONS = Object.values(FAMILIES).flatMap((f) => Object.keys(f.types));

export type AttachmentProblem = 'FILE_EMPTY' | 'NOTICE_ATTACHMENT_TOO_LARGE' | 'NOTICE_ATTACHMENT_TYPE_INVALID';

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** A ZIP that is an office document: its first entries name the OOXML content-types part. */
function isOoxml(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 4096));
  return head.includes('[Content_Types].xml');
}

export const extensionOf = (fileName: string) => /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** The media type of a file by its content and, for office documents, its extension; or what is wrong with it. */
export function checkAttachment(fileName: string, bytes: Uint8Array): { ok: true; mediaType: string } | { ok: false; code: AttachmentProblem } {
  if (bytes.length === 0) return { ok: false, code: 'FILE_EMPTY' };
  if (bytes.length > NOTICE_ATTACHMENT_MAX_BYTES) return { ok: false, code: 'NOTICE_ATTACHMENT_TOO_LARGE' };
  const extension = extensionOf(fileName);
  for (const [name, family] of Object.entries(FAMILIES)) {
    if (!startsWith(bytes, family.signature)) continue;
    if (name === 'ooxml' && !isOoxml(bytes)) break;
    const mediaType = (family.types as Record<string, string>)[extension];
    return mediaType ? { ok: true, mediaType } : { ok: false, code: 'NOTICE_ATTACHMENT_TYPE_INVALID' };
  }
  return { ok: false, code: 'NOTICE_ATTACHMENT_TYPE_INVALID' };
}
