import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MATERIAL_SLOTS, MAX_UPLOAD_BYTES, checkUpload, materialsEditable, materialsSubmitSchema, missingMaterials, sameFiles, sniffImageType } from './materials.ts';
import { STATUS_LABELS, type VerificationStatus } from './rules.ts';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);

describe('materials for manual review', () => {
  test('the seed’s file lists per subject', () => {
    const labels = (subject: keyof typeof MATERIAL_SLOTS) => MATERIAL_SLOTS[subject].map((s) => `${s.label.zh}${s.required ? '*' : ''}`);
    assert.deepEqual(labels('natural_person'), ['注册人身份证正面*', '注册人身份证反面*']);
    assert.deepEqual(labels('organization'), ['营业执照*', '法定代表人证件信息*', '其他材料1', '其他材料2', '其他材料3']);
    assert.deepEqual(labels('primary_agent'), ['主代办人身份证正面*', '主代办人身份证反面*']);
  });

  test('the type comes from the content, not the name', () => {
    assert.equal(sniffImageType(JPEG), 'image/jpeg');
    assert.equal(sniffImageType(PNG), 'image/png');
    assert.equal(sniffImageType(new TextEncoder().encode('not an image.png')), undefined);
    assert.equal(sniffImageType(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])), undefined, 'GIF is not accepted');
    assert.equal(sniffImageType(Uint8Array.from([0xff, 0xd8])), undefined, 'too short to be a JPEG');
    assert.equal(sniffImageType(new Uint8Array()), undefined);
  });

  test('size: at most 1 MB, and not empty', () => {
    const at = (size: number, head: Uint8Array) => {
      const bytes = new Uint8Array(size);
      bytes.set(head);
      return checkUpload(bytes);
    };
    assert.deepEqual(at(MAX_UPLOAD_BYTES, JPEG), { ok: true, type: 'image/jpeg' });
    assert.deepEqual(at(MAX_UPLOAD_BYTES + 1, JPEG), { ok: false, code: 'FILE_TOO_LARGE' });
    assert.deepEqual(checkUpload(new Uint8Array()), { ok: false, code: 'FILE_EMPTY' });
    assert.deepEqual(at(100, new TextEncoder().encode('hello')), { ok: false, code: 'FILE_TYPE_INVALID' });
  });

  test('uploads can change only while the subject waits for materials', () => {
    const editable = Object.keys(STATUS_LABELS).filter((status) => materialsEditable(status as VerificationStatus, 'REGISTRY_MISMATCH'));
    assert.deepEqual(editable.sort(), ['failed', 'review_rejected']);
    assert.equal(materialsEditable('failed', 'MANUAL_REVIEW_REQUIRED'), true);
    assert.equal(materialsEditable('failed', 'DOCUMENT_TAKEN'), false, 'another account holds the document: appeal, not upload');
  });

  test('a submission needs every required file', () => {
    assert.deepEqual(missingMaterials('organization', new Set(['business_licence', 'other_1'])), ['representative_document']);
    assert.deepEqual(missingMaterials('organization', new Set(['business_licence', 'representative_document'])), []);
    assert.deepEqual(missingMaterials('natural_person', new Set()), ['document_front', 'document_back']);
  });
});

describe('issue 14.14: 提交 carries the files the page shows', () => {
  const a = '6f1b1a52-1d39-4c52-9a8e-0b1c4a2d9e01';
  const b = '6f1b1a52-1d39-4c52-9a8e-0b1c4a2d9e02';
  const current = new Map([['document_front', { id: a }], ['document_back', { id: b }]]);

  test('the same files slot by slot, an empty slot as null or absent', () => {
    assert.equal(sameFiles('natural_person', { document_front: a, document_back: b }, current), true);
    assert.equal(sameFiles('natural_person', { document_front: a, document_back: null }, new Map([['document_front', { id: a }]])), true);
    assert.equal(sameFiles('natural_person', { document_front: a }, new Map([['document_front', { id: a }]])), true);
  });

  test('a file the page did not show, or one it showed that is gone, is a difference', () => {
    assert.equal(sameFiles('natural_person', { document_front: a, document_back: null }, current), false, 'the server holds a back the page showed empty');
    assert.equal(sameFiles('natural_person', { document_front: b, document_back: b }, current), false);
    assert.equal(sameFiles('natural_person', { document_front: a, document_back: b }, new Map([['document_front', { id: a }]])), false);
  });

  test('the body: upload ids or null per slot, optional', () => {
    assert.equal(materialsSubmitSchema.safeParse({}).success, true);
    assert.equal(materialsSubmitSchema.safeParse({ files: { document_front: a, document_back: null } }).success, true);
    assert.equal(materialsSubmitSchema.safeParse({ files: { document_front: 'not-an-id' } }).success, false);
  });
});
