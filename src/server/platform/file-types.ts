import { fieldError } from './errors';
import { mediaTypes } from './file-response';

/**
 * What a stored upload really is, judged from its first bytes (never from the name or the type the
 * browser sent, which the uploader controls): PDF, PNG, JPEG, and the Office Open XML documents
 * (docx, xlsx, pptx: zip archives whose first entry names tell them apart).
 */
export type SniffedType = 'pdf' | 'png' | 'jpeg' | 'docx' | 'xlsx' | 'pptx';

export const sniffedMediaTypes: Record<SniffedType, string> = {
  pdf: mediaTypes.pdf,
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: mediaTypes.xlsx,
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** The Office part folder a zip names among its first entries ('word/', 'xl/', 'ppt/'). */
function officeKind(bytes: Uint8Array): SniffedType | null {
  // Local file headers start 'PK\x03\x04'; the name follows at offset 30 (length at 26). The
  // parts may come in any order, so look through the headers of the first 64 KB.
  const limit = Math.min(bytes.length, 65_536);
  const decoder = new TextDecoder('latin1');
  for (let at = 0; at + 30 <= limit; ) {
    if (!startsWith(bytes.subarray(at), [0x50, 0x4b, 0x03, 0x04])) break;
    const nameLength = bytes[at + 26]! | (bytes[at + 27]! << 8);
    const extraLength = bytes[at + 28]! | (bytes[at + 29]! << 8);
    const compressedSize =
      (bytes[at + 18]! | (bytes[at + 19]! << 8) | (bytes[at + 20]! << 16) | (bytes[at + 21]! << 24)) >>> 0;
    const name = decoder.decode(bytes.subarray(at + 30, at + 30 + nameLength));
    if (name.startsWith('word/')) return 'docx';
    if (name.startsWith('xl/')) return 'xlsx';
    if (name.startsWith('ppt/')) return 'pptx';
    // A data descriptor (flag bit 3) leaves the size unknown here: stop rather than guess.
    const flags = bytes[at + 6]! | (bytes[at + 7]! << 8);
    if (flags & 0x08) break;
    at += 30 + nameLength + extraLength + compressedSize;
  }
  return null;
}

export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeKind(bytes);
  return null;
}

/**
 * Checks an upload against the allowed types and a size limit; answers its real media type. A
 * refusal is a field error on `file` in both languages, before anything is stored.
 */
export function checkUpload(
  file: { bytes: Uint8Array } | undefined,
  options: { allowed: readonly SniffedType[]; maxBytes: number },
): { type: SniffedType; mediaType: string } {
  if (!file || file.bytes.byteLength === 0)
    throw fieldError(['file'], 'ファイルを選択してください。', 'Choose a file.', 'required');
  if (file.bytes.byteLength > options.maxBytes) {
    const mb = Math.floor(options.maxBytes / (1024 * 1024));
    throw fieldError(
      ['file'],
      `ファイルが大きすぎます（${mb}MBまで）。`,
      `The file is too large (up to ${mb} MB).`,
      'too_big',
    );
  }
  const type = sniffFileType(file.bytes);
  if (!type || !options.allowed.includes(type)) {
    const names = options.allowed.map((t) => t.toUpperCase()).join(', ');
    throw fieldError(
      ['file'],
      `この種類のファイルは添付できません（${names}のみ）。`,
      `This kind of file cannot be attached (${names} only).`,
      'invalid_type',
    );
  }
  return { type, mediaType: sniffedMediaTypes[type] };
}
