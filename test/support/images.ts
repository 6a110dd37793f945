/** Image files for upload tests: real images (they render in a browser) and impostors. */

/** A real 1x1 PNG. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A real 1x1 JPEG. */
export const JPEG_1X1 = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** A JPEG of about `bytes` bytes: a JPEG header followed by padding (the size is what matters). */
export function jpegOfSize(bytes: number): Buffer {
  const file = Buffer.alloc(bytes, 0x20);
  JPEG_1X1.copy(file, 0, 0, Math.min(JPEG_1X1.length, bytes));
  return file;
}

/** A text file that calls itself a PNG (renamed 证件.png). */
export const TEXT_NAMED_PNG = Buffer.from('这不是图片，只是改了扩展名的文本文件。\n');
