/**
 * What personal data looks like in a log line: the shapes of the fixtures' mobiles, resident
 * ID numbers and e-mail addresses, and any Chinese text (names, addresses: the platform's own
 * log messages are English, so Chinese in a log line came from a person).
 */
export const PERSONAL_DATA_SHAPES: Record<string, RegExp> = {
  mobile: /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/,
  'resident ID number': /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/,
  'e-mail address': /[\w.+-]+@[\w-]+\.[\w.-]+/,
  'Chinese text (a name or an address)': /\p{Script=Han}/u,
  'the fixtures\' password': /Passw0rd!/,
};

export interface Finding {
  file: string;
  line: number;
  shape: string;
  excerpt: string;
}

/** Every line of `text` that holds something shaped like personal data, with what it looked like. */
export function findPersonalData(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, index) => {
    for (const [shape, pattern] of Object.entries(PERSONAL_DATA_SHAPES)) {
      if (pattern.test(line)) findings.push({ file, line: index + 1, shape, excerpt: line.slice(0, 300) });
    }
  });
  return findings;
}
