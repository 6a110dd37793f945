import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { CsvError, csvLine, csvParser, readCsv, type CsvOptions, type CsvRecord } from './csv.ts';

/** Parses text given as the listed chunks. */
function parse(chunks: string[], options?: CsvOptions): CsvRecord[] {
  const parser = csvParser(options);
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
}

async function readAll(input: Iterable<Uint8Array | string>, options?: CsvOptions): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of readCsv(Readable.from(input), options)) out.push(record);
  return out;
}

/** The same records whichever way the text is cut into chunks. */
function assertChunkingInvariant(text: string) {
  const whole = parse([text]);
  for (let cut = 0; cut <= text.length; cut++) assert.deepEqual(parse([text.slice(0, cut), text.slice(cut)]), whole, `cut at ${cut}`);
  assert.deepEqual(parse([...text]), whole, 'one character a chunk');
  return whole;
}

describe('RFC 4180 records', () => {
  it('reads plain fields and numbers lines from 1', () => {
    assert.deepEqual(parse(['a,b,c\n1,2,3\n']), [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, keeping line numbers', () => {
    const text = 'name,note\r\n"Huaxin Technology (Beijing) Co., Ltd.","say ""hi"""\r\n"two\r\nlines","three\nlines\nhere"\r\nlast,x\r\n';
    const records = assertChunkingInvariant(text);
    assert.deepEqual(records, [
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Huaxin Technology (Beijing) Co., Ltd.', 'say "hi"'] },
      { line: 3, fields: ['two\r\nlines', 'three\nlines\nhere'] },
      { line: 7, fields: ['last', 'x'] },
    ]);
  });

  it('accepts CRLF, LF and lone CR line ends, and a last line without one', () => {
    const records = assertChunkingInvariant('a,b\r\nc,d\ne,f\rg,h');
    assert.deepEqual(records.map((r) => [r.line, r.fields]), [
      [1, ['a', 'b']],
      [2, ['c', 'd']],
      [3, ['e', 'f']],
      [4, ['g', 'h']],
    ]);
  });

  it('keeps empty fields, quoted empty fields and a trailing empty field', () => {
    assert.deepEqual(assertChunkingInvariant('a,,""\n,\n"",x,\n').map((r) => r.fields), [['a', '', ''], ['', ''], ['', 'x', '']]);
  });

  it('skips blank lines but counts them', () => {
    assert.deepEqual(assertChunkingInvariant('a\n\n\r\nb\n\n').map((r) => [r.line, r.fields]), [
      [1, ['a']],
      [4, ['b']],
    ]);
  });

  it('drops a UTF-8 byte-order mark at the start only', () => {
    assert.deepEqual(parse(['\uFEFFcredit_code,x\n']), [{ line: 1, fields: ['credit_code', 'x'] }]);
    assert.deepEqual(parse(['', '\uFEFFa\n']), [{ line: 1, fields: ['a'] }], 'an empty first chunk does not hide it');
    assert.deepEqual(parse(['a,\uFEFFb\n']), [{ line: 1, fields: ['a', '\uFEFFb'] }]);
  });

  it('keeps spaces and Chinese text as they are', () => {
    assert.deepEqual(parse([' 北京华信科技有限公司 ,张三\n'])[0]!.fields, [' 北京华信科技有限公司 ', '张三']);
  });
});

describe('malformed records', () => {
  it('reports a quote inside an unquoted field, keeps reading', () => {
    const records = assertChunkingInvariant('a,b"c,d\ne,f\n');
    assert.deepEqual(records[0], { line: 1, fields: ['a', 'b"c', 'd'], problem: 'CSV_STRAY_QUOTE' });
    assert.deepEqual(records[1], { line: 2, fields: ['e', 'f'] });
  });

  it('reports text after a closing quote', () => {
    const records = assertChunkingInvariant('"ab"c,d\nx\n');
    assert.deepEqual(records[0], { line: 1, fields: ['abc', 'd'], problem: 'CSV_TEXT_AFTER_QUOTE' });
    assert.deepEqual(records[1], { line: 2, fields: ['x'] });
  });

  it('reports a quote left open at the end with the line it opened on', () => {
    const records = assertChunkingInvariant('a,b\nc,"d\ne,f\n');
    assert.equal(records.length, 2);
    assert.deepEqual(records[1], { line: 2, fields: ['c', 'd\ne,f\n'], problem: 'CSV_UNTERMINATED_QUOTE' });
  });

  it('stops on a record longer than the limit (a quote never closed), with its line', () => {
    const text = `a\nb\n"${'x'.repeat(200)}`;
    assert.throws(() => parse([text], { maxRecordLength: 100 }), (e: unknown) => e instanceof CsvError && e.code === 'CSV_RECORD_TOO_LONG' && e.line === 3);
    assert.throws(() => parse([...text], { maxRecordLength: 100 }), (e: unknown) => e instanceof CsvError && e.code === 'CSV_RECORD_TOO_LONG');
    assert.equal(parse([text], { maxRecordLength: 1000 }).length, 3);
  });

  it('stops on too many fields', () => {
    assert.throws(() => parse([`${','.repeat(20)}\n`], { maxFields: 10 }), (e: unknown) => e instanceof CsvError && e.code === 'CSV_TOO_MANY_FIELDS' && e.line === 1);
  });
});

describe('readCsv over a byte stream', () => {
  it('decodes UTF-8 split across chunks and drops the BOM', async () => {
    const bytes = Buffer.from('\uFEFF单位名称,姓名\r\n北京华信科技有限公司,张三\r\n', 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 5) chunks.push(bytes.subarray(i, i + 5));
    assert.deepEqual(await readAll(chunks), [
      { line: 1, fields: ['单位名称', '姓名'] },
      { line: 2, fields: ['北京华信科技有限公司', '张三'] },
    ]);
  });

  it('stops on bytes that are not UTF-8, naming the line reached', async () => {
    const gbk = Buffer.from([0xb1, 0xb1, 0xbe, 0xa9]); // 北京 in GBK
    const input = [Buffer.from('a,b\nc,d\n'), Buffer.concat([gbk, Buffer.from(',x\n')])];
    await assert.rejects(readAll(input), (e: unknown) => e instanceof CsvError && e.code === 'CSV_NOT_UTF8' && e.line === 3);
  });

  it('reads a large file with flat memory: 400,000 records through a 24 MB heap', () => {
    // A child process with a small heap: it would run out of memory if records were kept.
    const script = String.raw`
      import { Readable } from 'node:stream';
      import { readCsv } from ${JSON.stringify(new URL('./csv.ts', import.meta.url).href)};
      function* chunks() {
        let text = 'a,b,c\n';
        for (let i = 0; i < 400000; i++) {
          text += i + ',"北京, 华信 ""科技""",x' + i + '\n';
          if (text.length > 65536) { yield Buffer.from(text); text = ''; }
        }
        yield Buffer.from(text);
      }
      let count = 0, last;
      for await (const record of readCsv(Readable.from(chunks()))) { count++; last = record; }
      console.log(JSON.stringify({ count, last }));
    `;
    const result = spawnSync(process.execPath, ['--max-old-space-size=24', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { count: 400_001, last: { line: 400_001, fields: ['399999', '北京, 华信 "科技"', 'x399999'] } });
  });
});

describe('csvLine', () => {
  it('quotes only what needs it and reads back the same', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'two\nlines', '', '盐:$'];
    const line = csvLine(fields);
    assert.equal(line, 'plain,"a,b","say ""hi""","two\nlines",,盐:$\r\n');
    assert.deepEqual(parse([line])[0]!.fields, fields);
  });
});
