/**
 * A streaming CSV reader (RFC 4180) for legacy export files of any size:
 * quoted fields with commas, doubled quotes and line breaks, CRLF / LF / CR line
 * ends, a UTF-8 byte-order mark. Records come out one at a time with the line
 * they start on, so memory stays flat however long the file is.
 *
 * A record that breaks the format (a quote inside an unquoted field, text
 * after a closing quote, a quote left open at the end of the file) still
 * comes out, with `problem` set, so the caller can report it by line and go
 * on. Only what cannot be recovered stops the reader with a CsvError: bytes
 * that are not UTF-8, or a record longer than `maxRecordLength` characters
 * (almost always a quote opened and never closed).
 */

export type CsvProblem = 'CSV_STRAY_QUOTE' | 'CSV_TEXT_AFTER_QUOTE' | 'CSV_UNTERMINATED_QUOTE';

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
  problem?: CsvProblem;
}

export type CsvFatal = 'CSV_NOT_UTF8' | 'CSV_RECORD_TOO_LONG' | 'CSV_TOO_MANY_FIELDS';

/** The file cannot be read on from `line`. */
export class CsvError extends Error {
  readonly code: CsvFatal;
  readonly line: number;
  constructor(code: CsvFatal, line: number) {
    super(`${code} at line ${line}`);
    this.name = 'CsvError';
    this.code = code;
    this.line = line;
  }
}

export interface CsvOptions {
  /** Longest record in characters (default 1 MiB): bounds memory when a quote is never closed. */
  maxRecordLength?: number;
  /** Most fields in a record (default 1000). */
  maxFields?: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

// Parser states.
const RECORD_START = 0; // nothing of the current record read yet
const FIELD_START = 1; // after a comma
const UNQUOTED = 2;
const QUOTED = 3;
const QUOTED_QUOTE = 4; // a quote seen inside a quoted field: escaped quote or the closing one

/**
 * The push-style core: feed decoded text with `push`, then call `end`. Each
 * call returns the records completed by it. Exposed for tests and for callers
 * that already hold text; files go through {@link readCsv}.
 */
export function csvParser(options: CsvOptions = {}) {
  const maxRecordLength = options.maxRecordLength ?? 1024 * 1024;
  const maxFields = options.maxFields ?? 1000;
  let state = RECORD_START;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let recordLength = 0;
  let problem: CsvProblem | undefined;
  let lastWasCR = false;
  let first = true;

  const note = (p: CsvProblem) => {
    problem ??= p;
  };

  function endField() {
    recordLength += field.length;
    if (recordLength > maxRecordLength) throw new CsvError('CSV_RECORD_TOO_LONG', recordLine);
    fields.push(field);
    if (fields.length > maxFields) throw new CsvError('CSV_TOO_MANY_FIELDS', recordLine);
    field = '';
  }

  function endRecord(out: CsvRecord[]) {
    endField();
    out.push(problem ? { line: recordLine, fields, problem } : { line: recordLine, fields });
    fields = [];
    recordLength = 0;
    problem = undefined;
    state = RECORD_START;
  }

  function push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    let segment = i; // start of the text of the current field not yet copied into `field`
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const crlf = c === LF && lastWasCR;
      lastWasCR = c === CR;
      // A line ends at LF, at CR, and at CRLF once.
      if ((c === LF && !crlf) || c === CR) line++;
      switch (state) {
        case RECORD_START:
        case FIELD_START:
          if (c === QUOTE) {
            if (state === RECORD_START) recordLine = line;
            state = QUOTED;
            segment = i + 1;
          } else if (c === COMMA) {
            if (state === RECORD_START) recordLine = line;
            endField();
            state = FIELD_START;
          } else if (c === LF || c === CR) {
            // A blank line (or the LF of a CRLF) between records is skipped.
            if (state === FIELD_START) endRecord(out);
          } else {
            if (state === RECORD_START) recordLine = line;
            state = UNQUOTED;
            segment = i;
          }
          break;
        case UNQUOTED:
          if (c === COMMA || c === LF || c === CR) {
            field += text.slice(segment, i);
            if (c === COMMA) {
              endField();
              state = FIELD_START;
            } else endRecord(out);
          } else if (c === QUOTE) note('CSV_STRAY_QUOTE');
          break;
        case QUOTED:
          if (c === QUOTE) {
            field += text.slice(segment, i);
            state = QUOTED_QUOTE;
          }
          break;
        case QUOTED_QUOTE:
          if (c === QUOTE) {
            // "" inside quotes: the second quote starts the next piece of text.
            state = QUOTED;
            segment = i;
          } else if (c === COMMA) {
            endField();
            state = FIELD_START;
          } else if (c === LF || c === CR) {
            endRecord(out);
          } else {
            note('CSV_TEXT_AFTER_QUOTE');
            state = UNQUOTED;
            segment = i;
          }
          break;
      }
    }
    if (state === UNQUOTED || state === QUOTED) {
      field += text.slice(segment);
      if (recordLength + field.length > maxRecordLength) throw new CsvError('CSV_RECORD_TOO_LONG', recordLine);
    }
    return out;
  }

  function end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (state === QUOTED) note('CSV_UNTERMINATED_QUOTE');
    if (state !== RECORD_START) endRecord(out);
    return out;
  }

  /** The line the parser has reached (for errors raised outside it). */
  const currentLine = () => line;

  return { push, end, currentLine };
}

/**
 * Reads CSV records from a byte stream (e.g. `fs.createReadStream(path)`) or
 * from text chunks. Bytes are decoded as UTF-8, strictly: anything else stops
 * with CSV_NOT_UTF8 and the line reached.
 */
export async function* readCsv(input: AsyncIterable<Uint8Array | string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = csvParser(options);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  function* decodeAndParse(chunk: Uint8Array | string, stream: boolean): Generator<CsvRecord> {
    if (typeof chunk === 'string') return yield* parser.push(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream });
    } catch {
      // Read up to the bad bytes, so the error names the line they are on.
      const lenient = new TextDecoder('utf-8').decode(chunk);
      yield* parser.push(lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))));
      throw new CsvError('CSV_NOT_UTF8', parser.currentLine());
    }
    yield* parser.push(text);
  }
  for await (const chunk of input) yield* decodeAndParse(chunk, true);
  yield* decodeAndParse(new Uint8Array(0), false);
  yield* parser.end();
}

/** One field quoted for CSV output when it needs to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value.startsWith('\uFEFF') ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line (with CRLF, as RFC 4180 writes it). */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}
